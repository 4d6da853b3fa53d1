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

    public Option<string?> Description { get; } = new("--description") { Description = "Free text" };

    public void AddTo(Command command)
    {
        Flags.AddTo(command);
        command.Add(Description);
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
