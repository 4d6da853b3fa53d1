namespace Wnn.Cli;

/// <summary>A user-facing error raised by the command line itself (a bad flag combination, a missing file).</summary>
internal sealed class CliException : WnnException
{
    private readonly int _exitCode = 2;

    public CliException(string message, int exitCode = 2) : base(message) => _exitCode = exitCode;

    public CliException()
    {
    }

    public CliException(string message, Exception innerException) : base(message, innerException)
    {
    }

    public override int ExitCode => _exitCode;
}
