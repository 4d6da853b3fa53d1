using System.Diagnostics;
using Wnn.Search;
using Wnn.Search.Pruners;
using Wnn.Search.Samplers;
using Wnn.Storage;

/// <summary>
/// `dotnet run -c Release -- study-storage [postgres-connection-string]`: Stopwatch timings (medians of 5 runs) of
/// 1,000 random-sampler trials persisted end to end (open, create, optimize) to a fresh SQLite file (and PostgreSQL
/// schema when a connection string is given), and of TPE ask+tell at 1,000 finished trials with 8 parameters.
/// </summary>
internal static class StudyStorageTiming
{
    private const int Trials = 1_000;

    public static void Run(string? postgres)
    {
        Console.WriteLine($"1,000 trials, random sampler, 3 parameters, end to end (median of 9 for SQLite, 5 otherwise):");
        Console.WriteLine($"  in memory   {Median(5, _ => EndToEnd(() => new InMemoryStudyStorage())):F3} s");
        string dir = Path.Combine(Path.GetTempPath(), "wnn-bench-study-" + Environment.ProcessId);
        Directory.CreateDirectory(dir);
        Console.WriteLine($"  sqlite      {Median(9, i => EndToEnd(() => SqliteStudyStorage.OpenAsync(Path.Combine(dir, $"s{i}.db"), null, CancellationToken.None).GetAwaiter().GetResult())):F3} s");
        if (postgres is not null)
        {
            Console.WriteLine($"  postgresql  {Median(5, i => EndToEnd(() => PostgresStudyStorage.OpenAsync(postgres, null, CancellationToken.None).GetAwaiter().GetResult(), $"bench-{Environment.ProcessId}-{i}")):F3} s");
        }

        Console.WriteLine("TPE ask+tell at 1,000 finished trials, 8 parameters (median of 200 ask+tell, ms):");
        Console.WriteLine($"  in memory   {TpeAskTell(new InMemoryStudyStorage()):F3} ms");
        using SqliteStudyStorage sqlite = SqliteStudyStorage.OpenAsync(Path.Combine(dir, "tpe.db"), null, CancellationToken.None).GetAwaiter().GetResult();
        Console.WriteLine($"  sqlite      {TpeAskTell(sqlite):F3} ms");
        Directory.Delete(dir, true);
    }

    private static double EndToEnd(Func<IStudyStorage> open, string name = "bench")
    {
        var clock = Stopwatch.StartNew();
        TimeSpan cpuStart = Process.GetCurrentProcess().TotalProcessorTime;
        IStudyStorage storage = open();
        double openSeconds = clock.Elapsed.TotalSeconds;
        using (storage as IDisposable)
        {
            Study study = Study.Create(new StudyOptions { Name = name, Storage = storage, Sampler = new RandomSampler(1), Pruner = new NopPruner() });
            study.Optimize(t =>
            {
                double x = t.SuggestFloat("x", -5, 5);
                int n = t.SuggestInt("n", 1, 10);
                string kind = (string)t.SuggestCategorical("kind", ["a", "b", "c"])!;
                return (x * x) + n + (kind == "a" ? 0 : 1);
            }, nTrials: Trials);
            double seconds = clock.Elapsed.TotalSeconds;
            if (Environment.GetEnvironmentVariable("WNN_BENCH_VERBOSE") is not null)
            {
                Console.WriteLine($"    open {openSeconds:F3} s, total {seconds:F3} s, cpu {(Process.GetCurrentProcess().TotalProcessorTime - cpuStart).TotalSeconds:F3} s");
            }

            storage.DeleteStudy(study.Id);
            return seconds;
        }
    }

    private static double TpeAskTell(IStudyStorage storage)
    {
        Study study = Study.Create(new StudyOptions { Name = "tpe", Storage = storage, Sampler = new TpeSampler(new TpeOptions { Seed = 1 }), Pruner = new NopPruner() });
        for (int i = 0; i < Trials; i++)
        {
            var parameters = new Dictionary<string, object?>();
            for (int d = 0; d < 8; d++)
            {
                parameters["x" + d] = Random.Shared.NextDouble() * 10 - 5;
            }

            study.EnqueueTrial(parameters);
        }

        study.Optimize(Objective, nTrials: Trials);
        var times = new List<double>();
        for (int i = 0; i < 200; i++)
        {
            long start = Stopwatch.GetTimestamp();
            Trial trial = study.Ask();
            study.Tell(trial, Objective(trial));
            times.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }

        return Median(times);

        static double Objective(Trial t)
        {
            double sum = 0;
            for (int d = 0; d < 8; d++)
            {
                double x = t.SuggestFloat("x" + d, -5, 5);
                sum += x * x;
            }

            return sum;
        }
    }

    private static double Median(int runs, Func<int, double> run) => Median([.. Enumerable.Range(0, runs).Select(run)]);

    private static double Median(List<double> values)
    {
        values.Sort();
        return values[values.Count / 2];
    }
}
