namespace Wnn.Contracts;

/// <summary>Whether a configuration key may change when a run is resumed from its checkpoints.</summary>
public enum ResumeRule
{
    /// <summary>The key changes results: a resumed run must use the value the run started with.</summary>
    Identity,

    /// <summary>The key does not change results (threads, cache folder, checkpoint spacing): it may differ on resume.</summary>
    Safe,
}
