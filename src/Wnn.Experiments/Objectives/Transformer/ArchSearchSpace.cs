namespace Wnn.Experiments.Objectives.Transformer;

/// <summary>
/// ARCH_SEARCH_SPACE: the definitive values of each architectural dimension (our choice, see docs/architectural-hpo.md).
/// A combination is valid when n_heads divides d_model, each head is at least <see cref="MinHeadDim"/> wide, and
/// d_model ≤ d_ff ≤ <see cref="MaxFfRatio"/>·d_model. These values cover budgets from about 10K to about 40M parameters;
/// every named budget (200K, 500K, 1M, 2M) has 80–140 valid architectures within ±25 %.
/// </summary>
public static class ArchSearchSpace
{
    /// <summary>Model widths.</summary>
    public static IReadOnlyList<int> DModel { get; } = [32, 48, 64, 96, 128, 192, 256, 384, 512];

    /// <summary>Encoder depths.</summary>
    public static IReadOnlyList<int> NLayers { get; } = [1, 2, 3, 4, 6, 8, 12];

    /// <summary>Attention heads.</summary>
    public static IReadOnlyList<int> NHeads { get; } = [1, 2, 4, 8, 16];

    /// <summary>Feed-forward widths.</summary>
    public static IReadOnlyList<int> DFf { get; } = [64, 128, 192, 256, 384, 512, 768, 1024, 1536, 2048];

    /// <summary>Smallest head width (d_model / n_heads) admitted: narrower heads carry too little to attend with.</summary>
    public const int MinHeadDim = 8;

    /// <summary>Largest d_ff / d_model ratio admitted (the usual transformer uses 4).</summary>
    public const int MaxFfRatio = 4;

    /// <summary>True when the combination satisfies the constraints of the search space (values need not be in the lists).</summary>
    public static bool IsValid(Architecture a)
    {
        ArgumentNullException.ThrowIfNull(a);
        return a.DModel > 0 && a.NLayers > 0 && a.NHeads > 0 && a.DFf > 0
            && a.DModel % a.NHeads == 0
            && a.DModel / a.NHeads >= MinHeadDim
            && a.DFf >= a.DModel && a.DFf <= MaxFfRatio * a.DModel;
    }
}
