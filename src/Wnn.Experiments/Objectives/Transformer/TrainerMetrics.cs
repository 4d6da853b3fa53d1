using System.Globalization;
using System.Text.Json;

namespace Wnn.Experiments.Objectives.Transformer;

/// <summary>
/// What the trainer reported through the metrics protocol (one JSON object per line in metrics.jsonl): val_loss per
/// epoch ("step", "val_loss"), its parameter count, and the final line's best_val_loss. Lines that are not JSON objects
/// (e.g. a half-written last line) are skipped.
/// </summary>
public sealed record TrainerMetrics
{
    /// <summary>The environment variable naming the metrics file of a trial (else ./metrics.jsonl in its folder).</summary>
    public const string FileVariable = "WNN_METRICS_FILE";

    /// <summary>The default metrics file name.</summary>
    public const string DefaultFileName = "metrics.jsonl";

    /// <summary>val_loss by step (epoch), in report order.</summary>
    public IReadOnlyList<KeyValuePair<int, double>> ValLoss { get; init; } = [];

    /// <summary>The trainer's own (PyTorch) parameter count, or null when not reported.</summary>
    public long? ParamCount { get; init; }

    /// <summary>best_val_loss of the final line, or null when the trainer did not finish.</summary>
    public double? BestValLoss { get; init; }

    /// <summary>The objective value: best_val_loss, else the lowest reported val_loss, else null.</summary>
    public double? Objective => BestValLoss ?? (ValLoss.Count > 0 ? ValLoss.Min(p => p.Value) : null);

    /// <summary>Parses the lines of a metrics file.</summary>
    public static TrainerMetrics Parse(IEnumerable<string> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var val = new List<KeyValuePair<int, double>>();
        long? count = null;
        double? best = null;
        foreach (string line in lines)
        {
            if (Record(line) is not { } r)
            {
                continue;
            }

            if (Number(r, "param_count") is double pc)
            {
                count = (long)pc;
            }

            if (Number(r, "best_val_loss") is double b)
            {
                best = b;
            }

            if (Number(r, "step") is double step && Number(r, "val_loss") is double v)
            {
                val.Add(new((int)step, v));
            }
        }

        return new TrainerMetrics { ValLoss = val, ParamCount = count, BestValLoss = best };
    }

    /// <summary>One line as a JSON object, or null.</summary>
    internal static Dictionary<string, JsonElement>? Record(string line)
    {
        if (string.IsNullOrWhiteSpace(line))
        {
            return null;
        }

        try
        {
            using var doc = JsonDocument.Parse(line);
            return doc.RootElement.ValueKind == JsonValueKind.Object
                ? doc.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone())
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    internal static double? Number(Dictionary<string, JsonElement> r, string key) =>
        r.TryGetValue(key, out JsonElement e) && e.ValueKind == JsonValueKind.Number ? e.GetDouble() : null;

    /// <summary>The value formatted for logs.</summary>
    public static string Format(double? value) => value is double d ? d.ToString("0.######", CultureInfo.InvariantCulture) : "-";
}
