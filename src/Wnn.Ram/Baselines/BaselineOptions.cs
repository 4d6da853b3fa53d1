namespace Wnn.Ram.Baselines;

/// <summary>Settings of the n-gram baselines (docs/baselines.md).</summary>
public sealed record BaselineOptions
{
    /// <summary>
    /// Tokens of context of the RAM LM being compared: the baselines predict the same targets, the eval tokens
    /// from position <c>ContextSize</c> on (default: the RAM LM's).
    /// </summary>
    public int ContextSize { get; init; } = new Model.ModelOptions().ContextSize;

    /// <summary>α of the add-α unigram, p(w) = (n_w + α) / (N + α·V) (default 0.1).</summary>
    public double UnigramAlpha { get; init; } = 0.1;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid option.</summary>
    public void Validate()
    {
        if (ContextSize is < 1 or > 64)
        {
            throw new ArgumentException($"context size {ContextSize} is out of range; allowed 1..64");
        }

        if (!(UnigramAlpha > 0.0 && double.IsFinite(UnigramAlpha)))
        {
            throw new ArgumentException($"unigram alpha {UnigramAlpha} is out of range; allowed a finite number > 0");
        }
    }
}
