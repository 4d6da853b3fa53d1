namespace Wnn.Contracts;

/// <summary>An invalid configuration: the message names the key or value and what is allowed.</summary>
public sealed class ConfigException : WnnException
{
    /// <summary>Creates the exception.</summary>
    public ConfigException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public ConfigException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public ConfigException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
