namespace Wnn.Ram.Model;

/// <summary>Options of the RAM language model (see docs/ram-lm.md); defaults are the original's.</summary>
public sealed record ModelOptions
{
    /// <summary>Tokens of context per example (default 4).</summary>
    public int ContextSize { get; init; } = 4;

    /// <summary>Score contribution e of an EMPTY cell (default 0.0; 0.5 was the older default).</summary>
    public double EmptyValue { get; init; }

    /// <summary>Negative clusters drawn per training example (default 5).</summary>
    public int Negatives { get; init; } = 5;

    /// <summary>Negatives are drawn from this many most frequent training tokens (default 1,000).</summary>
    public int NegativePool { get; init; } = 1000;

    /// <summary>Softmax temperature τ applied to raw scores (default 1 = the original; at most <see cref="MaxScoreScale"/>).</summary>
    public double ScoreScale { get; init; } = 1.0;

    /// <summary>Per-cluster output bias (default <see cref="Model.OutputBias.None"/> = the original).</summary>
    public OutputBias OutputBias { get; init; }

    /// <summary>Add-α smoothing of the <see cref="Model.OutputBias.LogPrior"/> bias (default 0.1, the unigram baseline's).</summary>
    public double PriorAlpha { get; init; } = 0.1;

    /// <summary>Seed of the negative sampler.</summary>
    public ulong NegativeSeed { get; init; } = 42;

    /// <summary>
    /// Largest score scale: scores lie in [0, 1], so exp(τ·s) ≤ e^30 ≈ 1e13 keeps the evaluator's exact fixed-point
    /// normalizer within 128 bits (and already makes one cluster e^30 times likelier than another).
    /// </summary>
    public const double MaxScoreScale = 30.0;

    /// <summary>Largest prior α: beyond it the log prior is uniform to many digits anyway.</summary>
    public const double MaxPriorAlpha = 1e6;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid option.</summary>
    public void Validate()
    {
        if (ContextSize is < 1 or > 64)
        {
            throw new ArgumentException($"context size {ContextSize} is out of range; allowed 1..64");
        }

        if (!(EmptyValue >= 0.0 && EmptyValue <= 1.0))
        {
            throw new ArgumentException($"empty value {EmptyValue} is out of range; allowed [0, 1]");
        }

        if (Negatives is < 0 or > 1000)
        {
            throw new ArgumentException($"negatives {Negatives} is out of range; allowed 0..1000");
        }

        if (NegativePool < 1)
        {
            throw new ArgumentException($"negative pool {NegativePool} must be at least 1");
        }

        if (!(ScoreScale > 0.0 && ScoreScale <= MaxScoreScale))
        {
            throw new ArgumentException($"score scale {ScoreScale} is out of range; allowed (0, {MaxScoreScale}]");
        }

        if (!Enum.IsDefined(OutputBias))
        {
            throw new ArgumentException($"output bias {OutputBias} is unknown; allowed none, log_prior");
        }

        if (!(PriorAlpha > 0.0 && PriorAlpha <= MaxPriorAlpha))
        {
            throw new ArgumentException($"prior alpha {PriorAlpha} is out of range; allowed (0, {MaxPriorAlpha}]");
        }
    }
}
