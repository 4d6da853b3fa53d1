using Wnn.Experiments.Objectives.Transformer;

namespace Wnn.Experiments.Tests.Objectives.Transformer;

public sealed class ParamCountTests
{
    [Fact]
    public void Estimator_equals_PyTorch_for_250_random_architectures_of_each_model()
    {
        var rng = new Random(2002);
        var requests = new List<(TransformerModelKind, Architecture, PatchTstShape)>();
        int[] heads = [1, 2, 3, 4, 6, 8];
        for (int i = 0; i < 250; i++)
        {
            int h = heads[rng.Next(heads.Length)];
            var a = new Architecture(h * rng.Next(1, 25), rng.Next(1, 7), h, rng.Next(1, 600));
            int seq = rng.Next(16, 129);
            int patch = rng.Next(1, Math.Min(seq, 32) + 1);
            var shape = new PatchTstShape { NVars = rng.Next(1, 9), SeqLen = seq, PatchLen = patch, Stride = rng.Next(1, patch + 1), Horizon = rng.Next(1, 50) };
            requests.Add((TransformerModelKind.PatchTst, a, shape));
            requests.Add((TransformerModelKind.TransformerEncoder, a, shape));
        }

        long[] torch = TorchCounter.Count(requests);
        for (int i = 0; i < requests.Count; i++)
        {
            var (model, a, shape) = requests[i];
            Assert.True(torch[i] == ArchitectureParamCount.Estimate(model, a, shape), $"{model} {a} {shape}: PyTorch {torch[i]}, estimate {ArchitectureParamCount.Estimate(model, a, shape)}");
        }
    }

    [Fact]
    public void Estimator_equals_PyTorch_for_the_extremes_of_every_named_budget_and_horizon_of_both_models()
    {
        var requests = new List<(TransformerModelKind, Architecture, PatchTstShape)>();
        foreach (TransformerModelKind model in Enum.GetValues<TransformerModelKind>())
        {
            foreach (int horizon in HpoTemplates.DefaultHorizons)
            {
                var shape = new PatchTstShape { Horizon = horizon };
                IReadOnlyList<SizedArchitecture> grid = ArchitectureGrid.Generate(model, shape);
                var picked = new HashSet<Architecture> { grid[0].Architecture, grid[^1].Architecture };
                foreach (ParamBudget budget in ParamBudget.Named)
                {
                    foreach (SizedArchitecture s in ArchitectureGrid.Extremes(ArchitectureGrid.FilterByBudget(grid, budget.Target), budget.Target).Values)
                    {
                        picked.Add(s.Architecture);
                    }
                }

                requests.AddRange(picked.Select(a => (model, a, shape)));
            }
        }

        long[] torch = TorchCounter.Count(requests);
        Assert.True(requests.Count >= 60, $"only {requests.Count} extremes");
        for (int i = 0; i < requests.Count; i++)
        {
            var (model, a, shape) = requests[i];
            Assert.Equal(torch[i], ArchitectureParamCount.Estimate(model, a, shape));
        }
    }

    [Fact]
    public void Encoder_layer_is_4E2_plus_2EF_plus_9E_plus_F_and_the_encoder_adds_no_final_norm()
    {
        Assert.Equal((4 * 64 * 64) + (2 * 64 * 128) + (9 * 64) + 128, ArchitectureParamCount.EncoderLayer(64, 128));
        Assert.Equal(3 * ArchitectureParamCount.EncoderLayer(96, 384), ArchitectureParamCount.TransformerEncoder(new Architecture(96, 3, 8, 384)));
        // Heads split d_model; they add no parameters.
        Assert.Equal(ArchitectureParamCount.TransformerEncoder(new Architecture(64, 2, 1, 256)), ArchitectureParamCount.TransformerEncoder(new Architecture(64, 2, 16, 256)));
    }

    [Fact]
    public void PatchTst_count_adds_embedding_positions_final_norm_and_head()
    {
        var a = new Architecture(64, 2, 4, 128);
        var shape = new PatchTstShape();
        long n = shape.NPatches;
        Assert.Equal(6, n);
        long expected = (16 * 64) + 64 + (n * 64) + (2 * ArchitectureParamCount.EncoderLayer(64, 128)) + (2 * 64) + (n * 64 * 1) + 1;
        Assert.Equal(expected, ArchitectureParamCount.PatchTst(a, shape));
        Assert.Equal(ArchitectureParamCount.PatchTst(a, shape), ArchitectureParamCount.PatchTst(a, shape with { NVars = 11 }));
    }

    [Fact]
    public void N_heads_that_do_not_divide_d_model_are_refused_with_the_allowed_values()
    {
        var ex = Assert.Throws<ArgumentException>(() => ArchitectureParamCount.TransformerEncoder(new Architecture(64, 2, 3, 128)));
        Assert.Contains("n_heads 3 does not divide d_model 64", ex.Message, StringComparison.Ordinal);
        Assert.Contains("1, 2, 4, 8, 16, 32, 64", ex.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => ArchitectureParamCount.PatchTst(new Architecture(0, 2, 1, 128), new PatchTstShape()));
        Assert.Throws<ArgumentException>(() => ArchitectureParamCount.PatchTst(new Architecture(64, 2, 4, 128), new PatchTstShape { PatchLen = 200 }));
    }

    [Fact]
    public void PyTorch_refuses_the_same_bad_architecture_with_exit_code_2()
    {
        var (code, _, stderr) = TorchCounter.RunPython(["--count-params", "d_model=64", "n_heads=3"], null, TimeSpan.FromMinutes(2));
        Assert.Equal(2, code);
        Assert.Contains("n_heads=3 does not divide d_model=64", stderr, StringComparison.Ordinal);
        Assert.Single(stderr.Trim().Split('\n'));
    }
}
