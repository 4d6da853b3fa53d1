namespace Wnn.Experiments.Objectives.Transformer;

/// <summary>
/// Exact trainable-parameter counts, equal to PyTorch's <c>sum(p.numel() for p in model.parameters())</c>
/// (checked against PyTorch by the tests; every weight, bias and norm term is counted).
/// </summary>
public static class ArchitectureParamCount
{
    /// <summary>
    /// One <c>nn.TransformerEncoderLayer(E, heads, F)</c> with PyTorch's defaults (bias everywhere):
    /// self-attention in_proj 3E²+3E and out_proj E²+E, linear1 EF+F, linear2 FE+E, two LayerNorms 2E each:
    /// 4E² + 2EF + 9E + F. The number of heads does not change it.
    /// </summary>
    public static long EncoderLayer(int dModel, int dFf)
    {
        long e = dModel;
        long f = dFf;
        return (4 * e * e) + (2 * e * f) + (9 * e) + f;
    }

    /// <summary>
    /// <c>nn.TransformerEncoder(layer, n_layers)</c> with norm=None: n_layers copies of the layer and no final norm.
    /// </summary>
    public static long TransformerEncoder(Architecture architecture)
    {
        ArgumentNullException.ThrowIfNull(architecture);
        architecture.Validate();
        return architecture.NLayers * EncoderLayer(architecture.DModel, architecture.DFf);
    }

    /// <summary>
    /// The PatchTST-style forecaster of examples/hpo/patchtst_train.py: patch embedding Linear(patch_len, E),
    /// a learned positional embedding (n_patches × E), the pre-norm encoder stack, a final LayerNorm(E) and the
    /// flatten head Linear(n_patches·E, horizon). Instance normalization has no parameters, and the model is
    /// channel-independent, so n_vars does not appear.
    /// </summary>
    public static long PatchTst(Architecture architecture, PatchTstShape shape)
    {
        ArgumentNullException.ThrowIfNull(architecture);
        ArgumentNullException.ThrowIfNull(shape);
        architecture.Validate();
        shape.Validate();
        long e = architecture.DModel;
        long n = shape.NPatches;
        long embedding = (shape.PatchLen * e) + e;
        long positions = n * e;
        long encoder = architecture.NLayers * EncoderLayer(architecture.DModel, architecture.DFf);
        long finalNorm = 2 * e;
        long head = (n * e * shape.Horizon) + shape.Horizon;
        return embedding + positions + encoder + finalNorm + head;
    }

    /// <summary>The count for either model (the shape is used by PatchTST only; null: the default shape).</summary>
    public static long Estimate(TransformerModelKind model, Architecture architecture, PatchTstShape? shape = null) => model switch
    {
        TransformerModelKind.PatchTst => PatchTst(architecture, shape ?? new PatchTstShape()),
        TransformerModelKind.TransformerEncoder => TransformerEncoder(architecture),
        _ => throw new ArgumentOutOfRangeException(nameof(model), model, "unknown model kind"),
    };
}
