using System.Globalization;

namespace Wnn.Experiments.Objectives.Transformer;

/// <summary>
/// The non-architectural sizes of the PatchTST-style forecaster (defaults match examples/hpo/patchtst_train.py):
/// variables, input window, patch length and stride, forecast horizon.
/// </summary>
public sealed record PatchTstShape
{
    /// <summary>Default number of variables (5).</summary>
    public const int DefaultNVars = 5;

    /// <summary>Default input window (96 steps).</summary>
    public const int DefaultSeqLen = 96;

    /// <summary>Default patch length (16 steps).</summary>
    public const int DefaultPatchLen = 16;

    /// <summary>Default stride between patches (16 steps: non-overlapping patches).</summary>
    public const int DefaultStride = 16;

    /// <summary>Default forecast horizon (1 step).</summary>
    public const int DefaultHorizon = 1;

    /// <summary>Number of variables of the series; channel-independent, so it does not change the parameter count. Default 5.</summary>
    public int NVars { get; init; } = DefaultNVars;

    /// <summary>Input window length in steps. Default 96.</summary>
    public int SeqLen { get; init; } = DefaultSeqLen;

    /// <summary>Patch length in steps. Default 16.</summary>
    public int PatchLen { get; init; } = DefaultPatchLen;

    /// <summary>Stride between patch starts. Default 16.</summary>
    public int Stride { get; init; } = DefaultStride;

    /// <summary>Steps forecast per window. Default 1.</summary>
    public int Horizon { get; init; } = DefaultHorizon;

    /// <summary>Patches per window: (seq_len − patch_len) / stride + 1 (no end padding).</summary>
    public int NPatches => ((SeqLen - PatchLen) / Stride) + 1;

    /// <summary>Throws an <see cref="ArgumentException"/> naming the bad value.</summary>
    public PatchTstShape Validate()
    {
        Positive(NVars, "n_vars");
        Positive(SeqLen, "seq_len");
        Positive(PatchLen, "patch_len");
        Positive(Stride, "stride");
        Positive(Horizon, "horizon");
        if (PatchLen > SeqLen)
        {
            throw new ArgumentException($"patch_len {Text(PatchLen)} is longer than seq_len {Text(SeqLen)}; allowed: 1 ≤ patch_len ≤ seq_len.");
        }

        return this;
    }

    private static void Positive(int value, string name)
    {
        if (value <= 0)
        {
            throw new ArgumentException($"{name} must be a positive integer, got {Text(value)}.");
        }
    }

    private static string Text(int v) => v.ToString(CultureInfo.InvariantCulture);
}
