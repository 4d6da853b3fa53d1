using Wnn.Search;

namespace Wnn.Storage;

/// <summary>Creating, claiming, changing and finishing trials; heartbeats and stale trials.</summary>
public abstract partial class SqlStudyStorage
{
    private const string Updatable = "EXISTS (SELECT 1 FROM trials WHERE id = @p0 AND state IN ('waiting', 'running'))";

    /// <inheritdoc />
    public FrozenTrial CreateTrial(long studyId, TrialState state, IReadOnlyDictionary<string, object?>? systemAttributes = null, IReadOnlyDictionary<string, object?>? userAttributes = null)
    {
        if (state is not (TrialState.Waiting or TrialState.Running))
        {
            throw new ArgumentException($"A new trial must be Waiting or Running, got {state}.", nameof(state));
        }

        lock (_gate)
        {
            DateTime now = Now();
            Draft draft = Write(() => InsertTrial(studyId, state, now, systemAttributes, userAttributes));
            FrozenTrial trial = draft.Freeze();
            if (state == TrialState.Running)
            {
                _cache[trial.Id] = trial;
            }

            return trial;
        }
    }

    /// <inheritdoc />
    public FrozenTrial? ClaimWaitingTrial(long studyId)
    {
        lock (_gate)
        {
            // Readers never take the write lock, so asking when nothing waits (the usual case) stays cheap.
            if (Scalar("SELECT 1 FROM trials WHERE study_id = @p0 AND state = 'waiting' LIMIT 1", studyId) is null)
            {
                return null;
            }

            DateTime now = Now();
            long? claimed = Write(() =>
            {
                if (Scalar(ClaimSql, studyId, now) is not object id)
                {
                    return (long?)null;
                }

                UpsertHeartbeat(ToLong(id), now);
                return ToLong(id);
            });
            if (claimed is not long trialId)
            {
                return null;
            }

            _cache.Remove(trialId);
            FrozenTrial trial = Load("t.id = @p0", [trialId])[0];
            _cache[trialId] = trial;
            return trial;
        }
    }

    /// <inheritdoc />
    public void SetTrialParameter(long trialId, string name, double internalValue, ParameterDistribution distribution)
    {
        ArgumentNullException.ThrowIfNull(distribution);
        lock (_gate)
        {
            FrozenTrial current = UpdatableTrial(trialId);
            if (current.Distributions.TryGetValue(name, out ParameterDistribution? existing) && !existing.Equals(distribution))
            {
                throw new ArgumentException($"Parameter '{name}' of trial {current.Number} already has {existing.Describe()}; cannot set it with {distribution.Describe()}.", nameof(distribution));
            }

            if (!distribution.Contains(internalValue))
            {
                throw new ArgumentException($"Value {internalValue} is not in {distribution.Describe()} (parameter '{name}').", nameof(internalValue));
            }

            int rows = ExecuteOrDefer(
                trialId,
                "INSERT INTO trial_params (trial_id, name, position, internal_value, distribution_json) " +
                $"SELECT @p0, @p1, (SELECT COUNT(*) FROM trial_params WHERE trial_id = @p0), @p2, @p3 WHERE {Updatable} " +
                "ON CONFLICT (trial_id, name) DO UPDATE SET internal_value = excluded.internal_value",
                trialId, name, internalValue, StudyJson.Distribution(distribution));
            Changed(trialId, current, rows, d =>
            {
                d.InternalParams[name] = internalValue;
                d.Distributions[name] = distribution;
            });
        }
    }

    /// <inheritdoc />
    public void SetTrialIntermediateValue(long trialId, int step, double value)
    {
        lock (_gate)
        {
            FrozenTrial current = UpdatableTrial(trialId);
            if (current.IntermediateValues.ContainsKey(step))
            {
                return;
            }

            int rows = ExecuteOrDefer(
                trialId,
                $"INSERT INTO trial_intermediate_values (trial_id, step, value) SELECT @p0, @p1, @p2 WHERE {Updatable} ON CONFLICT (trial_id, step) DO NOTHING",
                trialId, step, StoredValue(value));
            if (rows == 0)
            {
                // Either another process reported this step first (kept) or the trial was finished meanwhile.
                _cache.Remove(trialId);
                UpdatableTrial(trialId);
                return;
            }

            Changed(trialId, current, rows, d => d.IntermediateValues[step] = value);
        }
    }

    /// <inheritdoc />
    public void SetTrialUserAttribute(long trialId, string key, object? value) => SetAttribute("trial_user_attrs", trialId, key, value, user: true);

    /// <inheritdoc />
    public void SetTrialSystemAttribute(long trialId, string key, object? value) => SetAttribute("trial_system_attrs", trialId, key, value, user: false);

    /// <inheritdoc />
    public void SetTrialConstraints(long trialId, IReadOnlyList<double> constraints)
    {
        ArgumentNullException.ThrowIfNull(constraints);
        lock (_gate)
        {
            if (ExecuteOrDefer(trialId, "UPDATE trials SET constraints_json = @p1 WHERE id = @p0", trialId, StudyJson.Doubles(constraints)) == 0)
            {
                throw new KeyNotFoundException($"No trial with id {trialId}.");
            }

            Patch(trialId, d => d.Constraints = [.. constraints]);
        }
    }

    /// <inheritdoc />
    public bool FinishTrial(long trialId, TrialState state, IReadOnlyList<double>? values)
    {
        if (state is not (TrialState.Complete or TrialState.Pruned or TrialState.Failed))
        {
            throw new ArgumentException($"FinishTrial needs Complete, Pruned or Failed, got {state}.", nameof(state));
        }

        lock (_gate)
        {
            DateTime now = Now();
            bool finished = Write(() =>
            {
                // The deferred writes and the state change travel together (one round trip where the provider batches).
                List<(string Sql, object?[] Args)> statements =
                    [.. _pending, ("UPDATE trials SET state = @p1, completed_at = @p2 WHERE id = @p0 AND state = 'running'", [trialId, StateName(state), now])];
                int changed = ExecuteBatch(statements);
                _pending.Clear();
                if (changed == 0)
                {
                    return false;
                }

                var inserts = new List<(string Sql, object?[] Args)>();
                for (int i = 0; values is not null && i < values.Count; i++)
                {
                    inserts.Add(("INSERT INTO trial_values (trial_id, objective, value) VALUES (@p0, @p1, @p2)", [trialId, i, StoredValue(values[i])]));
                }

                ExecuteBatch(inserts);
                return true;
            });
            if (!finished)
            {
                _cache.Remove(trialId);
                GetTrial(trialId); // throws for an unknown trial
                return false;
            }

            Patch(trialId, d =>
            {
                d.State = state;
                d.Values = values is null ? null : [.. values];
                d.Completed = new DateTimeOffset(now);
            });
            return true;
        }
    }

    /// <inheritdoc />
    public void RecordHeartbeat(long trialId)
    {
        lock (_gate)
        {
            DateTime now = Now();
            int rows = Write(() =>
            {
                RunPending();
                return Execute("UPDATE trial_heartbeats SET heartbeat_at = @p1 WHERE trial_id = @p0 AND EXISTS (SELECT 1 FROM trials WHERE id = @p0 AND state = 'running')", trialId, now);
            });
            if (rows > 0)
            {
                Patch(trialId, d => d.Heartbeat = new DateTimeOffset(now));
            }
        }
    }

    /// <inheritdoc />
    public IReadOnlyList<FrozenTrial> FailStaleTrials(long studyId, TimeSpan grace, bool requeue)
    {
        lock (_gate)
        {
            DateTime now = Now();
            List<long> failed = Write(() =>
            {
                RunPending();
                var stale = Query(
                    "SELECT t.id, t.number, h.heartbeat_at FROM trials t JOIN trial_heartbeats h ON h.trial_id = t.id WHERE t.study_id = @p0 AND t.state = 'running' ORDER BY t.number",
                    r => (Id: r.GetInt64(0), Number: r.GetInt32(1), Heartbeat: ReadTime(r, 2)),
                    studyId).Where(s => new DateTimeOffset(now) - s.Heartbeat > grace).ToList();
                var done = new List<long>();
                foreach ((long id, int number, DateTimeOffset heartbeat) in stale)
                {
                    // Conditional, so a trial finished by its worker meanwhile is left alone.
                    if (Execute("UPDATE trials SET state = 'failed', completed_at = @p1 WHERE id = @p0 AND state = 'running'", id, now) == 0)
                    {
                        continue;
                    }

                    UpsertAttribute("trial_system_attrs", id, StorageAttributes.FailReason,
                        $"no heartbeat since {heartbeat:O} (grace {grace})");
                    done.Add(id);
                    if (requeue)
                    {
                        Requeue(studyId, id, number, now);
                    }
                }

                return done;
            });
            foreach (long id in failed)
            {
                _cache.Remove(id);
            }

            return [.. failed.Select(GetTrial)];
        }
    }

    private void Requeue(long studyId, long staleId, int staleNumber, DateTime now)
    {
        // The stale trial's own enqueued values first: a worker killed before its first flush never wrote its parameters.
        var fixedParams = new Dictionary<string, object?>();
        foreach ((string key, string json) in Query("SELECT key, value_json FROM trial_system_attrs WHERE trial_id = @p0 AND key = @p1",
            r => (r.GetString(0), r.GetString(1)), staleId, StorageAttributes.FixedParams))
        {
            if (StudyJson.ParseValue(json) is IReadOnlyDictionary<string, object?> enqueued)
            {
                foreach (KeyValuePair<string, object?> kv in enqueued)
                {
                    fixedParams[kv.Key] = kv.Value;
                }
            }
        }

        foreach ((string name, double value, string json) in Query(
            "SELECT name, internal_value, distribution_json FROM trial_params WHERE trial_id = @p0 ORDER BY position",
            r => (r.GetString(0), r.GetDouble(1), r.GetString(2)), staleId))
        {
            fixedParams[name] = Distribution(json).ToExternal(value);
        }

        var userAttributes = Query("SELECT key, value_json FROM trial_user_attrs WHERE trial_id = @p0",
            r => (Key: r.GetString(0), Value: StudyJson.ParseValue(r.GetString(1))), staleId).ToDictionary(a => a.Key, a => a.Value);
        var systemAttributes = new Dictionary<string, object?>
        {
            [StorageAttributes.FixedParams] = fixedParams,
            [StorageAttributes.RetriedFrom] = staleNumber,
        };
        InsertTrial(studyId, TrialState.Waiting, now, systemAttributes, userAttributes);
    }

    private Draft InsertTrial(long studyId, TrialState state, DateTime now, IReadOnlyDictionary<string, object?>? systemAttributes, IReadOnlyDictionary<string, object?>? userAttributes)
    {
        object number = Scalar("UPDATE studies SET next_trial_number = next_trial_number + 1 WHERE id = @p0 RETURNING next_trial_number - 1", studyId)
            ?? throw new KeyNotFoundException($"No study with id {studyId}.");
        bool running = state == TrialState.Running;
        long id = ToLong(Scalar("INSERT INTO trials (study_id, number, state, started_at) VALUES (@p0, @p1, @p2, @p3) RETURNING id",
            studyId, number, StateName(state), running ? now : (object?)null)!);
        var draft = new Draft { Id = id, Number = Convert.ToInt32(number, System.Globalization.CultureInfo.InvariantCulture), State = state };
        if (running)
        {
            UpsertHeartbeat(id, now);
            draft.Started = new DateTimeOffset(now);
            draft.Heartbeat = draft.Started;
        }

        foreach (KeyValuePair<string, object?> kv in systemAttributes ?? new Dictionary<string, object?>())
        {
            UpsertAttribute("trial_system_attrs", id, kv.Key, kv.Value);
            draft.SystemAttributes[kv.Key] = kv.Value;
        }

        foreach (KeyValuePair<string, object?> kv in userAttributes ?? new Dictionary<string, object?>())
        {
            UpsertAttribute("trial_user_attrs", id, kv.Key, kv.Value);
            draft.UserAttributes[kv.Key] = kv.Value;
        }

        return draft;
    }

    private void UpsertHeartbeat(long trialId, DateTime now) =>
        Execute("INSERT INTO trial_heartbeats (trial_id, heartbeat_at) VALUES (@p0, @p1) ON CONFLICT (trial_id) DO UPDATE SET heartbeat_at = excluded.heartbeat_at", trialId, now);

    private static string AttributeSql(string table) => table == "trial_user_attrs"
        ? "INSERT INTO trial_user_attrs (trial_id, key, value_json) VALUES (@p0, @p1, @p2) ON CONFLICT (trial_id, key) DO UPDATE SET value_json = excluded.value_json"
        : "INSERT INTO trial_system_attrs (trial_id, key, value_json) VALUES (@p0, @p1, @p2) ON CONFLICT (trial_id, key) DO UPDATE SET value_json = excluded.value_json";

    private void UpsertAttribute(string table, long trialId, string key, object? value) => Execute(AttributeSql(table), trialId, key, StudyJson.Value(value));

    private void SetAttribute(string table, long trialId, string key, object? value, bool user)
    {
        ArgumentNullException.ThrowIfNull(key);
        lock (_gate)
        {
            if (!_cache.ContainsKey(trialId) && Scalar("SELECT 1 FROM trials WHERE id = @p0", trialId) is null)
            {
                throw new KeyNotFoundException($"No trial with id {trialId}.");
            }

            ExecuteOrDefer(trialId, AttributeSql(table), trialId, key, StudyJson.Value(value));
            Patch(trialId, d => (user ? d.UserAttributes : d.SystemAttributes)[key] = value);
        }
    }

    private FrozenTrial UpdatableTrial(long trialId)
    {
        FrozenTrial t = _cache.TryGetValue(trialId, out FrozenTrial? cached) ? cached : GetTrial(trialId);
        return t.State is TrialState.Running or TrialState.Waiting
            ? t
            : throw new InvalidOperationException($"Trial {t.Number} is already {t.State}; it cannot be changed.");
    }

    /// <summary>After a conditional write: on success updates the cached copy; when nothing changed the trial was finished elsewhere.</summary>
    private void Changed(long trialId, FrozenTrial current, int rows, Action<Draft> change)
    {
        if (rows == 0)
        {
            _cache.Remove(trialId);
            throw new InvalidOperationException($"Trial {current.Number} was finished by another worker; it cannot be changed.");
        }

        Patch(trialId, change);
    }

    private void Patch(long trialId, Action<Draft> change)
    {
        if (_cache.TryGetValue(trialId, out FrozenTrial? cached))
        {
            Draft d = Draft.From(cached);
            change(d);
            _cache[trialId] = d.Freeze();
        }
    }
}
