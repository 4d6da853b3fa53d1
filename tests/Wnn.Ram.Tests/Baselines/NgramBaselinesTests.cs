using Wnn.Ram.Baselines;

namespace Wnn.Ram.Tests.Baselines;

public sealed class NgramBaselinesTests
{
    private const double Eps = 1e-10;

    // Train "0 1 0 1 0 2 1 2" over V = 3. Worked by hand (docs/baselines.md has the formulas):
    // unigram (α = 1): p = (n + 1) / 11 with n = 3, 3, 2.
    // bigram counts (0,1)=2 (1,0)=2 (0,2)=1 (2,1)=1 (1,2)=1 → n1 = 3, n2 = 2, D = 3/7.
    // trigram counts (0,1,0)=2 (1,0,1)=1 (1,0,2)=1 (0,2,1)=1 (2,1,2)=1 → D3 = 4/6.
    // KN lowest order: distinct left contexts 1, 2, 2 over 5 bigram types, D1 = 1/5 → p = 0.2, 0.4, 0.4;
    // the middle order's continuation counts are all 1 (D = 1), so it equals the lowest order here.
    private static readonly int[] Train = [0, 1, 0, 1, 0, 2, 1, 2];
    private static readonly int[] Eval = [0, 1, 2, 1];

    private static BaselineReport Tiny() =>
        NgramBaselines.Evaluate(Train, Eval, 3, new BaselineOptions { ContextSize = 1, UnigramAlpha = 1.0 });

    [Fact]
    public void Uniform_and_unigram_match_the_hand_computed_values()
    {
        BaselineReport r = Tiny();
        Assert.Equal(3, r.Targets);
        Assert.Equal(-Math.Log((1.0 / 3) + Eps), r.Uniform.CrossEntropy, 12);
        Assert.Equal(0.0, r.Uniform.Accuracy);
        double unigram = -(Math.Log((4.0 / 11) + Eps) + Math.Log((3.0 / 11) + Eps) + Math.Log((4.0 / 11) + Eps)) / 3;
        Assert.Equal(unigram, r.Unigram.CrossEntropy, 12);
        Assert.Equal(0.0, r.Unigram.Accuracy); // tokens 0 and 1 tie at n = 3; the lowest id, 0, is never a target
    }

    [Fact]
    public void Bigram_matches_the_hand_computed_absolute_discounting_values()
    {
        BaselineReport r = Tiny();
        double p01 = (11.0 / 21) + (8.0 / 77); // (2 − 3/7)/3 + (3/7)(2/3)(4/11)
        double p12 = (4.0 / 21) + (6.0 / 77);  // (1 − 3/7)/3 + (3/7)(2/3)(3/11)
        double p21 = (4.0 / 7) + (12.0 / 77);  // (1 − 3/7)/1 + (3/7)(1/1)(4/11)
        double ce = -(Math.Log(p01 + Eps) + Math.Log(p12 + Eps) + Math.Log(p21 + Eps)) / 3;
        Assert.Equal(ce, r.Bigram.CrossEntropy, 12);
        Assert.Equal(2.0 / 3, r.Bigram.Accuracy, 12); // after 1 the argmax is 0, the target 2
    }

    [Fact]
    public void Trigram_matches_the_hand_computed_kneser_ney_values()
    {
        BaselineReport r = Tiny();
        // i=1: no second history token → middle order 0.4; i=2: history (0,1) seen once with 0 → (1/3)·0.4;
        // i=3: history (1,2) never seen → 0.4.
        double ce = -(Math.Log(0.4 + Eps) + Math.Log((0.4 / 3) + Eps) + Math.Log(0.4 + Eps)) / 3;
        Assert.Equal(ce, r.Trigram.CrossEntropy, 12);
        Assert.Equal(2.0 / 3, r.Trigram.Accuracy, 12);
    }

    [Fact]
    public void Every_conditional_distribution_sums_to_one_and_its_argmax_is_the_brute_force_one()
    {
        const int v = 7;
        var rng = new Random(11);
        int[] train = Enumerable.Range(0, 400).Select(_ => Math.Min(rng.Next(v), rng.Next(v))).ToArray();
        var model = new NgramModel(train, v, 0.3);
        Assert.Equal(1.0, Enumerable.Range(0, v).Sum(model.Unigram), 12);
        for (int u = -1; u < v; u++)
        {
            for (int h = 0; h < v; h++)
            {
                double[] tri = Enumerable.Range(0, v).Select(w => model.Trigram(u, h, w)).ToArray();
                Assert.Equal(1.0, tri.Sum(), 12);
                Assert.Equal(ArgmaxLowestId(tri), model.TrigramArgmax(u, h));
                if (u == -1)
                {
                    double[] bi = Enumerable.Range(0, v).Select(w => model.Bigram(h, w)).ToArray();
                    Assert.Equal(1.0, bi.Sum(), 12);
                    Assert.Equal(ArgmaxLowestId(bi), model.BigramArgmax(h));
                }
            }
        }
    }

    [Fact]
    public void Ranks_the_models_on_a_text_with_structure()
    {
        // A repeating pattern with noise: each richer model must do better than the one below it.
        var rng = new Random(5);
        int[] Make(int n) => Enumerable.Range(0, n).Select(i => rng.NextDouble() < 0.1 ? rng.Next(20) : (i * 7 % 13) + (i % 2)).ToArray();
        BaselineReport r = NgramBaselines.Evaluate(Make(5000), Make(1000), 20, new BaselineOptions());
        Assert.True(r.Unigram.CrossEntropy < r.Uniform.CrossEntropy);
        Assert.True(r.Bigram.CrossEntropy < r.Unigram.CrossEntropy);
        Assert.True(r.Trigram.CrossEntropy < r.Bigram.CrossEntropy);
    }

    [Fact]
    public void Refuses_tokens_outside_the_vocabulary_and_empty_inputs()
    {
        var options = new BaselineOptions { ContextSize = 1 };
        Assert.Contains("training token id 3", Assert.Throws<ArgumentException>(() => NgramBaselines.Evaluate([0, 3], [0, 1], 3, options)).Message);
        Assert.Contains("evaluation token id -1", Assert.Throws<ArgumentException>(() => NgramBaselines.Evaluate([0, 1], [0, -1], 3, options)).Message);
        Assert.Contains("no target", Assert.Throws<ArgumentException>(() => NgramBaselines.Evaluate([0, 1], [0], 3, options)).Message);
        Assert.Contains("no training tokens", Assert.Throws<ArgumentException>(() => NgramBaselines.Evaluate([], [0, 1], 3, options)).Message);
        Assert.Contains("alpha", Assert.Throws<ArgumentException>(() => NgramBaselines.Evaluate([0], [0, 1], 3, options with { UnigramAlpha = 0 })).Message);
    }

    private static int ArgmaxLowestId(double[] p)
    {
        int best = 0;
        for (int i = 1; i < p.Length; i++)
        {
            if (p[i] > p[best])
            {
                best = i;
            }
        }

        return best;
    }
}
