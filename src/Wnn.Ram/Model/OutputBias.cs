namespace Wnn.Ram.Model;

/// <summary>A per-cluster bias b_c added to the scaled score before the softmax: p(c) ∝ exp(b_c + τ·s_c).</summary>
public enum OutputBias
{
    /// <summary>b_c = 0 (the original model).</summary>
    None,

    /// <summary>b_c = ln((n_c + α) / (N + α·V)) over the training targets of the evaluation.</summary>
    LogPrior,
}
