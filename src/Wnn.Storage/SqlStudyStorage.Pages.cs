using Wnn.Search;

namespace Wnn.Storage;

/// <summary>Reads for a dashboard: aggregates and pages that do not load every trial of a large study.</summary>
public abstract partial class SqlStudyStorage
{
    /// <summary>Trials by state, the best complete trial (for one objective) and the first start, by aggregate queries.</summary>
    public TrialCounts GetTrialCounts(long studyId)
    {
        lock (_gate)
        {
            Flush();
            var byState = Enum.GetValues<TrialState>().ToDictionary(s => s, _ => 0);
            foreach ((string state, long count) in Query("SELECT state, COUNT(*) FROM trials WHERE study_id = @p0 GROUP BY state", r => (r.GetString(0), ToLong(r.GetValue(1))), studyId))
            {
                byState[ParseState(state)] = (int)count;
            }

            IReadOnlyList<StudyDirection> directions = GetStudy(studyId).Directions;
            int? bestNumber = null;
            double? bestValue = null;
            if (directions.Count == 1)
            {
                // Finite values only: NaN is stored as NULL, and ±1e308 bounds exclude the infinities on both providers.
                string order = directions[0] == StudyDirection.Minimize ? "ASC" : "DESC";
                foreach ((int number, double value) in Query(
                    "SELECT t.number, v.value FROM trials t JOIN trial_values v ON v.trial_id = t.id AND v.objective = 0 " +
                    "WHERE t.study_id = @p0 AND t.state = 'complete' AND v.value IS NOT NULL AND v.value > -1e308 AND v.value < 1e308 " +
                    $"ORDER BY v.value {order}, t.number ASC LIMIT 1",
                    r => (r.GetInt32(0), r.GetDouble(1)),
                    studyId))
                {
                    (bestNumber, bestValue) = (number, value);
                }
            }

            DateTimeOffset? first = Query("SELECT MIN(started_at) FROM trials WHERE study_id = @p0", r => ReadNullableTime(r, 0), studyId).SingleOrDefault();
            return new TrialCounts(byState.Values.Sum(), byState, bestNumber, bestValue, first);
        }
    }

    /// <summary>At most <paramref name="limit"/> trials numbered above <paramref name="afterNumber"/> (all when null), optionally in one state, in number order.</summary>
    public IReadOnlyList<FrozenTrial> GetTrialsPage(long studyId, int? afterNumber, int limit, TrialState? state = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        string filter = "t.study_id = @p0 AND t.number > @p1" + (state is null ? "" : " AND t.state = @p2");
        object?[] args = state is null ? [studyId, afterNumber ?? -1] : [studyId, afterNumber ?? -1, StateName(state.Value)];
        lock (_gate)
        {
            return Load(filter, args, limit);
        }
    }
}
