using System.Text.Json;
using System.Text.Json.Serialization;

namespace Wnn.Reports.Benchmarks;

/// <summary>
/// A benchmark result file: every repetition of each figure, the machine and CPU path it was measured on, the setting
/// and the load. <c>wnn bench … --out FILE</c> writes it; <c>wnn bench compare</c> reads two.
/// </summary>
public sealed record BenchmarkResult
{
    /// <summary>The format tag every result file carries.</summary>
    public const string FormatTag = "wnn-bench-result/1";

    // Relaxed escaping: the file is read by people too ("1.0.0+c81af28", not "1.0.0\u002Bc81af28").
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The format tag (<see cref="FormatTag"/>).</summary>
    [JsonPropertyName("format")]
    public string Format { get; init; } = FormatTag;

    /// <summary>Which benchmark, e.g. <c>eval</c> or <c>checkpoint</c>.</summary>
    [JsonPropertyName("benchmark")]
    public required string Benchmark { get; init; }

    /// <summary>What was measured on (data, sizes, threads); only runs of the same setting are compared.</summary>
    [JsonPropertyName("setting")]
    public required string Setting { get; init; }

    /// <summary>The machine.</summary>
    [JsonPropertyName("machine")]
    public required BenchmarkMachine Machine { get; init; }

    /// <summary>The kernel path taken, as the evaluator names it (e.g. <c>Vector512 (X64), pext bmi2</c>).</summary>
    [JsonPropertyName("cpu_path")]
    public required string CpuPath { get; init; }

    /// <summary>The Wnn version and commit that measured (the assembly's informational version).</summary>
    [JsonPropertyName("wnn_version")]
    public string WnnVersion { get; init; } = Contracts.WnnBuild.Version;

    /// <summary>When the run finished (UTC, ISO 8601).</summary>
    [JsonPropertyName("created")]
    public string Created { get; init; } = DateTimeOffset.UtcNow.ToString("O", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Load averages at the start and end of the run (a loaded machine inflates wall times).</summary>
    [JsonPropertyName("load_average")]
    public string? LoadAverage { get; init; }

    /// <summary>Free text, e.g. what else ran on the machine.</summary>
    [JsonPropertyName("note")]
    public string? Note { get; init; }

    /// <summary>The measured figures.</summary>
    [JsonPropertyName("figures")]
    public required IReadOnlyList<BenchmarkFigure> Figures { get; init; }

    /// <summary>The file as indented JSON.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>Writes the file atomically (temp file, then rename).</summary>
    public void Write(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        string full = Path.GetFullPath(path);
        string temp = full + ".tmp-" + Environment.ProcessId;
        File.WriteAllText(temp, ToJson() + "\n");
        File.Move(temp, full, overwrite: true);
    }

    /// <summary>Reads and checks a result file; anything else is a <see cref="BenchmarkFileException"/> naming the file and the problem.</summary>
    public static BenchmarkResult Read(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new BenchmarkFileException($"{path}: cannot read: {ex.Message}", ex);
        }

        BenchmarkResult? result;
        try
        {
            result = JsonSerializer.Deserialize<BenchmarkResult>(text);
        }
        catch (JsonException ex)
        {
            throw new BenchmarkFileException($"{path}: not a benchmark result file ({FormatTag} JSON): {ex.Message.Split('\n')[0].Trim()}", ex);
        }

        return Check(path, result);
    }

    private static BenchmarkResult Check(string path, BenchmarkResult? r)
    {
        string problem = r switch
        {
            null => "the file is JSON null",
            { Format: var f } when f != FormatTag => $"format is '{f}', expected '{FormatTag}'",
            { Figures.Count: 0 } => "it has no figures",
            _ => r.Figures.Select(Problem).FirstOrDefault(p => p is not null) ?? "",
        };
        if (problem.Length > 0)
        {
            throw new BenchmarkFileException($"{path}: not a usable benchmark result file: {problem}");
        }

        var duplicate = r!.Figures.GroupBy(f => f.Name).FirstOrDefault(g => g.Count() > 1);
        return duplicate is null ? r : throw new BenchmarkFileException($"{path}: not a usable benchmark result file: figure '{duplicate.Key}' appears twice");
    }

    private static string? Problem(BenchmarkFigure f) =>
        string.IsNullOrWhiteSpace(f.Name) ? "a figure has no name"
        : f.Samples is null || f.Samples.Count == 0 ? $"figure '{f.Name}' has no samples"
        : f.Samples.Any(s => !double.IsFinite(s) || s < 0) ? $"figure '{f.Name}' has a sample that is not a finite number ≥ 0"
        : null;
}
