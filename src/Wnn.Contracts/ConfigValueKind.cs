namespace Wnn.Contracts;

/// <summary>The value type of a configuration key.</summary>
public enum ConfigValueKind
{
    /// <summary>A 32-bit integer.</summary>
    Integer,

    /// <summary>A 64-bit unsigned integer (seeds).</summary>
    UnsignedInteger,

    /// <summary>A floating-point number.</summary>
    Number,

    /// <summary>true or false.</summary>
    Boolean,

    /// <summary>Text.</summary>
    Text,
}
