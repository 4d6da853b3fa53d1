using System.CommandLine;
using Wnn.Experiments.Config.Composition;

namespace Wnn.Cli;

/// <summary><c>wnn config show</c>: composes a config directory with overrides (Hydra 1.3 rules) and prints the result.</summary>
internal static class ConfigCommands
{
    private static readonly string[] Sections = ["job", "hydra", "all"];

    public static Command Create()
    {
        var config = new Command("config", "Compose configs from a config directory (groups, defaults lists, overrides)");
        config.Add(Show());
        return config;
    }

    private static Command Show()
    {
        var configDir = new Option<string?>("--config-dir", "-cd") { Description = "Config directory: <dir>/<group>/<option>.yaml" };
        var configName = new Option<string?>("--config-name", "-cn") { Description = "Primary config (file name without .yaml) in the config directory" };
        var json = new Option<bool>("--json") { Description = "Print JSON instead of YAML" };
        var section = new Option<string>("--cfg") { Description = "What to print: job (the config without hydra), hydra or all", DefaultValueFactory = _ => "job" };
        section.AcceptOnlyFromAmong(Sections);
        var unresolved = new Option<bool>("--unresolved") { Description = "Print interpolations as written instead of resolving them" };
        var jobNum = new Option<int>("--job-num") { Description = "The job number (hydra.job.num) to compose as", DefaultValueFactory = _ => 0 };
        var now = new Option<DateTimeOffset?>("--now") { Description = "The clock of ${now:...}, e.g. 2025-10-31T12:00:00 (default: the current local time)" };
        var overrides = new Argument<string[]>("overrides")
        {
            Description = "Overrides: key=value, +key=value, ++key=value, ~key, group=option, group@pkg=option, +group=option, ~group",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var command = new Command("show", "Print the composed, resolved config") { configDir, configName, json, section, unresolved, jobNum, now, overrides };
        command.SetAction(parse =>
        {
            try
            {
                string? dir = parse.GetValue(configDir);
                var composer = new ConfigComposer(dir is null ? null : new ConfigRepository(dir));
                var context = new ConfigCompositionContext { Now = parse.GetValue(now) ?? DateTimeOffset.Now, JobNum = parse.GetValue(jobNum) };
                // TEMPORARY: ConfigOverride.ParseSimple until the override grammar (Config/Overrides) is wired in.
                var parsed = (parse.GetValue(overrides) ?? []).Select(ConfigOverride.ParseSimple).ToList();
                ComposedConfig composed = composer.Compose(parse.GetValue(configName), parsed, context);
                ConfigNode result = Select(composed, parse.GetValue(section)!, parse.GetValue(unresolved));
                Console.Out.Write(parse.GetValue(json) ? ConfigJson.Write(result) : ConfigYaml.Write(result));
                return 0;
            }
            catch (ConfigCompositionException ex)
            {
                throw new CliException(ex.Message.ReplaceLineEndings(" "));
            }
        });
        return command;
    }

    private static ConfigNode Select(ComposedConfig composed, string section, bool unresolved)
    {
        if (unresolved)
        {
            ConfigMapping tree = composed.Config;
            return section switch
            {
                "hydra" => ConfigMapping.FromPairs([("hydra", tree["hydra"].Clone())]),
                "all" => tree,
                _ => ConfigMapping.FromPairs(tree.Entries.Where(e => e.Key != "hydra").Select(e => (e.Key, e.Value))),
            };
        }

        return section switch
        {
            "hydra" => ConfigMapping.FromPairs([("hydra", composed.Resolve("hydra"))]),
            "all" => composed.Resolve(),
            _ => composed.ResolveJob(),
        };
    }
}
