namespace Wnn.Ram.Baselines;

/// <summary>
/// Count-based reference models on the RAM LM's train/eval tokens: uniform, add-α unigram, interpolated
/// absolute-discounting bigram and interpolated Kneser–Ney trigram (definitions in docs/baselines.md).
/// </summary>
public static class NgramBaselines
{
    private const double Epsilon = 1e-10;

    /// <summary>Scores the four baselines on the eval targets from position <see cref="BaselineOptions.ContextSize"/> on.</summary>
    /// <exception cref="ArgumentException">A token is outside the vocabulary, or there is nothing to train on or score.</exception>
    public static BaselineReport Evaluate(ReadOnlySpan<int> train, ReadOnlySpan<int> eval, int vocabularySize, BaselineOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (vocabularySize < 1)
        {
            throw new ArgumentException($"vocabulary size {vocabularySize} is out of range; allowed ≥ 1");
        }

        if (train.Length == 0)
        {
            throw new ArgumentException("no training tokens: the baselines need at least one");
        }

        if (eval.Length <= options.ContextSize)
        {
            throw new ArgumentException($"{eval.Length} evaluation tokens leave no target after a context of {options.ContextSize}");
        }

        CheckRange(train, vocabularySize, "training");
        CheckRange(eval, vocabularySize, "evaluation");
        var model = new NgramModel(train, vocabularySize, options.UnigramAlpha);
        int targets = eval.Length - options.ContextSize;
        double ceUniform = 0, ceUnigram = 0, ceBigram = 0, ceTrigram = 0;
        int hitUniform = 0, hitUnigram = 0, hitBigram = 0, hitTrigram = 0;
        double uniformLoss = -Math.Log((1.0 / vocabularySize) + Epsilon);
        for (int i = options.ContextSize; i < eval.Length; i++)
        {
            int target = eval[i];
            int v = eval[i - 1];
            int u = i >= 2 ? eval[i - 2] : -1;
            ceUniform += uniformLoss;
            hitUniform += target == 0 ? 1 : 0;
            ceUnigram -= Math.Log(model.Unigram(target) + Epsilon);
            hitUnigram += target == model.UnigramArgmax ? 1 : 0;
            ceBigram -= Math.Log(model.Bigram(v, target) + Epsilon);
            hitBigram += target == model.BigramArgmax(v) ? 1 : 0;
            ceTrigram -= Math.Log(model.Trigram(u, v, target) + Epsilon);
            hitTrigram += target == model.TrigramArgmax(u, v) ? 1 : 0;
        }

        BaselineScore Score(double ce, int hits) => new(ce / targets, (double)hits / targets);
        return new BaselineReport(
            Score(ceUniform, hitUniform), Score(ceUnigram, hitUnigram), Score(ceBigram, hitBigram), Score(ceTrigram, hitTrigram), targets);
    }

    private static void CheckRange(ReadOnlySpan<int> tokens, int vocabularySize, string what)
    {
        foreach (int t in tokens)
        {
            if ((uint)t >= (uint)vocabularySize)
            {
                throw new ArgumentException($"{what} token id {t} is outside the vocabulary [0, {vocabularySize})");
            }
        }
    }
}
