namespace Wnn.Experiments.Objectives.Transformer;

/// <summary>The CLI and file names of <see cref="TransformerModelKind"/>, declared once.</summary>
public static class TransformerModels
{
    /// <summary>Name of <see cref="TransformerModelKind.PatchTst"/>.</summary>
    public const string PatchTst = "patchtst";

    /// <summary>Name of <see cref="TransformerModelKind.TransformerEncoder"/>.</summary>
    public const string TransformerEncoder = "transformer-encoder";

    /// <summary>All names, in enum order.</summary>
    public static IReadOnlyList<string> Names { get; } = [PatchTst, TransformerEncoder];

    /// <summary>Parses a model name; throws an <see cref="ArgumentException"/> listing the allowed names.</summary>
    public static TransformerModelKind Parse(string name) => name switch
    {
        PatchTst => TransformerModelKind.PatchTst,
        TransformerEncoder => TransformerModelKind.TransformerEncoder,
        _ => throw new ArgumentException($"model '{name}' is unknown; allowed: {string.Join(", ", Names)}."),
    };

    /// <summary>The name of a model kind.</summary>
    public static string NameOf(TransformerModelKind kind) => kind == TransformerModelKind.PatchTst ? PatchTst : TransformerEncoder;
}
