namespace Wnn.Experiments.Sweeps;

/// <summary>Sweep-level early stopping: stop launching when <see cref="Metric"/> has not improved for <see cref="Patience"/> finished trials after <see cref="MinTrials"/>, or once it reaches <see cref="Target"/>.</summary>
public sealed record SweepEarlyStopping
{
    /// <summary>The metric watched (a name trials report). Its direction is the optimization direction.</summary>
    public required string Metric { get; init; }

    /// <summary>Complete trials without improvement before stopping; null: no patience rule.</summary>
    public int? Patience { get; init; }

    /// <summary>Complete trials before the patience rule applies. Default 0.</summary>
    public int MinTrials { get; init; }

    /// <summary>Stop once the best value reaches this (≥ when maximizing, ≤ when minimizing); null: no target.</summary>
    public double? Target { get; init; }
}
