namespace Wnn.Ram.Text;

/// <summary>One entry of <see cref="DataCache.List"/>: what it is, where, whether present, its size and a short detail.</summary>
public sealed record CachedItem(string Name, string Path, bool Present, long Bytes, string Detail);
