namespace Wnn.Ram.Model;

/// <summary>One tier of a tier configuration: <see cref="Count"/> clusters (null = the rest) with a shape.</summary>
public sealed record Tier(int? Count, int Neurons, int Bits, bool Optimize = true);
