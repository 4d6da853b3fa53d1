namespace Wnn.Experiments.Phased;

/// <summary>The search was cancelled; it says which phase to resume from and which checkpoint was written.</summary>
public sealed class PhasedRunCancelledException : OperationCanceledException
{
    /// <summary>Creates the exception.</summary>
    public PhasedRunCancelledException(string resumePhase, string? checkpointPath, CancellationToken token)
        : base($"search cancelled in phase {resumePhase}" + (checkpointPath is null ? "" : $"; checkpoint written to {checkpointPath}"), token)
    {
        ResumePhase = resumePhase;
        CheckpointPath = checkpointPath;
    }

    /// <summary>Creates the exception.</summary>
    public PhasedRunCancelledException() => ResumePhase = "1a";

    /// <summary>Creates the exception.</summary>
    public PhasedRunCancelledException(string message) : base(message) => ResumePhase = "1a";

    /// <summary>Creates the exception.</summary>
    public PhasedRunCancelledException(string message, Exception innerException) : base(message, innerException) => ResumePhase = "1a";

    /// <summary>The phase to pass to --resume-from.</summary>
    public string ResumePhase { get; }

    /// <summary>The mid-phase checkpoint written, or null (then the phase restarts from the previous phase's checkpoint).</summary>
    public string? CheckpointPath { get; }
}
