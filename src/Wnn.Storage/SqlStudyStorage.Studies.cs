using System.Data.Common;
using Wnn.Search;

namespace Wnn.Storage;

/// <summary>Studies and their directions.</summary>
public abstract partial class SqlStudyStorage
{
    /// <inheritdoc />
    public long CreateStudy(string name, IReadOnlyList<StudyDirection> directions)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (directions is null || directions.Count == 0)
        {
            throw new ArgumentException("A study needs at least one direction.", nameof(directions));
        }

        lock (_gate)
        {
            try
            {
                return Write(() =>
                {
                    long id = ToLong(Scalar("INSERT INTO studies (name, created_at) VALUES (@p0, @p1) RETURNING id", name, Now())!);
                    for (int i = 0; i < directions.Count; i++)
                    {
                        Execute("INSERT INTO study_directions (study_id, objective, direction) VALUES (@p0, @p1, @p2)",
                            id, i, directions[i] == StudyDirection.Minimize ? "minimize" : "maximize");
                    }

                    return id;
                });
            }
            catch (DbException ex) when (IsUniqueViolation(ex))
            {
                throw new InvalidOperationException($"A study named '{name}' already exists.", ex);
            }
        }
    }

    /// <inheritdoc />
    public long? FindStudy(string name)
    {
        lock (_gate)
        {
            return Scalar("SELECT id FROM studies WHERE name = @p0", name) is object id ? ToLong(id) : null;
        }
    }

    /// <inheritdoc />
    public StudySummary GetStudy(long studyId)
    {
        lock (_gate)
        {
            return Studies("WHERE s.id = @p0", studyId).SingleOrDefault() ?? throw new KeyNotFoundException($"No study with id {studyId}.");
        }
    }

    /// <inheritdoc />
    public void SetStudyUserAttribute(long studyId, string key, object? value)
    {
        ArgumentNullException.ThrowIfNull(key);
        lock (_gate)
        {
            Write(() =>
            {
                if (Scalar("SELECT 1 FROM studies WHERE id = @p0", studyId) is null)
                {
                    throw new KeyNotFoundException($"No study with id {studyId}.");
                }

                return Execute(
                    "INSERT INTO study_user_attrs (study_id, key, value_json) VALUES (@p0, @p1, @p2) ON CONFLICT (study_id, key) DO UPDATE SET value_json = excluded.value_json",
                    studyId, key, StudyJson.Value(value));
            });
        }
    }

    /// <inheritdoc />
    public IReadOnlyDictionary<string, object?> GetStudyUserAttributes(long studyId)
    {
        lock (_gate)
        {
            if (Scalar("SELECT 1 FROM studies WHERE id = @p0", studyId) is null)
            {
                throw new KeyNotFoundException($"No study with id {studyId}.");
            }

            return Query("SELECT key, value_json FROM study_user_attrs WHERE study_id = @p0 ORDER BY key",
                r => (Key: r.GetString(0), Value: StudyJson.ParseValue(r.GetString(1))), studyId).ToDictionary(r => r.Key, r => r.Value);
        }
    }

    /// <inheritdoc />
    public IReadOnlyList<StudySummary> ListStudies()
    {
        lock (_gate)
        {
            return Studies(string.Empty);
        }
    }

    /// <inheritdoc />
    public void DeleteStudy(long studyId)
    {
        lock (_gate)
        {
            // Child rows go by ON DELETE CASCADE.
            Flush();
            if (Execute("DELETE FROM studies WHERE id = @p0", studyId) == 0)
            {
                throw new KeyNotFoundException($"No study with id {studyId}.");
            }

            _cache.Clear();
        }
    }

    private List<StudySummary> Studies(string where, params object?[] args)
    {
        var rows = Query(
            $"SELECT s.id, s.name, d.direction FROM studies s JOIN study_directions d ON d.study_id = s.id {where} ORDER BY s.id, d.objective",
            r => (Id: r.GetInt64(0), Name: r.GetString(1), Direction: r.GetString(2) == "maximize" ? StudyDirection.Maximize : StudyDirection.Minimize),
            args);
        return [.. rows.GroupBy(r => (r.Id, r.Name)).Select(g => new StudySummary(g.Key.Id, g.Key.Name, [.. g.Select(r => r.Direction)]))];
    }
}
