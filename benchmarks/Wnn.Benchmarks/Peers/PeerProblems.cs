using System.Text.Json;

namespace Wnn.Benchmarks.Peers;

/// <summary>
/// The problems of the peer comparison, read from benchmarks/peers/problems.json (copied next to the program), the one
/// definition the Optuna script reads too. The functions are in <see cref="PeerFunctions"/> and in optuna_bench.py;
/// `peers check-points` checks that they agree.
/// </summary>
public static class PeerProblems
{
    /// <summary>All problems, in report order.</summary>
    public static IReadOnlyList<PeerProblem> All { get; } = Load(Path.Combine(AppContext.BaseDirectory, "problems.json"));

    /// <summary>The problem with this name.</summary>
    public static PeerProblem Get(string name) =>
        All.FirstOrDefault(p => p.Name == name) ?? throw new ArgumentException($"Unknown problem '{name}'; known: {string.Join(", ", All.Select(p => p.Name))}.", nameof(name));

    /// <summary>Reads a problems file.</summary>
    public static IReadOnlyList<PeerProblem> Load(string path)
    {
        using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(path));
        var problems = new List<PeerProblem>();
        foreach (JsonElement p in doc.RootElement.GetProperty("problems").EnumerateArray())
        {
            string name = p.GetProperty("name").GetString()!;
            string function = p.GetProperty("function").GetString()!;
            if (!PeerFunctions.ByName.TryGetValue(function, out Func<double[], double[]>? evaluate))
            {
                throw new InvalidDataException($"{path}: problem '{name}' names function '{function}'; known: {string.Join(", ", PeerFunctions.ByName.Keys)}.");
            }

            List<PeerParameter> parameters;
            if (p.TryGetProperty("box", out JsonElement box))
            {
                double low = box.GetProperty("low").GetDouble(), high = box.GetProperty("high").GetDouble();
                parameters = [.. Enumerable.Range(0, box.GetProperty("dims").GetInt32()).Select(i => PeerParameter.Float($"x{i}", low, high))];
            }
            else
            {
                parameters = [.. p.GetProperty("params").EnumerateArray().Select(Parameter)];
            }

            problems.Add(new PeerProblem(
                name,
                p.GetProperty("budget").GetInt32(),
                parameters,
                evaluate,
                p.TryGetProperty("reference", out JsonElement r) ? [.. r.EnumerateArray().Select(v => v.GetDouble())] : null)
            {
                Kind = p.TryGetProperty("kind", out JsonElement k) ? k.GetString()! : "",
                Noise = p.TryGetProperty("noise", out JsonElement n) ? n.GetDouble() : 0,
            });
        }

        return problems;
    }

    private static PeerParameter Parameter(JsonElement e)
    {
        string name = e.GetProperty("name").GetString()!;
        bool log = e.TryGetProperty("log", out JsonElement l) && l.GetBoolean();
        IReadOnlyDictionary<string, IReadOnlyList<string>>? when = e.TryGetProperty("when", out JsonElement w)
            ? w.EnumerateObject().ToDictionary(c => c.Name, c => (IReadOnlyList<string>)[.. c.Value.EnumerateArray().Select(v => v.GetString()!)])
            : null;
        PeerParameter parameter = e.GetProperty("type").GetString() switch
        {
            "float" => new(name, PeerParameterKind.Float, e.GetProperty("low").GetDouble(), e.GetProperty("high").GetDouble(), log),
            "int" => new(name, PeerParameterKind.Int, e.GetProperty("low").GetDouble(), e.GetProperty("high").GetDouble(), log),
            "categorical" => CategoricalParameter(name, [.. e.GetProperty("choices").EnumerateArray().Select(v => v.GetString()!)]),
            string other => throw new InvalidDataException($"parameter '{name}' has type '{other}'; allowed: float, int, categorical."),
            null => throw new InvalidDataException($"parameter '{name}' has no type; allowed: float, int, categorical."),
        };
        return parameter with { When = when };
    }

    private static PeerParameter CategoricalParameter(string name, string[] choices) => new(name, PeerParameterKind.Categorical, 0, choices.Length - 1, Choices: choices);
}
