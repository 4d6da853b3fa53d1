namespace Wnn.Server;

/// <summary>
/// One rendered list answer: the JSON bytes, their strong ETag and the next-page headers (null on the last page).
/// Immutable, so <see cref="ListCache"/> can hand the same answer to many requests.
/// </summary>
public sealed record ListBody(byte[] Json, string ETag, string? NextCursor, string? Link);
