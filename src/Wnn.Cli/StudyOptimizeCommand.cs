using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Wnn.Experiments.Studies;
using Wnn.Ram.Model;
using Wnn.Ram.Text;
using Wnn.Search;
using Wnn.Search.MultiObjective;
using Wnn.Search.Pruners;
using Wnn.Search.Samplers;
using Wnn.Search.TestProblems;

namespace Wnn.Cli;

/// <summary>`wnn study optimize`: runs a built-in objective (a test function or the RAM language model) in a new or existing study.</summary>
internal static class StudyOptimizeCommand
{
    /// <summary>The objective name of the RAM language model.</summary>
    public const string RamLm = "ram-lm";

    public static Command Create()
    {
        var objective = new Option<string>("--objective", "--function") { Description = $"Objective: {RamLm} (RAM language model, minimize CE) or a test function: {string.Join(", ", TestProblemCatalog.Names)}.", Required = true };
        var dims = new Option<int?>("--dims") { Description = "Test functions: number of parameters (default 5; branin and hartmann6 are fixed)." };
        var sampler = new Option<string>("--sampler") { Description = $"Sampler: {string.Join(", ", SamplerCatalog.Names)}.", DefaultValueFactory = _ => "tpe" };
        sampler.CompletionSources.Add(SamplerCatalog.Names.ToArray());
        var trials = new Option<int>("--trials") { Description = "Number of trials run by this process.", DefaultValueFactory = _ => 100 };
        var seed = new Option<long?>("--seed") { Description = "Random seed of the sampler (and of ram-lm's genome connections)." };
        var jobs = new Option<int>("--jobs") { Description = "Parallel workers in this process (results then depend on timing).", DefaultValueFactory = _ => 1 };
        var json = new Option<bool>("--json") { Description = "Print the result as JSON." };
        var plain = new Option<bool>("--plain") { Description = "Timestamped plain progress lines even on a terminal." };
        Option<string?> storage = StudyCommands.StorageOption(required: false);
        Option<string> study = StudyCommands.StudyOption(required: false);
        var heartbeat = new Option<double?>("--heartbeat") { Description = "Seconds between heartbeats of running trials; trials silent for twice as long are failed (needed to recover from killed workers)." };
        var retryStale = new Option<bool>("--retry-stale") { Description = "Re-enqueue the parameters of trials failed for a missing heartbeat." };
        var delay = new Option<int>("--trial-delay") { Description = "Sleep this many milliseconds in each trial after its parameters are suggested (simulates a slow objective; for testing workers).", DefaultValueFactory = _ => 0 };
        var threads = new Option<int>("--threads") { Description = "ram-lm: evaluation threads.", DefaultValueFactory = _ => Environment.ProcessorCount };
        var scoreScale = new Option<string>("--score-scale")
        {
            Description = $"ram-lm: the score scale τ: {SearchScale} (a parameter in [{RamLanguageModelObjective.MinSearchedScale}, {RamLanguageModelObjective.MaxSearchedScale}], log), auto (fitted per trial on held-out training tokens) or a number.",
            HelpName = $"{SearchScale}|auto|number",
            DefaultValueFactory = _ => SearchScale,
        };
        var outputBias = new Option<string>("--output-bias") { Description = "ram-lm: " + DataCliOptions.Doc(ConfigKeys.OutputBias), DefaultValueFactory = _ => (string)ConfigKeys.OutputBias.Default! };
        var priorAlpha = new Option<double>("--prior-alpha") { Description = "ram-lm: " + DataCliOptions.Doc(ConfigKeys.PriorAlpha), DefaultValueFactory = _ => (double)ConfigKeys.PriorAlpha.Default! };
        var data = new DataCliOptions();
        var command = new Command("optimize", "Optimize a built-in objective and print the best value and parameters; several processes may share one stored study.")
        {
            objective, dims, sampler, trials, seed, jobs, json, plain, storage, study, heartbeat, retryStale, delay, threads, scoreScale, outputBias, priorAlpha,
        };
        data.AddTo(command);
        command.SetAction((parse, ct) => Task.Run(() =>
        {
            string samplerName = parse.GetValue(sampler)!;
            int nTrials = Positive(parse.GetValue(trials), "--trials");
            int nJobs = Positive(parse.GetValue(jobs), "--jobs");
            long? seedValue = parse.GetValue(seed);
            int delayMs = parse.GetValue(delay) >= 0 ? parse.GetValue(delay) : throw new CliException($"--trial-delay must not be negative, got {parse.GetValue(delay)}.");
            TimeSpan? heartbeatInterval = parse.GetValue(heartbeat) is double h
                ? (h > 0 && double.IsFinite(h) ? TimeSpan.FromSeconds(h) : throw new CliException($"--heartbeat must be a positive number of seconds, got {h.ToString(CultureInfo.InvariantCulture)}."))
                : null;
            string objectiveName = parse.GetValue(objective)!;
            ObjectiveInfo info = objectiveName == RamLm
                ? RamLmObjective(data, parse, ReadRamLmModel(parse, scoreScale, outputBias, priorAlpha), Positive(parse.GetValue(threads), "--threads"), seedValue, ct)
                : TestObjective(objectiveName, parse.GetValue(dims));
            ISampler chosen;
            try
            {
                chosen = SamplerCatalog.Create(samplerName, seedValue, nTrials);
            }
            catch (ArgumentException ex)
            {
                throw new CliException(StudyCommands.Message(ex));
            }

            if (info.Directions.Count > 1 && samplerName == "cmaes")
            {
                throw new CliException($"Sampler 'cmaes' handles one objective; '{info.Name}' has {info.Directions.Count}. Use nsga2, tpe or random.");
            }

            string? storagePath = parse.GetValue(storage);
            IStudyStorage opened = StudyCommands.Open(storagePath, ct);
            using (opened as IDisposable)
            {
                var options = new StudyOptions
                {
                    Name = parse.GetValue(study) ?? info.Name,
                    Directions = info.Directions,
                    Sampler = chosen,
                    Pruner = new NopPruner(),
                    Storage = opened,
                    LoadIfExists = true,
                    HeartbeatInterval = heartbeatInterval,
                    RetryStaleTrials = parse.GetValue(retryStale),
                };
                Study result = CreateOrLoad(options);
                string worker = $"{Environment.MachineName}:{Environment.ProcessId.ToString(CultureInfo.InvariantCulture)}";
                var clock = Stopwatch.StartNew();
                // With --json, standard output carries only the result; progress goes to standard error.
                bool asJson = parse.GetValue(json);
                StudyProgress.Run(ConsoleProgressMode.IsLive(parse.GetValue(plain) || asJson), asJson ? Console.Error : Console.Out, nTrials, info.Directions[0], progress =>
                    result.OptimizeMultiObjective(t =>
                    {
                        if (storagePath is not null)
                        {
                            t.SetUserAttribute("worker", worker);
                        }

                        IReadOnlyList<double> values = info.Evaluate(t);
                        if (delayMs > 0)
                        {
                            // After the parameters are suggested, like a slow objective that trains after reading them.
                            ct.WaitHandle.WaitOne(delayMs);
                        }

                        progress.Report(t.Number, values[0]);
                        return values;
                    }, nTrials: nTrials, nJobs: nJobs, cancellationToken: ct));
                clock.Stop();
                if (parse.GetValue(json))
                {
                    StudyOutput.WriteJson(w => WriteResult(w, info, samplerName, seedValue, result, clock.Elapsed));
                }
                else
                {
                    Console.Out.Write(ToText(info, samplerName, seedValue, result, clock.Elapsed));
                }
            }

            return 0;
        }, ct));
        return command;
    }

    private static int Positive(int value, string name) => value > 0 ? value : throw new CliException($"{name} must be positive, got {value}.");

    private static Study CreateOrLoad(StudyOptions options)
    {
        try
        {
            return Study.Create(options);
        }
        catch (InvalidOperationException) when (options.Storage!.FindStudy(options.Name) is not null && options.Storage.GetStudy(options.Storage.FindStudy(options.Name)!.Value).Directions.SequenceEqual(options.Directions))
        {
            // Another process created the study between our look-up and our insert: load theirs.
            return Study.Create(options);
        }
        catch (InvalidOperationException ex)
        {
            throw new CliException(ex.Message);
        }
    }

    private static ObjectiveInfo TestObjective(string name, int? dims)
    {
        try
        {
            TestProblem problem = TestProblemCatalog.Create(name, dims);
            return new ObjectiveInfo(problem.Name, problem.Dimensions, problem.Directions, problem.KnownOptimum, problem.HypervolumeReference, problem.Evaluate);
        }
        catch (ArgumentException ex)
        {
            throw new CliException(StudyCommands.Message(ex).Replace("test problem", $"objective (use {RamLm} or a test problem)", StringComparison.Ordinal));
        }
    }

    /// <summary>The --score-scale word that makes τ a searched parameter (the default).</summary>
    public const string SearchScale = "search";

    /// <summary>The ram-lm model options and score-scale mode from --score-scale, --output-bias and --prior-alpha.</summary>
    private static (ModelOptions Options, ScoreScaleMode Mode) ReadRamLmModel(ParseResult parse, Option<string> scoreScale, Option<string> outputBias, Option<double> priorAlpha)
    {
        string scaleText = parse.GetValue(scoreScale)!;
        ScoreScaleMode mode = ScoreScaleMode.Fixed;
        double scale = 1.0;
        if (scaleText == SearchScale)
        {
            mode = ScoreScaleMode.Search;
        }
        else
        {
            object? value = ConfigKeys.ScoreScale.Parse(scaleText, out string? error);
            if (error is not null)
            {
                throw new CliException($"--score-scale: {error.Replace("auto", $"{SearchScale}, auto", StringComparison.Ordinal)}");
            }

            if (value is double fixedScale)
            {
                scale = fixedScale;
            }
            else
            {
                mode = ScoreScaleMode.Auto;
            }
        }

        try
        {
            var options = new ModelOptions
            {
                ScoreScale = scale,
                OutputBias = OutputBiasNames.Parse(parse.GetValue(outputBias)!),
                PriorAlpha = parse.GetValue(priorAlpha),
            };
            options.Validate();
            return (options, mode);
        }
        catch (ArgumentException ex)
        {
            throw new CliException(ex.Message);
        }
    }

    private static ObjectiveInfo RamLmObjective(DataCliOptions data, ParseResult parse, (ModelOptions Options, ScoreScaleMode Mode) model, int threads, long? seed, CancellationToken ct)
    {
        LoadedData loaded = DataSource.Load(EvalCommand.WithDefaultCaps(data.Read(parse)), ct);
        var ram = new RamLanguageModelObjective(loaded, model.Options, threads, unchecked((ulong)(seed ?? 42)), model.Mode);
        return new ObjectiveInfo(RamLm, model.Mode == ScoreScaleMode.Search ? 5 : 4, [StudyDirection.Minimize], null, null, t =>
        {
            try
            {
                return [ram.Evaluate(t, ct)];
            }
            catch (ArgumentException ex)
            {
                throw new CliException($"ram-lm trial {t.Number}: {ex.Message}");
            }
        });
    }

    private static string ToText(ObjectiveInfo info, string sampler, long? seed, Study study, TimeSpan elapsed)
    {
        var text = new StringBuilder();
        IFormatProvider inv = CultureInfo.InvariantCulture;
        int complete = study.GetTrials(TrialState.Complete).Count;
        text.Append(inv, $"{info.Name} ({info.Dimensions} dims), study '{study.Name}', sampler {sampler}, {complete} complete trials, seed {(seed?.ToString(inv) ?? "none")}, {elapsed.TotalSeconds:F2} s\n");
        if (info.Directions.Count == 1)
        {
            if (complete == 0)
            {
                return text.Append("no complete trial\n").ToString();
            }

            FrozenTrial best = study.BestTrial;
            text.Append(inv, $"best value {best.Values![0]:G10} at trial {best.Number}{(info.KnownOptimum is double o ? $" (known optimum {o:G10})" : string.Empty)}\n");
            foreach (KeyValuePair<string, object?> p in best.Params)
            {
                text.Append(inv, $"  {p.Key} = {StudyOutput.Format(p.Value)}\n");
            }
        }
        else
        {
            IReadOnlyList<FrozenTrial> front = study.BestTrials;
            text.Append(inv, $"Pareto front: {front.Count} trials, hypervolume {Hypervolume(info, study):G8} (reference [{string.Join(", ", info.HypervolumeReference!)}])\n");
            foreach (FrozenTrial t in front.OrderBy(t => t.Values![0]).Take(10))
            {
                text.Append(inv, $"  trial {t.Number}: [{string.Join(", ", t.Values!.Select(v => v.ToString("G6", inv)))}]\n");
            }
        }

        return text.ToString();
    }

    private static void WriteResult(System.Text.Json.Utf8JsonWriter w, ObjectiveInfo info, string sampler, long? seed, Study study, TimeSpan elapsed)
    {
        w.WriteStartObject();
        w.WriteString("function", info.Name);
        w.WriteString("study", study.Name);
        w.WriteNumber("dims", info.Dimensions);
        w.WriteString("sampler", sampler);
        if (seed is long s)
        {
            w.WriteNumber("seed", s);
        }
        else
        {
            w.WriteNull("seed");
        }

        int complete = study.GetTrials(TrialState.Complete).Count;
        w.WriteNumber("trials", study.Trials.Count);
        w.WriteNumber("complete_trials", complete);
        w.WriteNumber("elapsed_seconds", Math.Round(elapsed.TotalSeconds, 3));
        if (info.Directions.Count == 1 && complete > 0)
        {
            FrozenTrial best = study.BestTrial;
            w.WriteNumber("best_value", best.Values![0]);
            w.WriteNumber("best_trial", best.Number);
            if (info.KnownOptimum is double o)
            {
                w.WriteNumber("known_optimum", o);
            }

            w.WritePropertyName("best");
            StudyOutput.WriteTrial(w, best);
        }
        else if (info.Directions.Count > 1)
        {
            w.WriteNumber("hypervolume", Hypervolume(info, study));
            w.WriteStartArray("pareto_front");
            foreach (FrozenTrial t in study.BestTrials.OrderBy(t => t.Values![0]))
            {
                StudyOutput.WriteTrial(w, t);
            }

            w.WriteEndArray();
        }

        w.WriteEndObject();
    }

    private static double Hypervolume(ObjectiveInfo info, Study study) =>
        ParetoFront.Hypervolume([.. study.BestTrials.Select(t => t.Values!.ToArray())], info.HypervolumeReference!, info.Directions);

    /// <summary>What optimize needs to know about an objective.</summary>
    private sealed record ObjectiveInfo(
        string Name, int Dimensions, IReadOnlyList<StudyDirection> Directions, double? KnownOptimum, IReadOnlyList<double>? HypervolumeReference,
        Func<Trial, IReadOnlyList<double>> Evaluate);
}
