using System.CommandLine;
using System.Globalization;
using System.Runtime.InteropServices;
using Spectre.Console;
using Wnn.Experiments.Checkpoints;
using Wnn.Experiments.Config;
using Wnn.Experiments.Search;
using Wnn.Ram.Evaluation;
using Wnn.Ram.Text;

namespace Wnn.Cli;

/// <summary>`wnn search`: one pass of the phased GA + tabu search (docs/phased-search.md) with checkpoints and resume.</summary>
internal static class SearchCommand
{
    /// <summary>CLI flags that set a configuration key (string-typed so that errors name the flag and the key).</summary>
    private static readonly (string Flag, string Key, string Description)[] ConfigFlags =
    [
        ("--pass", "pass", "Pass number (default patience 2·2^(pass−1)). Default 1."),
        ("--patience", "patience", "Early-stopping patience. Default 2·2^(pass−1)."),
        ("--ga-gens", "ga_generations", "GA generations per phase. Default 100."),
        ("--ts-iters", "ts_iterations", "TS iterations per phase. Default 200."),
        ("--population", "population_size", "GA population and TS kept population. Default 50."),
        ("--neighbors", "neighbors_per_iter", "TS neighbors per iteration. Default 50."),
        ("--ce-percentile", "fitness_percentile", "Oversampling filter p: generate n/p candidates, keep the best n (e.g. 0.75). Default off."),
        ("--phase-order", "phase_order", "neurons_first (default) or bits_first."),
        ("--fitness", "fitness", "ce (default), harmonic_rank, normalized or normalized_harmonic."),
        ("--rotation", "rotation", "Rotate the training part per phase (default) or per iteration."),
        ("--token-parts", "token_parts", "Training parts for rotation. Default 3."),
        ("--checkpoint-interval", "checkpoint_interval", "Iterations between mid-phase checkpoints (0 = only phase ends). Default 10."),
    ];

    public static Command Create()
    {
        var data = new DataCliOptions();
        var model = new ModelCliOptions();
        var flags = ConfigFlags.Select(f => (Option: new Option<string?>(f.Flag) { Description = f.Description }, f.Key)).ToList();
        var tier0 = new Option<bool>("--optimize-tier0-only") { Description = "Only tier-0 clusters may mutate." };
        var config = new Option<string?>("--config") { Description = "YAML configuration file (explicit flags override it)." };
        var set = new Option<string[]>("--set") { Description = "Set any configuration key: --set key=value (repeatable).", AllowMultipleArgumentsPerToken = false };
        var checkpointDir = new Option<string?>("--checkpoint-dir") { Description = "Write phase checkpoints here (and resume from here)." };
        var resumeFrom = new Option<string?>("--resume-from") { Description = "Resume from phase 1a, 1b, 2a, 2b, 3a or 3b (needs --checkpoint-dir)." };
        var seedFrom = new Option<string?>("--seed-from") { Description = "Seed the first GA phase from a results JSON, phase checkpoint or genome file." };
        var output = new Option<string?>("--output") { Description = "Write the results JSON here." };
        var plain = new Option<bool>("--plain") { Description = "Timestamped progress lines even on a terminal." };
        var command = new Command("search", "Phased architecture search: GA and tabu search over neurons, bits and connections (six phases).");
        data.AddTo(command);
        model.AddTo(command);
        foreach (var (option, _) in flags)
        {
            command.Add(option);
        }

        command.Add(tier0);
        command.Add(config);
        command.Add(set);
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
                    done.SetResult(Run(parse, ct, data, model, flags, tier0, config, set, checkpointDir, resumeFrom, seedFrom, output, plain));
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
        ParseResult parse, CancellationToken ct, DataCliOptions data, ModelCliOptions model, List<(Option<string?> Option, string Key)> flags,
        Option<bool> tier0, Option<string?> configOption, Option<string[]> set, Option<string?> checkpointDir, Option<string?> resumeFrom,
        Option<string?> seedFrom, Option<string?> output, Option<bool> plain)
    {
        var explicitKeys = new HashSet<string>(StringComparer.Ordinal);
        PhasedSearchConfig config = ReadConfig(parse, data, model, flags, tier0, configOption, set, explicitKeys);
        string? checkpoints = parse.GetValue(checkpointDir);
        string? resume = parse.GetValue(resumeFrom);
        string? outputPath = parse.GetValue(output);
        if (resume is not null && !PhaseSpec.ValidKeys.Contains(resume))
        {
            throw new CliException($"--resume-from: '{resume}' is not a phase; expected one of {string.Join(", ", PhaseSpec.ValidKeys)}");
        }

        if (resume is not null && checkpoints is null)
        {
            throw new CliException("--resume-from needs --checkpoint-dir (the folder of the interrupted run)");
        }

        if (resume is not null)
        {
            int index = PhaseSpec.ValidKeys.ToList().IndexOf(resume);
            IReadOnlyList<PhaseSpec> order = PhaseSpec.Order(config);
            var store = new CheckpointStore(checkpoints!);
            PhaseCheckpoint? resumed = Guard(() => store.TryLoadMid(order[index]) ?? (index > 0 ? store.TryLoad(order[index - 1]) : null), "--resume-from");
            if (resumed is null && index > 0)
            {
                throw new CliException($"--resume-from {resume}: checkpoint of phase {order[index - 1].Key} not found: {store.PathFor(order[index - 1])}");
            }

            if (resumed is not null)
            {
                ResumedConfig plan = Guard(() => ResumeIdentity.Resolve(resumed.Config, resumed.Seed, config, explicitKeys, resume), null);
                config = plan.Config;
                foreach (string change in plan.Applied)
                {
                    Console.WriteLine("resume: " + change);
                }
            }
        }

        CliFiles.EnsureWritable(outputPath, "--output");
        if (checkpoints is not null)
        {
            CliFiles.EnsureWritable(Path.Combine(checkpoints, "probe"), "--checkpoint-dir");
        }

        SeedSource? seed = null;
        if (parse.GetValue(seedFrom) is { } seedPath)
        {
            seed = Guard(() => SeedLoader.Load(seedPath), "--seed-from");
        }

        DataOptions dataOptions = data.Read(parse) with { TrainTokens = config.TrainTokens, EvalTokens = config.EvalTokens };
        LoadedData loaded = DataCliOptions.Load(dataOptions, ct);
        int threads = model.ReadThreads(parse);
        SearchData searchData;
        try
        {
            searchData = new SearchData(loaded.TrainTokens, loaded.EvalTokens, loaded.Tokenizer.VocabularySize, config.ModelOptions, config.TokenParts,
                d => new GenomeEvaluator(d, new GenomeEvaluatorOptions { MaxDegreeOfParallelism = threads }));
        }
        catch (ArgumentException ex)
        {
            throw new CliException(ex.Message);
        }

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
        var options = new PhasedSearchOptions { CheckpointDirectory = checkpoints, ResumeFrom = resume, Seed = seed, ExplicitKeys = explicitKeys };
        PhasedSearchResult result;
        try
        {
            result = live
                ? LiveProgress.Run(progress => Guard(() => new PhasedSearchRunner(config, searchData, options with { Progress = progress }).Run(cts.Token), null))
                : Guard(() => new PhasedSearchRunner(config, searchData, options with { Progress = new TextProgressWriter(Console.Out) }).Run(cts.Token), null);
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

    private static T Guard<T>(Func<T> action, string? option)
    {
        string prefix = option is null ? "" : option + ": ";
        try
        {
            return action();
        }
        catch (Exception ex) when (ex is CheckpointException or ConfigException or Ram.Model.GenomeValidationException)
        {
            throw new CliException(prefix + ex.Message);
        }
    }

    /// <summary>Defaults &lt; YAML (--config) &lt; explicit flags (only flags the user gave count).</summary>
    private static PhasedSearchConfig ReadConfig(
        ParseResult parse, DataCliOptions data, ModelCliOptions model, List<(Option<string?> Option, string Key)> flags, Option<bool> tier0,
        Option<string?> configOption, Option<string[]> set, HashSet<string> explicitKeys)
    {
        PhasedSearchConfig config;
        try
        {
            string? path = parse.GetValue(configOption);
            config = path is not null ? PhasedSearchConfig.LoadYaml(path) : PhasedSearchConfig.Default;
            explicitKeys.UnionWith(ResumeIdentity.KeysInYaml(path));
        }
        catch (ConfigException ex)
        {
            throw new CliException("--config: " + ex.Message);
        }

        var explicitValues = new List<(string Flag, string Key, string? Value)>();
        foreach (var (option, key) in flags)
        {
            if (Given(parse, option))
            {
                explicitValues.Add((option.Name, key, parse.GetValue(option)));
            }
        }

        void Typed<T>(Option<T> option, string key, Func<T, string?> format)
        {
            if (Given(parse, option))
            {
                explicitValues.Add((option.Name, key, format(parse.GetValue(option)!)));
            }
        }

        var inv = CultureInfo.InvariantCulture;
        Typed(data.TrainTokens, "train_tokens", v => v?.ToString(inv));
        Typed(data.EvalTokens, "eval_tokens", v => v?.ToString(inv));
        Typed(model.Context, "context_size", v => v.ToString(inv));
        Typed(model.EmptyValue, "empty_value", v => v.ToString("R", inv));
        Typed(model.ScoreScale, "score_scale", v => v.ToString("R", inv));
        Typed(model.TierConfig, "tier_config", v => v);
        Typed(model.Seed, "rotation_seed", v => v.ToString(inv));
        Typed(tier0, "optimize_tier0_only", v => v ? "true" : "false");
        foreach (string item in parse.GetValue(set) ?? [])
        {
            int eq = item.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                throw new CliException($"--set: '{item}' is not key=value");
            }

            explicitValues.Add(("--set", item[..eq].Trim(), item[(eq + 1)..]));
        }

        foreach (var (flag, key, value) in explicitValues)
        {
            try
            {
                config = config.WithOverrides(new Dictionary<string, string?> { [key] = value });
                explicitKeys.Add(PhasedSearchConfig.FindKey(key)!.Name);
            }
            catch (ConfigException ex)
            {
                throw new CliException($"{flag}: {ex.Message}");
            }
        }

        return config;
    }

    private static bool Given(ParseResult parse, Option option) => parse.GetResult(option) is { Implicit: false };

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
