using Wnn.Contracts;

namespace Wnn.Ram.Text;

/// <summary>Data that cannot be found, fetched or read; the message names the path or package and what to do.</summary>
public sealed class DataException : WnnException
{
    /// <summary>Creates the exception.</summary>
    public DataException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public DataException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public DataException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
