using System.CommandLine;
using System.Globalization;
using Wnn.Experiments.Objectives.Transformer;
using Wnn.Search;
using Wnn.Search.Pruners;
using Wnn.Search.Samplers;

namespace Wnn.Cli;

/// <summary>
/// `wnn arch optimize`: runs an architectural study with the TEMPORARY in-process trainer runner (to be replaced by
/// `wnn sweep run` with examples/hpo/patchtst_train.py as the trial command).
/// </summary>
internal static class ArchOptimizeCommand
{
    public static Command Create()
    {
        var config = new Option<string?>("--config") { Description = "HPO config from `wnn arch templates` (or any config with a budget) (required)." };
        var output = new Option<string?>("--out") { Description = "Output folder: trials/trial_NNNN/{metrics.jsonl,trainer.log}, best_params.json (required)." };
        var trials = new Option<int?>("--trials") { Description = "Trials run by this process (default: the config's n_trials)." };
        var sampler = new Option<string>("--sampler") { Description = $"Sampler: {string.Join(", ", SamplerCatalog.Names)}.", DefaultValueFactory = _ => "tpe" };
        var seed = new Option<long?>("--seed") { Description = "Seed of the sampler; trial N trains with seed+N." };
        var experimentLog = new Option<string?>("--experiment-log") { Description = "Experiment log CSV to append the result row to (default: OUT/experiment_log.csv)." };
        var python = new Option<string?>("--python") { Description = $"Python with PyTorch (default: ${TorchPython.EnvironmentVariable}, else /usr/bin/python3, else python3)." };
        var trainer = new Option<string?>("--trainer") { Description = "Trainer script (default: the config's trainer, else examples/hpo/patchtst_train.py)." };
        Option<string?> storage = StudyCommands.StorageOption(required: false);
        Option<string> study = StudyCommands.StudyOption(required: false);
        var command = new Command("optimize", "Run an architectural study (arch_idx + training parameters, val_loss minimized) with a temporary in-process trainer runner.")
        {
            config, output, trials, sampler, seed, experimentLog, python, trainer, storage, study,
        };
        command.SetAction((parse, ct) => Task.Run(() =>
        {
            string path = parse.GetValue(config) ?? throw new CliException("arch optimize: --config is required (generate configs with `wnn arch templates --out DIR`).");
            string outDir = parse.GetValue(output) ?? throw new CliException("arch optimize: --out is required (a folder for trial runs and best_params.json).");
            ArchitecturalSearchConfig cfg = ArchCommands.Guard(() => ArchitecturalSearchConfig.Load(path), "--config");
            int? n = parse.GetValue(trials) is int t ? (t > 0 ? t : throw new CliException($"--trials must be positive, got {t}.")) : null;
            string script = parse.GetValue(trainer) ?? cfg.Trainer ?? HpoTemplates.DefaultTrainer;
            if (!File.Exists(script))
            {
                throw new CliException($"--trainer: '{script}' does not exist; run from the repository root or give --trainer PATH.");
            }

            var runner = new PatchTstTrainerProcess(parse.GetValue(python) ?? TorchPython.Resolve(), script);
            ISampler chosen = ArchCommands.Guard(() => SamplerCatalog.Create(parse.GetValue(sampler)!, parse.GetValue(seed), n ?? cfg.NTrials), "--sampler");
            IStudyStorage opened = StudyCommands.Open(parse.GetValue(storage), ct);
            using (opened as IDisposable)
            {
                Study s;
                try
                {
                    s = Study.Create(new StudyOptions
                    {
                        Name = parse.GetValue(study) ?? cfg.StudyName ?? "arch",
                        Directions = [cfg.Direction],
                        Sampler = chosen,
                        Pruner = new MedianPruner(),
                        Storage = opened,
                        LoadIfExists = true,
                    });
                }
                catch (InvalidOperationException ex)
                {
                    throw new CliException(ex.Message);
                }

                ArchitecturalHpoResult result;
                try
                {
                    result = ArchitecturalHpoRun.Run(cfg, s, runner, outDir, n, parse.GetValue(seed), parse.GetValue(experimentLog) ?? Path.Combine(outDir, "experiment_log.csv"), Console.Error, ct);
                }
                catch (InvalidOperationException ex)
                {
                    throw new CliException(ex.Message);
                }

                IFormatProvider inv = CultureInfo.InvariantCulture;
                Console.Out.WriteLine("| trial | architecture (d_model, n_layers, n_heads, d_ff) | param count | val_loss | seconds | state |");
                Console.Out.WriteLine("|---|---|---|---|---|---|");
                foreach (ArchitecturalTrialRow r in result.Trials)
                {
                    Architecture a = r.Plan.Architecture.Architecture;
                    Console.Out.WriteLine(string.Create(inv, $"| {r.Number} | {a.DModel}, {a.NLayers}, {a.NHeads}, {a.DFf} | {r.Plan.Architecture.ParamCount:N0} | {TrainerMetrics.Format(r.ValLoss)} | {r.Elapsed.TotalSeconds:0.0} | {r.State} |"));
                }

                Console.Out.WriteLine(result.BestParamsPath is string b ? $"best_params.json: {b}" : "no complete trial; best_params.json not written");
                return result.BestParamsPath is null ? 1 : 0;
            }
        }, ct));
        return command;
    }
}
