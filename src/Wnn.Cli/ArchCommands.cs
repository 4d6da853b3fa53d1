using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Wnn.Experiments.Config;
using Wnn.Experiments.Objectives.Transformer;

namespace Wnn.Cli;

/// <summary>`wnn arch …`: transformer architecture grid of seed 002 (count, grid, templates, optimize).</summary>
internal static class ArchCommands
{
    public static Command Create()
    {
        var arch = new Command("arch", "Transformer architectures under a parameter budget (seed 002): exact parameter counts, the budget grid, HPO configs.");
        arch.Subcommands.Add(Count());
        arch.Subcommands.Add(Grid());
        arch.Subcommands.Add(Templates());
        arch.Subcommands.Add(ArchOptimizeCommand.Create());
        return arch;
    }

    /// <summary>Runs a parse step, turning an <see cref="ArgumentException"/> into a one-line CLI error prefixed with <paramref name="what"/>.</summary>
    public static T Guard<T>(Func<T> step, string what)
    {
        try
        {
            return step();
        }
        catch (ArgumentException ex)
        {
            throw new CliException($"{what}: {StudyCommands.Message(ex)}");
        }
        catch (ConfigException ex)
        {
            throw new CliException(ex.Message);
        }
    }

    private static Command Count()
    {
        var dModel = new Option<int?>("--d-model") { Description = "Width (required)." };
        var nLayers = new Option<int?>("--n-layers") { Description = "Encoder layers (required)." };
        var nHeads = new Option<int?>("--n-heads") { Description = "Attention heads; must divide --d-model (required)." };
        var dFf = new Option<int?>("--d-ff") { Description = "Feed-forward width (required)." };
        var json = new Option<bool>("--json") { Description = "Print {\"param_count\": N, …} as JSON." };
        var shape = new ArchShapeOptions();
        var count = new Command("count", "Exact trainable parameter count of one architecture (equal to PyTorch's sum of p.numel()).")
        {
            dModel, nLayers, nHeads, dFf, json,
        };
        shape.AddTo(count);
        count.SetAction(parse =>
        {
            int Need(Option<int?> o) => parse.GetValue(o) ?? throw new CliException($"arch count: {o.Name} is required (a positive integer).");
            var a = new Architecture(Need(dModel), Need(nLayers), Need(nHeads), Need(dFf));
            TransformerModelKind model = shape.ReadModel(parse);
            PatchTstShape s = shape.ReadShape(parse);
            long n = Guard(() => ArchitectureParamCount.Estimate(model, a, s), "arch count");
            if (parse.GetValue(json))
            {
                StudyOutput.WriteJson(w =>
                {
                    w.WriteStartObject();
                    w.WriteNumber("param_count", n);
                    w.WriteString("model", TransformerModels.NameOf(model));
                    WriteArchitecture(w, a);
                    if (model == TransformerModelKind.PatchTst)
                    {
                        w.WriteNumber("n_vars", s.NVars);
                        w.WriteNumber("seq_len", s.SeqLen);
                        w.WriteNumber("patch_len", s.PatchLen);
                        w.WriteNumber("stride", s.Stride);
                        w.WriteNumber("horizon", s.Horizon);
                        w.WriteNumber("n_patches", s.NPatches);
                    }

                    w.WriteEndObject();
                });
            }
            else
            {
                Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{TransformerModels.NameOf(model)} {a}: {n:N0} parameters"));
            }

            return 0;
        });
        return count;
    }

    private static Command Grid()
    {
        var budget = new Option<string?>("--budget") { Description = "Target parameter count: 200K, 500K, 1M, 2M, 1.5M or a plain number (required)." };
        var band = new Option<bool>("--band") { Description = "Print every architecture within ±25 %, not just the 25–35 a study searches." };
        var json = new Option<bool>("--json") { Description = "Print a JSON array of {d_model, n_layers, n_heads, d_ff, param_count}." };
        var shape = new ArchShapeOptions();
        var grid = new Command("grid", "The architectures a study searches for a budget (within ±25 %, extremes included), ordered by parameter count; arch_idx is the position.")
        {
            budget, band, json,
        };
        shape.AddTo(grid);
        grid.SetAction(parse =>
        {
            string text = parse.GetValue(budget) ?? throw new CliException($"arch grid: --budget is required; e.g. --budget 2M (named budgets: {string.Join(", ", ParamBudget.Named.Select(b => b.Name))}).");
            ParamBudget b = Guard(() => ParamBudget.Parse(text), "--budget");
            TransformerModelKind model = shape.ReadModel(parse);
            PatchTstShape s = shape.ReadShape(parse);
            IReadOnlyList<SizedArchitecture> list = Guard(() => ArchitectureGrid.ForBudget(b, model, s), "arch grid");
            if (parse.GetValue(band))
            {
                list = ArchitectureGrid.FilterByBudget(ArchitectureGrid.Generate(model, s), b.Target);
            }

            if (parse.GetValue(json))
            {
                StudyOutput.WriteJson(w =>
                {
                    w.WriteStartArray();
                    foreach (SizedArchitecture a in list)
                    {
                        w.WriteStartObject();
                        WriteArchitecture(w, a.Architecture);
                        w.WriteNumber("param_count", a.ParamCount);
                        w.WriteEndObject();
                    }

                    w.WriteEndArray();
                });
            }
            else
            {
                IFormatProvider inv = CultureInfo.InvariantCulture;
                Console.Out.WriteLine(string.Create(inv, $"{list.Count} {TransformerModels.NameOf(model)} architectures within ±25 % of {b.Target:N0} parameters"));
                Console.Out.WriteLine("arch_idx  d_model  n_layers  n_heads  d_ff   param_count  vs budget");
                for (int i = 0; i < list.Count; i++)
                {
                    Architecture a = list[i].Architecture;
                    Console.Out.WriteLine(string.Create(inv, $"{i,8}  {a.DModel,7}  {a.NLayers,8}  {a.NHeads,7}  {a.DFf,5}  {list[i].ParamCount,11:N0}  {list[i].RelativeTo(b.Target) * 100,+8:+0.0;-0.0} %"));
                }
            }

            return 0;
        });
        return grid;
    }

    private static Command Templates()
    {
        var output = new Option<string?>("--out") { Description = "Folder for the generated configs (required)." };
        var config = new Option<string>("--config") { Description = "Source config.", DefaultValueFactory = _ => "configs/hpo/architectural_search.yaml" };
        var budgets = new Option<string>("--budgets") { Description = "Comma-separated budgets.", DefaultValueFactory = _ => string.Join(',', ParamBudget.Named.Select(b => b.Name)) };
        var horizons = new Option<string>("--horizons") { Description = "Comma-separated forecast horizons.", DefaultValueFactory = _ => string.Join(',', HpoTemplates.DefaultHorizons) };
        var templates = new Command("templates", "Write one HPO config per budget × horizon (hpo_{budget}_h{horizon}.yaml: search space plus the precomputed architecture list).")
        {
            output, config, budgets, horizons,
        };
        templates.SetAction(parse =>
        {
            string dir = parse.GetValue(output) ?? throw new CliException("arch templates: --out is required (a folder for the generated configs).");
            string source = parse.GetValue(config)!;
            ArchitecturalSearchConfig loaded = Guard(() => ArchitecturalSearchConfig.Load(source), "--config");
            ParamBudget[] bs = [.. Items(parse.GetValue(budgets)!, "--budgets").Select(t => Guard(() => ParamBudget.Parse(t), "--budgets"))];
            int[] hs = [.. Items(parse.GetValue(horizons)!, "--horizons").Select(t => int.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out int h) && h > 0
                ? h
                : throw new CliException($"--horizons: '{t}' is not a positive integer; allowed: a comma-separated list such as 1,3,5."))];
            IReadOnlyList<string> written = Guard(() => HpoTemplates.WriteAll(dir, loaded, bs, hs, source.Replace('\\', '/')), "arch templates");
            foreach (string path in written)
            {
                Console.Out.WriteLine(path);
            }

            Console.Error.WriteLine($"{written.Count} configs written to {dir}");
            return 0;
        });
        return templates;
    }

    private static string[] Items(string text, string option)
    {
        string[] items = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        return items.Length > 0 ? items : throw new CliException($"{option}: give at least one value.");
    }

    private static void WriteArchitecture(Utf8JsonWriter w, Architecture a)
    {
        w.WriteNumber("d_model", a.DModel);
        w.WriteNumber("n_layers", a.NLayers);
        w.WriteNumber("n_heads", a.NHeads);
        w.WriteNumber("d_ff", a.DFf);
    }
}
