using System.Numerics;
using System.Runtime.Intrinsics;
using Wnn.Ram.Bitwise;
using Wnn.Ram.Tests.Evaluation;

namespace Wnn.Ram.Tests.Bitwise;

/// <summary>
/// Runs the bitwise battery (fast = reference, incremental = full) in child test processes with the vector width forced
/// to 512 bits (DOTNET_MaxVectorTBitWidth), with AVX-512 off, AVX2 off (128-bit) and intrinsics off (scalar); each
/// child asserts its width and the parent compares the results with its own bit for bit.
/// </summary>
public sealed class BitwisePathTests
{
    private const string ExpectedVariable = "WNN_TEST_EXPECTED_BITWISE_KERNELS";
    private const string ResultsVariable = "WNN_TEST_BITWISE_RESULTS";
    private const string ChildFilter = "FullyQualifiedName=Wnn.Ram.Tests.Bitwise.BitwisePathTests.Battery_on_this_process_path_equals_the_reference";

    private static readonly Lazy<List<string>> ThisProcess = new(() => BitwiseBattery.Results(checkReference: false));

    public static TheoryData<string> ForcedPaths() => ["vector512", "avx512-off", "avx2-off", "intrinsics-off"];

    [Fact]
    public void Battery_on_this_process_path_equals_the_reference()
    {
        string path = BitwiseEvaluator.Kernels;
        if (Environment.GetEnvironmentVariable(ExpectedVariable) is { Length: > 0 } expected)
        {
            Assert.Equal(expected, path);
        }

        List<string> results = BitwiseBattery.Results(checkReference: true);
        Assert.Equal(BitwiseBattery.Count, results.Count);
        if (Environment.GetEnvironmentVariable(ResultsVariable) is { Length: > 0 } file)
        {
            File.WriteAllLines(file, [path, .. results]);
        }
    }

    [Theory]
    [MemberData(nameof(ForcedPaths))]
    public void Forced_vector_width_in_a_child_process_gives_bit_identical_results(string name)
    {
        Assert.Null(Environment.GetEnvironmentVariable(ResultsVariable));
        (Dictionary<string, string> environment, string expected) = Configuration(name);
        environment[ExpectedVariable] = expected;
        KernelPathTests.AssertChildMatches($"bitwise-path-{name}", environment, ResultsVariable, expected, ThisProcess.Value, ChildFilter);
    }

    private static (Dictionary<string, string> Environment, string Expected) Configuration(string name)
    {
        string pext = BitwiseEvaluator.Kernels[(BitwiseEvaluator.Kernels.IndexOf(", pext", StringComparison.Ordinal) + 7)..];
        int w256 = Vector256.IsHardwareAccelerated ? 256 : Vector128.IsHardwareAccelerated ? 128 : 0;
        int w128 = Vector128.IsHardwareAccelerated ? 128 : 0;
        return name switch
        {
            "vector512" => (new() { ["DOTNET_MaxVectorTBitWidth"] = "512" },
                Kernels(Vector512.IsHardwareAccelerated ? 512 : Vector<byte>.Count * 8, pext)),
            "avx512-off" => (new() { ["DOTNET_EnableAVX512"] = "0", ["DOTNET_EnableAVX512F"] = "0" }, Kernels(w256, pext)),
            "avx2-off" => (new() { ["DOTNET_EnableAVX2"] = "0" }, Kernels(w128, "table")),
            "intrinsics-off" => (new() { ["DOTNET_EnableHWIntrinsic"] = "0" }, Kernels(0, "table")),
            _ => throw new ArgumentException($"unknown configuration {name}"),
        };
    }

    private static string Kernels(int bits, string pext) => $"Vector<T> {bits}-bit, pext {pext}";
}
