namespace Wnn.Experiments.Checkpoints;

/// <summary>A checkpoint, results or genome file is missing, unreadable or corrupt; the message names the file.</summary>
public sealed class CheckpointException : WnnException
{
    /// <summary>Creates the exception.</summary>
    public CheckpointException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public CheckpointException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public CheckpointException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
