using System.Diagnostics;
using Wnn.Search;
using Wnn.Search.Pruners;
using Wnn.Search.Samplers;

namespace Wnn.Benchmarks.Peers;

/// <summary>
/// Milliseconds per ask + tell of the default TPE sampler on an 8-parameter sphere once the study holds
/// <c>finished</c> complete trials (filled by the same sampler), measured over the next <c>measured</c> trials;
/// the Optuna script measures the same way.
/// </summary>
public static class TpeOverhead
{
    /// <summary>Per-trial wall times in milliseconds for the measured trials, and the process CPU milliseconds per trial over all of them.</summary>
    public static (double[] WallMs, double CpuMsPerTrial) Measure(int finished = 1000, int measured = 100, int dims = 8, long seed = 0)
    {
        var study = Study.Create(new StudyOptions { Sampler = new TpeSampler(seed), Pruner = new NopPruner() });
        double AskTell()
        {
            Trial trial = study.Ask();
            double s = 0;
            for (int i = 0; i < dims; i++)
            {
                double x = trial.SuggestFloat($"x{i}", -5, 5);
                s += x * x;
            }

            study.Tell(trial, s);
            return s;
        }

        for (int i = 0; i < finished; i++)
        {
            AskTell();
        }

        double[] ms = new double[measured];
        TimeSpan cpuStart = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;
        for (int i = 0; i < measured; i++)
        {
            long start = Stopwatch.GetTimestamp();
            AskTell();
            ms[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }

        double cpu = (System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime - cpuStart).TotalMilliseconds / measured;
        return (ms, cpu);
    }

    /// <summary>The median of the values.</summary>
    public static double Median(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        double[] sorted = [.. values.Order()];
        int n = sorted.Length;
        return n == 0 ? double.NaN : n % 2 == 1 ? sorted[n / 2] : 0.5 * (sorted[(n / 2) - 1] + sorted[n / 2]);
    }
}
