namespace Wnn.Experiments.Phased;

/// <summary>Receives progress of a phased search (called on the search thread; keep it quick).</summary>
public interface IPhasedProgress
{
    /// <summary>A progress update.</summary>
    void Report(PhasedProgress progress);
}
