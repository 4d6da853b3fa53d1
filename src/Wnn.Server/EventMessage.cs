namespace Wnn.Server;

/// <summary>One WebSocket message, serialized once and shared by every subscriber.</summary>
/// <param name="Id">Event id (0 for a snapshot).</param>
/// <param name="Type">Message type.</param>
/// <param name="Utf8Json">The complete message: <c>{"type":…,"id":…,"data":…}</c>.</param>
internal sealed record EventMessage(long Id, string Type, ReadOnlyMemory<byte> Utf8Json);
