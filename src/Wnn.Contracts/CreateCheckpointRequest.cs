using System.Text.Json;

namespace Wnn.Contracts;

/// <summary>Body of <c>POST /api/checkpoints</c>: registers an existing <c>.json.gz</c> file under the server's checkpoint root.</summary>
public sealed record CreateCheckpointRequest
{
    /// <summary>Human-readable name; default the file name.</summary>
    public string? Name { get; init; }

    /// <summary>Path of the file as the server sees it.</summary>
    public string? FilePath { get; init; }

    /// <summary>Producing experiment, if any.</summary>
    public long? ExperimentId { get; init; }

    /// <summary>Cross-entropy.</summary>
    public double? FinalFitness { get; init; }

    /// <summary>Accuracy.</summary>
    public double? FinalAccuracy { get; init; }

    /// <summary>Iterations run.</summary>
    public int? IterationsRun { get; init; }

    /// <summary>Genome statistics object.</summary>
    public JsonElement? GenomeStats { get; init; }

    /// <summary>True for a final checkpoint.</summary>
    public bool IsFinal { get; init; }
}
