namespace Wnn.Benchmarks.Peers;

/// <summary>Kinds of benchmark parameters.</summary>
public enum PeerParameterKind
{
    /// <summary>A real value (optionally log-scaled).</summary>
    Float,

    /// <summary>An integer (optionally log-scaled).</summary>
    Int,

    /// <summary>One of several labels; the objective sees the label's index.</summary>
    Categorical,
}

/// <summary>
/// One parameter of a benchmark problem (benchmarks/peers/problems.json). With <see cref="When"/> it is suggested only when
/// each named categorical parameter took one of the listed choices; otherwise the objective sees NaN.
/// </summary>
public sealed record PeerParameter(string Name, PeerParameterKind Kind, double Low, double High, bool Log = false, IReadOnlyList<string>? Choices = null)
{
    /// <summary>Conditions: categorical parameter name → the choices under which this parameter is active.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>>? When { get; init; }

    /// <summary>A float parameter.</summary>
    public static PeerParameter Float(string name, double low, double high, bool log = false) => new(name, PeerParameterKind.Float, low, high, log);

    /// <summary>Suggests the parameter in a trial; returns the value the objective sees (categorical: the index).</summary>
    public double Suggest(Wnn.Search.Trial trial) => Kind switch
    {
        PeerParameterKind.Float => trial.SuggestFloat(Name, Low, High, Log),
        PeerParameterKind.Int => trial.SuggestInt(Name, (int)Low, (int)High, log: Log),
        _ => Choices!.ToList().IndexOf(trial.SuggestCategorical(Name, Choices!)),
    };

    /// <summary>Suggests the active parameters in order (conditions read the choices made so far); inactive ones are NaN.</summary>
    public static double[] SuggestAll(Wnn.Search.Trial trial, IReadOnlyList<PeerParameter> parameters)
    {
        double[] x = new double[parameters.Count];
        var chosen = new Dictionary<string, string>();
        for (int i = 0; i < x.Length; i++)
        {
            PeerParameter p = parameters[i];
            if (p.When is not null && !p.When.All(c => chosen.TryGetValue(c.Key, out string? label) && c.Value.Contains(label)))
            {
                x[i] = double.NaN;
                continue;
            }

            x[i] = p.Suggest(trial);
            if (p.Kind == PeerParameterKind.Categorical)
            {
                chosen[p.Name] = p.Choices![(int)x[i]];
            }
        }

        return x;
    }

    /// <summary>
    /// The value at a unit coordinate u in [0, 1), used only to check that both sides define the same function:
    /// float low + u (high - low) (log: in log space); int floor(low + u (high - low + 1)) (log: rounded in log space);
    /// categorical floor(u n).
    /// </summary>
    public double FromUnit(double u) => Kind switch
    {
        PeerParameterKind.Float when Log => Math.Exp(Math.Log(Low) + (u * (Math.Log(High) - Math.Log(Low)))),
        PeerParameterKind.Float => Low + (u * (High - Low)),
        PeerParameterKind.Int when Log => Math.Min(High, Math.Max(Low, Math.Round(Math.Exp(Math.Log(Low) + (u * (Math.Log(High) - Math.Log(Low))))))),
        PeerParameterKind.Int => Math.Min(High, Math.Floor(Low + (u * (High - Low + 1)))),
        _ => Math.Min(Choices!.Count - 1, Math.Floor(u * Choices!.Count)),
    };
}
