namespace Wnn.Experiments.Checkpoints;

/// <summary>How int arrays are written in checkpoint JSON.</summary>
public enum IntArrayEncoding
{
    /// <summary>
    /// <c>{"dtype":"packed","width":w,"length":n,"base64":"…"}</c>: non-negative values bit-packed with w bits each
    /// (value i in stream bits [i·w, (i+1)·w), least significant bit first); negative values use
    /// <c>{"dtype":"i32",…}</c> little-endian. Several times faster and smaller than number arrays.
    /// </summary>
    Compact,

    /// <summary>Plain JSON number arrays (what the original wrote; always readable).</summary>
    Numbers,
}
