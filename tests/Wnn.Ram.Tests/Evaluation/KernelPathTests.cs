using System.Diagnostics;
using System.Runtime.Intrinsics;
using Wnn.Ram.Evaluation;

namespace Wnn.Ram.Tests.Evaluation;

/// <summary>
/// Runs the path battery (fast = reference, incremental = full) and the bit-kernel tests again in child test processes
/// with the wide ISAs switched off (AVX-512, then AVX2 — the 128-bit case Arm has — then all hardware intrinsics), so
/// every path is exercised on any CI machine. Each child asserts the path it took; the parent compares its results bit for bit.
/// </summary>
public sealed class KernelPathTests
{
    // Set only in the children: the path they must report and the file their results go to.
    private const string ExpectedPathVariable = "WNN_TEST_EXPECTED_KERNELS";
    private const string ResultsVariable = "WNN_TEST_PATH_RESULTS";

    private const string ChildFilter =
        "FullyQualifiedName=Wnn.Ram.Tests.Evaluation.KernelPathTests.Battery_on_this_process_path_equals_the_reference_evaluator"
        + "|FullyQualifiedName~Wnn.Ram.Tests.Evaluation.BitKernelTests";

    private static readonly Lazy<List<string>> ThisProcess = new(() => PathBattery.Results(checkReference: false));

    public static TheoryData<string> ForcedPaths() => ["avx512-off", "avx2-off", "intrinsics-off"];

    [Fact]
    public void Battery_on_this_process_path_equals_the_reference_evaluator()
    {
        string path = Path(EvaluatorKernels.VectorBits, EvaluatorKernels.PatternExtraction);
        string? expected = Environment.GetEnvironmentVariable(ExpectedPathVariable);
        Assert.Equal(expected ?? Path(WidestAccelerated(), EvaluatorKernels.PatternExtraction), path);
        List<string> results = PathBattery.Results(checkReference: true);
        Assert.Equal(PathBattery.Count, results.Count);
        if (Environment.GetEnvironmentVariable(ResultsVariable) is { Length: > 0 } file)
        {
            File.WriteAllLines(file, [path, .. results]);
        }
    }

    [Theory]
    [MemberData(nameof(ForcedPaths))]
    public void Forced_path_in_a_child_process_gives_bit_identical_results(string name)
    {
        Assert.Null(Environment.GetEnvironmentVariable(ResultsVariable)); // a child never starts children
        (Dictionary<string, string> environment, string expected) = Configuration(name);
        environment[ExpectedPathVariable] = expected;
        AssertChildMatches($"kernel-path-{name}", environment, ResultsVariable, expected, ThisProcess.Value, ChildFilter);
    }

    /// <summary>
    /// Runs <paramref name="filter"/> in a child test process with <paramref name="environment"/>; the child writes its
    /// kernels line and its battery results to the file named by <paramref name="resultsVariable"/>, which must equal
    /// <paramref name="expectedKernels"/> and this process's <paramref name="results"/>, bit for bit.
    /// </summary>
    internal static void AssertChildMatches(
        string label, Dictionary<string, string> environment, string resultsVariable, string expectedKernels, IReadOnlyList<string> results, string filter)
    {
        string file = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"wnn-{label}-{Guid.NewGuid():N}.txt");
        environment[resultsVariable] = file;
        try
        {
            (int exitCode, string output) = RunChild(environment, filter);
            Assert.True(exitCode == 0, $"child test run ({label}) exited with {exitCode}:\n{output}");
            Assert.Matches(@"Passed!\s+- Failed:\s+0, Passed:\s+\d+", output);
            string[] lines = File.ReadAllLines(file);
            Assert.Equal(expectedKernels, lines[0]);
            Assert.Equal(results, lines[1..]);
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static (Dictionary<string, string> Environment, string Expected) Configuration(string name)
    {
        // The child inherits WNN_PEXT, so a forced pext form carries over where the ISAs stay on.
        string pext = EvaluatorKernels.PatternExtraction;
        int w128 = Vector128.IsHardwareAccelerated ? 128 : 0;
        return name switch
        {
            // .NET 10 reads DOTNET_EnableAVX512; DOTNET_EnableAVX512F is the name earlier runtimes read.
            "avx512-off" => (new() { ["DOTNET_EnableAVX512"] = "0", ["DOTNET_EnableAVX512F"] = "0" },
                Path(Vector256.IsHardwareAccelerated ? 256 : w128, pext)),
            // Switching AVX2 off also switches BMI2 off (x86-64-v3 is one group in .NET 10): the table pext runs.
            "avx2-off" => (new() { ["DOTNET_EnableAVX2"] = "0" }, Path(w128, "table")),
            "intrinsics-off" => (new() { ["DOTNET_EnableHWIntrinsic"] = "0" }, Path(0, "table")),
            _ => throw new ArgumentException($"unknown configuration {name}"),
        };
    }

    private static int WidestAccelerated() =>
        Vector512.IsHardwareAccelerated ? 512 : Vector256.IsHardwareAccelerated ? 256 : Vector128.IsHardwareAccelerated ? 128 : 0;

    private static string Path(int vectorBits, string pext) => $"vector={vectorBits} pext={pext}";

    /// <summary>Runs this test assembly's tests matching <paramref name="filter"/> in a child `dotnet test` with <paramref name="environment"/>.</summary>
    internal static (int ExitCode, string Output) RunChild(Dictionary<string, string> environment, string filter = ChildFilter)
    {
        string assembly = typeof(KernelPathTests).Assembly.Location;
        string dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
        var info = new ProcessStartInfo(dotnet)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = System.IO.Path.GetDirectoryName(assembly)!,
        };
        foreach (string arg in new[] { "test", assembly, "--filter", filter, "--nologo" })
        {
            info.ArgumentList.Add(arg);
        }

        foreach ((string key, string value) in environment)
        {
            info.Environment[key] = value;
        }

        using Process process = Process.Start(info)!;
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(10)))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            return (-1, $"timed out after 10 minutes\n{stdout.Result}\n{stderr.Result}");
        }

        return (process.ExitCode, $"{stdout.Result}\n{stderr.Result}");
    }
}
