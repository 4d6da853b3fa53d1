using System.Globalization;
using System.Text;
using Wnn.Experiments.Sweeps;

namespace Wnn.Experiments.Objectives.Transformer;

/// <summary>
/// The experiment log CSV (one row per HPO experiment). Columns: <see cref="BaseColumns"/>, then the architecture columns
/// d_model, n_layers, n_heads, d_ff, param_count, then any others. Logs written before the architecture columns existed are
/// read (those fields null) and, on the next append, rewritten with the full header; columns the reader does not know are kept.
/// </summary>
public static class ExperimentLog
{
    /// <summary>The usual file name (an architectural sweep writes it beside its sweep directory).</summary>
    public const string DefaultFileName = "experiment_log.csv";

    /// <summary>The columns every version of the log has.</summary>
    public static IReadOnlyList<string> BaseColumns { get; } = ["experiment", "timestamp", "budget", "horizon", "trials", "best_trial", "val_loss", "seconds"];

    /// <summary>The architecture columns added for architectural HPO.</summary>
    public static IReadOnlyList<string> ArchitectureColumns { get; } = ["d_model", "n_layers", "n_heads", "d_ff", "param_count"];

    /// <summary>Reads a log; a missing file is an empty log. Throws <see cref="FormatException"/> naming the line of a malformed row.</summary>
    public static IReadOnlyList<ExperimentLogEntry> Read(string path)
    {
        if (!File.Exists(path))
        {
            return [];
        }

        string[] lines = File.ReadAllLines(path);
        if (lines.Length == 0)
        {
            return [];
        }

        List<string> header = Split(lines[0], 1);
        if (!header.Contains("experiment"))
        {
            throw new FormatException($"{path}: line 1 is not an experiment log header (no 'experiment' column).");
        }

        var rows = new List<ExperimentLogEntry>();
        for (int i = 1; i < lines.Length; i++)
        {
            if (lines[i].Length == 0)
            {
                continue;
            }

            List<string> cells = Split(lines[i], i + 1);
            if (cells.Count != header.Count)
            {
                throw new FormatException($"{path}: line {i + 1} has {cells.Count} cells, the header has {header.Count}.");
            }

            var map = header.Zip(cells).ToDictionary(p => p.First, p => p.Second);
            rows.Add(FromMap(map, path, i + 1));
        }

        return rows;
    }

    /// <summary>Appends a row, rewriting the file atomically with the union of the columns (older logs gain the architecture columns).</summary>
    public static void Append(string path, ExperimentLogEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        Write(path, [.. Read(path), entry]);
    }

    /// <summary>Replaces the row of the same experiment (in place) or appends one; a sweep updates its row after every complete trial.</summary>
    public static void Upsert(string path, ExperimentLogEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        List<ExperimentLogEntry> rows = [.. Read(path)];
        int at = rows.FindIndex(r => r.Experiment == entry.Experiment);
        if (at < 0)
        {
            rows.Add(entry);
        }
        else
        {
            rows[at] = entry;
        }

        Write(path, rows);
    }

    private static void Write(string path, List<ExperimentLogEntry> rows)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var extra = rows.SelectMany(r => r.Extra.Keys).Distinct().Where(k => !BaseColumns.Contains(k) && !ArchitectureColumns.Contains(k)).ToList();
        List<string> header = [.. BaseColumns, .. ArchitectureColumns, .. extra];
        var text = new StringBuilder();
        text.Append(string.Join(',', header.Select(Quote))).Append('\n');
        foreach (ExperimentLogEntry r in rows)
        {
            Dictionary<string, string> map = ToMap(r);
            text.Append(string.Join(',', header.Select(h => Quote(map.TryGetValue(h, out string? v) ? v : string.Empty)))).Append('\n');
        }

        ConfigTree.WriteAtomic(path, text.ToString());
    }

    private static Dictionary<string, string> ToMap(ExperimentLogEntry r)
    {
        var map = new Dictionary<string, string>(r.Extra)
        {
            ["experiment"] = r.Experiment,
            ["timestamp"] = r.Timestamp,
            ["budget"] = r.Budget,
            ["horizon"] = Text(r.Horizon),
            ["trials"] = Text(r.Trials),
            ["best_trial"] = Text(r.BestTrial),
            ["val_loss"] = r.ValLoss?.ToString("R", CultureInfo.InvariantCulture) ?? string.Empty,
            ["seconds"] = r.Seconds?.ToString("0.###", CultureInfo.InvariantCulture) ?? string.Empty,
            ["d_model"] = Text(r.DModel),
            ["n_layers"] = Text(r.NLayers),
            ["n_heads"] = Text(r.NHeads),
            ["d_ff"] = Text(r.DFf),
            ["param_count"] = r.ParamCount?.ToString(CultureInfo.InvariantCulture) ?? string.Empty,
        };
        return map;
    }

    private static ExperimentLogEntry FromMap(Dictionary<string, string> map, string path, int line)
    {
        string Get(string k) => map.TryGetValue(k, out string? v) ? v : string.Empty;
        int? Int(string k) => Get(k) is { Length: > 0 } s
            ? (int.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int v) ? v : throw Bad(k, s))
            : null;
        long? Long(string k) => Get(k) is { Length: > 0 } s
            ? (long.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long v) ? v : throw Bad(k, s))
            : null;
        double? Real(string k) => Get(k) is { Length: > 0 } s
            ? (double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) ? v : throw Bad(k, s))
            : null;
        FormatException Bad(string k, string s) => new($"{path}: line {line}, column {k}: '{s}' is not a number.");
        return new ExperimentLogEntry
        {
            Experiment = Get("experiment"),
            Timestamp = Get("timestamp"),
            Budget = Get("budget"),
            Horizon = Int("horizon"),
            Trials = Int("trials"),
            BestTrial = Int("best_trial"),
            ValLoss = Real("val_loss"),
            Seconds = Real("seconds"),
            DModel = Int("d_model"),
            NLayers = Int("n_layers"),
            NHeads = Int("n_heads"),
            DFf = Int("d_ff"),
            ParamCount = Long("param_count"),
            Extra = map.Where(p => !BaseColumns.Contains(p.Key) && !ArchitectureColumns.Contains(p.Key)).ToDictionary(p => p.Key, p => p.Value),
        };
    }

    private static string Text(int? v) => v?.ToString(CultureInfo.InvariantCulture) ?? string.Empty;

    private static string Quote(string cell) =>
        cell.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + cell.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : cell;

    // RFC 4180 cells of one line (quoted cells may hold commas and doubled quotes; rows never span lines here).
    private static List<string> Split(string line, int lineNumber)
    {
        var cells = new List<string>();
        var cell = new StringBuilder();
        bool quoted = false;
        for (int i = 0; i < line.Length; i++)
        {
            char c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    cell.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    cell.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                cells.Add(cell.ToString());
                cell.Clear();
            }
            else
            {
                cell.Append(c);
            }
        }

        if (quoted)
        {
            throw new FormatException($"line {lineNumber}: a quoted cell is not closed.");
        }

        cells.Add(cell.ToString());
        return cells;
    }
}
