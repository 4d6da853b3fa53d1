using System.Text.Json.Serialization;

namespace Wnn.Contracts;

/// <summary>An entry of the append-only event log that every mutation writes to.</summary>
public sealed record StoreEvent
{
    /// <summary>Monotonic id; readers poll for ids greater than the last one they saw.</summary>
    public required long Id { get; init; }

    /// <summary>When it was appended (UTC).</summary>
    public required DateTime CreatedAt { get; init; }

    /// <summary>Event type, one of <see cref="StoreEventTypes"/>.</summary>
    public required string Type { get; init; }

    /// <summary>The event data as JSON (snake_case); serialized as the object under <c>data</c>.</summary>
    [JsonPropertyName("data")]
    [JsonConverter(typeof(RawJsonConverter))]
    public required string PayloadJson { get; init; }
}
