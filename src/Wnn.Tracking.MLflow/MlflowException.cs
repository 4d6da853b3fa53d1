namespace Wnn.Tracking.MLflow;

/// <summary>A tracking request that the server refused or that could not reach it (after the retries).</summary>
public sealed class MlflowException : Exception
{
    /// <summary>Creates the exception.</summary>
    public MlflowException(string message, Exception? inner = null) : base(message, inner)
    {
    }

    /// <summary>Creates the exception with no message.</summary>
    public MlflowException() : base("MLflow request failed")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public MlflowException(string message) : base(message)
    {
    }
}
