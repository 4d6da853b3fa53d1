using System.Globalization;

namespace Wnn.Storage;

public abstract partial class SqlStudyStorage
{
    /// <summary>
    /// A cheap marker of a study's trials that changes whenever a trial is added, claimed, finished or records an
    /// intermediate value (also by other processes): counts by state and of intermediate values. For watchers that poll.
    /// </summary>
    public string GetChangeMarker(long studyId)
    {
        lock (_gate)
        {
            const string Sql =
                "SELECT COUNT(*), " +
                "COALESCE(SUM(CASE WHEN state = 'running' THEN 1 ELSE 0 END), 0), " +
                "COALESCE(SUM(CASE WHEN state IN ('complete', 'pruned', 'failed') THEN 1 ELSE 0 END), 0), " +
                "(SELECT COUNT(*) FROM trial_intermediate_values v JOIN trials i ON i.id = v.trial_id WHERE i.study_id = @p0) " +
                "FROM trials WHERE study_id = @p0";
            return Query(Sql, r => string.Join(
                ':',
                Enumerable.Range(0, 4).Select(i => Convert.ToInt64(r.GetValue(i), CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture))),
                studyId).Single();
        }
    }
}
