using System.CommandLine;
using Wnn.Client;

namespace Wnn.Cli;

/// <summary>
/// Options that build a flow config (<c>wnn flow create</c>, <c>wnn checkpoint seed</c>): the search flags of
/// <c>wnn search</c> under the same names, its data flags, and <c>--set key=value</c> for any other config key.
/// Only flags given on the command line are sent; the executor applies its defaults for the rest.
/// </summary>
internal sealed class FlowConfigCliOptions
{
    public Option<int?> Patience { get; } = new("--patience") { Description = "Early-stop patience (patience). Default 2·2^(pass−1)." };

    public Option<int?> GaGens { get; } = new("--ga-gens") { Description = "GA generations per GA phase (ga_generations). Default 100." };

    public Option<int?> TsIters { get; } = new("--ts-iters") { Description = "TS iterations per TS phase (ts_iterations). Default 200." };

    public Option<int?> Population { get; } = new("--population") { Description = "GA population and TS kept population (population_size). Default 50." };

    public Option<int?> Neighbors { get; } = new("--neighbors") { Description = "TS neighbors per iteration (neighbors_per_iter). Default 50." };

    public Option<string> PhaseOrder { get; } = new("--phase-order")
    {
        Description = "neurons_first or bits_first (phase_order)",
        DefaultValueFactory = _ => "neurons_first",
    };

    public Option<string> Template { get; } = new("--template") { Description = "Flow template", DefaultValueFactory = _ => "standard-6-phase" };

    public Option<string?> TierConfig { get; } = new("--tier-config") { Description = "Tiers 'count,neurons,bits;…;rest,neurons,bits' (tier_config)" };

    public Option<string?> Fitness { get; } = new("--fitness") { Description = "ce, harmonic_rank, normalized or normalized_harmonic (fitness)" };

    public Option<bool> OptimizeTier0Only { get; } = new("--optimize-tier0-only") { Description = "Only tier-0 clusters mutate (optimize_tier0_only)" };

    public Option<ulong?> Seed { get; } = new("--seed") { Description = "Run seed (rotation_seed). Default 42." };

    public Option<string[]> Set { get; } = new("--set") { Description = "Any flow config key: --set key=value (repeatable)", AllowMultipleArgumentsPerToken = false };

    public Option<string?> Description { get; } = new("--description") { Description = "Free text" };

    public DataCliOptions Data { get; } = new();

    public void AddTo(Command command)
    {
        command.Add(Patience);
        command.Add(GaGens);
        command.Add(TsIters);
        command.Add(Population);
        command.Add(Neighbors);
        command.Add(PhaseOrder);
        command.Add(Template);
        command.Add(TierConfig);
        command.Add(Fitness);
        command.Add(OptimizeTier0Only);
        command.Add(Seed);
        command.Add(Set);
        command.Add(Description);
        Data.AddTo(command);
    }

    public CreateFlowRequest Request(ParseResult parse, string name, long? seed) => new()
    {
        Name = name,
        Description = parse.GetValue(Description),
        SeedCheckpointId = seed,
        Config = new FlowConfigOptions
        {
            Template = parse.GetValue(Template)!,
            PhaseOrder = parse.GetValue(PhaseOrder)!,
            Patience = parse.GetValue(Patience),
            GaGenerations = parse.GetValue(GaGens),
            TsIterations = parse.GetValue(TsIters),
            Population = parse.GetValue(Population),
            Neighbors = parse.GetValue(Neighbors),
            TierConfig = parse.GetValue(TierConfig),
            Fitness = parse.GetValue(Fitness),
            OptimizeTier0Only = Given(parse, OptimizeTier0Only) ? parse.GetValue(OptimizeTier0Only) : null,
            Seed = parse.GetValue(Seed),
            TrainTokens = parse.GetValue(Data.TrainTokens),
            EvalTokens = parse.GetValue(Data.EvalTokens),

            // Paths are read by a worker whose working directory may differ: send them absolute.
            TrainFile = FullPath(parse.GetValue(Data.TrainFile)),
            EvalFile = FullPath(parse.GetValue(Data.EvalFile)),
            Format = parse.GetValue(Data.Format),
            Tokenizer = Given(parse, Data.Tokenizer) ? parse.GetValue(Data.Tokenizer) : null,
            TokenizerFile = FullPath(parse.GetValue(Data.TokenizerFile)),
            WordVocabulary = Given(parse, Data.WordVocabulary) ? parse.GetValue(Data.WordVocabulary) : null,
            DataDirectory = FullPath(parse.GetValue(Data.DataDirectory)),
            Extra = SetValues(parse.GetValue(Set)),
        }.ToJson(),
    };

    private static Dictionary<string, string>? SetValues(string[]? items)
    {
        if (items is null or { Length: 0 })
        {
            return null;
        }

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string item in items)
        {
            int eq = item.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                throw new CliException($"--set: '{item}' is not key=value");
            }

            values[item[..eq].Trim()] = item[(eq + 1)..];
        }

        return values;
    }

    private static string? FullPath(string? path) => path is null ? null : Path.GetFullPath(path);

    private static bool Given(ParseResult parse, Option option) => parse.GetResult(option) is { Implicit: false };
}
