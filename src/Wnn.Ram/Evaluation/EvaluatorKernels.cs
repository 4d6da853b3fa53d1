using System.Runtime.InteropServices;
using Wnn.Ram.Evaluation.Fast;

namespace Wnn.Ram.Evaluation;

/// <summary>Which kernel paths the fast evaluator takes in this process (fixed at start-up), for benchmarks and tests.</summary>
public static class EvaluatorKernels
{
    /// <summary>Width of the bit kernels' vectors: 512, 256, 128, or 0 for the scalar path.</summary>
    public static int VectorBits => BitOps.VectorBits;

    /// <summary>How patterns are extracted: "bmi2" (the pext instruction) or "table" (byte-wise table).</summary>
    public static string PatternExtraction => BitExtract.Form;

    /// <summary>One line naming both, e.g. "Vector256 (X64), pext bmi2".</summary>
    public static string Description =>
        $"{(VectorBits == 0 ? "scalar" : $"Vector{VectorBits}")} ({RuntimeInformation.ProcessArchitecture}), pext {PatternExtraction}";
}
