using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Wnn.Search;
using Wnn.Search.MultiObjective;
using Wnn.Search.Pruners;
using Wnn.Search.Samplers;
using Wnn.Search.TestProblems;

namespace Wnn.Cli;

/// <summary>`wnn study …`: optimization studies (for now: `optimize` on the built-in test problems, in memory).</summary>
internal static class StudyCommands
{
    public static Command Create()
    {
        var study = new Command("study", "Optimization studies (samplers, pruners, best trials).");
        study.Subcommands.Add(CreateOptimize());
        return study;
    }

    private static Command CreateOptimize()
    {
        var function = new Option<string>("--function") { Description = $"Test problem: {string.Join(", ", TestProblemCatalog.Names)}.", Required = true };
        var dims = new Option<int?>("--dims") { Description = "Number of parameters (default 5; branin and hartmann6 are fixed)." };
        var sampler = new Option<string>("--sampler") { Description = $"Sampler: {string.Join(", ", SamplerCatalog.Names)}.", DefaultValueFactory = _ => "tpe" };
        var trials = new Option<int>("--trials") { Description = "Number of trials.", DefaultValueFactory = _ => 100 };
        var seed = new Option<long?>("--seed") { Description = "Random seed (same seed, same trials)." };
        var jobs = new Option<int>("--jobs") { Description = "Parallel workers (results then depend on timing).", DefaultValueFactory = _ => 1 };
        var json = new Option<bool>("--json") { Description = "Print the result as JSON." };
        var command = new Command("optimize", "Optimize a built-in test function in memory and print the best value and parameters.")
        {
            function, dims, sampler, trials, seed, jobs, json,
        };
        command.SetAction((parse, cancellationToken) => Guarded(() =>
        {
            string functionName = parse.GetValue(function)!;
            string samplerName = parse.GetValue(sampler)!;
            int nTrials = parse.GetValue(trials);
            int nJobs = parse.GetValue(jobs);
            long? seedValue = parse.GetValue(seed);
            if (nTrials <= 0)
            {
                throw new CliException($"--trials must be positive, got {nTrials}.");
            }

            if (nJobs <= 0)
            {
                throw new CliException($"--jobs must be positive, got {nJobs}.");
            }

            TestProblem problem;
            ISampler chosen;
            try
            {
                problem = TestProblemCatalog.Create(functionName, parse.GetValue(dims));
                chosen = SamplerCatalog.Create(samplerName, seedValue, nTrials);
            }
            catch (ArgumentException ex)
            {
                throw new CliException(StripParameterName(ex));
            }

            if (problem.Directions.Count > 1 && samplerName == "cmaes")
            {
                throw new CliException($"Sampler 'cmaes' handles one objective; '{problem.Name}' has {problem.Directions.Count}. Use nsga2, tpe or random.");
            }

            Study result = Study.Create(new StudyOptions { Name = problem.Name, Directions = problem.Directions, Sampler = chosen, Pruner = new NopPruner() });
            var clock = Stopwatch.StartNew();
            result.OptimizeMultiObjective(problem.Evaluate, nTrials: nTrials, nJobs: nJobs, cancellationToken: cancellationToken);
            clock.Stop();
            Console.Out.Write(parse.GetValue(json)
                ? ToJson(problem, samplerName, seedValue, result, clock.Elapsed)
                : ToText(problem, samplerName, seedValue, result, clock.Elapsed));
            return 0;
        }));
        return command;
    }

    /// <summary>
    /// Reports a <see cref="CliException"/> as one line with its exit code. Needed because System.CommandLine's default
    /// exception handler catches exceptions thrown by actions before <see cref="WnnCommand.RunAsync"/> sees them.
    /// </summary>
    private static async Task<int> Guarded(Func<int> action)
    {
        try
        {
            return action();
        }
        catch (CliException ex)
        {
            await Console.Error.WriteLineAsync($"error: {ex.Message}");
            return ex.ExitCode;
        }
    }

    private static string StripParameterName(ArgumentException ex) =>
        ex.ParamName is null ? ex.Message : ex.Message.Replace($" (Parameter '{ex.ParamName}')", string.Empty, StringComparison.Ordinal);

    private static string ToText(TestProblem problem, string sampler, long? seed, Study study, TimeSpan elapsed)
    {
        var text = new StringBuilder();
        IFormatProvider inv = CultureInfo.InvariantCulture;
        int complete = study.GetTrials(TrialState.Complete).Count;
        text.Append(inv, $"{problem.Name} ({problem.Dimensions} dims), sampler {sampler}, {complete} complete trials, seed {(seed?.ToString(inv) ?? "none")}, {elapsed.TotalSeconds:F2} s\n");
        if (problem.Directions.Count == 1)
        {
            FrozenTrial best = study.BestTrial;
            text.Append(inv, $"best value {best.Values![0]:G10} at trial {best.Number}{(problem.KnownOptimum is double o ? $" (known optimum {o:G10})" : string.Empty)}\n");
            foreach (KeyValuePair<string, object?> p in best.Params)
            {
                text.Append(inv, $"  {p.Key} = {p.Value:G10}\n");
            }
        }
        else
        {
            IReadOnlyList<FrozenTrial> front = study.BestTrials;
            text.Append(inv, $"Pareto front: {front.Count} trials, hypervolume {Hypervolume(problem, study):G8} (reference [{string.Join(", ", problem.HypervolumeReference!)}])\n");
            foreach (FrozenTrial t in front.OrderBy(t => t.Values![0]).Take(10))
            {
                text.Append(inv, $"  trial {t.Number}: [{string.Join(", ", t.Values!.Select(v => v.ToString("G6", inv)))}]\n");
            }
        }

        return text.ToString();
    }

    private static string ToJson(TestProblem problem, string sampler, long? seed, Study study, TimeSpan elapsed)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("function", problem.Name);
            w.WriteNumber("dims", problem.Dimensions);
            w.WriteString("sampler", sampler);
            if (seed is long s)
            {
                w.WriteNumber("seed", s);
            }
            else
            {
                w.WriteNull("seed");
            }

            w.WriteNumber("trials", study.Trials.Count);
            w.WriteNumber("complete_trials", study.GetTrials(TrialState.Complete).Count);
            w.WriteNumber("elapsed_seconds", Math.Round(elapsed.TotalSeconds, 3));
            if (problem.Directions.Count == 1)
            {
                FrozenTrial best = study.BestTrial;
                w.WriteNumber("best_value", best.Values![0]);
                w.WriteNumber("best_trial", best.Number);
                if (problem.KnownOptimum is double o)
                {
                    w.WriteNumber("known_optimum", o);
                }

                WriteParams(w, "best_params", best.Params);
            }
            else
            {
                w.WriteNumber("hypervolume", Hypervolume(problem, study));
                w.WriteStartArray("pareto_front");
                foreach (FrozenTrial t in study.BestTrials.OrderBy(t => t.Values![0]))
                {
                    w.WriteStartObject();
                    w.WriteNumber("trial", t.Number);
                    w.WriteStartArray("values");
                    foreach (double v in t.Values!)
                    {
                        w.WriteNumberValue(v);
                    }

                    w.WriteEndArray();
                    WriteParams(w, "params", t.Params);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
            }

            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    private static void WriteParams(Utf8JsonWriter w, string name, IReadOnlyDictionary<string, object?> parameters)
    {
        w.WriteStartObject(name);
        foreach (KeyValuePair<string, object?> p in parameters)
        {
            switch (p.Value)
            {
                case double d:
                    w.WriteNumber(p.Key, d);
                    break;
                case int i:
                    w.WriteNumber(p.Key, i);
                    break;
                case null:
                    w.WriteNull(p.Key);
                    break;
                default:
                    w.WriteString(p.Key, Convert.ToString(p.Value, CultureInfo.InvariantCulture));
                    break;
            }
        }

        w.WriteEndObject();
    }

    private static double Hypervolume(TestProblem problem, Study study) =>
        ParetoFront.Hypervolume([.. study.BestTrials.Select(t => t.Values!.ToArray())], problem.HypervolumeReference!, problem.Directions);
}
