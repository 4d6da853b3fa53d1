namespace Wnn.Contracts;

/// <summary>
/// The base of every user-facing error of the libraries: its message is one line that names the bad value (key,
/// file, option) and what is accepted, fit to print as is. Front ends catch this one type and print the message
/// without a stack trace; the command line exits with <see cref="ExitCode"/>.
/// </summary>
public abstract class WnnException : Exception
{
    /// <summary>Creates the exception with a one-line message.</summary>
    protected WnnException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception with a one-line message and its cause.</summary>
    protected WnnException(string message, Exception? innerException) : base(message, innerException)
    {
    }

    /// <summary>Creates an empty exception.</summary>
    protected WnnException()
    {
    }

    /// <summary>The process exit code of a command that ends with this error (2 = bad input).</summary>
    public virtual int ExitCode => 2;
}
