using System.Runtime.InteropServices;
using System.Text.Json.Serialization;

namespace Wnn.Reports.Benchmarks;

/// <summary>What a benchmark ran on: the CPU and its core count decide whether two runs may be compared.</summary>
public sealed record BenchmarkMachine
{
    /// <summary>The CPU model (/proc/cpuinfo's "model name", else the architecture).</summary>
    [JsonPropertyName("cpu_model")]
    public required string CpuModel { get; init; }

    /// <summary>Logical cores the process may use.</summary>
    [JsonPropertyName("cores")]
    public required int Cores { get; init; }

    /// <summary>The operating system.</summary>
    [JsonPropertyName("os")]
    public required string Os { get; init; }

    /// <summary>The .NET runtime version.</summary>
    [JsonPropertyName("dotnet")]
    public required string Dotnet { get; init; }

    /// <summary>This machine.</summary>
    public static BenchmarkMachine Current() => new()
    {
        CpuModel = CpuModelName() ?? RuntimeInformation.ProcessArchitecture.ToString(),
        Cores = Environment.ProcessorCount,
        Os = RuntimeInformation.OSDescription,
        Dotnet = Environment.Version.ToString(),
    };

    /// <summary>The 1, 5 and 15 minute load averages (/proc/loadavg), or null where there are none.</summary>
    public static string? LoadAverage()
    {
        try
        {
            string[] parts = File.ReadAllText("/proc/loadavg").Split(' ');
            return parts.Length >= 3 ? string.Join(' ', parts[..3]) : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static string? CpuModelName()
    {
        try
        {
            return File.ReadLines("/proc/cpuinfo")
                .Where(l => l.StartsWith("model name", StringComparison.Ordinal))
                .Select(l => l[(l.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim())
                .FirstOrDefault();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
