namespace Wnn.Ram.Model;

/// <summary>The configuration names of <see cref="OutputBias"/>: <c>none</c> and <c>log_prior</c>.</summary>
public static class OutputBiasNames
{
    /// <summary>The value named <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">Not a known name.</exception>
    public static OutputBias Parse(string name) => name.ToLowerInvariant() switch
    {
        "none" => OutputBias.None,
        "log_prior" => OutputBias.LogPrior,
        _ => throw new ArgumentException($"output bias '{name}' is unknown; allowed none, log_prior"),
    };

    /// <summary>The name of <paramref name="bias"/>.</summary>
    public static string Name(OutputBias bias) => bias == OutputBias.LogPrior ? "log_prior" : "none";
}
