using System.CommandLine;
using System.Globalization;
using System.Runtime.InteropServices;
using Wnn.Experiments.Checkpoints;
using Wnn.Experiments.Config;
using Wnn.Experiments.Evaluation;
using Wnn.Experiments.Phased;
using Wnn.Ram.Evaluation;

namespace Wnn.Cli;

/// <summary>`wnn search`: one pass of the phased GA + tabu search (docs/phased-search.md) with checkpoints and resume.</summary>
internal static class SearchCommand
{
    public static Command Create()
    {
        var flags = new ConfigFlagOptions(ConfigScope.Search);
        var overrides = new ConfigOverrideArguments(ConfigScope.Search);
        var config = new Option<string?>("--config") { Description = "YAML configuration file (explicit flags override it; docs/configs-keys.md)." };
        var checkpointDir = new Option<string?>("--checkpoint-dir") { Description = "Write phase checkpoints here (and resume from here)." };
        var resumeFrom = new Option<string?>("--resume-from") { Description = "Resume from phase 1a, 1b, 2a, 2b, 3a or 3b (needs --checkpoint-dir)." };
        var seedFrom = new Option<string?>("--seed-from") { Description = "Seed the first GA phase from a results JSON, phase checkpoint or genome file." };
        var output = new Option<string?>("--output") { Description = "Write the results JSON here." };
        var plain = new Option<bool>("--plain") { Description = "Timestamped progress lines even on a terminal." };
        var randomSeed = new Option<bool>("--random-seed") { Description = "Use a time-based seed instead of --seed (printed, so that the run can be repeated)." };
        var command = new Command("search", "Phased architecture search: GA and tabu search over neurons, bits and connections (six phases).");
        flags.AddTo(command);
        command.Add(overrides.Argument);
        command.Add(config);
        command.Add(checkpointDir);
        command.Add(resumeFrom);
        command.Add(seedFrom);
        command.Add(output);
        command.Add(plain);
        command.Add(randomSeed);
        command.SetAction((parse, ct) =>
        {
            // The search runs on a foreground thread: if the host's termination timeout expires while the
            // interrupted search writes its checkpoint, the process still waits for the write to finish.
            var done = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
            var thread = new Thread(() =>
            {
                try
                {
                    done.SetResult(Run(parse, ct, flags, overrides, config, checkpointDir, resumeFrom, seedFrom, output, plain, randomSeed));
                }
                catch (Exception ex)
                {
                    done.SetException(ex);
                }
            })
            { IsBackground = false, Name = "wnn search" };
            thread.Start();
            return done.Task;
        });
        return command;
    }

    private static int Run(
        ParseResult parse, CancellationToken ct, ConfigFlagOptions flags, ConfigOverrideArguments overrides, Option<string?> configOption, Option<string?> checkpointDir,
        Option<string?> resumeFrom, Option<string?> seedFrom, Option<string?> output, Option<bool> plain, Option<bool> randomSeed)
    {
        var explicitKeys = new HashSet<string>(StringComparer.Ordinal);
        PhasedConfig config = ReadConfig(parse, flags, overrides, configOption, explicitKeys);
        bool seedGiven = flags.Given(parse).Any(g => ConfigSchema.Find(g.Key)?.Name == ConfigKeys.Seed.Name)
            || overrides.Given(parse).Any(o => o.Key.Name == ConfigKeys.Seed.Name);
        string seedSource = seedGiven ? "command line" : parse.GetValue(configOption) is not null ? "--config or default" : "default";
        if (parse.GetValue(randomSeed))
        {
            if (seedGiven)
            {
                throw new CliException("--random-seed and --seed exclude each other; give one");
            }

            config = config with { RotationSeed = (ulong)DateTime.UtcNow.Ticks };
            seedSource = "--random-seed";
        }

        string? checkpoints = parse.GetValue(checkpointDir);
        string? resume = parse.GetValue(resumeFrom);
        string? outputPath = parse.GetValue(output);
        if (resume is not null && PhaseSpec.Order(config).Any(p => p.Key == resume) && checkpoints is null)
        {
            throw new CliException("--resume-from needs --checkpoint-dir (the folder of the interrupted run)");
        }

        try
        {
            PhasedSetup.CheckResume(config, checkpoints, resume);
        }
        catch (WnnException ex)
        {
            throw new CliException($"--resume-from{(ex is CheckpointException ? " " + resume : "")}: {ex.Message}", ex);
        }

        ScoreScaleFitResult? recordedFit = null;
        try
        {
            if (PhasedSetup.ResolveResume(config, checkpoints, resume, explicitKeys) is { } plan)
            {
                config = plan.Config;
                recordedFit = plan.ScoreScaleFit;
                foreach (string change in plan.Applied)
                {
                    Console.WriteLine("resume: " + change);
                }
            }
        }
        catch (ConfigException ex)
        {
            throw new CliException(ex.Message, ex); // names the phase and every key that differs
        }
        catch (WnnException ex)
        {
            throw new CliException($"--resume-from {resume}: {ex.Message}", ex);
        }

        CliFiles.EnsureWritable(outputPath, "--output");
        if (checkpoints is not null)
        {
            CliFiles.EnsureWritable(Path.Combine(checkpoints, "probe"), "--checkpoint-dir");
        }

        SeedSource? seed = null;
        if (parse.GetValue(seedFrom) is { } seedPath)
        {
            try
            {
                seed = SeedLoader.Load(seedPath);
            }
            catch (WnnException ex)
            {
                throw new CliException("--seed-from: " + ex.Message, ex);
            }
        }

        LoadedPhasedData loaded = PhasedSetup.LoadData(config, ct, recordedFit);
        bool live = ConsoleProgressMode.IsLive(parse.GetValue(plain));
        Console.WriteLine(loaded.Description);
        if (loaded.Data.ScoreScaleFit is { } fit)
        {
            Console.WriteLine(ScoreScaleFitJson.Describe(fit) + (recordedFit is not null && config.ScoreScaleAuto ? ", from the checkpoint" : ""));
        }

        Console.WriteLine(resume is not null
            ? "seed: the checkpoint's (a resumed run keeps its seed)"
            : string.Create(CultureInfo.InvariantCulture, $"seed {config.RotationSeed ?? PhasedConfig.DefaultSeed} ({seedSource})"));

        // Own signal handling: the first Ctrl+C / SIGTERM cancels the search, which then writes its checkpoint.
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        int exitCode = 130;
        using PosixSignalRegistration sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => { c.Cancel = true; cts.Cancel(); });
        using PosixSignalRegistration sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c =>
        {
            c.Cancel = true;
            exitCode = 143;
            cts.Cancel();
        });
        var options = new PhasedRunOptions { CheckpointDirectory = checkpoints, ResumeFrom = resume, Seed = seed, ExplicitKeys = explicitKeys };
        PhasedRunResult result;
        try
        {
            result = live
                ? LiveProgress.Run(progress => PhasedSetup.CreateRunner(config, loaded.Data, options with { Progress = progress }).Run(cts.Token))
                : PhasedSetup.CreateRunner(config, loaded.Data, options with { Progress = new TextProgressWriter(Console.Out) }).Run(cts.Token);
        }
        catch (PhasedRunCancelledException ex)
        {
            Console.Error.WriteLine(ex.CheckpointPath is null
                ? $"interrupted in phase {ex.ResumePhase}; no mid-phase checkpoint was written"
                : $"interrupted in phase {ex.ResumePhase}; checkpoint written to {ex.CheckpointPath}");
            Console.Error.WriteLine(checkpoints is null
                ? "no --checkpoint-dir was given, so the run cannot be resumed; rerun with --checkpoint-dir DIR"
                : "resume with: " + ResumeCommand(ex.ResumePhase));
            return exitCode;
        }

        if (outputPath is not null)
        {
            ResultsFile.Write(outputPath, result);
        }

        PrintSummary(result, live, outputPath);
        return 0;
    }

    /// <summary>Defaults &lt; YAML (--config) &lt; explicit flags and --set values, in command-line order &lt; overrides (key=value, ~key); the keys given go to <paramref name="explicitKeys"/>.</summary>
    private static PhasedConfig ReadConfig(
        ParseResult parse, ConfigFlagOptions flags, ConfigOverrideArguments overrides, Option<string?> configOption, HashSet<string> explicitKeys)
    {
        PhasedConfig config;
        try
        {
            string? path = parse.GetValue(configOption);
            config = path is not null ? PhasedConfig.LoadYaml(path) : PhasedConfig.Default;
            explicitKeys.UnionWith(ResumeIdentity.KeysInYaml(path));
        }
        catch (ConfigException ex)
        {
            throw new CliException("--config: " + ex.Message, ex);
        }

        foreach (var (flag, key, value) in flags.Given(parse))
        {
            try
            {
                config = config.WithOverrides(new Dictionary<string, string?> { [key] = value });
                explicitKeys.Add(PhasedConfig.FindKey(key)!.Name);
            }
            catch (ConfigException ex)
            {
                throw new CliException($"{flag}: {ex.Message}", ex);
            }
        }

        foreach (var (text, _, name, value, reset) in overrides.Given(parse))
        {
            try
            {
                ConfigKey key = PhasedConfig.FindKey(name)!;
                config = reset ? key.SetValue(config, key.Get(PhasedConfig.Default)) : key.Set(config, value, name);
                explicitKeys.Add(key.Name);
            }
            catch (ConfigException ex)
            {
                throw new CliException($"override '{text}': {ex.Message}", ex);
            }
        }

        try
        {
            return config.Validated();
        }
        catch (ConfigException ex)
        {
            throw new CliException(ex.Message, ex);
        }
    }

    /// <summary>The command line of this run with --resume-from set to <paramref name="phase"/>.</summary>
    private static string ResumeCommand(string phase)
    {
        string[] args = Environment.GetCommandLineArgs().Skip(1).ToArray();
        var kept = new List<string>();
        for (int i = 0; i < args.Length; i++)
        {
            if (args[i] == "--resume-from")
            {
                i++;
                continue;
            }

            if (args[i].StartsWith("--resume-from=", StringComparison.Ordinal))
            {
                continue;
            }

            kept.Add(args[i]);
        }

        kept.Add("--resume-from");
        kept.Add(phase);
        return "wnn " + string.Join(' ', kept.Select(Quote));
    }

    private static string Quote(string arg) =>
        arg.Length > 0 && arg.All(c => char.IsLetterOrDigit(c) || "-_./=,:+@%".Contains(c, StringComparison.Ordinal)) ? arg : "'" + arg.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    private static void PrintSummary(PhasedRunResult result, bool live, string? outputPath)
    {
        var inv = CultureInfo.InvariantCulture;
        // Live mode leaves its last frame on screen: every phase with its full-data result; no second table.
        if (!live)
        {
            Console.WriteLine(string.Create(inv, $"{"phase",-6} {"name",-16} {"full-data CE (nats)",19} {"full-data acc",13} {"iterations",10}"));
            Console.WriteLine(string.Create(inv, $"{"",-6} {"baseline",-16} {result.Baseline.CrossEntropy,19:F4} {result.Baseline.Accuracy,13:P2} {"",10}"));
            foreach (PhaseSummary p in result.Phases)
            {
                Console.WriteLine(string.Create(inv, $"{p.Phase,-6} {p.Name,-16} {p.Fitness,19:F4} {p.Accuracy,13:P2} {p.Iterations,10}"));
            }
        }

        Console.WriteLine(string.Create(inv,
            $"full data: baseline CE {result.Baseline.CrossEntropy:F4} nats -> final CE {result.Final.CrossEntropy:F4} nats (accuracy {result.Final.Accuracy:P2}), seed {result.Seed}, {result.ElapsedSeconds:F1} s"));
        if (result.NgramBaselines is { } baselines)
        {
            Console.WriteLine(BaselineJson.Compare(result.Final.CrossEntropy, baselines));
        }
        if (outputPath is not null)
        {
            Console.WriteLine($"results written to {outputPath}");
        }
    }
}
