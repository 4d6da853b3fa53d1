using System.Diagnostics;
using System.Globalization;
using Wnn.Server;
using Wnn.Storage;

/// <summary>
/// `dotnet benchmarks/Wnn.Benchmarks/bin/Release/net10.0/Wnn.Benchmarks.dll dashboard [trials] [runs]`: the study
/// endpoints of a real server (in this process, HTTP on loopback) over the report benchmark's SQLite study of 10,000
/// trials. Each run starts a fresh server (nothing cached; its study watcher starts computing the report in the background at once), sends one /api/health, and times, in this order: the study list, the study, the
/// first trials page (100), a page in the middle, and the first and a second report request. Medians of wall time
/// and of this process's CPU time (server and client share it).
/// </summary>
internal static class DashboardTiming
{
    public static void Run(string[] args)
    {
        int trials = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10_000;
        int runs = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 5;
        string path = ReportTiming.Seeded(trials);
        var wall = new Dictionary<string, List<double>>();
        var cpu = new Dictionary<string, List<double>>();
        string[] requests =
        [
            "/api/studies", "/api/studies/1", "/api/studies/1/trials?limit=100",
            $"/api/studies/1/trials?limit=100&after={trials / 2}", "/api/studies/1/report", "/api/studies/1/report",
        ];
        string[] labels = ["study list", "one study", "trials page (first 100)", "trials page (middle)", "report (first request)", "report (cached)"];
        for (int run = 0; run < runs; run++)
        {
            string root = Path.Combine(Path.GetTempPath(), "wnn-bench-dashboard-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(root);
            try
            {
                IExperimentStore store = SqliteExperimentStore.OpenAsync(Path.Combine(root, "experiments.db"), CancellationToken.None).GetAwaiter().GetResult();
                var options = new ServerOptions { Port = 0, StudyStorage = path, SweepsRoot = Path.Combine(root, "sweeps"), Worker = new WorkerOptions { CheckpointRoot = root } };
                WnnServer server = WnnServer.StartAsync(options, store, null, CancellationToken.None).GetAwaiter().GetResult();
                using var http = new HttpClient { BaseAddress = server.Url, Timeout = TimeSpan.FromMinutes(10) };

                // One request first so that Kestrel's and the client's start-up is not charged to the study list.
                http.GetAsync(new Uri("/api/health", UriKind.Relative)).GetAwaiter().GetResult().Dispose();
                for (int i = 0; i < requests.Length; i++)
                {
                    double c0 = Cpu();
                    long t0 = Stopwatch.GetTimestamp();
                    using HttpResponseMessage response = http.GetAsync(new Uri(requests[i], UriKind.Relative)).GetAwaiter().GetResult();
                    byte[] body = response.Content.ReadAsByteArrayAsync().GetAwaiter().GetResult();
                    double ms = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
                    if (!response.IsSuccessStatusCode)
                    {
                        throw new InvalidOperationException($"{requests[i]}: {(int)response.StatusCode} {System.Text.Encoding.UTF8.GetString(body)}");
                    }

                    Add(wall, labels[i], ms);
                    Add(cpu, labels[i], Cpu() - c0);
                    if (run == 0)
                    {
                        Console.WriteLine($"  {requests[i]}: {body.Length / 1024.0:F1} KiB");
                    }
                }

                server.DisposeAsync().AsTask().GetAwaiter().GetResult();
                store.DisposeAsync().AsTask().GetAwaiter().GetResult();
            }
            finally
            {
                Directory.Delete(root, recursive: true);
            }
        }

        Console.WriteLine($"median of {runs} runs (fresh server each), {trials} trials, {Environment.ProcessorCount} cores, load {File.ReadAllText("/proc/loadavg").Split(' ')[0]}:");
        foreach (string label in labels)
        {
            Console.WriteLine($"  {label,-26} {Median(wall[label]),9:F1} ms wall {Median(cpu[label]),9:F1} ms CPU");
        }
    }

    private static void Add(Dictionary<string, List<double>> into, string name, double value) =>
        (into.TryGetValue(name, out List<double>? l) ? l : into[name] = []).Add(value);

    private static double Cpu() => Process.GetCurrentProcess().TotalProcessorTime.TotalMilliseconds;

    private static double Median(List<double> values)
    {
        values.Sort();
        return values[values.Count / 2];
    }
}
