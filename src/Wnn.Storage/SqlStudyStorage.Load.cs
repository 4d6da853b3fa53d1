using System.Data.Common;
using Wnn.Search;

namespace Wnn.Storage;

/// <summary>Reading trials: one query per table for all trials that match a filter, assembled in memory.</summary>
public abstract partial class SqlStudyStorage
{
    /// <inheritdoc />
    public FrozenTrial GetTrial(long trialId)
    {
        lock (_gate)
        {
            if (_cache.TryGetValue(trialId, out FrozenTrial? cached))
            {
                return cached;
            }

            FrozenTrial trial = Load("t.id = @p0", [trialId]).SingleOrDefault() ?? throw new KeyNotFoundException($"No trial with id {trialId}.");
            if (trial.IsFinished)
            {
                _cache[trialId] = trial;
            }

            return trial;
        }
    }

    /// <inheritdoc />
    public IReadOnlyList<FrozenTrial> GetTrials(long studyId, IReadOnlyCollection<TrialState>? states = null)
    {
        string filter = "t.study_id = @p0";
        if (states is not null)
        {
            filter += states.Count == 0
                ? " AND 1 = 0"
                : $" AND t.state IN ({string.Join(", ", states.Distinct().Select(s => "'" + StateName(s) + "'"))})";
        }

        lock (_gate)
        {
            return Load(filter, [studyId]);
        }
    }

    /// <summary>
    /// Trials matching <paramref name="filter"/> (over <c>trials t</c>, parameters <c>@p0</c>… from <paramref name="args"/>) in
    /// number order, at most <paramref name="limit"/> of them; child rows are read only for the trials returned.
    /// </summary>
    private List<FrozenTrial> Load(string filter, object?[] args, int? limit = null)
    {
        Flush();
        string take = limit is null ? "" : " LIMIT @p" + args.Length.ToString(System.Globalization.CultureInfo.InvariantCulture);
        object?[] headerArgs = limit is null ? args : [.. args, limit.Value];
        var drafts = new Dictionary<long, Draft>();
        var order = new List<Draft>();
        foreach (Draft d in Query(
            "SELECT t.id, t.number, t.state, t.started_at, t.completed_at, t.constraints_json, h.heartbeat_at " +
            $"FROM trials t LEFT JOIN trial_heartbeats h ON h.trial_id = t.id WHERE {filter} ORDER BY t.number{take}",
            r => new Draft
            {
                Id = r.GetInt64(0),
                Number = r.GetInt32(1),
                State = ParseState(r.GetString(2)),
                Started = ReadNullableTime(r, 3),
                Completed = ReadNullableTime(r, 4),
                Constraints = r.IsDBNull(5) ? null : StudyJson.ParseDoubles(r.GetString(5)),
                Heartbeat = ReadNullableTime(r, 6),
            },
            headerArgs))
        {
            drafts[d.Id] = d;
            order.Add(d);
        }

        if (order.Count == 0)
        {
            return [];
        }

        // Finished trials are frozen: reuse cached copies and read child rows only from the first trial not cached.
        long firstToRead = long.MaxValue, lastId = long.MinValue;
        foreach (Draft d in order)
        {
            lastId = Math.Max(lastId, d.Id);
            if (!(_cache.TryGetValue(d.Id, out FrozenTrial? known) && known.IsFinished && known.State == d.State))
            {
                firstToRead = Math.Min(firstToRead, d.Id);
            }
        }

        if (firstToRead != long.MaxValue)
        {
            string first = "@p" + args.Length.ToString(System.Globalization.CultureInfo.InvariantCulture);
            string last = "@p" + (args.Length + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
            string children = $"{filter} AND t.id >= {first} AND t.id <= {last}";
            object?[] childArgs = [.. args, firstToRead, lastId];
            ReadChildren($"SELECT c.trial_id, c.name, c.internal_value, c.distribution_json FROM trial_params c JOIN trials t ON t.id = c.trial_id WHERE {children} ORDER BY c.trial_id, c.position",
                childArgs, drafts, (d, r) =>
                {
                    string name = r.GetString(1);
                    d.InternalParams[name] = r.GetDouble(2);
                    d.Distributions[name] = Distribution(r.GetString(3));
                });
            ReadChildren($"SELECT c.trial_id, c.objective, c.value FROM trial_values c JOIN trials t ON t.id = c.trial_id WHERE {children} ORDER BY c.trial_id, c.objective",
                childArgs, drafts, (d, r) => (d.Values ??= []).Add(ReadValue(r, 2)));
            ReadChildren($"SELECT c.trial_id, c.step, c.value FROM trial_intermediate_values c JOIN trials t ON t.id = c.trial_id WHERE {children}",
                childArgs, drafts, (d, r) => d.IntermediateValues[r.GetInt32(1)] = ReadValue(r, 2));
            ReadChildren($"SELECT c.trial_id, c.key, c.value_json FROM trial_user_attrs c JOIN trials t ON t.id = c.trial_id WHERE {children}",
                childArgs, drafts, (d, r) => d.UserAttributes[r.GetString(1)] = StudyJson.ParseValue(r.GetString(2)));
            ReadChildren($"SELECT c.trial_id, c.key, c.value_json FROM trial_system_attrs c JOIN trials t ON t.id = c.trial_id WHERE {children}",
                childArgs, drafts, (d, r) => d.SystemAttributes[r.GetString(1)] = StudyJson.ParseValue(r.GetString(2)));
        }

        var result = new List<FrozenTrial>(order.Count);
        foreach (Draft d in order)
        {
            if (d.Id < firstToRead && _cache.TryGetValue(d.Id, out FrozenTrial? known))
            {
                result.Add(known);
                continue;
            }

            FrozenTrial trial = d.Freeze();
            if (trial.IsFinished)
            {
                _cache[trial.Id] = trial;
            }

            result.Add(trial);
        }

        return result;
    }

    private void ReadChildren(string sql, object?[] args, Dictionary<long, Draft> drafts, Action<Draft, DbDataReader> read)
    {
        using DbDataReader reader = Command(sql, args).ExecuteReader();
        while (reader.Read())
        {
            // A trial created after the first query is not in the result; its rows are skipped.
            if (drafts.TryGetValue(reader.GetInt64(0), out Draft? d))
            {
                read(d, reader);
            }
        }
    }

    /// <summary>A trial being assembled or changed; <see cref="Freeze"/> makes the immutable snapshot.</summary>
    private sealed class Draft
    {
        public long Id { get; init; }

        public int Number { get; init; }

        public TrialState State { get; set; }

        public List<double>? Values { get; set; }

        public double[]? Constraints { get; set; }

        public DateTimeOffset? Started { get; set; }

        public DateTimeOffset? Completed { get; set; }

        public DateTimeOffset? Heartbeat { get; set; }

        public Dictionary<string, double> InternalParams { get; private init; } = [];

        public Dictionary<string, ParameterDistribution> Distributions { get; private init; } = [];

        public Dictionary<string, object?> UserAttributes { get; private init; } = [];

        public Dictionary<string, object?> SystemAttributes { get; private init; } = [];

        public SortedDictionary<int, double> IntermediateValues { get; private init; } = [];

        public static Draft From(FrozenTrial t) => new()
        {
            Id = t.Id,
            Number = t.Number,
            State = t.State,
            Values = t.Values is null ? null : [.. t.Values],
            Constraints = t.Constraints is null ? null : [.. t.Constraints],
            Started = t.Started,
            Completed = t.Completed,
            Heartbeat = t.LastHeartbeat,
            InternalParams = new Dictionary<string, double>(t.InternalParams),
            Distributions = new Dictionary<string, ParameterDistribution>(t.Distributions),
            UserAttributes = new Dictionary<string, object?>(t.UserAttributes),
            SystemAttributes = new Dictionary<string, object?>(t.SystemAttributes),
            IntermediateValues = new SortedDictionary<int, double>(t.IntermediateValues.ToDictionary()),
        };

        public FrozenTrial Freeze()
        {
            var external = new Dictionary<string, object?>(InternalParams.Count);
            foreach (KeyValuePair<string, double> p in InternalParams)
            {
                external[p.Key] = Distributions[p.Key].ToExternal(p.Value);
            }

            return new FrozenTrial
            {
                Id = Id,
                Number = Number,
                State = State,
                Values = Values,
                Constraints = Constraints,
                Params = external,
                InternalParams = InternalParams,
                Distributions = Distributions,
                UserAttributes = UserAttributes,
                SystemAttributes = SystemAttributes,
                IntermediateValues = IntermediateValues,
                Started = Started,
                Completed = Completed,
                LastHeartbeat = Heartbeat,
            };
        }
    }
}
