using System.CommandLine;
using Wnn.Ram.Bitwise;

namespace Wnn.Cli;

/// <summary>The model-type options: --model tiered|bitwise and the bitwise model's --memory-mode, --neuron-sample-rate, --bitwise-neurons, --bitwise-bits.</summary>
internal sealed class BitwiseCliOptions
{
    public Option<string> Model { get; } = new("--model") { Description = DataCliOptions.Doc(ConfigKeys.ModelType), DefaultValueFactory = _ => (string)ConfigKeys.ModelType.Default! };

    public Option<string> MemoryMode { get; } = new("--memory-mode") { Description = DataCliOptions.Doc(ConfigKeys.MemoryMode), DefaultValueFactory = _ => (string)ConfigKeys.MemoryMode.Default! };

    public Option<double> NeuronSampleRate { get; } = new("--neuron-sample-rate") { Description = DataCliOptions.Doc(ConfigKeys.NeuronSampleRate), DefaultValueFactory = _ => (double)ConfigKeys.NeuronSampleRate.Default! };

    public Option<int> Neurons { get; } = new("--bitwise-neurons") { Description = DataCliOptions.Doc(ConfigKeys.BitwiseNeurons), DefaultValueFactory = _ => (int)ConfigKeys.BitwiseNeurons.Default! };

    public Option<int> Bits { get; } = new("--bitwise-bits") { Description = DataCliOptions.Doc(ConfigKeys.BitwiseBits), DefaultValueFactory = _ => (int)ConfigKeys.BitwiseBits.Default! };

    public void AddTo(Command command, bool withModel = true, bool withShape = true)
    {
        if (withModel)
        {
            command.Add(Model);
        }

        command.Add(MemoryMode);
        command.Add(NeuronSampleRate);
        if (withShape)
        {
            command.Add(Neurons);
            command.Add(Bits);
        }
    }

    /// <summary>True for --model bitwise.</summary>
    public bool ReadIsBitwise(ParseResult parse) => Check(parse, Model, ConfigKeys.ModelType) is "bitwise";

    public BitwiseOptions ReadOptions(ParseResult parse)
    {
        try
        {
            var options = new BitwiseOptions
            {
                MemoryMode = MemoryModeNames.Parse((string)Check(parse, MemoryMode, ConfigKeys.MemoryMode)!),
                NeuronSampleRate = parse.GetValue(NeuronSampleRate),
            };
            options.Validate();
            return options;
        }
        catch (ArgumentException ex)
        {
            throw new CliException(ex.Message);
        }
    }

    /// <summary>(neurons, bits) of the start genome, checked against the schema's ranges.</summary>
    public (int Neurons, int Bits) ReadShape(ParseResult parse) =>
        ((int)Check(parse, Neurons, ConfigKeys.BitwiseNeurons)!, (int)Check(parse, Bits, ConfigKeys.BitwiseBits)!);

    private static object? Check<T>(ParseResult parse, Option<T> option, ConfigKeyDefinition key)
    {
        object? value = key.Parse(Convert.ToString(parse.GetValue(option), System.Globalization.CultureInfo.InvariantCulture), out string? error);
        return error is null ? value : throw new CliException($"{option.Name}: {error}");
    }
}
