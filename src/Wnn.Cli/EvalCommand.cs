using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Wnn.Experiments.Checkpoints;
using Wnn.Ram.Bitwise;
using Wnn.Experiments.Evaluation;
using Wnn.Ram.Baselines;
using Wnn.Ram.Evaluation;
using Wnn.Ram.Model;
using Wnn.Ram.Text;

namespace Wnn.Cli;

/// <summary>`wnn eval`: evaluates a tiered or bitwise genome or a genome file and prints CE, perplexity, accuracy and time.</summary>
internal static class EvalCommand
{
    public const int DefaultTrainTokens = 200_000;
    public const int DefaultEvalTokens = 50_000;

    public static Command Create()
    {
        var data = new DataCliOptions();
        var model = new ModelCliOptions();
        var bitwiseModel = new BitwiseCliOptions();
        var genomeFile = new Option<string?>("--genome") { Description = "Evaluate the genome of this file (genome file, phase checkpoint or results JSON; gzipped or not) instead of a tiered genome." };
        var save = new Option<string?>("--save-genome") { Description = "Write the evaluated genome to this file (gzip JSON)." };
        var json = new Option<bool>("--json") { Description = "Print one JSON object: ce, perplexity, accuracy, seconds." };
        var reference = new Option<bool>("--reference") { Description = "Use the slow literal reference evaluator (for checking)." };
        var command = new Command("eval", "Train a genome's RAM memory and evaluate it: CE, perplexity, accuracy.");
        data.AddTo(command);
        model.AddTo(command);
        bitwiseModel.AddTo(command);
        command.Add(genomeFile);
        command.Add(save);
        command.Add(json);
        command.Add(reference);
        command.SetAction((parse, ct) => Task.Run(() =>
        {
            DataOptions dataOptions = WithDefaultCaps(data.Read(parse));
            ModelOptions modelOptions = model.ReadModel(parse);
            TierConfig tiers = model.ReadTiers(parse);
            int threads = model.ReadThreads(parse);
            string? savePath = parse.GetValue(save);
            CliFiles.EnsureWritable(savePath, "--save-genome");
            LoadedData loaded = DataSource.Load(dataOptions, ct);
            bool bitwise = bitwiseModel.ReadIsBitwise(parse);
            BitwiseOptions bitwiseOptions = bitwiseModel.ReadOptions(parse);
            (int bitwiseNeurons, int bitwiseBits) = bitwiseModel.ReadShape(parse);
            if (bitwise && model.ReadScoreScaleAuto(parse))
            {
                throw new CliException("--score-scale auto applies to the tiered model only; the bitwise model has no score scale (docs/bitwise.md)");
            }

            ModelSetup setup = CreateSetup(loaded, modelOptions);
            int bitClusters = ExampleSet.BitsPerToken(setup.Full.ClusterCount);
            ulong seed = parse.GetValue(model.Seed);
            Genome genome = LoadOrCreate(parse.GetValue(genomeFile), bitwise ? bitClusters : setup.Full.ClusterCount, setup.Full.InputBits,
                () => bitwise
                    ? BitwiseModel.CreateGenome(bitClusters, bitwiseNeurons, bitwiseBits, setup.Full.InputBits, seed)
                    : setup.TieredGenome(tiers, seed));
            bool useReference = parse.GetValue(reference);
            IGenomeEvaluator Evaluator(EvaluationData d) => (bitwise, useReference) switch
            {
                (true, true) => new BitwiseReferenceEvaluator(d, bitwiseOptions),
                (true, false) => new BitwiseEvaluator(d, bitwiseOptions, threads, keepStates: false),
                (false, true) => new ReferenceEvaluator(d),
                _ => new GenomeEvaluator(d, new GenomeEvaluatorOptions { MaxDegreeOfParallelism = threads, KeepStates = false }),
            };
            var clock = Stopwatch.StartNew();
            EvaluationResult result;
            ScoreScaleFitResult? fit = null;
            try
            {
                if (model.ReadScoreScaleAuto(parse))
                {
                    fit = ScoreScaleFit.Fit(setup.Order, loaded.TrainTokens, modelOptions, genome, Evaluator, ct);
                    setup = CreateSetup(loaded, modelOptions with { ScoreScale = fit.ScoreScale });
                }

                result = Evaluator(setup.Full).Evaluate(genome, ct);
            }
            catch (GenomeValidationException ex)
            {
                throw new CliException($"genome does not fit the data: {ex.Message}");
            }
            catch (ArgumentException ex)
            {
                throw new CliException(ex.Message);
            }

            double seconds = clock.Elapsed.TotalSeconds;
            BaselineReport baselines = Baselines(loaded, modelOptions.ContextSize);
            if (savePath is not null)
            {
                GenomeFile.Save(savePath, genome);
            }

            if (parse.GetValue(json))
            {
                var fields = new Dictionary<string, object>
                {
                    ["ce"] = result.CrossEntropy,
                    ["perplexity"] = result.Perplexity,
                    ["accuracy"] = result.Accuracy,
                    ["seconds"] = seconds,
                    ["clusters"] = genome.ClusterCount,
                    ["neurons"] = genome.NeuronCount,
                    ["train_tokens"] = loaded.TrainTokens.Length,
                    ["eval_tokens"] = loaded.EvalTokens.Length,
                    ["model"] = bitwise ? "bitwise" : "tiered",
                };
                if (bitwise)
                {
                    fields["memory_mode"] = MemoryModeNames.Name(bitwiseOptions.MemoryMode);
                    fields["neuron_sample_rate"] = bitwiseOptions.NeuronSampleRate;
                    fields["kernels"] = BitwiseEvaluator.Kernels;
                }
                else
                {
                    fields["output_bias"] = OutputBiasNames.Name(modelOptions.OutputBias);
                    fields["score_scale"] = setup.Options.ScoreScale;
                }

                if (fit is not null)
                {
                    fields["score_scale_fit"] = ScoreScaleFitJson.Fields(fit);
                }

                fields["ngram_baselines"] = BaselineJson.Fields(baselines);
                Console.WriteLine(JsonSerializer.Serialize(fields));
            }
            else
            {
                Console.WriteLine(loaded.Description);
                if (bitwise)
                {
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"model bitwise: {genome.ClusterCount} bit-clusters, {genome.NeuronCount} neurons, memory {MemoryModeNames.Name(bitwiseOptions.MemoryMode)}, neuron sample rate {bitwiseOptions.NeuronSampleRate}"));
                }
                if (fit is not null)
                {
                    Console.WriteLine(ScoreScaleFitJson.Describe(fit));
                }

                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"CE {result.CrossEntropy:F6}  perplexity {result.Perplexity:F1}  accuracy {result.Accuracy:P3}  time {seconds:F3} s"));
                Console.WriteLine(BaselineJson.Compare(result.CrossEntropy, baselines));
                if (savePath is not null)
                {
                    Console.WriteLine($"genome written to {savePath}");
                }
            }

            return 0;
        }, ct));
        return command;
    }

    /// <summary>The n-gram baselines on the same tokens and targets (context <paramref name="context"/>).</summary>
    public static BaselineReport Baselines(LoadedData loaded, int context) =>
        NgramBaselines.Evaluate(loaded.TrainTokens, loaded.EvalTokens, loaded.Tokenizer.VocabularySize, new BaselineOptions { ContextSize = context });

    /// <summary>The seed's defaults: 200,000 training and 50,000 evaluation tokens unless given.</summary>
    public static DataOptions WithDefaultCaps(DataOptions options) => options with
    {
        TrainTokens = options.TrainTokens ?? DefaultTrainTokens,
        EvalTokens = options.EvalTokens ?? DefaultEvalTokens,
    };

    public static ModelSetup CreateSetup(LoadedData loaded, ModelOptions options)
    {
        try
        {
            return ModelSetup.Create(loaded, options);
        }
        catch (ArgumentException ex)
        {
            throw new CliException(ex.Message);
        }
    }

    private static Genome LoadOrCreate(string? path, int clusters, int inputBits, Func<Genome> create)
    {
        if (path is null)
        {
            return create();
        }

        try
        {
            // A genome file, a phase checkpoint or a results JSON: the loader detects which.
            Genome genome = SeedLoader.Load(path).Genome;
            genome.ValidateFor(clusters, inputBits);
            return genome;
        }
        catch (Exception ex) when (ex is CheckpointException or GenomeValidationException or IOException)
        {
            throw new CliException($"--genome: {ex.Message}");
        }
    }
}
