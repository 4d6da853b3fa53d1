using System.Globalization;
using System.Text.Json;
using Wnn.Experiments.Config;
using Wnn.Experiments.Evaluation;
using Wnn.Experiments.Phased;
using Wnn.Ram.Evaluation;
using Wnn.Ram.Model;

namespace Wnn.Experiments.Checkpoints;

/// <summary>JSON layout of phase checkpoints, results files and genome files (one reader for all three).</summary>
internal static class CheckpointSerializer
{
    public const string CheckpointFormat = "wnn.phase_checkpoint";
    public const string ResultsFormat = "wnn.phased_search_results";
    public const string GenomeFormat = "wnn.genome";

    public static void WriteCheckpoint(Utf8JsonWriter w, PhaseCheckpoint cp, IntArrayEncoding encoding)
    {
        w.WriteStartObject();
        w.WriteString("format", CheckpointFormat);
        w.WriteNumber("version", 1);
        w.WriteString("phase", cp.Phase);
        w.WriteString("name", cp.Name);
        w.WriteNumber("pass", cp.Pass);
        w.WriteNumber("seed", cp.Seed);
        w.WriteBoolean("complete", cp.IsComplete);
        if (cp.DataFingerprint is { } fingerprint)
        {
            w.WriteString("data_fingerprint", fingerprint);
        }

        if (cp.ScoreScaleFit is { } fit)
        {
            w.WritePropertyName("score_scale_fit");
            JsonSerializer.Serialize(w, ScoreScaleFitJson.Fields(fit));
        }

        WriteConfigValues(w, cp.Config);
        w.WriteStartObject("baseline");
        WriteNumber(w, "ce", cp.Baseline.CrossEntropy);
        WriteNumber(w, "accuracy", cp.Baseline.Accuracy);
        w.WriteEndObject();
        WriteSummaries(w, cp.CompletedPhases);
        if (cp.Result is { } r)
        {
            w.WriteStartObject("phase_result");
            WriteNumber(w, "fitness", r.Best.CrossEntropy);
            WriteNumber(w, "accuracy", r.Best.Accuracy);
            w.WriteNumber("iterations", r.Iterations);
            w.WriteBoolean("early_stopped", r.EarlyStopped);
            WriteNumber(w, "final_threshold", r.FinalThreshold);
            GenomeJson.WriteGenome(w, "best_genome", r.Best.Genome, encoding);
            w.WriteEndObject();
            GenomeJson.WritePopulation(w, "final_population", r.FinalPopulation, encoding);
        }

        if (cp.State is { } s)
        {
            w.WriteStartObject("state");
            w.WriteNumber("iteration", s.Iteration);
            WriteNumber(w, "threshold_start", s.ThresholdStart);
            w.WriteNumber("patience_counter", s.PatienceCounter);
            WriteNumber(w, "last_check_best", s.LastCheckBest);
            WriteNumber(w, "global_best", s.GlobalBest);
            w.WriteNumber("part", s.Part);
            // Random numbers of iteration i come from Rng.ForStream(phase seed, i): the seed and the iteration are the whole generator state.
            w.WriteStartObject("rng");
            w.WriteString("scheme", "xoshiro256** stream per (seed, pass, phase, iteration)");
            w.WriteNumber("seed", cp.Seed);
            w.WriteNumber("next_iteration", s.Iteration);
            w.WriteEndObject();
            w.WriteStartArray("tabu_moves");
            foreach (int[] move in s.TabuMoves)
            {
                w.WriteStartArray();
                foreach (int c in move)
                {
                    w.WriteNumberValue(c);
                }

                w.WriteEndArray();
            }

            w.WriteEndArray();
            GenomeJson.WritePopulation(w, "population", s.Population, encoding);
            w.WriteEndObject();
        }

        w.WriteEndObject();
    }

    public static void WriteResults(Utf8JsonWriter w, PhasedRunResult r, IntArrayEncoding genomeEncoding, IntArrayEncoding populationEncoding)
    {
        w.WriteStartObject();
        w.WriteString("format", ResultsFormat);
        w.WriteNumber("version", 1);
        w.WriteNumber("pass", r.Pass);
        w.WriteNumber("patience", r.Patience);
        w.WriteNumber("seed", r.Seed);
        w.WriteString("timestamp", r.Timestamp.ToString("O", CultureInfo.InvariantCulture));
        w.WriteNumber("elapsed_seconds", Math.Round(r.ElapsedSeconds, 3));
        WriteConfigValues(w, ConfigValues(r.Config));
        if (r.ScoreScaleFit is { } fit)
        {
            w.WritePropertyName("score_scale_fit");
            JsonSerializer.Serialize(w, ScoreScaleFitJson.Fields(fit));
        }

        if (r.NgramBaselines is { } baselines)
        {
            w.WritePropertyName("ngram_baselines");
            JsonSerializer.Serialize(w, BaselineJson.Fields(baselines));
        }

        w.WriteStartObject("baseline");
        WriteNumber(w, "fitness", r.Baseline.CrossEntropy);
        WriteNumber(w, "accuracy", r.Baseline.Accuracy);
        w.WriteEndObject();
        WriteSummaries(w, r.Phases);
        w.WriteStartObject("final");
        WriteNumber(w, "fitness", r.Final.CrossEntropy);
        WriteNumber(w, "accuracy", r.Final.Accuracy);
        WriteNumber(w, "final_threshold", r.FinalThreshold);
        GenomeStats st = r.Final.Genome.Stats();
        w.WriteStartObject("genome_stats");
        w.WriteNumber("clusters", st.Clusters);
        w.WriteNumber("neurons", st.Neurons);
        w.WriteNumber("connections", st.Connections);
        WriteNumber(w, "mean_bits", st.MeanBits);
        w.WriteNumber("min_bits", st.MinBits);
        w.WriteNumber("max_bits", st.MaxBits);
        w.WriteNumber("min_neurons", st.MinNeurons);
        w.WriteNumber("max_neurons", st.MaxNeurons);
        w.WriteEndObject();
        GenomeJson.WriteGenome(w, "genome", r.Final.Genome, genomeEncoding);
        GenomeJson.WritePopulation(w, "final_population", r.FinalPopulation, populationEncoding);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    public static void WriteGenomeFile(Utf8JsonWriter w, Genome genome, IntArrayEncoding encoding)
    {
        w.WriteStartObject();
        w.WriteString("format", GenomeFormat);
        w.WriteNumber("version", 1);
        GenomeJson.WriteGenome(w, "genome", genome, encoding);
        w.WriteEndObject();
    }

    public static Dictionary<string, string?> ConfigValues(PhasedConfig config)
    {
        var values = new Dictionary<string, string?>(StringComparer.Ordinal);

        // The settings that decide results: not where the files are (a flow's worker is sent absolute paths) nor the keys
        // that may change on resume (threads, cache folder, checkpoint spacing), so that equal runs write equal files.
        foreach (ConfigKey key in PhasedConfig.Keys.Where(k => k.Definition.Resume != ResumeRule.Safe && !k.Definition.IsPath))
        {
            values[key.Name] = key.Get(config) switch
            {
                null => null,
                bool b => b ? "true" : "false",
                double d => d.ToString("R", CultureInfo.InvariantCulture),
                IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                var o => o.ToString(),
            };
        }

        return values;
    }

    private static void WriteConfigValues(Utf8JsonWriter w, IReadOnlyDictionary<string, string?> values)
    {
        w.WriteStartObject("config");
        foreach (var (name, text) in values)
        {
            ConfigKey? key = PhasedConfig.FindKey(name);
            if (text is null)
            {
                w.WriteNull(name);
            }
            else if (key?.Kind is ConfigValueKind.Integer or ConfigValueKind.UnsignedInteger or ConfigValueKind.Number
                && !key.Definition.Words.Contains(text))
            {
                // A number; a word in its place (score_scale: auto) is written as a string below.
                w.WritePropertyName(name);
                w.WriteRawValue(text, skipInputValidation: false);
            }
            else if (key?.Kind is ConfigValueKind.Boolean)
            {
                w.WriteBoolean(name, text == "true");
            }
            else
            {
                w.WriteString(name, text);
            }
        }

        w.WriteEndObject();
    }

    private static void WriteSummaries(Utf8JsonWriter w, IReadOnlyList<PhaseSummary> phases)
    {
        w.WriteStartArray("phases");
        foreach (PhaseSummary p in phases)
        {
            w.WriteStartObject();
            w.WriteString("phase", p.Phase);
            w.WriteString("name", p.Name);
            WriteNumber(w, "fitness", p.Fitness);
            WriteNumber(w, "accuracy", p.Accuracy);
            w.WriteNumber("iterations", p.Iterations);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static void WriteNumber(Utf8JsonWriter w, string name, double value)
    {
        if (double.IsFinite(value))
        {
            w.WriteNumber(name, value);
        }
        else
        {
            w.WriteNull(name);
        }
    }
}
