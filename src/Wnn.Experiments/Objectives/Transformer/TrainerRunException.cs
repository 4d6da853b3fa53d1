namespace Wnn.Experiments.Objectives.Transformer;

/// <summary>The trainer process failed: bad arguments, a crash, divergence or no val_loss; the message holds its last error line.</summary>
public sealed class TrainerRunException : Exception
{
    /// <summary>Creates the exception.</summary>
    public TrainerRunException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public TrainerRunException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public TrainerRunException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
