using Wnn.Ram.Model;

namespace Wnn.Ram.Evaluation;

/// <summary>
/// <c>score_scale: auto</c> (docs/ram-lm.md): τ chosen on a held-out slice of the training tokens, never on the
/// evaluation tokens. The last tenth of the training tokens is held out; the genome's memory is trained on the rest
/// and τ minimizes the held-out CE by golden-section search over ln τ in [<see cref="MinScale"/>, 30].
/// </summary>
public static class ScoreScaleFit
{
    /// <summary>Share of the training tokens held out (at least context + 1 tokens).</summary>
    public const double HeldOutShare = 0.1;

    /// <summary>Smallest τ searched.</summary>
    public const double MinScale = 0.05;

    /// <summary>Golden-section steps after the first two probes (22 scorings in all).</summary>
    public const int Steps = 20;

    /// <summary>Negative-sampler stream of the fit's training part (other data subsets use small indices).</summary>
    public const int NegativeStream = int.MaxValue;

    /// <summary>
    /// The fit's data: the first training tokens against the held-out last ones, with <paramref name="options"/>' bias
    /// (a log prior counts the fit part's targets only).
    /// </summary>
    /// <exception cref="ArgumentException">Too few training tokens to hold a slice out.</exception>
    public static EvaluationData HeldOutData(ClusterOrder order, ReadOnlySpan<int> trainTokens, ModelOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        int heldOut = Math.Max(options.ContextSize + 1, (int)(trainTokens.Length * HeldOutShare));
        int fit = trainTokens.Length - heldOut;
        if (fit <= options.ContextSize)
        {
            throw new ArgumentException(
                $"score_scale auto: {trainTokens.Length} training tokens are too few to hold out {heldOut}; need more than {heldOut + options.ContextSize}");
        }

        return EvaluationData.Create(order, trainTokens[..fit], trainTokens[fit..], options with { ScoreScale = 1.0 }, NegativeStream);
    }

    /// <summary>Fits τ for <paramref name="genome"/> on <paramref name="trainTokens"/> (the evaluation tokens are not an input).</summary>
    public static ScoreScaleFitResult Fit(
        ClusterOrder order, ReadOnlySpan<int> trainTokens, ModelOptions options, Genome genome, Func<EvaluationData, IGenomeEvaluator> evaluator,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(evaluator);
        return Fit(evaluator(HeldOutData(order, trainTokens, options)), genome, cancellationToken);
    }

    /// <summary>Fits τ for <paramref name="genome"/> with an evaluator over <see cref="HeldOutData"/>.</summary>
    public static ScoreScaleFitResult Fit(IGenomeEvaluator heldOut, Genome genome, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(heldOut);
        Func<double, EvaluationResult> probe = heldOut.ScaleProbe(genome, cancellationToken);
        double bestScale = double.NaN, bestCe = double.PositiveInfinity;
        double Ce(double x)
        {
            cancellationToken.ThrowIfCancellationRequested();
            double scale = Math.Min(Math.Exp(x), ModelOptions.MaxScoreScale);
            double ce = probe(scale).CrossEntropy;
            if (ce < bestCe || (ce == bestCe && scale < bestScale))
            {
                (bestScale, bestCe) = (scale, ce);
            }

            return ce;
        }

        // Golden-section search: the held-out CE is convex in τ (a log-sum-exp minus a linear term), hence unimodal.
        double g = (Math.Sqrt(5) - 1) / 2;
        double a = Math.Log(MinScale), b = Math.Log(ModelOptions.MaxScoreScale);
        double c = b - (g * (b - a)), d = a + (g * (b - a));
        double fc = Ce(c), fd = Ce(d);
        for (int step = 0; step < Steps; step++)
        {
            if (fc <= fd)
            {
                (b, d, fd) = (d, c, fc);
                c = b - (g * (b - a));
                fc = Ce(c);
            }
            else
            {
                (a, c, fc) = (c, d, fd);
                d = a + (g * (b - a));
                fd = Ce(d);
            }
        }

        return new ScoreScaleFitResult(bestScale, bestCe, heldOut.Data.Train.Count, heldOut.Data.Eval.Count);
    }
}
