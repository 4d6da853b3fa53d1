namespace Wnn.Experiments.Objectives.Transformer;

/// <summary>Which model a parameter count is for.</summary>
public enum TransformerModelKind
{
    /// <summary>The PatchTST-style forecaster that examples/hpo/patchtst_train.py trains (CLI name "patchtst").</summary>
    PatchTst,

    /// <summary>Exactly <c>nn.TransformerEncoder(nn.TransformerEncoderLayer(d_model, n_heads, d_ff), n_layers)</c> with PyTorch's defaults (CLI name "transformer-encoder").</summary>
    TransformerEncoder,
}
