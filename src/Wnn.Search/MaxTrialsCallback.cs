namespace Wnn.Search;

/// <summary>
/// An optimize callback that stops the loop once the study holds <see cref="MaxTrials"/> trials in the given states
/// (default: Complete), counting trials of every worker and process sharing the storage. Pass <c>new MaxTrialsCallback(n).Invoke</c>.
/// </summary>
public sealed class MaxTrialsCallback
{
    private readonly TrialState[] _states;

    /// <summary>Creates the callback; states default to Complete only.</summary>
    public MaxTrialsCallback(int maxTrials, params TrialState[] states)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxTrials, 1);
        ArgumentNullException.ThrowIfNull(states);
        MaxTrials = maxTrials;
        _states = states.Length == 0 ? [TrialState.Complete] : states;
    }

    /// <summary>The trial count at which the loop stops.</summary>
    public int MaxTrials { get; }

    /// <summary>The states that count.</summary>
    public IReadOnlyList<TrialState> States => _states;

    /// <summary>Called after each finished trial: asks the study to stop when the count is reached.</summary>
    public void Invoke(Study study, FrozenTrial trial)
    {
        ArgumentNullException.ThrowIfNull(study);
        if (study.GetTrials(_states).Count >= MaxTrials)
        {
            study.Stop();
        }
    }
}
