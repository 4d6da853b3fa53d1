using System.CommandLine;
using System.Globalization;
using Wnn.Experiments.Config;
using Wnn.Experiments.Objectives.Transformer;
using Wnn.Experiments.Sweeps;

namespace Wnn.Cli;

/// <summary>
/// `wnn arch optimize`: a front end over `wnn sweep run` for seed-002 HPO configs. The config becomes a study sweep of the
/// real trainer (arch_idx over the budget's architecture list plus the training parameters, val_loss minimized); after the
/// run it prints the trial table (architecture, param count, val_loss, seconds). Resume with `wnn sweep resume`.
/// </summary>
internal static class ArchOptimizeCommand
{
    public static Command Create()
    {
        var config = new Option<string?>("--config") { Description = "HPO config: configs/hpo/generated/hpo_*.yaml from `wnn arch templates`, or configs/hpo/architectural_search.yaml with budget=… (required)." };
        var overrides = new Argument<string[]>("OVERRIDES") { Description = "key=value overrides of the config (budget=200K, horizon=3, n_trials=3, fixed.data_len=800, …).", Arity = ArgumentArity.ZeroOrMore };
        var sweepDir = new Option<string?>("--sweep-dir") { Description = "Sweep directory (default outputs/experiments/exp_<time>_<study_name>)." };
        var storage = new Option<string?>("--storage") { Description = "Study database: SQLite path or PostgreSQL connection string (default: sweep.db in the sweep directory)." };
        var trials = new Option<int?>("--trials") { Description = "Total trials, across every resume (default: the config's n_trials)." };
        var sampler = new Option<string?>("--sampler") { Description = $"Sampler: {string.Join(", ", SweepCatalog.Samplers)} (default tpe)." };
        var seed = new Option<long?>("--seed") { Description = "Sampler seed." };
        var maxParallel = new Option<int?>("--max-parallel") { Description = "Trials at once (default 1)." };
        var plain = new Option<bool>("--plain") { Description = "Timestamped plain lines even on a terminal." };
        var command = new Command("optimize", "Run an architectural HPO sweep: each trial trains the PatchTST-style model in its own run directory (`wnn sweep run` of the config, then a table).")
        {
            config, overrides, sweepDir, storage, trials, sampler, seed, maxParallel, plain,
        };
        command.SetAction(async (parse, ct) =>
        {
            string path = parse.GetValue(config) ?? throw new CliException("arch optimize: --config is required (e.g. configs/hpo/generated/hpo_200K_h1.yaml; `wnn arch templates` writes them).");
            if (!File.Exists(path))
            {
                throw new CliException($"--config: '{path}' does not exist");
            }

            string[] extra = parse.GetValue(overrides) ?? [];
            var options = new SweepReadOptions
            {
                Now = DateTimeOffset.Now,
                SweepDir = parse.GetValue(sweepDir),
                Sampler = parse.GetValue(sampler),
                Trials = parse.GetValue(trials),
                MaxParallel = parse.GetValue(maxParallel),
                Seed = parse.GetValue(seed),
            };
            SweepWorkspace workspace = await SweepRunCommand.Guard(async () =>
            {
                SweepDefinition definition = SweepConfigReader.Read(path, extra, options);
                if (definition.Form != ArchitecturalSweepReader.Form)
                {
                    throw new ConfigException($"--config: '{path}' is a {definition.Form} sweep config, not an HPO config (training_search_space); run it with `wnn sweep run`");
                }

                return await SweepWorkspace.CreateAsync(definition, new SweepSource(path, extra, options), parse.GetValue(storage), ct);
            });
            using (workspace)
            {
                var executor = new ProcessTrialExecutor();
                int code = await SweepRunCommand.ExecuteWith(workspace, progress => new SweepController(workspace, executor, progress), parse.GetValue(plain), ct);
                WriteTable(Console.Out, workspace);
                return code;
            }
        });
        return command;
    }

    /// <summary>The validation table of the issue: trial, architecture, param count, val_loss, seconds, state.</summary>
    internal static void WriteTable(TextWriter w, SweepWorkspace workspace)
    {
        IFormatProvider inv = CultureInfo.InvariantCulture;
        w.WriteLine();
        w.WriteLine("| job | trial | architecture (d_model, n_layers, n_heads, d_ff) | param count | val_loss | seconds | state |");
        w.WriteLine("|---|---|---|---|---|---|---|");
        foreach (ArchitecturalTrialRow r in ArchitecturalTrialRow.Of(workspace))
        {
            Architecture a = r.Plan.Architecture.Architecture;
            string loss = r.ValLoss is double v ? v.ToString("0.######", inv) : "-";
            w.WriteLine(string.Create(inv, $"| {r.Job} | {r.Number} | {a.DModel}, {a.NLayers}, {a.NHeads}, {a.DFf} | {r.Plan.Architecture.ParamCount:N0} | {loss} | {r.Seconds:0.0} | {r.State.ToString().ToLowerInvariant()} |"));
        }

        string best = ArchitecturalSweepHooks.BestParamsPath(workspace);
        w.WriteLine(File.Exists(best) ? $"best_params.json: {best}" : "no complete trial; best_params.json not written");
    }
}
