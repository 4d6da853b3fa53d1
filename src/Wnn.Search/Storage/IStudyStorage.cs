namespace Wnn.Search;

/// <summary>
/// Where studies and trials live. Implementations must make every method atomic so that several
/// workers (threads or processes) can share one study: <see cref="ClaimWaitingTrial"/> hands a
/// waiting trial to exactly one caller and <see cref="FinishTrial"/> finishes a trial at most once.
/// Attribute values must be JSON-serializable (null, bool, numbers, strings, arrays and string-keyed maps of those).
/// </summary>
public interface IStudyStorage
{
    /// <summary>Creates a study; throws <see cref="InvalidOperationException"/> when the name is taken.</summary>
    long CreateStudy(string name, IReadOnlyList<StudyDirection> directions);

    /// <summary>The id of the named study, or null.</summary>
    long? FindStudy(string name);

    /// <summary>A study's name and directions; throws <see cref="KeyNotFoundException"/> for an unknown id.</summary>
    StudySummary GetStudy(long studyId);

    /// <summary>All studies.</summary>
    IReadOnlyList<StudySummary> ListStudies();

    /// <summary>Deletes a study and its trials.</summary>
    void DeleteStudy(long studyId);

    /// <summary>Sets a study-level user attribute (JSON-serializable value); throws <see cref="KeyNotFoundException"/> for an unknown study.</summary>
    void SetStudyUserAttribute(long studyId, string key, object? value);

    /// <summary>The study-level user attributes; throws <see cref="KeyNotFoundException"/> for an unknown study.</summary>
    IReadOnlyDictionary<string, object?> GetStudyUserAttributes(long studyId);

    /// <summary>Creates a trial in state <see cref="TrialState.Waiting"/> or <see cref="TrialState.Running"/> with the next number.</summary>
    FrozenTrial CreateTrial(long studyId, TrialState state, IReadOnlyDictionary<string, object?>? systemAttributes = null, IReadOnlyDictionary<string, object?>? userAttributes = null);

    /// <summary>Atomically moves the oldest waiting trial to Running and returns it, or returns null when none waits.</summary>
    FrozenTrial? ClaimWaitingTrial(long studyId);

    /// <summary>Records a parameter; throws when the trial is finished or the name already has a different distribution.</summary>
    void SetTrialParameter(long trialId, string name, double internalValue, ParameterDistribution distribution);

    /// <summary>Records an intermediate value at a step (a repeated step keeps the first value).</summary>
    void SetTrialIntermediateValue(long trialId, int step, double value);

    /// <summary>Sets a user attribute.</summary>
    void SetTrialUserAttribute(long trialId, string key, object? value);

    /// <summary>Sets a system attribute (used by samplers, pruners and the study).</summary>
    void SetTrialSystemAttribute(long trialId, string key, object? value);

    /// <summary>Sets the constraint values of a trial.</summary>
    void SetTrialConstraints(long trialId, IReadOnlyList<double> constraints);

    /// <summary>Atomically finishes a running trial; returns false (and changes nothing) when it was already finished.</summary>
    bool FinishTrial(long trialId, TrialState state, IReadOnlyList<double>? values);

    /// <summary>Records that the worker running this trial is alive.</summary>
    void RecordHeartbeat(long trialId);

    /// <summary>Marks Running trials whose last heartbeat is older than the grace period as Failed; when requeue is true, enqueues a Waiting copy of each with the same parameters. Returns the failed trials.</summary>
    IReadOnlyList<FrozenTrial> FailStaleTrials(long studyId, TimeSpan grace, bool requeue);

    /// <summary>One trial by id; throws <see cref="KeyNotFoundException"/> for an unknown id.</summary>
    FrozenTrial GetTrial(long trialId);

    /// <summary>The trials of a study in number order, optionally only those in the given states.</summary>
    IReadOnlyList<FrozenTrial> GetTrials(long studyId, IReadOnlyCollection<TrialState>? states = null);
}
