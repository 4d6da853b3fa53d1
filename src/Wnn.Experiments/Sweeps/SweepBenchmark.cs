using System.Diagnostics;
using Wnn.Launchers;
using Wnn.Search;

namespace Wnn.Experiments.Sweeps;

/// <summary>End-to-end sweep measurements: launcher overhead per trivial trial, N trivial trials through the controller, and controller memory at many trials.</summary>
public static class SweepBenchmark
{
    /// <summary>Median wall time from spawn to exit of <c>true</c> through <see cref="TrialProcess"/> (own process group, log, metrics poll), in milliseconds.</summary>
    public static async Task<double> LauncherMedianMsAsync(string dir, int count, CancellationToken cancellationToken)
    {
        var times = new List<double>(count);
        for (int i = 0; i < count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var clock = Stopwatch.StartNew();
            using TrialProcess p = TrialProcess.Start(new TrialLaunch { Command = ["true"], WorkingDirectory = Path.Combine(dir, "launch", i.ToString(System.Globalization.CultureInfo.InvariantCulture)) });
            await p.Completion.ConfigureAwait(false);
            times.Add(clock.Elapsed.TotalMilliseconds);
        }

        return Median(times);
    }

    /// <summary>Runs a grid sweep of <paramref name="count"/> trivial jobs (<c>true</c>) end to end on a new SQLite sweep; returns (total seconds, median ms from a trial's start to its recorded finish).</summary>
    public static async Task<(double Seconds, double MedianTrialMs)> ProcessSweepAsync(string dir, int count, int maxParallel, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        SweepDefinition definition = new()
        {
            Name = "bench",
            Kind = SweepKind.Grid,
            Command = ["true"],
            Parameters = [new SweepParameter("x", new IntDistribution(0, count - 1))],
            Jobs = [.. Enumerable.Range(0, count).Select(i => (IReadOnlyList<KeyValuePair<string, object?>>)[new("x", i)])],
            Execution = new SweepExecution { MaxParallel = maxParallel },
            SweepDir = Path.Combine(dir, $"process-{count}"),
        };
        using SweepWorkspace workspace = await SweepWorkspace.CreateAsync(definition, new SweepSource("(bench)", [], new SweepReadOptions()), null, cancellationToken).ConfigureAwait(false);
        await new SweepController(workspace, new ProcessTrialExecutor()).RunAsync(cancellationToken).ConfigureAwait(false);
        double seconds = clock.Elapsed.TotalSeconds;
        List<double> perTrial = [.. workspace.Study.Trials.Where(t => t.Started is not null && t.Completed is not null).Select(t => (t.Completed!.Value - t.Started!.Value).TotalMilliseconds)];
        return (seconds, Median(perTrial));
    }

    /// <summary>Runs a study sweep of <paramref name="count"/> no-op in-process trials; returns (seconds, peak working set MB, managed heap MB after a full GC with the workspace open).</summary>
    public static async Task<(double Seconds, double PeakWorkingSetMb, double ManagedMb)> ControllerMemoryAsync(string dir, int count, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        SweepDefinition definition = new()
        {
            Name = "bench",
            Kind = SweepKind.Study,
            Command = ["(in-process)"],
            Parameters = [new SweepParameter("x", new FloatDistribution(0, 1))],
            Execution = new SweepExecution { MaxParallel = 2 },
            Optimization = new SweepOptimization { TargetMetric = "y", Sampler = "random", Trials = count, Seed = 1 },
            SweepDir = Path.Combine(dir, $"memory-{count}"),
        };
        using SweepWorkspace workspace = await SweepWorkspace.CreateAsync(definition, new SweepSource("(bench)", [], new SweepReadOptions()), null, cancellationToken).ConfigureAwait(false);
        var executor = new InProcessTrialExecutor((job, context, ct) =>
        {
            context.Report(0, new Dictionary<string, double> { ["y"] = Convert.ToDouble(job.Config["x"], System.Globalization.CultureInfo.InvariantCulture) });
            return Task.CompletedTask;
        });
        await new SweepController(workspace, executor).RunAsync(cancellationToken).ConfigureAwait(false);
        double seconds = clock.Elapsed.TotalSeconds;
        GC.Collect();
        GC.WaitForPendingFinalizers();
        double managed = GC.GetTotalMemory(forceFullCollection: true) / 1048576.0;
        using Process self = Process.GetCurrentProcess();
        return (seconds, self.PeakWorkingSet64 / 1048576.0, managed);
    }

    private static double Median(List<double> values)
    {
        if (values.Count == 0)
        {
            return double.NaN;
        }

        values.Sort();
        return values.Count % 2 == 1 ? values[values.Count / 2] : (values[(values.Count / 2) - 1] + values[values.Count / 2]) / 2;
    }
}
