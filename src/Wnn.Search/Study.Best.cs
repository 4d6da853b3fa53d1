using Wnn.Search.MultiObjective;

namespace Wnn.Search;

/// <summary>Best trials of a study.</summary>
public sealed partial class Study
{
    /// <summary>The best complete, feasible trial of a single-objective study (ties: lowest number); throws when there is none.</summary>
    public FrozenTrial BestTrial
    {
        get
        {
            StudyDirection direction = Direction;
            FrozenTrial? best = null;
            foreach (FrozenTrial t in Storage.GetTrials(Id, [TrialState.Complete]))
            {
                if (t.Values is null || !t.IsFeasible)
                {
                    continue;
                }

                if (best is null || (direction == StudyDirection.Minimize ? t.Values[0] < best.Values![0] : t.Values[0] > best.Values![0]))
                {
                    best = t;
                }
            }

            return best ?? throw new InvalidOperationException($"Study '{Name}' has no complete feasible trial yet.");
        }
    }

    /// <summary>The best objective value (single objective).</summary>
    public double BestValue => BestTrial.Values![0];

    /// <summary>The parameters of the best trial (single objective).</summary>
    public IReadOnlyDictionary<string, object?> BestParams => BestTrial.Params;

    /// <summary>The Pareto front: complete feasible trials that no other such trial dominates.</summary>
    public IReadOnlyList<FrozenTrial> BestTrials
    {
        get
        {
            List<FrozenTrial> candidates = [.. Storage.GetTrials(Id, [TrialState.Complete]).Where(t => t.Values is not null && t.IsFeasible)];
            double[][] points = [.. candidates.Select(t => t.Values!.ToArray())];
            return [.. ParetoFront.NonDominatedIndices(points, Directions).Select(i => candidates[i])];
        }
    }
}
