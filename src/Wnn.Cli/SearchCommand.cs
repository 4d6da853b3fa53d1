using System.CommandLine;
using System.Globalization;
using System.Runtime.InteropServices;
using Spectre.Console;
using Wnn.Experiments.Checkpoints;
using Wnn.Experiments.Config;
using Wnn.Experiments.Search;

namespace Wnn.Cli;

/// <summary>`wnn search`: one pass of the phased GA + tabu search (docs/phased-search.md) with checkpoints and resume.</summary>
internal static class SearchCommand
{
    public static Command Create()
    {
        var flags = new ConfigFlagOptions(ConfigScope.Search);
        var config = new Option<string?>("--config") { Description = "YAML configuration file (explicit flags override it; docs/configs-keys.md)." };
        var checkpointDir = new Option<string?>("--checkpoint-dir") { Description = "Write phase checkpoints here (and resume from here)." };
        var resumeFrom = new Option<string?>("--resume-from") { Description = "Resume from phase 1a, 1b, 2a, 2b, 3a or 3b (needs --checkpoint-dir)." };
        var seedFrom = new Option<string?>("--seed-from") { Description = "Seed the first GA phase from a results JSON, phase checkpoint or genome file." };
        var output = new Option<string?>("--output") { Description = "Write the results JSON here." };
        var plain = new Option<bool>("--plain") { Description = "Timestamped progress lines even on a terminal." };
        var command = new Command("search", "Phased architecture search: GA and tabu search over neurons, bits and connections (six phases).");
        flags.AddTo(command);
        command.Add(config);
        command.Add(checkpointDir);
        command.Add(resumeFrom);
        command.Add(seedFrom);
        command.Add(output);
        command.Add(plain);
        command.SetAction((parse, ct) =>
        {
            // The search runs on a foreground thread: if the host's termination timeout expires while the
            // interrupted search writes its checkpoint, the process still waits for the write to finish.
            var done = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
            var thread = new Thread(() =>
            {
                try
                {
                    done.SetResult(Run(parse, ct, flags, config, checkpointDir, resumeFrom, seedFrom, output, plain));
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
        ParseResult parse, CancellationToken ct, ConfigFlagOptions flags, Option<string?> configOption, Option<string?> checkpointDir,
        Option<string?> resumeFrom, Option<string?> seedFrom, Option<string?> output, Option<bool> plain)
    {
        PhasedSearchConfig config = ReadConfig(parse, flags, configOption);
        string? checkpoints = parse.GetValue(checkpointDir);
        string? resume = parse.GetValue(resumeFrom);
        string? outputPath = parse.GetValue(output);
        if (resume is not null && PhaseSpec.ValidKeys.Contains(resume) && checkpoints is null)
        {
            throw new CliException("--resume-from needs --checkpoint-dir (the folder of the interrupted run)");
        }

        try
        {
            PhasedSearchSetup.CheckResume(config, checkpoints, resume);
        }
        catch (WnnException ex)
        {
            throw new CliException($"--resume-from{(ex is CheckpointException ? " " + resume : "")}: {ex.Message}", ex);
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

        LoadedSearchData loaded = PhasedSearchSetup.LoadData(config, ct);
        bool live = ConsoleProgressMode.IsLive(parse.GetValue(plain));
        Console.WriteLine(loaded.Description);

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
        var options = new PhasedSearchOptions { CheckpointDirectory = checkpoints, ResumeFrom = resume, Seed = seed };
        PhasedSearchResult result;
        try
        {
            result = live
                ? LiveProgress.Run(progress => PhasedSearchSetup.CreateRunner(config, loaded.Data, options with { Progress = progress }).Run(cts.Token))
                : PhasedSearchSetup.CreateRunner(config, loaded.Data, options with { Progress = new TextProgressWriter(Console.Out) }).Run(cts.Token);
        }
        catch (SearchCancelledException ex)
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

    /// <summary>Defaults &lt; YAML (--config) &lt; explicit flags and --set values, in command-line order.</summary>
    private static PhasedSearchConfig ReadConfig(ParseResult parse, ConfigFlagOptions flags, Option<string?> configOption)
    {
        PhasedSearchConfig config;
        try
        {
            config = parse.GetValue(configOption) is { } path ? PhasedSearchConfig.LoadYaml(path) : PhasedSearchConfig.Default;
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
            }
            catch (ConfigException ex)
            {
                throw new CliException($"{flag}: {ex.Message}", ex);
            }
        }

        return config;
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

    private static void PrintSummary(PhasedSearchResult result, bool live, string? outputPath)
    {
        var inv = CultureInfo.InvariantCulture;
        if (live)
        {
            var table = new Table().Title("phased search, pass " + result.Pass.ToString(inv))
                .AddColumn("phase").AddColumn("name").AddColumn(new TableColumn("CE (full data)").RightAligned())
                .AddColumn(new TableColumn("accuracy").RightAligned()).AddColumn(new TableColumn("iterations").RightAligned());
            table.AddRow("", "baseline", result.Baseline.CrossEntropy.ToString("F4", inv), result.Baseline.Accuracy.ToString("P2", inv), "");
            foreach (PhaseSummary p in result.Phases)
            {
                table.AddRow(p.Phase, p.Name, p.Fitness.ToString("F4", inv), p.Accuracy.ToString("P2", inv), p.Iterations.ToString(inv));
            }

            AnsiConsole.Write(table);
        }
        else
        {
            Console.WriteLine(string.Create(inv, $"{"phase",-6} {"name",-16} {"CE",10} {"accuracy",9} {"iterations",10}"));
            Console.WriteLine(string.Create(inv, $"{"",-6} {"baseline",-16} {result.Baseline.CrossEntropy,10:F4} {result.Baseline.Accuracy,9:P2} {"",10}"));
            foreach (PhaseSummary p in result.Phases)
            {
                Console.WriteLine(string.Create(inv, $"{p.Phase,-6} {p.Name,-16} {p.Fitness,10:F4} {p.Accuracy,9:P2} {p.Iterations,10}"));
            }
        }

        Console.WriteLine(string.Create(inv,
            $"baseline CE {result.Baseline.CrossEntropy:F4} -> final CE {result.Final.CrossEntropy:F4} (accuracy {result.Final.Accuracy:P2}), seed {result.Seed}, {result.ElapsedSeconds:F1} s"));
        if (outputPath is not null)
        {
            Console.WriteLine($"results written to {outputPath}");
        }
    }
}
