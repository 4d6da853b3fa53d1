using System.Globalization;

namespace Wnn.Experiments.Objectives.Transformer;

/// <summary>
/// Turns a study trial's parameters into the Hydra-style key=value overrides of examples/hpo/patchtst_train.py
/// (the trial command of the sweep): the architecture from arch_idx, the sampled training parameters, the model shape.
/// </summary>
public static class TrainerOverrides
{
    /// <summary>The trainer keys of the architecture (never sampled directly: they come from arch_idx).</summary>
    public static IReadOnlyList<string> ArchitectureKeys { get; } = ["d_model", "n_layers", "n_heads", "d_ff"];

    /// <summary>
    /// The overrides for one trial, in a fixed order: d_model, n_layers, n_heads, d_ff, then the training parameters in
    /// search-space order, then the shape (n_vars, seq_len, patch_len, stride, horizon) and the seed when given.
    /// </summary>
    public static IReadOnlyList<string> For(ArchitecturalTrialPlan plan, PatchTstShape shape, long? seed = null)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(shape);
        Architecture a = plan.Architecture.Architecture;
        var list = new List<string>
        {
            Pair("d_model", a.DModel), Pair("n_layers", a.NLayers), Pair("n_heads", a.NHeads), Pair("d_ff", a.DFf),
        };
        foreach (KeyValuePair<string, object?> p in plan.Training)
        {
            list.Add(Pair(p.Key, p.Value));
        }

        list.Add(Pair("n_vars", shape.NVars));
        list.Add(Pair("seq_len", shape.SeqLen));
        list.Add(Pair("patch_len", shape.PatchLen));
        list.Add(Pair("stride", shape.Stride));
        list.Add(Pair("horizon", shape.Horizon));
        if (seed is long s)
        {
            list.Add(Pair("seed", s));
        }

        return list;
    }

    /// <summary>One key=value override; doubles in round-trip form, booleans lower case, null as "null".</summary>
    public static string Pair(string key, object? value) => key + "=" + value switch
    {
        null => "null",
        bool b => b ? "true" : "false",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };
}
