using Wnn.Contracts;

namespace Wnn.Reports.Benchmarks;

/// <summary>A benchmark result file that does not read, or two that may not be compared (exit code 2).</summary>
public sealed class BenchmarkFileException : WnnException
{
    /// <summary>Creates the exception with a one-line message.</summary>
    public BenchmarkFileException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception with a one-line message and its cause.</summary>
    public BenchmarkFileException(string message, Exception innerException) : base(message, innerException)
    {
    }

    /// <summary>Creates an empty exception.</summary>
    public BenchmarkFileException()
    {
    }
}
