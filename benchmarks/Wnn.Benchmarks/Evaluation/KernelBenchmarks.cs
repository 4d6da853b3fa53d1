using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using Wnn.Ram.Evaluation;
using Wnn.Ram.Evaluation.Fast;
using Wnn.Ram.Model;

namespace Wnn.Benchmarks.Evaluation;

/// <summary>
/// The fast evaluator's bit kernels (one 4,096-example block) and a whole evaluation on a synthetic corpus, once per
/// ISA level: every job is a process with the wider ISAs switched off (AVX-512, AVX2 — the 128-bit case Arm has —
/// all intrinsics), so one run compares all paths on the same machine.
/// </summary>
[Config(typeof(IsaJobs))]
[MemoryDiagnoser]
public class KernelBenchmarks
{
    private const int Words = EvalPlanes.BlockWords;
    private readonly ulong[] _a = new ulong[Words];
    private readonly ulong[] _b = new ulong[Words];
    private readonly ulong[] _dst = new ulong[Words];
    private readonly ulong[] _counter = new ulong[16 * Words];
    private readonly ulong[] _planes = new ulong[64 * Words];
    private readonly ulong[] _values = new ulong[4096];
    private readonly int[] _bits = [3, 9, 17, 22, 35, 41, 50, 63];
    private ulong _mask;
    private GenomeEvaluator _evaluator = null!;
    private Genome _genome = null!;

    [GlobalSetup]
    public void Setup()
    {
        var rng = new Rng(7);
        for (int i = 0; i < _planes.Length; i++)
        {
            _planes[i] = rng.NextUInt64();
        }

        for (int i = 0; i < Words; i++)
        {
            _a[i] = rng.NextUInt64();
            _b[i] = rng.NextUInt64();
        }

        for (int i = 0; i < _values.Length; i++)
        {
            _values[i] = rng.NextUInt64();
        }

        foreach (int bit in _bits)
        {
            _mask |= 1UL << bit;
        }

        // A Zipf-like token stream: enough clusters and examples for every code path (levels, direct neurons).
        const int vocabulary = 2000;
        int[] tokens = new int[60_000];
        for (int i = 0; i < tokens.Length; i++)
        {
            tokens[i] = (int)Math.Min(vocabulary - 1, Math.Floor(Math.Exp(rng.NextDouble() * Math.Log(vocabulary)) - 1));
        }

        int[] train = tokens[..48_000], eval = tokens[48_000..];
        var order = ClusterOrder.FromTokens(train, vocabulary);
        EvaluationData data = EvaluationData.Create(order, train, eval, new ModelOptions { EmptyValue = 0.5 });
        _evaluator = new GenomeEvaluator(data);
        _genome = Genome.CreateTiered(TierConfig.Parse("50,15,20;200,10,12;rest,5,8"), data.ClusterCount, data.InputBits, new Rng(3));
    }

    [Benchmark(Description = "And (trie step)")]
    public bool And() => BitOps.And(_a, _b, _dst);

    [Benchmark(Description = "AddToCounter, 4 planes")]
    public void AddToCounter() => BitOps.AddToCounter(_a, _counter, 4);

    [Benchmark(Description = "ExtractLevel, 4 planes")]
    public bool ExtractLevel() => BitOps.ExtractLevel(_counter, 4, 5, _a, _dst);

    [Benchmark(Description = "MatchPattern, 8 bits")]
    public bool MatchPattern() => BitOps.MatchPattern(_a, _planes, _bits, 0b1011_0110, _dst);

    [Benchmark(Description = "pext x 4096")]
    public ulong Pext()
    {
        ulong sum = 0;
        foreach (ulong v in _values)
        {
            sum += BitExtract.Extract(v, _mask);
        }

        return sum;
    }

    [Benchmark(Description = "full evaluation (synthetic)")]
    public double FullEvaluation() => _evaluator.Evaluate(_genome).CrossEntropy;

    private sealed class IsaJobs : ManualConfig
    {
        public IsaJobs()
        {
            AddJob(Job.ShortRun.WithId("default"));
            AddJob(Job.ShortRun.WithEnvironmentVariables(
                new EnvironmentVariable("DOTNET_EnableAVX512", "0"), new EnvironmentVariable("DOTNET_EnableAVX512F", "0")).WithId("AVX-512 off"));
            AddJob(Job.ShortRun.WithEnvironmentVariable("DOTNET_EnableAVX2", "0").WithId("AVX2 off (128-bit)"));
            AddJob(Job.ShortRun.WithEnvironmentVariable("DOTNET_EnableHWIntrinsic", "0").WithId("intrinsics off"));
        }
    }
}
