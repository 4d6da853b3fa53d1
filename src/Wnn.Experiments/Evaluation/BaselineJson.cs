using System.Globalization;
using Wnn.Ram.Baselines;

namespace Wnn.Experiments.Evaluation;

/// <summary>The one JSON shape of the n-gram baselines (<c>wnn baseline --json</c>, and <c>ngram_baselines</c> in eval and search results).</summary>
public static class BaselineJson
{
    /// <summary>uniform, unigram, bigram and trigram, each {ce, perplexity, accuracy}, and the number of targets.</summary>
    public static Dictionary<string, object> Fields(BaselineReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return new Dictionary<string, object>
        {
            ["uniform"] = Scores(report.Uniform),
            ["unigram"] = Scores(report.Unigram),
            ["bigram"] = Scores(report.Bigram),
            ["trigram"] = Scores(report.Trigram),
            ["targets"] = report.Targets,
        };
    }

    /// <summary>One line: the model's CE beside the baselines' (nats), for terminals.</summary>
    public static string Compare(double crossEntropy, BaselineReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return string.Create(CultureInfo.InvariantCulture,
            $"CE (nats): RAM LM {crossEntropy:F4} | unigram {report.Unigram.CrossEntropy:F4} | bigram {report.Bigram.CrossEntropy:F4} | KN trigram {report.Trigram.CrossEntropy:F4} | uniform {report.Uniform.CrossEntropy:F4}");
    }

    private static Dictionary<string, double> Scores(BaselineScore s) => new()
    {
        ["ce"] = s.CrossEntropy,
        ["perplexity"] = s.Perplexity,
        ["accuracy"] = s.Accuracy,
    };
}
