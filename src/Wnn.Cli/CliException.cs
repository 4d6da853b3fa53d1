namespace Wnn.Cli;

/// <summary>A user-facing error: printed as one line without a stack trace, exits with <see cref="ExitCode"/>.</summary>
internal sealed class CliException : Exception
{
    public CliException(string message, int exitCode = 2) : base(message) => ExitCode = exitCode;

    public CliException()
    {
    }

    public CliException(string message, Exception innerException) : base(message, innerException)
    {
    }

    public int ExitCode { get; } = 2;
}
