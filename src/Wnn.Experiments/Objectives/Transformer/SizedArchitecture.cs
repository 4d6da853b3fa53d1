namespace Wnn.Experiments.Objectives.Transformer;

/// <summary>An architecture with its exact parameter count for the model it was counted for.</summary>
public sealed record SizedArchitecture(Architecture Architecture, long ParamCount)
{
    /// <summary>Relative distance to a target: (param_count − target) / target.</summary>
    public double RelativeTo(long target) => (ParamCount - target) / (double)target;
}
