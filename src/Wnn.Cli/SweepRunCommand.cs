using System.CommandLine;
using Wnn.Experiments.Config;
using Wnn.Experiments.Sweeps;
using Wnn.Experiments.Sweeps.Demo;
using Wnn.Tracking.MLflow;

namespace Wnn.Cli;

/// <summary>`wnn sweep run`, `resume` and `work`: start a sweep from a config, continue one, or add a worker to one.</summary>
internal static class SweepRunCommand
{
    public static Command Run()
    {
        var config = new Argument<string>("CONFIG") { Description = "Sweep config (seed 003's schema or a Hydra multirun config), or a directory of them run one after another." };
        var overrides = new Argument<string[]>("OVERRIDES") { Description = "key=value overrides (key=a,b,c sweeps a list).", Arity = ArgumentArity.ZeroOrMore };
        var sweepDir = new Option<string?>("--sweep-dir") { Description = "Sweep directory (default: the config's, e.g. outputs/experiments/exp_<time>_<name>)." };
        var storage = new Option<string?>("--storage") { Description = "Study database: SQLite path or PostgreSQL connection string (default: sweep.db in the sweep directory)." };
        var sampler = new Option<string?>("--sampler") { Description = $"Run a study sweep with this sampler: {string.Join(", ", SweepCatalog.Samplers)}." };
        var trials = new Option<int?>("--trials") { Description = "Total jobs of a study sweep, across every resume." };
        var maxParallel = new Option<int?>("--max-parallel") { Description = "Trials at once (execution.max_parallel)." };
        var seed = new Option<long?>("--seed") { Description = "Sampler seed." };
        var plain = new Option<bool>("--plain") { Description = "Timestamped plain lines even on a terminal." };
        Option<bool> newSweep = NewSweepOption("when the sweep directory already holds a sweep, start this one in DIR-2 (DIR-3, …) instead of refusing");
        Option<string?> launcher = SlurmCliOptions.Launcher();
        Option<string[]> slurm = SlurmCliOptions.Slurm();
        Option<string?> mlflow = MlflowOption();
        var command = new Command("run", "Run a sweep of any command: a grid/multirun job list, or a study (Bayesian, random, …) over a search space.")
        {
            config, overrides, sweepDir, storage, sampler, trials, maxParallel, seed, plain, newSweep, launcher, slurm, mlflow,
        };
        command.SetAction(async (parse, ct) =>
        {
            _ = TrackingUri(parse.GetValue(mlflow));
            string path = parse.GetValue(config)!;
            List<string> files = Directory.Exists(path)
                ? [.. Directory.EnumerateFiles(path).Where(f => f.EndsWith(".yaml", StringComparison.Ordinal) || f.EndsWith(".yml", StringComparison.Ordinal)).Order(StringComparer.Ordinal)]
                : File.Exists(path) ? [path] : throw new CliException($"CONFIG: '{path}' is neither a file nor a directory of YAML configs");
            if (files.Count == 0)
            {
                throw new CliException($"CONFIG: directory '{path}' holds no .yaml configs");
            }

            if (files.Count > 1 && parse.GetValue(sweepDir) is not null)
            {
                throw new CliException("--sweep-dir names one directory; a directory of configs gives each its own sweep directory");
            }

            int code = 0;
            foreach (string file in files)
            {
                var options = new SweepReadOptions
                {
                    Now = DateTimeOffset.Now,
                    SweepDir = parse.GetValue(sweepDir),
                    Sampler = parse.GetValue(sampler),
                    Trials = parse.GetValue(trials),
                    MaxParallel = parse.GetValue(maxParallel),
                    Launcher = SlurmCliOptions.Requested(parse.GetValue(launcher), parse.GetValue(slurm)),
                    Seed = parse.GetValue(seed),
                };
                string[] extra = parse.GetValue(overrides) ?? [];
                SweepWorkspace workspace = await Guard(async () =>
                {
                    SweepDefinition definition = SweepConfigReader.Read(file, extra, options);
                    if (parse.GetValue(newSweep) && File.Exists(Path.Combine(definition.SweepDir, SweepWorkspace.DefinitionFile)))
                    {
                        definition = definition with { SweepDir = SweepWorkspace.NextFreeDirectory(definition.SweepDir) };
                        options = options with { SweepDir = definition.SweepDir };
                    }

                    return await SweepWorkspace.CreateAsync(definition, new SweepSource(file, extra, options), parse.GetValue(storage), ct);
                });
                using (workspace)
                {
                    code = Math.Max(code, await Execute(workspace, parse.GetValue(plain), SlurmCliOptions.Executor(workspace, parse.GetValue(slurm) ?? []), parse.GetValue(mlflow), ct));
                }

                if (code >= 2 || ct.IsCancellationRequested)
                {
                    break;
                }
            }

            return code;
        });
        return command;
    }

    public static Command Resume() => Continue("resume", "Resume a sweep: never re-runs complete trials, re-runs those that were running (and failed ones with --rerun-failed); keeps job numbers, directories and the total budget.", work: false);

    public static Command Work() => Continue("work", "Add a worker to a running sweep (same or another machine; PostgreSQL for several machines): takes waiting jobs until none is left.", work: true);

    private static Command Continue(string name, string description, bool work)
    {
        var sweep = new Argument<string>("SWEEP") { Description = "Sweep directory or id (under outputs/experiments)." };
        var storage = new Option<string?>("--storage") { Description = "Study database (default: the one recorded in the sweep's sweep.yaml)." };
        var rerunFailed = new Option<bool>("--rerun-failed") { Description = "Also run failed jobs again." };
        var trials = new Option<int?>("--trials") { Description = "Raise the total number of jobs of a study sweep." };
        var maxParallel = new Option<int?>("--max-parallel") { Description = "Trials at once in this process." };
        var plain = new Option<bool>("--plain") { Description = "Timestamped plain lines even on a terminal." };
        Option<bool> newSweep = NewSweepOption("when the definition changed since the sweep started, start a new sweep of the changed one in SWEEP-2 (SWEEP-3, …) instead of refusing; the old sweep is left as it is");
        Option<string?> launcher = SlurmCliOptions.Launcher();
        Option<string[]> slurm = SlurmCliOptions.Slurm();
        Option<string?> mlflow = MlflowOption();
        var command = new Command(name, description) { sweep, storage, maxParallel, plain, launcher, slurm, mlflow };
        if (!work)
        {
            command.Add(rerunFailed);
            command.Add(trials);
            command.Add(newSweep);
        }

        command.SetAction(async (parse, ct) =>
        {
            _ = TrackingUri(parse.GetValue(mlflow));
            var changes = new SweepReadOptions
            {
                Trials = work ? null : parse.GetValue(trials),
                MaxParallel = parse.GetValue(maxParallel),
                Launcher = SlurmCliOptions.Requested(parse.GetValue(launcher), parse.GetValue(slurm)),
            };
            using SweepWorkspace workspace = await Guard(() => SweepWorkspace.OpenAsync(parse.GetValue(sweep)!, parse.GetValue(storage), changes, !work && parse.GetValue(newSweep), ct));
            if (!work && parse.GetValue(rerunFailed))
            {
                int n = workspace.RequeueFailedJobs();
                Console.Out.WriteLine($"{n} failed job(s) queued again");
            }

            if (workspace.Definition.Form == QuickSweep.Form)
            {
                // A `wnn sweep quick` sweep trains in this process; there is no command to launch.
                return await Execute(workspace, parse.GetValue(plain), QuickSweep.Executor(), parse.GetValue(mlflow), ct);
            }

            return await Execute(workspace, parse.GetValue(plain), SlurmCliOptions.Executor(workspace, parse.GetValue(slurm) ?? []), parse.GetValue(mlflow), ct);
        });
        return command;
    }

    private static Option<bool> NewSweepOption(string description) => new("--new-sweep") { Description = description[..1].ToUpperInvariant() + description[1..] + "." };

    /// <summary>Runs the controller with progress and the two-stage Ctrl+C, prints the summary and returns the exit code.</summary>
    internal static async Task<int> Execute(SweepWorkspace workspace, bool plain, ITrialExecutor executor, string? mlflowUri, CancellationToken ct)
    {
        MlflowSweepTracker? tracker = null;
        try
        {
            Uri? uri = TrackingUri(mlflowUri, workspace.Definition.Tracking.MlflowUri);
            tracker = uri is null ? null : new MlflowSweepTracker(uri);
            return await ExecuteWith(workspace, progress => new SweepController(workspace, executor, tracker is null ? progress : new SweepObservers([progress, tracker])), plain, ct);
        }
        finally
        {
            if (tracker is not null)
            {
                await tracker.DisposeAsync();
            }

            (executor as IDisposable)?.Dispose();
        }
    }

    /// <summary>
    /// The MLflow tracking URI (option, else the config's tracking.mlflow_uri, else MLFLOW_TRACKING_URI) and its
    /// credentials, checked before anything is created where the option is concerned; exit 2 for a bad one.
    /// </summary>
    internal static Uri? TrackingUri(string? option, string? config = null)
    {
        try
        {
            Uri? uri = MlflowSweepTracker.ResolveUri(option, config: config);
            if (uri is not null && uri.Scheme != "file")
            {
                _ = MlflowClient.AuthorizationFrom(Environment.GetEnvironmentVariable);
            }

            return uri;
        }
        catch (ArgumentException ex)
        {
            throw new CliException((string.IsNullOrWhiteSpace(option) && !string.IsNullOrWhiteSpace(config) ? "tracking.mlflow_uri: " : "--mlflow-uri: ") + ex.Message);
        }
    }

    internal static Option<string?> MlflowOption() => new("--mlflow-uri")
    {
        Description = "Log each trial as an MLflow run: http(s)://host:port of a tracking server, or file:./mlruns for a file store (default: the config's tracking.mlflow_uri, else $MLFLOW_TRACKING_URI, else no tracking). A server that is down never fails the sweep.",
    };

    internal static async Task<int> ExecuteWith(SweepWorkspace workspace, Func<ISweepObserver, SweepController> create, bool plain, CancellationToken ct)
    {
        SweepOutcome outcome = await SweepProgress.RunAsync(ConsoleProgressMode.IsLive(plain), Console.Out, async progress =>
        {
            SweepController controller = create(progress);
            int presses = 0;
            void OnCancel(object? sender, ConsoleCancelEventArgs e)
            {
                e.Cancel = true;
                if (Interlocked.Increment(ref presses) >= 2)
                {
                    // Second Ctrl+C: kill every trial's process group now; their trials go stale and resume re-runs them.
                    controller.KillAll();
                    Console.Error.WriteLine("killed");
                    Environment.Exit(130);
                }
            }

            Console.CancelKeyPress += OnCancel;
            try
            {
                return await controller.RunAsync(ct);
            }
            finally
            {
                Console.CancelKeyPress -= OnCancel;
            }
        });
        SweepOutput.WriteSummary(Console.Out, workspace, outcome);
        if (outcome.MetricNeverReported)
        {
            throw new CliException($"target metric '{workspace.Definition.Optimization.TargetMetric}' was never reported by any trial; see {workspace.Definition.RunDir(0)}/run.log and docs/sweeps.md (metrics protocol)");
        }

        return outcome.Interrupted || ct.IsCancellationRequested ? 130 : outcome.FailedFast || (outcome.Complete == 0 && outcome.Failed > 0) ? 1 : 0;
    }

    /// <summary>Turns config errors into one-line CLI errors (exit 2).</summary>
    internal static async Task<T> Guard<T>(Func<Task<T>> action)
    {
        try
        {
            return await action();
        }
        catch (ConfigException ex)
        {
            throw new CliException(ex.Message);
        }
    }
}
