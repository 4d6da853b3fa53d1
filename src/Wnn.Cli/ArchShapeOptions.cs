using System.CommandLine;
using Wnn.Experiments.Objectives.Transformer;

namespace Wnn.Cli;

/// <summary>The model options of `wnn arch …`: --model and the PatchTST shape (--n-vars --seq-len --patch-len --stride --horizon).</summary>
internal sealed class ArchShapeOptions
{
    public Option<string> Model { get; } = new("--model")
    {
        Description = $"Model counted: {TransformerModels.PatchTst} (the trained forecaster) or {TransformerModels.TransformerEncoder} (plain nn.TransformerEncoder).",
        DefaultValueFactory = _ => TransformerModels.PatchTst,
    };

    public Option<int> NVars { get; } = new("--n-vars") { Description = "PatchTST: variables of the series (no effect on the count).", DefaultValueFactory = _ => PatchTstShape.DefaultNVars };

    public Option<int> SeqLen { get; } = new("--seq-len") { Description = "PatchTST: input window in steps.", DefaultValueFactory = _ => PatchTstShape.DefaultSeqLen };

    public Option<int> PatchLen { get; } = new("--patch-len") { Description = "PatchTST: patch length in steps.", DefaultValueFactory = _ => PatchTstShape.DefaultPatchLen };

    public Option<int> Stride { get; } = new("--stride") { Description = "PatchTST: stride between patches.", DefaultValueFactory = _ => PatchTstShape.DefaultStride };

    public Option<int> Horizon { get; } = new("--horizon") { Description = "PatchTST: steps forecast.", DefaultValueFactory = _ => PatchTstShape.DefaultHorizon };

    public void AddTo(Command command)
    {
        command.Options.Add(Model);
        command.Options.Add(NVars);
        command.Options.Add(SeqLen);
        command.Options.Add(PatchLen);
        command.Options.Add(Stride);
        command.Options.Add(Horizon);
    }

    public TransformerModelKind ReadModel(ParseResult parse) => ArchCommands.Guard(() => TransformerModels.Parse(parse.GetValue(Model)!), "--model");

    public PatchTstShape ReadShape(ParseResult parse) => ArchCommands.Guard(() => new PatchTstShape
    {
        NVars = parse.GetValue(NVars),
        SeqLen = parse.GetValue(SeqLen),
        PatchLen = parse.GetValue(PatchLen),
        Stride = parse.GetValue(Stride),
        Horizon = parse.GetValue(Horizon),
    }.Validate(), "model options");
}
