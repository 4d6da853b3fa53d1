using System.Globalization;
using Wnn.Ram.Evaluation;

namespace Wnn.Experiments.Evaluation;

/// <summary>The one JSON shape and terminal line of a fitted score scale (<c>score_scale_fit</c> in eval and search results).</summary>
public static class ScoreScaleFitJson
{
    /// <summary>score_scale, held_out_ce, fit_examples, held_out_examples.</summary>
    public static Dictionary<string, object> Fields(ScoreScaleFitResult fit)
    {
        ArgumentNullException.ThrowIfNull(fit);
        return new Dictionary<string, object>
        {
            ["score_scale"] = fit.ScoreScale,
            ["held_out_ce"] = fit.HeldOutCrossEntropy,
            ["fit_examples"] = fit.FitExamples,
            ["held_out_examples"] = fit.HeldOutExamples,
        };
    }

    /// <summary>One line for terminals.</summary>
    public static string Describe(ScoreScaleFitResult fit)
    {
        ArgumentNullException.ThrowIfNull(fit);
        return string.Create(CultureInfo.InvariantCulture,
            $"score scale auto: τ = {fit.ScoreScale:G6} (held-out CE {fit.HeldOutCrossEntropy:F4} nats on the last {fit.HeldOutExamples:N0} training examples, memory trained on {fit.FitExamples:N0})");
    }
}
