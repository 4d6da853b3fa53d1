using System.CommandLine;
using Wnn.Ram.Model;

namespace Wnn.Cli;

/// <summary>Model options shared by commands that build or evaluate genomes (--context, --empty-value, --score-scale, --tier-config, --seed, --threads).</summary>
internal sealed class ModelCliOptions
{
    public Option<int> Context { get; } = new("--context") { Description = DataCliOptions.Doc(ConfigKeys.Context), DefaultValueFactory = _ => (int)ConfigKeys.Context.Default! };

    public Option<double> EmptyValue { get; } = new("--empty-value") { Description = DataCliOptions.Doc(ConfigKeys.EmptyValue), DefaultValueFactory = _ => (double)ConfigKeys.EmptyValue.Default! };

    public Option<double> ScoreScale { get; } = new("--score-scale") { Description = DataCliOptions.Doc(ConfigKeys.ScoreScale), DefaultValueFactory = _ => (double)ConfigKeys.ScoreScale.Default! };

    public Option<string> TierConfig { get; } = new("--tier-config") { Description = DataCliOptions.Doc(ConfigKeys.TierConfig), DefaultValueFactory = _ => (string)ConfigKeys.TierConfig.Default! };

    public Option<ulong> Seed { get; } = new("--seed") { Description = "Seed of the initial genome's connections (run.seed).", DefaultValueFactory = _ => (ulong)ConfigKeys.Seed.Default! };

    public Option<int> Threads { get; } = new("--threads") { Description = DataCliOptions.Doc(ConfigKeys.Threads), DefaultValueFactory = _ => Environment.ProcessorCount };

    public void AddTo(Command command)
    {
        command.Add(Context);
        command.Add(EmptyValue);
        command.Add(ScoreScale);
        command.Add(TierConfig);
        command.Add(Seed);
        command.Add(Threads);
    }

    public ModelOptions ReadModel(ParseResult parse)
    {
        var options = new ModelOptions
        {
            ContextSize = parse.GetValue(Context),
            EmptyValue = parse.GetValue(EmptyValue),
            ScoreScale = parse.GetValue(ScoreScale),
        };
        try
        {
            options.Validate();
        }
        catch (ArgumentException ex)
        {
            throw new CliException(ex.Message);
        }

        return options;
    }

    public TierConfig ReadTiers(ParseResult parse)
    {
        try
        {
            return Ram.Model.TierConfig.Parse(parse.GetValue(TierConfig) ?? Ram.Model.TierConfig.DefaultText);
        }
        catch (FormatException ex)
        {
            throw new CliException($"--tier-config: {ex.Message}");
        }
    }

    public int ReadThreads(ParseResult parse)
    {
        int threads = parse.GetValue(Threads);
        return threads >= 1 ? threads : throw new CliException($"--threads {threads} must be at least 1");
    }
}
