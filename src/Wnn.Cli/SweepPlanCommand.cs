using System.CommandLine;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Wnn.Experiments.Config.Composition;

namespace Wnn.Cli;

/// <summary><c>wnn sweep plan [--config-dir D --config-name N] [--json] -- OVERRIDES…</c>: the job list Hydra's BasicSweeper would run.</summary>
internal static class SweepPlanCommand
{
    private static readonly JsonSerializerOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static Command Create()
    {
        var configDir = new Option<string?>("--config-dir") { Description = "Config directory (groups are its subdirectories); its primary config's hydra.sweeper.params sweep first" };
        var configName = new Option<string?>("--config-name") { Description = "Primary config file in --config-dir, without .yaml (default: config)" };
        var json = new Option<bool>("--json") { Description = "Print one JSON array of jobs, each an array of override strings" };
        var seed = new Option<int>("--seed") { Description = "Seed of shuffle(…) (default 0)", DefaultValueFactory = _ => 0 };
        var overrides = new Argument<string[]>("overrides")
        {
            Description = "Overrides as for Hydra: key=v, +key=v, ++key=v, ~key, group=option, a=1,2  x=range(0,3)  db=glob(*) (put them after --)",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var command = new Command("plan", "Print the jobs of a grid sweep exactly as Hydra's BasicSweeper makes them (the overrides each job gets)")
        {
            configDir, configName, json, seed, overrides,
        };
        command.SetAction(parse =>
        {
            string? dir = parse.GetValue(configDir);
            string? name = parse.GetValue(configName);
            if (name is not null && dir is null)
            {
                throw new CliException("--config-name needs --config-dir (the directory that holds it)");
            }

            IReadOnlyList<IReadOnlyList<string>> jobs;
            try
            {
                jobs = Plan(dir, name ?? "config", parse.GetValue(overrides) ?? [], parse.GetValue(seed));
            }
            catch (ConfigCompositionException e)
            {
                throw new CliException(e.Message.ReplaceLineEndings(" "));
            }

            if (parse.GetValue(json))
            {
                Console.WriteLine(JsonSerializer.Serialize(jobs, Compact));
                return;
            }

            Console.WriteLine(jobs.Count == 1 ? "1 job" : $"{jobs.Count.ToString(CultureInfo.InvariantCulture)} jobs");
            for (int i = 0; i < jobs.Count; i++)
            {
                Console.WriteLine($"#{i.ToString(CultureInfo.InvariantCulture)} : {string.Join(' ', jobs[i])}");
            }
        });
        return command;
    }

    private static IReadOnlyList<IReadOnlyList<string>> Plan(string? dir, string name, string[] overrides, int seed)
    {
        if (dir is not null && !Directory.Exists(dir))
        {
            throw new CliException($"--config-dir: directory not found: '{dir}'");
        }

        // The primary config composed with the non-sweep overrides gives hydra.sweeper.params; with no config the
        // keys are free, as in Hydra's own sweeper tests.
        var context = new ConfigCompositionContext { Now = DateTimeOffset.Now };
        return ConfigSweepPlanner.Plan(dir is null ? null : new ConfigRepository(dir), dir is null ? null : name, overrides, context, seed);
    }
}
