using System.CommandLine;
using Wnn.Ram.Model;

namespace Wnn.Cli;

/// <summary>Model options shared by commands that build or evaluate genomes (--context, --empty-value, --score-scale, --output-bias, --prior-alpha, --tier-config, --seed, --threads).</summary>
internal sealed class ModelCliOptions
{
    public Option<int> Context { get; } = new("--context") { Description = DataCliOptions.Doc(ConfigKeys.Context), DefaultValueFactory = _ => (int)ConfigKeys.Context.Default! };

    public Option<double> EmptyValue { get; } = new("--empty-value") { Description = DataCliOptions.Doc(ConfigKeys.EmptyValue), DefaultValueFactory = _ => (double)ConfigKeys.EmptyValue.Default! };

    public Option<string> ScoreScale { get; } = new("--score-scale") { Description = DataCliOptions.Doc(ConfigKeys.ScoreScale), HelpName = "number|auto", DefaultValueFactory = _ => ConfigKeys.ScoreScale.DefaultText };

    public Option<string> OutputBias { get; } = new("--output-bias") { Description = DataCliOptions.Doc(ConfigKeys.OutputBias), DefaultValueFactory = _ => (string)ConfigKeys.OutputBias.Default! };

    public Option<double> PriorAlpha { get; } = new("--prior-alpha") { Description = DataCliOptions.Doc(ConfigKeys.PriorAlpha), DefaultValueFactory = _ => (double)ConfigKeys.PriorAlpha.Default! };

    public Option<string> TierConfig { get; } = new("--tier-config") { Description = DataCliOptions.Doc(ConfigKeys.TierConfig), DefaultValueFactory = _ => (string)ConfigKeys.TierConfig.Default! };

    public Option<ulong> Seed { get; } = new("--seed") { Description = "Seed of every random choice (initial connections; in a search also rotation and mutation) (run.seed).", DefaultValueFactory = _ => (ulong)ConfigKeys.Seed.Default! };

    public Option<int> Threads { get; } = new("--threads") { Description = DataCliOptions.Doc(ConfigKeys.Threads), DefaultValueFactory = _ => Environment.ProcessorCount };

    public void AddTo(Command command)
    {
        command.Add(Context);
        command.Add(EmptyValue);
        command.Add(ScoreScale);
        command.Add(OutputBias);
        command.Add(PriorAlpha);
        command.Add(TierConfig);
        command.Add(Seed);
        command.Add(Threads);
    }

    /// <summary>The model options; with <c>--score-scale auto</c> τ is 1 here and <see cref="ReadScoreScaleAuto"/> is true.</summary>
    public ModelOptions ReadModel(ParseResult parse)
    {
        ModelOptions options;
        try
        {
            options = new ModelOptions
            {
                ContextSize = parse.GetValue(Context),
                EmptyValue = parse.GetValue(EmptyValue),
                ScoreScale = ReadFlag(parse, ScoreScale, ConfigKeys.ScoreScale) is double scale ? scale : 1.0,
                OutputBias = OutputBiasNames.Parse((string)ReadFlag(parse, OutputBias, ConfigKeys.OutputBias)!),
                PriorAlpha = parse.GetValue(PriorAlpha),
            };
            options.Validate();
        }
        catch (ArgumentException ex)
        {
            throw new CliException(ex.Message);
        }

        return options;
    }

    /// <summary>True for <c>--score-scale auto</c>.</summary>
    public bool ReadScoreScaleAuto(ParseResult parse) => ReadFlag(parse, ScoreScale, ConfigKeys.ScoreScale) is string;

    private static object? ReadFlag(ParseResult parse, Option<string> option, ConfigKeyDefinition key)
    {
        object? value = key.Parse(parse.GetValue(option), out string? error);
        return error is null ? value : throw new CliException($"{option.Name}: {error}");
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
