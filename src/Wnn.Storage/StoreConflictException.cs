namespace Wnn.Storage;

/// <summary>A mutation that is not allowed in the record's current state (e.g. editing a running flow).</summary>
public sealed class StoreConflictException : WnnException
{
    /// <summary>Creates the exception with a message that names the state and what is allowed.</summary>
    public StoreConflictException(string message) : base(message)
    {
    }

    /// <summary>Creates an empty exception.</summary>
    public StoreConflictException()
    {
    }

    /// <summary>Creates the exception wrapping another.</summary>
    public StoreConflictException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
