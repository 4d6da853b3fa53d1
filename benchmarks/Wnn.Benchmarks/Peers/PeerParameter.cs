namespace Wnn.Benchmarks.Peers;

/// <summary>Kinds of benchmark parameters.</summary>
public enum PeerParameterKind
{
    /// <summary>A real value (optionally log-scaled).</summary>
    Float,

    /// <summary>An integer.</summary>
    Int,

    /// <summary>One of several labels; the objective sees the label's index.</summary>
    Categorical,
}

/// <summary>One parameter of a benchmark problem, declared identically in benchmarks/peers/optuna_bench.py.</summary>
public sealed record PeerParameter(string Name, PeerParameterKind Kind, double Low, double High, bool Log = false, IReadOnlyList<string>? Choices = null)
{
    /// <summary>A float parameter.</summary>
    public static PeerParameter Float(string name, double low, double high, bool log = false) => new(name, PeerParameterKind.Float, low, high, log);

    /// <summary>An integer parameter.</summary>
    public static PeerParameter Int(string name, int low, int high) => new(name, PeerParameterKind.Int, low, high);

    /// <summary>A categorical parameter.</summary>
    public static PeerParameter Categorical(string name, params string[] choices) => new(name, PeerParameterKind.Categorical, 0, choices.Length - 1, Choices: choices);

    /// <summary>Suggests the parameter in a trial; returns the value the objective sees (categorical: the index).</summary>
    public double Suggest(Wnn.Search.Trial trial) => Kind switch
    {
        PeerParameterKind.Float => trial.SuggestFloat(Name, Low, High, Log),
        PeerParameterKind.Int => trial.SuggestInt(Name, (int)Low, (int)High),
        _ => Choices!.ToList().IndexOf(trial.SuggestCategorical(Name, Choices!)),
    };

    /// <summary>
    /// The value at a unit coordinate u in [0, 1), used only to check that both sides define the same function:
    /// float low + u (high - low) (log: in log space); int floor(low + u (high - low + 1)); categorical floor(u n).
    /// </summary>
    public double FromUnit(double u) => Kind switch
    {
        PeerParameterKind.Float when Log => Math.Exp(Math.Log(Low) + (u * (Math.Log(High) - Math.Log(Low)))),
        PeerParameterKind.Float => Low + (u * (High - Low)),
        PeerParameterKind.Int => Math.Min(High, Math.Floor(Low + (u * (High - Low + 1)))),
        _ => Math.Min(Choices!.Count - 1, Math.Floor(u * Choices!.Count)),
    };
}
