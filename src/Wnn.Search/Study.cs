using Wnn.Search.Pruners;
using Wnn.Search.Samplers;

namespace Wnn.Search;

/// <summary>An optimization task: trials are asked for (define-by-run), told their values, and kept in an <see cref="IStudyStorage"/> that several workers may share.</summary>
public sealed partial class Study
{
    private readonly Lock _samplerGate = new();
    private readonly Lock _callbackGate = new();
    private readonly StudyOptions _options;
    private volatile bool _stopRequested;

    private Study(IStudyStorage storage, StudySummary summary, ISampler sampler, IPruner pruner, StudyOptions options)
    {
        Storage = storage;
        Id = summary.Id;
        Name = summary.Name;
        Directions = summary.Directions;
        Sampler = sampler;
        Pruner = pruner;
        _options = options;
    }

    /// <summary>Storage id of the study.</summary>
    public long Id { get; }

    /// <summary>Study name.</summary>
    public string Name { get; }

    /// <summary>One direction per objective.</summary>
    public IReadOnlyList<StudyDirection> Directions { get; }

    /// <summary>The direction of a single-objective study; throws for several objectives.</summary>
    public StudyDirection Direction => IsMultiObjective
        ? throw new InvalidOperationException("This study has several objectives; use Directions.")
        : Directions[0];

    /// <summary>True when the study has more than one objective.</summary>
    public bool IsMultiObjective => Directions.Count > 1;

    /// <summary>Where trials are kept.</summary>
    public IStudyStorage Storage { get; }

    /// <summary>The sampler proposing parameters.</summary>
    public ISampler Sampler { get; }

    /// <summary>The pruner consulted by <see cref="Trial.ShouldPrune"/>.</summary>
    public IPruner Pruner { get; }

    /// <summary>All trials in number order.</summary>
    public IReadOnlyList<FrozenTrial> Trials => Storage.GetTrials(Id);

    /// <summary>Creates a study (or loads it when <see cref="StudyOptions.LoadIfExists"/> is set and the name exists).</summary>
    public static Study Create(StudyOptions? options = null)
    {
        options ??= new StudyOptions();
        if (options.Directions is null || options.Directions.Count == 0)
        {
            throw new ArgumentException("StudyOptions.Directions: at least one direction is needed (Minimize or Maximize).", nameof(options));
        }

        if (options.HeartbeatInterval is TimeSpan hb && hb <= TimeSpan.Zero)
        {
            throw new ArgumentException($"StudyOptions.HeartbeatInterval must be positive, got {hb}.", nameof(options));
        }

        IStudyStorage storage = options.Storage ?? new InMemoryStudyStorage();
        StudySummary summary;
        if (storage.FindStudy(options.Name) is long existing)
        {
            if (!options.LoadIfExists)
            {
                throw new InvalidOperationException($"A study named '{options.Name}' already exists; set LoadIfExists to load it.");
            }

            summary = storage.GetStudy(existing);
            if (!summary.Directions.SequenceEqual(options.Directions))
            {
                throw new InvalidOperationException(
                    $"Study '{options.Name}' has directions [{string.Join(", ", summary.Directions)}], not [{string.Join(", ", options.Directions)}].");
            }
        }
        else
        {
            summary = storage.GetStudy(storage.CreateStudy(options.Name, options.Directions));
        }

        if (options.Sampler is not null && options.Seed is not null)
        {
            // A seed that silently does nothing makes two "seeded" runs differ; seed the sampler itself instead.
            throw new ArgumentException(
                $"StudyOptions.Seed ({options.Seed}) only seeds the default sampler; a Sampler ({options.Sampler.GetType().Name}) was given, so seed it instead (e.g. new TpeSampler(seed)) and leave Seed unset.",
                nameof(options));
        }

        ISampler sampler = options.Sampler ?? new TpeSampler(new TpeOptions { Seed = options.Seed });
        IPruner pruner = options.Pruner ?? (options.Directions.Count > 1 ? new NopPruner() : new MedianPruner());
        return new Study(storage, summary, sampler, pruner, options);
    }

    /// <summary>Trials in the given states (all trials when none are given).</summary>
    public IReadOnlyList<FrozenTrial> GetTrials(params TrialState[] states) => Storage.GetTrials(Id, states.Length == 0 ? null : states);

    /// <summary>Starts a trial: claims an enqueued one if any, else creates one; the sampler prepares its joint sample. Fixed distributions are suggested at once.</summary>
    public Trial Ask(IReadOnlyDictionary<string, ParameterDistribution>? fixedDistributions = null) => AskCore(fixedDistributions, create: true)!;

    private Trial? AskCore(IReadOnlyDictionary<string, ParameterDistribution>? fixedDistributions, bool create)
    {
        if (_options.HeartbeatInterval is TimeSpan interval)
        {
            FailStaleTrials(_options.GracePeriod ?? (interval * 2));
        }

        FrozenTrial? claimed = Storage.ClaimWaitingTrial(Id);
        if (claimed is null && !create)
        {
            return null;
        }

        FrozenTrial frozen = claimed ?? Storage.CreateTrial(Id, TrialState.Running);
        if (_options.HeartbeatInterval is TimeSpan beat)
        {
            Storage.SetTrialSystemAttribute(frozen.Id, StorageAttributes.HeartbeatGrace, (_options.GracePeriod ?? (beat * 2)).TotalSeconds);
        }
        IReadOnlyDictionary<string, ParameterDistribution> space;
        IReadOnlyDictionary<string, double> relative;
        lock (_samplerGate)
        {
            Sampler.BeforeTrial(this, frozen);
            frozen = Storage.GetTrial(frozen.Id);
            space = Sampler.InferRelativeSearchSpace(this, frozen);
            relative = space.Count == 0 ? new Dictionary<string, double>() : Sampler.SampleRelative(this, frozen, space);
        }

        var trial = new Trial(this, frozen, relative, space);
        if (fixedDistributions is not null)
        {
            foreach (KeyValuePair<string, ParameterDistribution> kv in fixedDistributions)
            {
                trial.Suggest(kv.Key, kv.Value);
            }
        }

        return trial;
    }

    /// <summary>Adds a waiting trial whose listed parameters take the given user-facing values when suggested; the next Ask claims it.</summary>
    public FrozenTrial EnqueueTrial(IReadOnlyDictionary<string, object?> parameters, IReadOnlyDictionary<string, object?>? userAttributes = null)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var attrs = new Dictionary<string, object?> { [StorageAttributes.FixedParams] = new Dictionary<string, object?>(parameters) };
        return Storage.CreateTrial(Id, TrialState.Waiting, attrs, userAttributes);
    }

    /// <summary>Finishes a single-objective trial as Complete (NaN: Failed).</summary>
    public FrozenTrial Tell(Trial trial, double value) => Tell(trial, TrialState.Complete, [value]);

    /// <summary>Finishes a trial as Complete with one value per objective (any NaN: Failed).</summary>
    public FrozenTrial Tell(Trial trial, IReadOnlyList<double> values) => Tell(trial, TrialState.Complete, values);

    /// <summary>Finishes a trial by number (ask/tell across processes).</summary>
    public FrozenTrial Tell(int trialNumber, TrialState state, IReadOnlyList<double>? values = null)
    {
        FrozenTrial? frozen = Storage.GetTrials(Id).FirstOrDefault(t => t.Number == trialNumber);
        return frozen is null
            ? throw new ArgumentException($"Study '{Name}' has no trial number {trialNumber}.", nameof(trialNumber))
            : TellCore(frozen, state, values);
    }

    /// <summary>
    /// Finishes a trial. Complete needs one finite value per objective: a NaN value fails the trial
    /// (state Failed, system attribute fail_reason) rather than throwing. Pruned keeps the last intermediate value
    /// as the value of a single-objective trial. Throws for an unknown or already finished trial.
    /// </summary>
    public FrozenTrial Tell(Trial trial, TrialState state, IReadOnlyList<double>? values = null)
    {
        ArgumentNullException.ThrowIfNull(trial);
        if (!ReferenceEquals(trial.Study, this))
        {
            throw new ArgumentException($"Trial {trial.Number} belongs to study '{trial.Study.Name}', not '{Name}'.", nameof(trial));
        }

        FrozenTrial frozen;
        try
        {
            frozen = Storage.GetTrial(trial.Id);
        }
        catch (KeyNotFoundException ex)
        {
            throw new ArgumentException($"Trial {trial.Number} is unknown to the storage of study '{Name}'.", nameof(trial), ex);
        }

        return TellCore(frozen, state, values);
    }

    /// <summary>Records that the worker running the trial is alive.</summary>
    public void RecordHeartbeat(Trial trial)
    {
        ArgumentNullException.ThrowIfNull(trial);
        Storage.RecordHeartbeat(trial.Id);
    }

    /// <summary>Fails running trials without a heartbeat for longer than the grace period (re-enqueueing them when <see cref="StudyOptions.RetryStaleTrials"/> is set).</summary>
    public IReadOnlyList<FrozenTrial> FailStaleTrials(TimeSpan grace)
    {
        IReadOnlyList<FrozenTrial> failed = Storage.FailStaleTrials(Id, grace, _options.RetryStaleTrials);
        foreach (FrozenTrial t in failed)
        {
            lock (_samplerGate)
            {
                Sampler.AfterTrial(this, t, TrialState.Failed, null);
            }
        }

        return failed;
    }

    /// <summary>Asks a running <see cref="Optimize(Func{Trial, double}, int?, TimeSpan?, int, IReadOnlyCollection{Type}?, IReadOnlyList{Action{Study, FrozenTrial}}?, CancellationToken)"/> to stop after the current trials.</summary>
    public void Stop() => _stopRequested = true;

    internal double SampleIndependent(FrozenTrial trial, string name, ParameterDistribution distribution)
    {
        lock (_samplerGate)
        {
            return Sampler.SampleIndependent(this, trial, name, distribution);
        }
    }

    internal FrozenTrial TellFailed(Trial trial, string reason) => TellCore(Storage.GetTrial(trial.Id), TrialState.Failed, null, reason);

    private FrozenTrial TellCore(FrozenTrial frozen, TrialState state, IReadOnlyList<double>? values, string? failReason = null)
    {
        if (frozen.IsFinished)
        {
            throw new InvalidOperationException($"Trial {frozen.Number} is already {frozen.State}; a trial can be told only once.");
        }

        if (frozen.State == TrialState.Waiting)
        {
            throw new InvalidOperationException($"Trial {frozen.Number} is still Waiting; ask for it before telling.");
        }

        switch (state)
        {
            case TrialState.Complete:
                if (values is null || values.Count != Directions.Count)
                {
                    throw new ArgumentException(
                        $"Trial {frozen.Number}: expected {Directions.Count} objective value(s), got {values?.Count ?? 0}.", nameof(values));
                }

                if (values.Any(v => !double.IsFinite(v)))
                {
                    failReason = $"objective value(s) [{string.Join(", ", values)}] are not finite";
                    state = TrialState.Failed;
                    values = null;
                }

                break;
            case TrialState.Pruned:
                values = null;
                if (!IsMultiObjective && frozen.LastStep is int last && !double.IsNaN(frozen.IntermediateValues[last]))
                {
                    values = [frozen.IntermediateValues[last]];
                }

                break;
            case TrialState.Failed:
                values = null;
                break;
            default:
                throw new ArgumentException($"Tell needs Complete, Pruned or Failed, got {state}.", nameof(state));
        }

        if (!Storage.FinishTrial(frozen.Id, state, values))
        {
            throw new InvalidOperationException($"Trial {frozen.Number} was finished by another worker; a trial can be told only once.");
        }

        if (failReason is not null)
        {
            // Recorded after the finish succeeded, so a trial finished by someone else never gets a stray reason.
            Storage.SetTrialSystemAttribute(frozen.Id, StorageAttributes.FailReason, failReason);
        }

        FrozenTrial finished = Storage.GetTrial(frozen.Id);
        lock (_samplerGate)
        {
            Sampler.AfterTrial(this, finished, state, values);
        }

        return Storage.GetTrial(frozen.Id);
    }
}
