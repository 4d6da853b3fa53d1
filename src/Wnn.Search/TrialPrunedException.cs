namespace Wnn.Search;

/// <summary>Thrown by an objective (typically after <see cref="Trial.ShouldPrune"/>) to end the trial as Pruned.</summary>
public sealed class TrialPrunedException : Exception
{
    /// <summary>Creates the exception with a default message.</summary>
    public TrialPrunedException() : base("Trial was pruned.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public TrialPrunedException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception with a message and cause.</summary>
    public TrialPrunedException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
