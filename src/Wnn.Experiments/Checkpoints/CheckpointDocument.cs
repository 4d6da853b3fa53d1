using System.Text.Json;
using Wnn.Experiments.Phased;
using Wnn.Ram.Evaluation;
using Wnn.Ram.Model;

namespace Wnn.Experiments.Checkpoints;

/// <summary>Everything a checkpoint, results or genome file may contain, read in one streaming pass.</summary>
internal sealed class CheckpointDocument
{
    public string? Format { get; private set; }

    public string? Phase { get; private set; }

    public string? Name { get; private set; }

    public int Pass { get; private set; } = 1;

    public ulong Seed { get; private set; }

    /// <summary>The data_fingerprint of a checkpoint, when written.</summary>
    public string? DataFingerprint { get; private set; }

    /// <summary>The score_scale_fit of a checkpoint or results file, when written.</summary>
    public ScoreScaleFitResult? ScoreScaleFit { get; private set; }

    public Dictionary<string, string?> Config { get; } = new(StringComparer.Ordinal);

    public EvaluationResult Baseline { get; private set; } = new(double.NaN, double.NaN);

    public List<PhaseSummary> Phases { get; } = [];

    // phase_result
    public Genome? BestGenome { get; private set; }

    public double BestCe { get; private set; } = double.NaN;

    public double BestAccuracy { get; private set; } = double.NaN;

    public int Iterations { get; private set; }

    public bool EarlyStopped { get; private set; }

    public double FinalThreshold { get; private set; }

    public List<ScoredGenome>? FinalPopulation { get; private set; }

    public PhaseState? State { get; private set; }

    // results "final" and genome files
    public Genome? FinalGenome { get; private set; }

    public Genome? FileGenome { get; private set; }

    public bool HasPhaseResult { get; private set; }

    public bool HasFinal { get; private set; }

    /// <summary>Reads <paramref name="path"/>; any damage becomes a <see cref="CheckpointException"/> naming the file.</summary>
    public static CheckpointDocument Load(string path)
    {
        string resolved = CheckpointFile.Resolve(path);
        try
        {
            using Stream stream = CheckpointFile.OpenRead(resolved);
            var doc = new CheckpointDocument();
            var source = new JsonStreamSource(stream);
            Utf8JsonReader reader = source.CreateReader();
            source.Read(ref reader);
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                throw new JsonException("the file is not a JSON object");
            }

            doc.ReadTop(source, ref reader);
            return doc;
        }
        catch (Exception ex) when (ex is JsonException or InvalidDataException or InvalidOperationException or FormatException
            or GenomeValidationException or EndOfStreamException or IOException)
        {
            throw new CheckpointException(TruncationCheck.EndsEarly(resolved)
                ? $"truncated file '{resolved}': its {(IsGzip(resolved) ? "gzip data ends" : "content ends")} before the end of the JSON document (an interrupted write or copy?)"
                : $"corrupt or unreadable file '{resolved}': {ex.Message}", ex);
        }
    }

    private static bool IsGzip(string path)
    {
        using FileStream file = File.OpenRead(path);
        return file.ReadByte() == 0x1f && file.ReadByte() == 0x8b;
    }

    private void ReadTop(JsonStreamSource source, ref Utf8JsonReader reader)
    {
        int[]? neurons = null, bits = null, conns = null;
        source.Read(ref reader);
        while (reader.TokenType != JsonTokenType.EndObject)
        {
            string property = reader.GetString()!;
            source.Read(ref reader);
            switch (property)
            {
                case "format":
                    Format = reader.GetString();
                    break;
                case "phase":
                    Phase = reader.GetString();
                    break;
                case "name":
                    Name = reader.GetString();
                    break;
                case "pass":
                    Pass = reader.GetInt32();
                    break;
                case "seed":
                    Seed = reader.TokenType == JsonTokenType.Number ? reader.GetUInt64() : 0;
                    break;
                case "data_fingerprint":
                    DataFingerprint = reader.GetString();
                    break;
                case "score_scale_fit":
                    ScoreScaleFit = ReadScoreScaleFit(source, ref reader);
                    break;
                case "config":
                    ReadConfig(source, ref reader);
                    break;
                case "baseline":
                    (double ce, double acc) = ReadMetrics(source, ref reader);
                    Baseline = new EvaluationResult(ce, acc);
                    break;
                case "phases":
                    ReadSummaries(source, ref reader);
                    break;
                case "phase_result":
                    HasPhaseResult = true;
                    ReadPhaseResult(source, ref reader);
                    break;
                case "final_population":
                    FinalPopulation = GenomeJson.ReadPopulation(source, ref reader);
                    break;
                case "state":
                    State = ReadState(source, ref reader);
                    break;
                case "final":
                    HasFinal = true;
                    ReadFinal(source, ref reader);
                    break;
                case "genome":
                    FileGenome = GenomeJson.ReadScoredOrGenome(source, ref reader).Genome;
                    break;
                case "neurons_per_cluster":
                    neurons = GenomeJson.ReadIntArray(source, ref reader, property);
                    break;
                case "bits_per_neuron":
                    bits = GenomeJson.ReadIntArray(source, ref reader, property);
                    break;
                case "connections":
                    conns = GenomeJson.ReadIntArray(source, ref reader, property);
                    break;
                default:
                    source.Skip(ref reader);
                    break;
            }

            source.Read(ref reader);
        }

        if (neurons is not null && bits is not null && conns is not null)
        {
            FileGenome ??= new Genome(neurons, bits, conns);
        }
    }

    private void ReadConfig(JsonStreamSource source, ref Utf8JsonReader reader)
    {
        source.Read(ref reader);
        while (reader.TokenType != JsonTokenType.EndObject)
        {
            string key = reader.GetString()!;
            source.Read(ref reader);
            Config[key] = reader.TokenType switch
            {
                JsonTokenType.Null => null,
                JsonTokenType.True => "true",
                JsonTokenType.False => "false",
                JsonTokenType.String => reader.GetString(),
                JsonTokenType.Number => System.Text.Encoding.UTF8.GetString(reader.ValueSpan),
                _ => throw new JsonException($"config value '{key}' must be a scalar"),
            };
            source.Read(ref reader);
        }
    }

    private static ScoreScaleFitResult ReadScoreScaleFit(JsonStreamSource source, ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("score_scale_fit must be an object");
        }

        double scale = double.NaN, ce = double.NaN;
        int fit = -1, heldOut = -1;
        source.Read(ref reader);
        while (reader.TokenType != JsonTokenType.EndObject)
        {
            string property = reader.GetString()!;
            source.Read(ref reader);
            switch (property)
            {
                case "score_scale":
                    scale = reader.GetDouble();
                    break;
                case "held_out_ce":
                    ce = reader.GetDouble();
                    break;
                case "fit_examples":
                    fit = reader.GetInt32();
                    break;
                case "held_out_examples":
                    heldOut = reader.GetInt32();
                    break;
                default:
                    source.Skip(ref reader);
                    break;
            }

            source.Read(ref reader);
        }

        return double.IsFinite(scale) && scale > 0 && fit >= 0 && heldOut >= 0
            ? new ScoreScaleFitResult(scale, ce, fit, heldOut)
            : throw new JsonException("score_scale_fit needs a positive score_scale and fit_examples, held_out_examples");
    }

    private static (double Ce, double Accuracy) ReadMetrics(JsonStreamSource source, ref Utf8JsonReader reader)
    {
        double ce = double.NaN, acc = double.NaN;
        source.Read(ref reader);
        while (reader.TokenType != JsonTokenType.EndObject)
        {
            string property = reader.GetString()!;
            source.Read(ref reader);
            double v = reader.TokenType == JsonTokenType.Number ? reader.GetDouble() : double.NaN;
            if (property is "ce" or "fitness")
            {
                ce = v;
            }
            else if (property == "accuracy")
            {
                acc = v;
            }
            else
            {
                source.Skip(ref reader);
            }

            source.Read(ref reader);
        }

        return (ce, acc);
    }

    private void ReadSummaries(JsonStreamSource source, ref Utf8JsonReader reader)
    {
        source.Read(ref reader);
        while (reader.TokenType != JsonTokenType.EndArray)
        {
            string phase = "", name = "";
            double fitness = double.NaN, acc = double.NaN;
            int iterations = 0;
            source.Read(ref reader);
            while (reader.TokenType != JsonTokenType.EndObject)
            {
                string property = reader.GetString()!;
                source.Read(ref reader);
                switch (property)
                {
                    case "phase":
                        phase = reader.GetString() ?? "";
                        break;
                    case "name":
                        name = reader.GetString() ?? "";
                        break;
                    case "fitness":
                        fitness = NumberOrNaN(ref reader);
                        break;
                    case "accuracy":
                        acc = NumberOrNaN(ref reader);
                        break;
                    case "iterations":
                        iterations = reader.GetInt32();
                        break;
                    default:
                        source.Skip(ref reader);
                        break;
                }

                source.Read(ref reader);
            }

            Phases.Add(new PhaseSummary(phase, name, fitness, acc, iterations));
            source.Read(ref reader);
        }
    }

    private void ReadPhaseResult(JsonStreamSource source, ref Utf8JsonReader reader)
    {
        source.Read(ref reader);
        while (reader.TokenType != JsonTokenType.EndObject)
        {
            string property = reader.GetString()!;
            source.Read(ref reader);
            switch (property)
            {
                case "fitness" or "ce":
                    BestCe = NumberOrNaN(ref reader);
                    break;
                case "accuracy":
                    BestAccuracy = NumberOrNaN(ref reader);
                    break;
                case "iterations":
                    Iterations = reader.GetInt32();
                    break;
                case "early_stopped":
                    EarlyStopped = reader.GetBoolean();
                    break;
                case "final_threshold":
                    FinalThreshold = NumberOrNaN(ref reader);
                    break;
                case "best_genome":
                    BestGenome = GenomeJson.ReadScoredOrGenome(source, ref reader).Genome;
                    break;
                case "final_population":
                    FinalPopulation = GenomeJson.ReadPopulation(source, ref reader);
                    break;
                default:
                    source.Skip(ref reader);
                    break;
            }

            source.Read(ref reader);
        }
    }

    private void ReadFinal(JsonStreamSource source, ref Utf8JsonReader reader)
    {
        source.Read(ref reader);
        while (reader.TokenType != JsonTokenType.EndObject)
        {
            string property = reader.GetString()!;
            source.Read(ref reader);
            switch (property)
            {
                case "fitness":
                    BestCe = NumberOrNaN(ref reader);
                    break;
                case "accuracy":
                    BestAccuracy = NumberOrNaN(ref reader);
                    break;
                case "final_threshold":
                    FinalThreshold = NumberOrNaN(ref reader);
                    break;
                case "genome":
                    FinalGenome = GenomeJson.ReadScoredOrGenome(source, ref reader).Genome;
                    break;
                case "final_population":
                    FinalPopulation = GenomeJson.ReadPopulation(source, ref reader);
                    break;
                default:
                    source.Skip(ref reader);
                    break;
            }

            source.Read(ref reader);
        }
    }

    private static PhaseState ReadState(JsonStreamSource source, ref Utf8JsonReader reader)
    {
        int iteration = 0, counter = 0, part = 0;
        double thresholdStart = 0, lastCheck = double.NaN, globalBest = double.NaN;
        var moves = new List<int[]>();
        List<ScoredGenome>? population = null;
        source.Read(ref reader);
        while (reader.TokenType != JsonTokenType.EndObject)
        {
            string property = reader.GetString()!;
            source.Read(ref reader);
            switch (property)
            {
                case "iteration":
                    iteration = reader.GetInt32();
                    break;
                case "threshold_start":
                    thresholdStart = NumberOrNaN(ref reader);
                    break;
                case "patience_counter":
                    counter = reader.GetInt32();
                    break;
                case "last_check_best":
                    lastCheck = NumberOrNaN(ref reader);
                    break;
                case "global_best":
                    globalBest = NumberOrNaN(ref reader);
                    break;
                case "part":
                    part = reader.GetInt32();
                    break;
                case "tabu_moves":
                    source.Read(ref reader);
                    while (reader.TokenType != JsonTokenType.EndArray)
                    {
                        moves.Add(GenomeJson.ReadIntArray(source, ref reader, "tabu_moves"));
                        source.Read(ref reader);
                    }

                    break;
                case "population":
                    population = GenomeJson.ReadPopulation(source, ref reader);
                    break;
                default:
                    source.Skip(ref reader);
                    break;
            }

            source.Read(ref reader);
        }

        if (population is null || population.Count == 0)
        {
            throw new JsonException("state has no population");
        }

        return new PhaseState(iteration, population, thresholdStart, counter, lastCheck, globalBest, part, moves);
    }

    private static double NumberOrNaN(ref Utf8JsonReader reader) =>
        reader.TokenType == JsonTokenType.Number ? reader.GetDouble() : double.NaN;

    /// <summary>Converts to a phase checkpoint or throws naming what is missing.</summary>
    public PhaseCheckpoint ToCheckpoint(string path)
    {
        if (Format != CheckpointSerializer.CheckpointFormat || Phase is null)
        {
            throw new CheckpointException($"'{path}' is not a phase checkpoint (format '{Format ?? "none"}')");
        }

        PhaseResult? result = null;
        if (HasPhaseResult)
        {
            if (BestGenome is null || FinalPopulation is null || FinalPopulation.Count == 0)
            {
                throw new CheckpointException($"corrupt checkpoint '{path}': phase_result lacks best_genome or final_population");
            }

            result = new PhaseResult(Phase, Name ?? "", new ScoredGenome(BestGenome, BestCe, BestAccuracy), FinalPopulation,
                FinalThreshold, Iterations, EarlyStopped);
        }
        else if (State is null)
        {
            throw new CheckpointException($"corrupt checkpoint '{path}': neither phase_result nor state");
        }

        return new PhaseCheckpoint(Phase, Name ?? "", Pass, Seed, Baseline, Phases, result, result is null ? State : null, Config)
        {
            DataFingerprint = DataFingerprint,
            ScoreScaleFit = ScoreScaleFit,
        };
    }
}
