using System.CommandLine;
using System.Globalization;
using Wnn.Experiments.Sweeps;
using Wnn.Launchers.Slurm;
using Wnn.Search;

namespace Wnn.Cli;

/// <summary>`wnn sweep list|show|status|stop`: sweeps on disk and their trials in the storage.</summary>
internal static class SweepReadCommands
{
    public static IEnumerable<Command> Create()
    {
        yield return List();
        yield return Show("show", "A sweep's definition and its trials (best first).", status: false);
        yield return Show("status", "A sweep's progress: jobs finished, running (with elapsed time), waiting, and the best so far.", status: true);
        yield return Stop();
    }

    private static Command List()
    {
        var root = new Option<string>("--root") { Description = "Where sweep directories are (default outputs/experiments).", DefaultValueFactory = _ => Path.Combine("outputs", "experiments") };
        var command = new Command("list", "Sweeps under a directory (those holding sweep.yaml), newest first.") { root };
        command.SetAction(parse =>
        {
            string dir = parse.GetValue(root)!;
            if (!Directory.Exists(dir))
            {
                Console.Out.WriteLine($"no sweeps: {dir} does not exist");
                return 0;
            }

            var sweeps = Directory.EnumerateDirectories(dir).Where(d => File.Exists(Path.Combine(d, SweepWorkspace.DefinitionFile)))
                .OrderByDescending(d => File.GetLastWriteTimeUtc(Path.Combine(d, SweepWorkspace.DefinitionFile))).ToList();
            foreach (string d in sweeps)
            {
                Dictionary<string, object?> doc = ConfigTree.Load(Path.Combine(d, SweepWorkspace.DefinitionFile));
                int started = Directory.EnumerateDirectories(d).Count(j => int.TryParse(Path.GetFileName(j), NumberStyles.None, CultureInfo.InvariantCulture, out _));
                Console.Out.WriteLine($"{Path.GetFileName(d)}  {ConfigTree.Format(doc.GetValueOrDefault("kind"))}  {ConfigTree.Format(doc.GetValueOrDefault("jobs"))} jobs ({started} started)  {ConfigTree.Format(doc.GetValueOrDefault("created"))}  {d}");
            }

            if (sweeps.Count == 0)
            {
                Console.Out.WriteLine($"no sweeps under {dir}");
            }

            return 0;
        });
        return command;
    }

    private static Command Show(string name, string description, bool status)
    {
        var sweep = new Argument<string>("SWEEP") { Description = "Sweep directory or id." };
        var storage = new Option<string?>("--storage") { Description = "Study database (default: the one recorded in sweep.yaml)." };
        var all = new Option<bool>("--all") { Description = "Every job, not only the top 20." };
        var command = new Command(name, description) { sweep, storage };
        if (!status)
        {
            command.Add(all);
        }

        command.SetAction(async (parse, ct) =>
        {
            using SweepWorkspace workspace = await SweepRunCommand.Guard(() => SweepWorkspace.OpenAsync(parse.GetValue(sweep)!, parse.GetValue(storage), null, ct));
            SweepDefinition d = workspace.Definition;
            IReadOnlyList<FrozenTrial> trials = workspace.Study.Trials;
            var w = Console.Out;
            int finished = SweepController.JobsFinished(trials, out int ok);
            if (!status)
            {
                w.WriteLine($"sweep {workspace.Id} ({d.Form} form, {d.Kind.ToString().ToLowerInvariant()}), identity {workspace.Identity}");
                w.WriteLine($"command: {string.Join(' ', d.Command)}");
                w.WriteLine($"parameters: {string.Join("; ", d.Parameters.Select(p => $"{p.Name} {p.Distribution.Describe()}"))}");
                foreach (SweepParameter table in d.Parameters.Where(p => p.Rows is { Count: > 0 }))
                {
                    w.WriteLine($"table {table.Name}: {table.Rows!.Count} rows; {table.Name}=0 passes {SweepParameter.FormatRow(table.Rows[0])}");
                }
                if (d.BaseOverrides.Count > 0)
                {
                    w.WriteLine($"fixed: {string.Join(' ', d.BaseOverrides.Select(kv => kv.Key + "=" + ConfigTree.Format(kv.Value)))}");
                }
            }

            var inv = CultureInfo.InvariantCulture;
            w.WriteLine(string.Create(inv, $"{finished}/{d.JobCount} jobs finished ({ok} complete); trials: {trials.Count(t => t.State == TrialState.Complete)} complete, {trials.Count(t => t.State == TrialState.Failed)} failed, {trials.Count(t => t.State == TrialState.Pruned)} pruned, {trials.Count(t => t.State == TrialState.Running)} running, {trials.Count(t => t.State == TrialState.Waiting)} waiting"));
            foreach (FrozenTrial r in trials.Where(t => t.State == TrialState.Running))
            {
                TimeSpan elapsed = r.Started is DateTimeOffset s ? DateTimeOffset.UtcNow - s : TimeSpan.Zero;
                w.WriteLine(string.Create(inv, $"  running: job {SweepWorkspace.JobOf(r)} (trial {r.Number}) for {elapsed.TotalSeconds:F0} s, last heartbeat {r.LastHeartbeat:O}"));
            }

            if (trials.Any(t => t.State == TrialState.Complete) && !workspace.Study.IsMultiObjective)
            {
                FrozenTrial best = workspace.Study.BestTrial;
                w.WriteLine(string.Create(inv, $"best: job {SweepWorkspace.JobOf(best)} {d.Optimization.TargetMetric ?? "value"} {best.Value:G6} {string.Join(' ', best.Params.Select(kv => kv.Key + "=" + StudyOutput.Format(kv.Value)))}"));
            }

            if (!status)
            {
                SweepOutput.WriteTrials(w, d, trials, parse.GetValue(all) ? int.MaxValue : 20);
            }

            if (File.Exists(Path.Combine(workspace.Directory, SweepWorkspace.StopFile)))
            {
                w.WriteLine("a stop was requested (wnn sweep stop); resume clears it");
            }

            return 0;
        });
        return command;
    }

    private static Command Stop()
    {
        var sweep = new Argument<string>("SWEEP") { Description = "Sweep directory or id." };
        var command = new Command("stop", "Ask the sweep's controllers to stop: they stop launching, end running trials and record them so that resume re-runs them. Slurm tasks that no live controller tracks are cancelled here.") { sweep };
        command.SetAction(async (parse, ct) =>
        {
            string dir;
            try
            {
                dir = SweepWorkspace.Find(parse.GetValue(sweep)!);
            }
            catch (ConfigException ex)
            {
                throw new CliException(ex.Message);
            }

            ConfigTree.WriteAtomic(Path.Combine(dir, SweepWorkspace.StopFile), DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture) + "\n");
            Console.Out.WriteLine($"stop requested for {dir}; running controllers stop within a second");
            if (SlurmLauncher.RecordedKeys(Path.Combine(dir, SlurmTrialExecutor.DirectoryName)).Count > 0)
            {
                using SweepWorkspace workspace = await SweepRunCommand.Guard(() => SweepWorkspace.OpenAsync(dir, null, null, ct));
                int n = await SlurmTrialExecutor.CancelOrphanedAsync(workspace, ct);
                if (n > 0)
                {
                    Console.Out.WriteLine($"cancelled {n} Slurm task(s) that no live controller was tracking; wnn sweep resume runs their trials again");
                }
            }

            return 0;
        });
        return command;
    }
}
