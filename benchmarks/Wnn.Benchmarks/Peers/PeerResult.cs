using System.Text.Json.Serialization;

namespace Wnn.Benchmarks.Peers;

/// <summary>One line of a results file: one sampler on one problem with one seed (the same shape the Optuna script prints).</summary>
public sealed record PeerResult(
    [property: JsonPropertyName("impl")] string Impl,
    [property: JsonPropertyName("problem")] string Problem,
    [property: JsonPropertyName("sampler")] string Sampler,
    [property: JsonPropertyName("seed")] int Seed,
    [property: JsonPropertyName("trials")] int Trials,
    [property: JsonPropertyName("metric")] string Metric,
    [property: JsonPropertyName("value")] double Value,
    [property: JsonPropertyName("elapsed_s")] double ElapsedSeconds);
