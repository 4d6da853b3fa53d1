namespace Wnn.Experiments.Phased;

/// <summary>
/// Per-phase callbacks of <see cref="PhasedRunner"/> (called on the search thread, in order): a flow executor
/// turns them into experiment rows. Iteration details arrive through <see cref="IPhasedProgress"/>.
/// </summary>
public interface IPhaseObserver
{
    /// <summary>A phase is about to run (before its initial population is evaluated); <paramref name="iteration"/> &gt; 0 when resumed mid-phase.</summary>
    void PhaseStarting(PhaseSpec phase, int phaseIndex, int iteration);

    /// <summary>
    /// A phase finished; <paramref name="checkpointPath"/> is its completely written checkpoint (null without a checkpoint directory).
    /// </summary>
    void PhaseCompleted(PhaseSpec phase, int phaseIndex, PhaseResult result, string? checkpointPath);
}
