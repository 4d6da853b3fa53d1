namespace Wnn.Experiments.Config.Composition;

/// <summary>A config that cannot be composed or resolved; the message names the file, key or override and what is allowed.</summary>
public sealed class ConfigCompositionException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ConfigCompositionException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public ConfigCompositionException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public ConfigCompositionException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
