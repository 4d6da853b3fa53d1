using System.CommandLine;
using System.Globalization;
using Wnn.Search;
using Wnn.Search.Importance;

namespace Wnn.Cli;

/// <summary>`wnn study create|list|show|best|trials|delete|importance` on a study database.</summary>
internal static class StudyReadCommands
{
    public static IEnumerable<Command> Create()
    {
        yield return CreateCommand();
        yield return ReadCommand("list", "List the studies of a database.", withStudy: false, (storage, _, parse, json) =>
        {
            var studies = storage.ListStudies().Select(s => (Summary: s, Trials: storage.GetTrials(s.Id))).ToList();
            if (json)
            {
                StudyOutput.WriteJson(w =>
                {
                    w.WriteStartArray();
                    foreach ((StudySummary s, IReadOnlyList<FrozenTrial> trials) in studies)
                    {
                        StudyOutput.WriteStudy(w, s, trials);
                    }

                    w.WriteEndArray();
                });
            }
            else
            {
                ConsoleOutput.Table(["id", "name", "directions", "trials", "complete", "best"], studies.Select(s => new[]
                {
                    ConsoleOutput.Id(s.Summary.Id), s.Summary.Name, StudyOutput.Directions(s.Summary.Directions), ConsoleOutput.Id(s.Trials.Count),
                    ConsoleOutput.Id(s.Trials.Count(t => t.State == TrialState.Complete)), StudyOutput.Best(s.Summary.Directions, s.Trials),
                }));
            }
        });
        yield return ReadCommand("show", "Show a study: directions, trial counts by state and the best value.", withStudy: true, (storage, study, parse, json) =>
        {
            IReadOnlyList<FrozenTrial> trials = study!.Trials;
            if (json)
            {
                StudyOutput.WriteJson(w => StudyOutput.WriteStudy(w, storage.GetStudy(study.Id), trials));
                return;
            }

            var fields = new List<(string, string)>
            {
                ("id", ConsoleOutput.Id(study.Id)), ("name", study.Name), ("directions", StudyOutput.Directions(study.Directions)),
                ("trials", ConsoleOutput.Id(trials.Count)),
            };
            fields.AddRange(Enum.GetValues<TrialState>().Select(s => (s.ToString().ToLowerInvariant(), ConsoleOutput.Id(trials.Count(t => t.State == s)))));
            fields.Add(("best", StudyOutput.Best(study.Directions, trials)));
            ConsoleOutput.Fields(fields);
        });
        yield return ReadCommand("best", "Print the best trial (the Pareto front for several objectives).", withStudy: true, (storage, study, parse, json) =>
        {
            IReadOnlyList<FrozenTrial> best = study!.IsMultiObjective ? study.BestTrials : BestOrNone(study);
            if (best.Count == 0)
            {
                throw new CliException($"study '{study.Name}' has no complete trial yet");
            }

            if (json)
            {
                StudyOutput.WriteJson(w =>
                {
                    if (study.IsMultiObjective)
                    {
                        w.WriteStartArray();
                        best.ToList().ForEach(t => StudyOutput.WriteTrial(w, t));
                        w.WriteEndArray();
                    }
                    else
                    {
                        StudyOutput.WriteTrial(w, best[0]);
                    }
                });
                return;
            }

            foreach (FrozenTrial t in best)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"trial {t.Number}: {StudyOutput.Values(t.Values)}"));
                foreach (KeyValuePair<string, object?> p in t.Params)
                {
                    Console.WriteLine($"  {p.Key} = {StudyOutput.Format(p.Value)}");
                }
            }
        });
        yield return TrialsCommand();
        yield return ReadCommand("delete", "Delete a study and all its trials.", withStudy: true, (storage, study, parse, json) =>
        {
            storage.DeleteStudy(study!.Id);
            Console.WriteLine($"deleted study '{study.Name}'");
        }, hasJson: false);
        yield return ReadCommand("importance", "Parameter importance (fANOVA) and Spearman rank correlation with the objective.", withStudy: true, (storage, study, parse, json) =>
        {
            if (study!.IsMultiObjective)
            {
                throw new CliException("importance needs a single-objective study");
            }

            IReadOnlyDictionary<string, double> importance;
            IReadOnlyDictionary<string, (double Spearman, double Kendall)> correlation;
            try
            {
                importance = new FanovaImportanceEvaluator(seed: 0).Evaluate(study);
                correlation = RankCorrelation.ForStudy(study);
            }
            catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
            {
                throw new CliException($"importance of study '{study.Name}': {ex.Message}");
            }

            if (json)
            {
                StudyOutput.WriteJson(w =>
                {
                    w.WriteStartObject();
                    foreach (KeyValuePair<string, double> kv in importance.OrderByDescending(kv => kv.Value))
                    {
                        w.WriteStartObject(kv.Key);
                        w.WriteNumber("importance", kv.Value);
                        if (correlation.TryGetValue(kv.Key, out var r))
                        {
                            StudyOutput.WriteNumber(w, "spearman", r.Spearman);
                        }

                        w.WriteEndObject();
                    }

                    w.WriteEndObject();
                });
                return;
            }

            ConsoleOutput.Table(["parameter", "importance", "spearman"], importance.OrderByDescending(kv => kv.Value).Select(kv => new[]
            {
                kv.Key, kv.Value.ToString("F4", CultureInfo.InvariantCulture),
                correlation.TryGetValue(kv.Key, out var r) ? r.Spearman.ToString("F3", CultureInfo.InvariantCulture) : "",
            }));
        });
    }

    private static List<FrozenTrial> BestOrNone(Study study) =>
        study.GetTrials(TrialState.Complete).Count == 0 ? [] : [study.BestTrial];

    private static Command CreateCommand()
    {
        Option<string?> storage = StudyCommands.StorageOption(required: true);
        Option<string> name = StudyCommands.StudyOption(required: true);
        var direction = new Option<string>("--direction") { Description = "minimize or maximize; comma-separated for several objectives.", DefaultValueFactory = _ => "minimize" };
        var json = new Option<bool>("--json") { Description = "Print the created study as JSON." };
        var command = new Command("create", "Create an empty study.") { storage, name, direction, json };
        command.SetAction((parse, ct) =>
        {
            IReadOnlyList<StudyDirection> directions = StudyCommands.ParseDirections(parse.GetValue(direction)!);
            if (directions.Count == 0)
            {
                throw new CliException("--direction: give at least one of minimize, maximize");
            }

            IStudyStorage opened = StudyCommands.Open(parse.GetValue(storage), ct);
            using (opened as IDisposable)
            {
                string studyName = parse.GetValue(name)!;
                long id;
                try
                {
                    id = opened.CreateStudy(studyName, directions);
                }
                catch (InvalidOperationException ex)
                {
                    throw new CliException(ex.Message);
                }
                catch (ArgumentException ex)
                {
                    throw new CliException(StudyCommands.Message(ex));
                }

                if (parse.GetValue(json))
                {
                    StudyOutput.WriteJson(w => StudyOutput.WriteStudy(w, opened.GetStudy(id), []));
                }
                else
                {
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"created study '{studyName}' (id {id}, {StudyOutput.Directions(directions)})"));
                }
            }

            return Task.FromResult(0);
        });
        return command;
    }

    private static Command TrialsCommand()
    {
        var state = new Option<string?>("--state") { Description = "Only trials in this state: waiting, running, complete, pruned or failed." };
        var csv = new Option<bool>("--csv") { Description = "Print CSV: number, state, one column per objective value and per parameter, seconds." };
        return ReadCommand("trials", "List the trials of a study.", withStudy: true, (storage, study, parse, json) =>
        {
            IReadOnlyList<FrozenTrial> trials = parse.GetValue(state) is string s
                ? study!.GetTrials(Enum.TryParse(s, ignoreCase: true, out TrialState parsed) && !int.TryParse(s, out _)
                    ? parsed
                    : throw new CliException($"--state: '{s}' is not a trial state; allowed: waiting, running, complete, pruned, failed"))
                : study!.Trials;
            if (parse.GetValue(csv))
            {
                int objectives = trials.Count == 0 ? 0 : trials.Max(t => t.Values?.Count ?? 0);
                string[] names = [.. trials.SelectMany(t => t.Params.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
                CsvOutput.Write([.. new[] { "number", "state" }, .. Enumerable.Range(0, objectives).Select(i => $"value_{i}"), .. names, "seconds"],
                    trials.Select(t => (IReadOnlyList<string>)
                    [
                        CsvOutput.Num(t.Number), t.State.ToString().ToLowerInvariant(),
                        .. Enumerable.Range(0, objectives).Select(i => t.Values is { } v && i < v.Count ? CsvOutput.Num(v[i]) : ""),
                        .. names.Select(n => t.Params.TryGetValue(n, out object? p) ? StudyOutput.Format(p) : ""),
                        t.Started is { } a && t.Completed is { } b ? CsvOutput.Num((b - a).TotalSeconds) : "",
                    ]));
                return;
            }

            if (json)
            {
                StudyOutput.WriteJson(w =>
                {
                    w.WriteStartArray();
                    foreach (FrozenTrial t in trials)
                    {
                        StudyOutput.WriteTrial(w, t);
                    }

                    w.WriteEndArray();
                });
                return;
            }

            ConsoleOutput.Table(["number", "state", "values", "params", "seconds"], trials.Select(t => new[]
            {
                ConsoleOutput.Id(t.Number), t.State.ToString().ToLowerInvariant(), StudyOutput.Values(t.Values),
                string.Join(", ", t.Params.Select(p => $"{p.Key}={StudyOutput.Format(p.Value)}")),
                t.Started is { } a && t.Completed is { } b ? (b - a).TotalSeconds.ToString("F3", CultureInfo.InvariantCulture) : "",
            }));
        }, extra: [state, csv]);
    }

    private static Command ReadCommand(
        string name, string description, bool withStudy, Action<IStudyStorage, Study?, ParseResult, bool> run, bool hasJson = true, Option[]? extra = null)
    {
        Option<string?> storage = StudyCommands.StorageOption(required: true);
        Option<string> study = StudyCommands.StudyOption(required: true);
        var json = new Option<bool>("--json") { Description = "Print JSON." };
        var command = new Command(name, description) { storage };
        if (withStudy)
        {
            command.Add(study);
        }

        if (hasJson)
        {
            command.Add(json);
        }

        foreach (Option option in extra ?? [])
        {
            command.Add(option);
        }

        command.SetAction((parse, ct) =>
        {
            IStudyStorage opened = StudyCommands.Open(parse.GetValue(storage), ct, mustExist: true);
            using (opened as IDisposable)
            {
                // A trial orphaned by a killed process is failed here, by whoever looks first.
                foreach (StudySummary summary in withStudy && opened.FindStudy(parse.GetValue(study)!) is long id ? [opened.GetStudy(id)] : opened.ListStudies())
                {
                    StaleTrials.FailPastRecordedGrace(opened, summary.Id);
                }

                Study? loaded = withStudy ? StudyCommands.Load(opened, parse.GetValue(study)!) : null;
                run(opened, loaded, parse, hasJson && parse.GetValue(json));
            }

            return Task.FromResult(0);
        });
        return command;
    }
}
