namespace Wnn.Search;

/// <summary>A thread-safe in-memory <see cref="IStudyStorage"/>; every method runs under one lock, so claims and finishes are atomic.</summary>
public sealed class InMemoryStudyStorage : IStudyStorage
{
    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private readonly Dictionary<long, StudyRecord> _studies = [];
    private readonly Dictionary<long, TrialRecord> _trials = [];
    private long _nextStudyId = 1;
    private long _nextTrialId = 1;

    /// <summary>Creates an empty storage; the clock (default: system) stamps starts, finishes and heartbeats.</summary>
    public InMemoryStudyStorage(TimeProvider? timeProvider = null) => _time = timeProvider ?? TimeProvider.System;

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
            if (_studies.Values.Any(s => s.Summary.Name == name))
            {
                throw new InvalidOperationException($"A study named '{name}' already exists.");
            }

            long id = _nextStudyId++;
            _studies[id] = new StudyRecord(new StudySummary(id, name, [.. directions]));
            return id;
        }
    }

    /// <inheritdoc />
    public long? FindStudy(string name)
    {
        lock (_gate)
        {
            return _studies.Values.FirstOrDefault(s => s.Summary.Name == name)?.Summary.Id;
        }
    }

    /// <inheritdoc />
    public StudySummary GetStudy(long studyId)
    {
        lock (_gate)
        {
            return Study(studyId).Summary;
        }
    }

    /// <inheritdoc />
    public void SetStudyUserAttribute(long studyId, string key, object? value)
    {
        ArgumentNullException.ThrowIfNull(key);
        lock (_gate)
        {
            Study(studyId).UserAttributes[key] = value;
        }
    }

    /// <inheritdoc />
    public IReadOnlyDictionary<string, object?> GetStudyUserAttributes(long studyId)
    {
        lock (_gate)
        {
            return new Dictionary<string, object?>(Study(studyId).UserAttributes);
        }
    }

    /// <inheritdoc />
    public IReadOnlyList<StudySummary> ListStudies()
    {
        lock (_gate)
        {
            return [.. _studies.Values.Select(s => s.Summary).OrderBy(s => s.Id)];
        }
    }

    /// <inheritdoc />
    public void DeleteStudy(long studyId)
    {
        lock (_gate)
        {
            StudyRecord study = Study(studyId);
            foreach (TrialRecord t in study.Trials)
            {
                _trials.Remove(t.Id);
            }

            _studies.Remove(studyId);
        }
    }

    /// <inheritdoc />
    public FrozenTrial CreateTrial(long studyId, TrialState state, IReadOnlyDictionary<string, object?>? systemAttributes = null, IReadOnlyDictionary<string, object?>? userAttributes = null)
    {
        if (state is not (TrialState.Waiting or TrialState.Running))
        {
            throw new ArgumentException($"A new trial must be Waiting or Running, got {state}.", nameof(state));
        }

        lock (_gate)
        {
            StudyRecord study = Study(studyId);
            DateTimeOffset now = _time.GetUtcNow();
            var record = new TrialRecord(_nextTrialId++, study.Trials.Count, state);
            if (state == TrialState.Running)
            {
                record.Started = now;
                record.Heartbeat = now;
            }

            foreach (KeyValuePair<string, object?> kv in systemAttributes ?? new Dictionary<string, object?>())
            {
                record.SystemAttributes[kv.Key] = kv.Value;
            }

            foreach (KeyValuePair<string, object?> kv in userAttributes ?? new Dictionary<string, object?>())
            {
                record.UserAttributes[kv.Key] = kv.Value;
            }

            study.Trials.Add(record);
            _trials[record.Id] = record;
            return record.Snapshot();
        }
    }

    /// <inheritdoc />
    public FrozenTrial? ClaimWaitingTrial(long studyId)
    {
        lock (_gate)
        {
            TrialRecord? waiting = Study(studyId).Trials.FirstOrDefault(t => t.State == TrialState.Waiting);
            if (waiting is null)
            {
                return null;
            }

            DateTimeOffset now = _time.GetUtcNow();
            waiting.State = TrialState.Running;
            waiting.Started = now;
            waiting.Heartbeat = now;
            waiting.Touch();
            return waiting.Snapshot();
        }
    }

    /// <inheritdoc />
    public void SetTrialParameter(long trialId, string name, double internalValue, ParameterDistribution distribution)
    {
        ArgumentNullException.ThrowIfNull(distribution);
        lock (_gate)
        {
            TrialRecord t = Updatable(trialId);
            if (t.Distributions.TryGetValue(name, out ParameterDistribution? existing) && !existing.Equals(distribution))
            {
                throw new ArgumentException($"Parameter '{name}' of trial {t.Number} already has {existing.Describe()}; cannot set it with {distribution.Describe()}.", nameof(distribution));
            }

            if (!distribution.Contains(internalValue))
            {
                throw new ArgumentException($"Value {internalValue} is not in {distribution.Describe()} (parameter '{name}').", nameof(internalValue));
            }

            t.Distributions[name] = distribution;
            t.InternalParams[name] = internalValue;
            t.Touch();
        }
    }

    /// <inheritdoc />
    public void SetTrialIntermediateValue(long trialId, int step, double value)
    {
        lock (_gate)
        {
            TrialRecord t = Updatable(trialId);
            if (t.IntermediateValues.TryAdd(step, value))
            {
                t.Touch();
            }
        }
    }

    /// <inheritdoc />
    public void SetTrialUserAttribute(long trialId, string key, object? value)
    {
        lock (_gate)
        {
            TrialRecord t = Trial(trialId);
            t.UserAttributes[key] = value;
            t.Touch();
        }
    }

    /// <inheritdoc />
    public void SetTrialSystemAttribute(long trialId, string key, object? value)
    {
        lock (_gate)
        {
            TrialRecord t = Trial(trialId);
            t.SystemAttributes[key] = value;
            t.Touch();
        }
    }

    /// <inheritdoc />
    public void SetTrialConstraints(long trialId, IReadOnlyList<double> constraints)
    {
        lock (_gate)
        {
            TrialRecord t = Trial(trialId);
            t.Constraints = [.. constraints];
            t.Touch();
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
            TrialRecord t = Trial(trialId);
            if (t.State != TrialState.Running)
            {
                return false;
            }

            t.State = state;
            t.Values = values is null ? null : [.. values];
            t.Completed = _time.GetUtcNow();
            t.Touch();
            return true;
        }
    }

    /// <inheritdoc />
    public void RecordHeartbeat(long trialId)
    {
        lock (_gate)
        {
            TrialRecord t = Trial(trialId);
            if (t.State == TrialState.Running)
            {
                t.Heartbeat = _time.GetUtcNow();
                t.Touch();
            }
        }
    }

    /// <inheritdoc />
    public IReadOnlyList<FrozenTrial> FailStaleTrials(long studyId, TimeSpan grace, bool requeue)
    {
        lock (_gate)
        {
            StudyRecord study = Study(studyId);
            DateTimeOffset now = _time.GetUtcNow();
            var failed = new List<FrozenTrial>();
            foreach (TrialRecord t in study.Trials.ToList())
            {
                if (t.State != TrialState.Running || t.Heartbeat is not DateTimeOffset hb || now - hb <= grace)
                {
                    continue;
                }

                t.State = TrialState.Failed;
                t.Completed = now;
                t.SystemAttributes[StorageAttributes.FailReason] = $"no heartbeat since {hb:O} (grace {grace})";
                t.Touch();
                failed.Add(t.Snapshot());
                if (requeue)
                {
                    var retry = new TrialRecord(_nextTrialId++, study.Trials.Count, TrialState.Waiting);
                    // The enqueued values first: a worker killed before its first flush never wrote its parameters.
                    var fixedParams = t.SystemAttributes.TryGetValue(StorageAttributes.FixedParams, out object? enqueued) && enqueued is IReadOnlyDictionary<string, object?> e
                        ? new Dictionary<string, object?>(e)
                        : new Dictionary<string, object?>();
                    foreach (KeyValuePair<string, double> p in t.InternalParams)
                    {
                        fixedParams[p.Key] = t.Distributions[p.Key].ToExternal(p.Value);
                    }

                    retry.SystemAttributes[StorageAttributes.FixedParams] = fixedParams;
                    retry.SystemAttributes[StorageAttributes.RetriedFrom] = t.Number;
                    foreach (KeyValuePair<string, object?> kv in t.UserAttributes)
                    {
                        retry.UserAttributes[kv.Key] = kv.Value;
                    }

                    study.Trials.Add(retry);
                    _trials[retry.Id] = retry;
                }
            }

            return failed;
        }
    }

    /// <inheritdoc />
    public FrozenTrial GetTrial(long trialId)
    {
        lock (_gate)
        {
            return Trial(trialId).Snapshot();
        }
    }

    /// <inheritdoc />
    public IReadOnlyList<FrozenTrial> GetTrials(long studyId, IReadOnlyCollection<TrialState>? states = null)
    {
        lock (_gate)
        {
            List<TrialRecord> trials = Study(studyId).Trials;
            var result = new List<FrozenTrial>(trials.Count);
            Span<bool> wanted = stackalloc bool[5];
            wanted.Fill(states is null);
            foreach (TrialState s in states ?? [])
            {
                wanted[(int)s] = true;
            }

            foreach (TrialRecord t in trials)
            {
                if (wanted[(int)t.State])
                {
                    result.Add(t.Snapshot());
                }
            }

            return result;
        }
    }

    private StudyRecord Study(long studyId) =>
        _studies.TryGetValue(studyId, out StudyRecord? s) ? s : throw new KeyNotFoundException($"No study with id {studyId}.");

    private TrialRecord Trial(long trialId) =>
        _trials.TryGetValue(trialId, out TrialRecord? t) ? t : throw new KeyNotFoundException($"No trial with id {trialId}.");

    private TrialRecord Updatable(long trialId)
    {
        TrialRecord t = Trial(trialId);
        return t.State is TrialState.Running or TrialState.Waiting
            ? t
            : throw new InvalidOperationException($"Trial {t.Number} is already {t.State}; it cannot be changed.");
    }

    private sealed class StudyRecord(StudySummary summary)
    {
        public StudySummary Summary { get; } = summary;

        public List<TrialRecord> Trials { get; } = [];

        public Dictionary<string, object?> UserAttributes { get; } = [];
    }

    private sealed class TrialRecord(long id, int number, TrialState state)
    {
        private FrozenTrial? _snapshot;

        public long Id { get; } = id;

        public int Number { get; } = number;

        public TrialState State { get; set; } = state;

        public double[]? Values { get; set; }

        public double[]? Constraints { get; set; }

        public DateTimeOffset? Started { get; set; }

        public DateTimeOffset? Completed { get; set; }

        public DateTimeOffset? Heartbeat { get; set; }

        public Dictionary<string, double> InternalParams { get; } = [];

        public Dictionary<string, ParameterDistribution> Distributions { get; } = [];

        public Dictionary<string, object?> UserAttributes { get; } = [];

        public Dictionary<string, object?> SystemAttributes { get; } = [];

        public SortedDictionary<int, double> IntermediateValues { get; } = [];

        public void Touch() => _snapshot = null;

        public FrozenTrial Snapshot()
        {
            if (_snapshot is not null)
            {
                return _snapshot;
            }

            var external = new Dictionary<string, object?>(InternalParams.Count);
            foreach (KeyValuePair<string, double> p in InternalParams)
            {
                external[p.Key] = Distributions[p.Key].ToExternal(p.Value);
            }

            _snapshot = new FrozenTrial
            {
                Id = Id,
                Number = Number,
                State = State,
                Values = Values,
                Constraints = Constraints,
                Params = external,
                InternalParams = new Dictionary<string, double>(InternalParams),
                Distributions = new Dictionary<string, ParameterDistribution>(Distributions),
                UserAttributes = new Dictionary<string, object?>(UserAttributes),
                SystemAttributes = new Dictionary<string, object?>(SystemAttributes),
                IntermediateValues = new SortedDictionary<int, double>(IntermediateValues),
                Started = Started,
                Completed = Completed,
                LastHeartbeat = Heartbeat,
            };
            return _snapshot;
        }
    }
}
