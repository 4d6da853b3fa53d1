using Wnn.Contracts;

namespace Wnn.Ram.Model;

/// <summary>A genome whose fields are inconsistent; the message names the field and what is allowed.</summary>
public sealed class GenomeValidationException : WnnException
{
    /// <summary>Creates the exception.</summary>
    public GenomeValidationException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public GenomeValidationException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public GenomeValidationException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
