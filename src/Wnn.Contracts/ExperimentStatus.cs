namespace Wnn.Contracts;

/// <summary>Lifecycle state of one experiment (one GA or TS phase run).</summary>
public enum ExperimentStatus
{
    /// <summary>Created, not started.</summary>
    Pending,

    /// <summary>Running; iterations are being recorded.</summary>
    Running,

    /// <summary>Finished normally.</summary>
    Completed,

    /// <summary>Finished with an error.</summary>
    Failed,

    /// <summary>Stopped before finishing.</summary>
    Cancelled,
}
