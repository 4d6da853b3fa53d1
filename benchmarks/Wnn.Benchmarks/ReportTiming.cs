using System.Diagnostics;
using Wnn.Reports;
using Wnn.Search;
using Wnn.Search.Importance;
using Wnn.Search.Pruners;
using Wnn.Search.Samplers;
using Wnn.Storage;

/// <summary>
/// `dotnet run -c Release --project benchmarks/Wnn.Benchmarks -- report [trials] [runs]`: Stopwatch sections (medians of
/// the runs, default 5) of a full HTML report over a SQLite study of 10,000 trials (5 parameters, 5 intermediate values
/// each, some pruned and failed): storage read, report build (with fANOVA, PED-ANOVA and the Spearman matrix timed
/// on their own), figures, HTML, notebook, and the end-to-end total that `wnn report --format html` does.
/// </summary>
internal static class ReportTiming
{
    public static void Run(string[] args)
    {
        int trials = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 10_000;
        int runs = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 5;
        string path = Seeded(trials);

        var sections = new Dictionary<string, List<double>>();
        var cpu = new Dictionary<string, List<double>>();
        double lastCpu = Cpu();
        void Add(string name, double ms)
        {
            (sections.TryGetValue(name, out List<double>? l) ? l : sections[name] = []).Add(ms);
        }

        // Process CPU time of a section (the machine is shared, so wall time includes waiting for a core).
        void AddCpu(string name)
        {
            double now = Cpu();
            (cpu.TryGetValue(name, out List<double>? l) ? l : cpu[name] = []).Add(now - lastCpu);
            lastCpu = now;
        }
        for (int run = 0; run < runs; run++)
        {
            lastCpu = Cpu();
            long start = Stopwatch.GetTimestamp();
            using SqliteStudyStorage storage = SqliteStudyStorage.OpenAsync(path, null, CancellationToken.None).GetAwaiter().GetResult();
            var study = Study.Create(new StudyOptions { Name = "bench", Storage = storage, LoadIfExists = true, Sampler = new RandomSampler(0), Pruner = new NopPruner() });
            long t0 = Stopwatch.GetTimestamp();
            AddCpu("open storage");
            _ = study.Trials;
            AddCpu("read trials");
            long t1 = Stopwatch.GetTimestamp();
            var options = new ReportOptions { MetricsAttribute = "metrics", ReasonAttribute = "reason" };
            StudyReport report = StudyReportBuilder.Build(study, options);
            long t2 = Stopwatch.GetTimestamp();
            AddCpu("build report (all)");
            IReadOnlyList<ReportFigure> figures = ReportFigures.Render(report);
            long t3 = Stopwatch.GetTimestamp();
            AddCpu("figures (SVG)");
            string html = HtmlReport.Render(report, figures, null);
            long t4 = Stopwatch.GetTimestamp();
            AddCpu("HTML page");
            string notebook = NotebookReport.Write(report);
            long t5 = Stopwatch.GetTimestamp();
            AddCpu("notebook");
            Add("open storage", Ms(start, t0));
            Add("read trials", Ms(t0, t1));
            Add("build report (all)", Ms(t1, t2));
            Add("figures (SVG)", Ms(t2, t3));
            Add("HTML page", Ms(t3, t4));
            Add("notebook", Ms(t4, t5));
            Add("total (open → HTML)", Ms(start, t4));
            if (run == 0)
            {
                Console.WriteLine($"{report.Trials.Count} trials, {figures.Count} figures, HTML {html.Length / 1024} KiB, notebook {notebook.Length / 1024} KiB");
            }

            // The importance and correlation parts on their own, on the same trials.
            List<string> names = [.. report.Parameters.Select(p => p.Name)];
            long a = Stopwatch.GetTimestamp();
            _ = new FanovaImportanceEvaluator(nTrees: options.ImportanceTrees).Evaluate(study, names, t => t.Values![0]);
            long b = Stopwatch.GetTimestamp();
            AddCpu("  of which fANOVA (32 trees)");
            List<ReportTrial> complete = [.. report.Trials.Where(t => t.State == TrialState.Complete)];
            double[][] columns = [.. names.Select(n => complete.Select(t => t.Numeric[n]).ToArray()), complete.Select(t => t.Values![0]).ToArray()];
            long c = Stopwatch.GetTimestamp();
            foreach (double[] x in columns)
            {
                foreach (double[] y in columns)
                {
                    _ = RankCorrelation.Spearman(x, y);
                }
            }

            long d = Stopwatch.GetTimestamp();
            AddCpu("  of which Spearman matrix");
            Add("  of which fANOVA (32 trees)", Ms(a, b));
            Add("  of which Spearman matrix", Ms(c, d));
        }

        cpu["total (open → HTML)"] = [.. Enumerable.Range(0, runs).Select(i => new[] { "open storage", "read trials", "build report (all)", "figures (SVG)", "HTML page" }.Sum(k => cpu[k][i]))];
        Console.WriteLine($"median of {runs} runs, {Environment.ProcessorCount} cores, load {File.ReadAllText("/proc/loadavg").Split(' ')[0]}:");
        foreach ((string name, List<double> values) in sections)
        {
            values.Sort();
            string time = cpu.TryGetValue(name, out List<double>? c) ? $"{Median(c),9:F1} ms CPU" : "";
            Console.WriteLine($"  {name,-30} {values[values.Count / 2],9:F1} ms wall {time}");
        }
    }

    /// <summary>The benchmark study of <paramref name="trials"/> trials in the temp directory, created on first use.</summary>
    public static string Seeded(int trials)
    {
        string path = Path.Combine(Path.GetTempPath(), $"wnn-bench-report-v1-{trials}.db");
        if (!File.Exists(path))
        {
            var make = Stopwatch.StartNew();
            Create(path + ".tmp", trials);
            File.Move(path + ".tmp", path);
            Console.WriteLine($"created {path} in {make.Elapsed.TotalSeconds:F1} s");
        }

        return path;
    }

    private static double Cpu() => Process.GetCurrentProcess().TotalProcessorTime.TotalMilliseconds;

    private static double Median(List<double> values)
    {
        values.Sort();
        return values[values.Count / 2];
    }

    private static double Ms(long from, long to) => Stopwatch.GetElapsedTime(from, to).TotalMilliseconds;

    private static void Create(string path, int trials)
    {
        File.Delete(path);
        using SqliteStudyStorage storage = SqliteStudyStorage.OpenAsync(path, null, CancellationToken.None).GetAwaiter().GetResult();
        var study = Study.Create(new StudyOptions { Name = "bench", Storage = storage, Sampler = new RandomSampler(7), Pruner = new NopPruner() });
        var noise = new Random(7);
        study.Optimize(t =>
        {
            double lr = t.SuggestFloat("lr", 1e-5, 1e-1, log: true);
            int layers = t.SuggestInt("layers", 1, 8);
            double dropout = t.SuggestFloat("dropout", 0, 0.5);
            string optimizer = t.SuggestCategorical("optimizer", ["adam", "sgd", "rmsprop"]);
            int batch = t.SuggestInt("batch", 16, 256, step: 16);
            double loss = Math.Pow(Math.Log10(lr) + 3, 2) + (0.1 * layers) + dropout + (optimizer == "sgd" ? 0.5 : 0) + (batch / 1000.0) + (0.1 * noise.NextDouble());
            for (int step = 0; step < 5; step++)
            {
                t.Report(loss + (1.0 / (step + 1)), step);
            }

            t.SetUserAttribute("metrics", new Dictionary<string, object?> { ["val_loss"] = loss, ["accuracy"] = 1 / (1 + loss) });
            if (t.Number % 50 == 7)
            {
                t.SetUserAttribute("reason", "exit code 1");
                throw new InvalidOperationException("trainer failed");
            }

            if (t.Number % 20 == 3)
            {
                throw new TrialPrunedException();
            }

            return loss;
        }, nTrials: trials, catchExceptions: [typeof(InvalidOperationException)]);
    }
}
