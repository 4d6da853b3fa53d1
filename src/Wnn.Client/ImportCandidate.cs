namespace Wnn.Client;

/// <summary>A checkpoint file found by <see cref="CheckpointImporter"/>, with the metadata read from it.</summary>
/// <param name="FilePath">Absolute path.</param>
/// <param name="Name">Name to register (the file name).</param>
/// <param name="SizeBytes">File size.</param>
/// <param name="FinalFitness">Cross-entropy found in the file, if any.</param>
/// <param name="FinalAccuracy">Accuracy found in the file, if any.</param>
/// <param name="IterationsRun">Iterations found in the file, if any.</param>
/// <param name="IsFinal">True when the file name says <c>final</c>.</param>
/// <param name="AlreadyRegistered">True when the server already has this path.</param>
public sealed record ImportCandidate(
    string FilePath, string Name, long SizeBytes, double? FinalFitness, double? FinalAccuracy, int? IterationsRun, bool IsFinal, bool AlreadyRegistered)
{
    /// <summary>Why the server refuses to register the file (its answer to a dry run), or null when it would accept it.</summary>
    public string? Refusal { get; init; }

    /// <summary>A request that registers this file.</summary>
    public CreateCheckpointRequest ToRequest() => new()
    {
        Name = Name,
        FilePath = FilePath,
        FinalFitness = FinalFitness,
        FinalAccuracy = FinalAccuracy,
        IterationsRun = IterationsRun,
        IsFinal = IsFinal,
    };
}
