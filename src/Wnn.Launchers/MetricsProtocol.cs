using System.Text;
using System.Text.Json;

namespace Wnn.Launchers;

/// <summary>
/// The metrics protocol of a trial: one JSON object per line, e.g. <c>{"step": 3, "val_loss": 0.41}</c>, appended to
/// <see cref="FileName"/> in the trial's working directory (its path is in <see cref="MetricsFileVariable"/>), or printed
/// on stdout after <see cref="Marker"/>. Numeric fields are metrics; "step" (a non-negative integer) orders them; other
/// fields and lines that are not JSON objects are ignored.
/// </summary>
public static class MetricsProtocol
{
    /// <summary>The metrics file name in a trial's working directory.</summary>
    public const string FileName = "metrics.jsonl";

    /// <summary>A stdout line starting with this marker carries a metrics object: <c>@wnn {"val_loss": 0.41}</c>.</summary>
    public const string Marker = "@wnn ";

    /// <summary>Environment: the trial's run directory.</summary>
    public const string RunDirVariable = "WNN_RUN_DIR";

    /// <summary>Environment: the trial's job number within the sweep.</summary>
    public const string TrialNumberVariable = "WNN_TRIAL_NUMBER";

    /// <summary>Environment: the sweep id.</summary>
    public const string SweepIdVariable = "WNN_SWEEP_ID";

    /// <summary>Environment: the metrics file to append to.</summary>
    public const string MetricsFileVariable = "WNN_METRICS_FILE";

    /// <summary>The name of the step field.</summary>
    public const string StepField = "step";

    internal static ReadOnlySpan<byte> MarkerBytes => "@wnn "u8;

    /// <summary>Parses one line; null when it is not a JSON object or carries no numeric field.</summary>
    public static MetricReport? Parse(ReadOnlySpan<byte> line)
    {
        line = Trim(line);
        if (line.Length < 2 || line[0] != (byte)'{')
        {
            return null;
        }

        try
        {
            var reader = new Utf8JsonReader(line, new JsonReaderOptions { MaxDepth = 16 });
            using JsonDocument doc = JsonDocument.ParseValue(ref reader);
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            int? step = null;
            var values = new Dictionary<string, double>(StringComparer.Ordinal);
            foreach (JsonProperty p in doc.RootElement.EnumerateObject())
            {
                if (p.Value.ValueKind != JsonValueKind.Number || !p.Value.TryGetDouble(out double v))
                {
                    continue;
                }

                if (p.Name == StepField)
                {
                    if (p.Value.TryGetInt32(out int s) && s >= 0)
                    {
                        step = s;
                    }

                    continue;
                }

                values[p.Name] = v;
            }

            return values.Count == 0 ? null : new MetricReport(step, values);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Parses one line of text; see <see cref="Parse(ReadOnlySpan{byte})"/>.</summary>
    public static MetricReport? Parse(string line) => Parse(Encoding.UTF8.GetBytes(line ?? ""));

    private static ReadOnlySpan<byte> Trim(ReadOnlySpan<byte> s)
    {
        int a = 0, b = s.Length;
        while (a < b && s[a] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
        {
            a++;
        }

        while (b > a && s[b - 1] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
        {
            b--;
        }

        return s[a..b];
    }
}
