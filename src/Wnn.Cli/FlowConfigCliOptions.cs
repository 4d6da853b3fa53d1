using System.CommandLine;
using Wnn.Client;

namespace Wnn.Cli;

/// <summary>
/// Options that build a flow config (<c>wnn flow create</c>, <c>wnn checkpoint seed</c>): the configuration flags of
/// <c>wnn search</c>, derived from the same schema (plus <c>--template</c>), and <c>--set key=value</c> for any key. Only
/// flags given on the command line are sent; the server applies the schema's defaults for the rest.
/// </summary>
internal sealed class FlowConfigCliOptions
{
    public ConfigFlagOptions Flags { get; } = new(ConfigScope.Flow);

    /// <summary>Positional overrides (<c>ga.generations=10</c>, <c>~key</c>); they beat flags.</summary>
    public ConfigOverrideArguments Overrides { get; } = new(ConfigScope.Flow);

    public Option<string?> Description { get; } = new("--description") { Description = "Free text" };

    public void AddTo(Command command)
    {
        Flags.AddTo(command);
        command.Add(Description);
        command.Add(Overrides.Argument);
    }

    /// <exception cref="ConfigException">A flag's value is not valid for its key.</exception>
    public CreateFlowRequest Request(ParseResult parse, string name, long? seed)
    {
        var options = new FlowConfigOptions();
        foreach (var (flag, key, value) in Flags.Given(parse))
        {
            try
            {
                options = options.With(key, value);
                _ = options.ToJson();
            }
            catch (ConfigException ex)
            {
                throw new CliException($"{flag}: {ex.Message}", ex);
            }
        }

        foreach (var (text, key, given, value, reset) in Overrides.Given(parse))
        {
            // A reset drops the key under every name it was given, so the server applies the schema's default.
            options = options with { Values = options.Values.Where(v => ConfigSchema.Find(v.Key) != key).ToDictionary(StringComparer.Ordinal) };
            if (reset)
            {
                continue;
            }

            try
            {
                options = options.With(given, value);
                _ = options.ToJson();
            }
            catch (ConfigException ex)
            {
                throw new CliException($"override '{text}': {ex.Message}", ex);
            }
        }

        return new CreateFlowRequest
        {
            Name = name,
            Description = parse.GetValue(Description),
            SeedCheckpointId = seed,

            // Path keys are sent absolute: a worker's working directory may differ.
            Config = options.ToJson(),
        };
    }
}
