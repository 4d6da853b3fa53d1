using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Wnn.Search;

namespace Wnn.Experiments.Objectives.Transformer;

/// <summary>
/// Keeps the precomputed architecture list with the study: every trial of the architectural objective carries it as the
/// system attribute <see cref="Key"/> (its SHA-256, count, budget and rows), so a resumed study can check that arch_idx
/// still means the same architectures before it asks for a trial (Optuna only fails later, with "dynamic value space").
/// </summary>
public static class ArchitectureListAttribute
{
    /// <summary>The trial system attribute holding the list.</summary>
    public const string Key = "architecture_list";

    /// <summary>SHA-256 (hex) of the list: one "d_model,n_layers,n_heads,d_ff,param_count" line per architecture, in order.</summary>
    public static string Hash(IReadOnlyList<SizedArchitecture> architectures)
    {
        ArgumentNullException.ThrowIfNull(architectures);
        var text = new StringBuilder();
        foreach (SizedArchitecture s in architectures)
        {
            Architecture a = s.Architecture;
            text.Append(CultureInfo.InvariantCulture, $"{a.DModel},{a.NLayers},{a.NHeads},{a.DFf},{s.ParamCount}\n");
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    /// <summary>The attribute value: {sha256, count, budget, architectures: [[d_model, n_layers, n_heads, d_ff, param_count], …]}.</summary>
    public static Dictionary<string, object?> ToValue(IReadOnlyList<SizedArchitecture> architectures, ParamBudget? budget) => new()
    {
        ["sha256"] = Hash(architectures),
        ["count"] = architectures.Count,
        ["budget"] = budget?.Name,
        ["architectures"] = architectures.Select(s => (object?)new List<object?>
        {
            s.Architecture.DModel, s.Architecture.NLayers, s.Architecture.NHeads, s.Architecture.DFf, s.ParamCount,
        }).ToList(),
    };

    /// <summary>Records the list on a trial.</summary>
    public static void Stamp(Trial trial, IReadOnlyList<SizedArchitecture> architectures, ParamBudget? budget)
    {
        ArgumentNullException.ThrowIfNull(trial);
        trial.Study.Storage.SetTrialSystemAttribute(trial.Id, Key, ToValue(architectures, budget));
    }

    /// <summary>
    /// Throws an <see cref="InvalidOperationException"/> when a trial of the study was run with a different architecture list,
    /// naming both lists (count, budget, hash) and the first arch_idx whose architecture differs.
    /// </summary>
    public static void EnsureMatches(Study study, IReadOnlyList<SizedArchitecture> architectures, ParamBudget? budget)
    {
        ArgumentNullException.ThrowIfNull(study);
        string hash = Hash(architectures);
        foreach (FrozenTrial t in study.Trials)
        {
            if (!t.SystemAttributes.TryGetValue(Key, out object? value) || value is not IReadOnlyDictionary<string, object?> stored)
            {
                continue;
            }

            string storedHash = stored.TryGetValue("sha256", out object? h) ? Convert.ToString(h, CultureInfo.InvariantCulture) ?? string.Empty : string.Empty;
            if (storedHash == hash)
            {
                continue;
            }

            List<string> rows = Rows(stored);
            var mine = architectures.Select(s => Row(s)).ToList();
            int first = Enumerable.Range(0, Math.Max(rows.Count, mine.Count)).First(i => i >= rows.Count || i >= mine.Count || rows[i] != mine[i]);
            string storedRow = first < rows.Count ? rows[first] : "none";
            string myRow = first < mine.Count ? mine[first] : "none";
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                $"study '{study.Name}' was run with a different architecture list (trial {t.Number}: {rows.Count} architectures, budget {Budget(stored)}, sha256 {Short(storedHash)}; now: {mine.Count} architectures, budget {budget?.Name ?? "none"}, sha256 {Short(hash)}); arch_idx {first} was {storedRow}, now {myRow}. Resume it with the same budget, model shape and search space, or use a new study name."));
        }
    }

    private static string Row(SizedArchitecture s) => string.Create(CultureInfo.InvariantCulture, $"{s.Architecture} ({s.ParamCount} params)");

    private static List<string> Rows(IReadOnlyDictionary<string, object?> stored)
    {
        if (!stored.TryGetValue("architectures", out object? list) || list is not System.Collections.IEnumerable items)
        {
            return [];
        }

        var rows = new List<string>();
        foreach (object? item in items)
        {
            long[] v = item is System.Collections.IEnumerable e ? [.. e.Cast<object?>().Select(x => Convert.ToInt64(x, CultureInfo.InvariantCulture))] : [];
            rows.Add(v.Length == 5 ? Row(new SizedArchitecture(new Architecture((int)v[0], (int)v[1], (int)v[2], (int)v[3]), v[4])) : "?");
        }

        return rows;
    }

    private static string Budget(IReadOnlyDictionary<string, object?> stored) =>
        stored.TryGetValue("budget", out object? b) && b is not null ? Convert.ToString(b, CultureInfo.InvariantCulture)! : "none";

    private static string Short(string hash) => hash.Length > 12 ? hash[..12] : hash;
}
