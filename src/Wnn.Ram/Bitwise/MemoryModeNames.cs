namespace Wnn.Ram.Bitwise;

/// <summary>The config names of <see cref="MemoryMode"/> (model.memory_mode).</summary>
public static class MemoryModeNames
{
    /// <summary>The config name of <paramref name="mode"/>.</summary>
    public static string Name(MemoryMode mode) => mode switch
    {
        MemoryMode.Ternary => "ternary",
        MemoryMode.QuadBinary => "quad_binary",
        MemoryMode.QuadWeighted => "quad_weighted",
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "unknown memory mode"),
    };

    /// <summary>Parses a config name; throws <see cref="ArgumentException"/> naming the allowed ones.</summary>
    public static MemoryMode Parse(string name) => name switch
    {
        "ternary" => MemoryMode.Ternary,
        "quad_binary" => MemoryMode.QuadBinary,
        "quad_weighted" => MemoryMode.QuadWeighted,
        _ => throw new ArgumentException($"memory mode '{name}' is unknown; allowed ternary, quad_binary, quad_weighted"),
    };
}
