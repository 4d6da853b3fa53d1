namespace Wnn.Experiments.Checkpoints;

/// <summary>How int arrays are written in checkpoint JSON.</summary>
public enum IntArrayEncoding
{
    /// <summary>
    /// <c>{"dtype":"u8"|"u16"|"i32","base64":"…"}</c> with little-endian values of the smallest type that fits:
    /// several times faster to write and read than number arrays.
    /// </summary>
    Compact,

    /// <summary>Plain JSON number arrays (what the original wrote; always readable).</summary>
    Numbers,
}
