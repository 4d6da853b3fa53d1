namespace Wnn.Search.Pruners;

/// <summary>Decides from intermediate values whether a running trial should stop early.</summary>
public interface IPruner
{
    /// <summary>True when the trial should be pruned now.</summary>
    bool Prune(Study study, FrozenTrial trial);
}
