namespace Wnn.Experiments.Config.Overrides;

/// <summary>A sweep that parses but cannot be turned into jobs (e.g. <c>interval()</c> in a grid sweep); the message says what to use instead.</summary>
public sealed class SweepPlanException : WnnException
{
    /// <summary>Creates the exception.</summary>
    public SweepPlanException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public SweepPlanException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public SweepPlanException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
