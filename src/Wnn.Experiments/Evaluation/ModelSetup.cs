using Wnn.Ram.Model;
using Wnn.Ram.Text;

namespace Wnn.Experiments.Evaluation;

/// <summary>
/// Loaded tokens turned into what the model needs: the cluster order (frequency ranks of all training tokens), the
/// full-data <see cref="EvaluationData"/>, and the tiered starting genome.
/// </summary>
public sealed class ModelSetup
{
    private ModelSetup(LoadedData data, ModelOptions options, ClusterOrder order, EvaluationData full)
    {
        Data = data;
        Options = options;
        Order = order;
        Full = full;
    }

    /// <summary>The tokens and tokenizer.</summary>
    public LoadedData Data { get; }

    /// <summary>Model options.</summary>
    public ModelOptions Options { get; }

    /// <summary>Token to cluster mapping.</summary>
    public ClusterOrder Order { get; }

    /// <summary>All training tokens against all evaluation tokens.</summary>
    public EvaluationData Full { get; }

    /// <summary>Builds the setup; throws <see cref="ArgumentException"/> for options the data cannot satisfy.</summary>
    public static ModelSetup Create(LoadedData data, ModelOptions options)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var order = ClusterOrder.FromTokens(data.TrainTokens, data.Tokenizer.VocabularySize);
        EvaluationData full = EvaluationData.Create(order, data.TrainTokens, data.EvalTokens, options);
        return new ModelSetup(data, options, order, full);
    }

    /// <summary>The tiered initial genome for this vocabulary and input width.</summary>
    public Genome TieredGenome(TierConfig tiers, ulong seed) =>
        Genome.CreateTiered(tiers, Full.ClusterCount, Full.InputBits, new Rng(seed));
}
