using System.Globalization;
using System.Text.Json;

namespace Wnn.Benchmarks.Peers;

/// <summary>
/// Evaluates every problem at a few fixed points so that the C# and Python definitions can be compared: point k has the
/// unit coordinates u_i = frac(0.5 + (k + 1) * 0.6180339887498949 * (i + 1)), mapped by <see cref="PeerParameter.FromUnit"/>.
/// </summary>
public static class PeerPoints
{
    /// <summary>Points per problem.</summary>
    public const int Count = 6;

    /// <summary>JSON lines {"problem", "point", "values"}.</summary>
    public static IEnumerable<string> Lines()
    {
        foreach (PeerProblem p in PeerProblems.All)
        {
            for (int k = 0; k < Count; k++)
            {
                double[] x = new double[p.Parameters.Count];
                for (int i = 0; i < x.Length; i++)
                {
                    double u = 0.5 + ((k + 1) * 0.6180339887498949 * (i + 1));
                    x[i] = p.Parameters[i].FromUnit(u - Math.Floor(u));
                }

                yield return JsonSerializer.Serialize(new { problem = p.Name, point = k, values = p.Evaluate(x) });
            }
        }
    }

    /// <summary>Compares our values with lines printed by the Optuna script; returns the mismatches (relative tolerance 1e-9).</summary>
    public static IReadOnlyList<string> Compare(IEnumerable<string> ours, IEnumerable<string> theirs)
    {
        static Dictionary<(string, int), double[]> Parse(IEnumerable<string> lines)
        {
            var map = new Dictionary<(string, int), double[]>();
            foreach (string line in lines.Where(l => !string.IsNullOrWhiteSpace(l)))
            {
                using var doc = JsonDocument.Parse(line);
                JsonElement r = doc.RootElement;
                map[(r.GetProperty("problem").GetString()!, r.GetProperty("point").GetInt32())] = [.. r.GetProperty("values").EnumerateArray().Select(v => v.GetDouble())];
            }

            return map;
        }

        Dictionary<(string, int), double[]> a = Parse(ours), b = Parse(theirs);
        var problems = new List<string>();
        foreach (KeyValuePair<(string, int), double[]> kv in a)
        {
            if (!b.TryGetValue(kv.Key, out double[]? other))
            {
                problems.Add($"{kv.Key.Item1} point {kv.Key.Item2}: missing on the Optuna side");
                continue;
            }

            for (int i = 0; i < kv.Value.Length; i++)
            {
                double x = kv.Value[i], y = other.Length > i ? other[i] : double.NaN;
                if (!(Math.Abs(x - y) <= 1e-9 * Math.Max(1, Math.Abs(x))))
                {
                    problems.Add(string.Create(CultureInfo.InvariantCulture, $"{kv.Key.Item1} point {kv.Key.Item2} objective {i}: ours {x:R}, Optuna side {y:R}"));
                }
            }
        }

        problems.AddRange(b.Keys.Where(k => !a.ContainsKey(k)).Select(k => $"{k.Item1} point {k.Item2}: only on the Optuna side"));
        return problems;
    }
}
