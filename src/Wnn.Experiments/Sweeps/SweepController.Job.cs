using System.Globalization;
using Wnn.Experiments.Config.Composition;
using Wnn.Launchers;
using Wnn.Search;
using Wnn.Search.Pruners;

namespace Wnn.Experiments.Sweeps;

/// <summary>One job: parameters, files, the run, and how its outcome is recorded.</summary>
public sealed partial class SweepController
{
    /// <summary>User attribute: the last value of every reported metric.</summary>
    public const string MetricsAttribute = "metrics";

    /// <summary>User attribute: why a trial failed or was pruned.</summary>
    public const string ReasonAttribute = "reason";

    /// <summary>User attribute: the run directory.</summary>
    public const string RunDirAttribute = "run_dir";

    /// <summary>User attribute: the launcher's wall seconds of the trial (also its <c>trial_seconds</c> metric).</summary>
    public const string ElapsedAttribute = "elapsed_s";

    /// <summary>User attribute: the controller that ran the trial (host:pid).</summary>
    public const string WorkerAttribute = "worker";

    private static readonly string Worker = $"{Environment.MachineName}:{Environment.ProcessId.ToString(CultureInfo.InvariantCulture)}";

    private async Task RunJobAsync(Trial trial, SemaphoreSlim slots)
    {
        try
        {
            await Task.Run(() => RunJobCoreAsync(trial), CancellationToken.None).ConfigureAwait(false);
        }
        finally
        {
            slots.Release();
        }
    }

    private async Task RunJobCoreAsync(Trial trial)
    {
        FrozenTrial snapshot = trial.Snapshot();
        int job = SweepWorkspace.JobOf(snapshot);
        int attempt = snapshot.UserAttributes.TryGetValue(SweepWorkspace.AttemptAttribute, out object? a) && a is not null ? Convert.ToInt32(a, CultureInfo.InvariantCulture) : 1;
        _live[trial.Id] = trial;
        try
        {
            await RunClaimedAsync(trial, job, attempt).ConfigureAwait(false);
        }
        finally
        {
            _live.TryRemove(trial.Id, out _);
        }
    }

    private async Task RunClaimedAsync(Trial trial, int job, int attempt)
    {
        IReadOnlyList<KeyValuePair<string, object?>> overrides;
        try
        {
            if (job < 0 || (job >= _definition.JobCount && !_definition.Strategy.PlansJobs))
            {
                throw new InvalidOperationException($"trial {trial.Number} has job number {job}, outside 0..{_definition.JobCount - 1}");
            }

            foreach (SweepParameter p in _definition.Parameters)
            {
                trial.Suggest(p.Name, p.Distribution);
            }

            IReadOnlyDictionary<string, object?> values = trial.Params;
            overrides = _definition.Kind == SweepKind.Grid
                ? _definition.GridOverrides(job)
                : [.. _definition.BaseOverrides, .. _definition.Parameters.SelectMany(p => p.Overrides(values[p.Name]))];
            if (_definition.Strategy.BudgetKey is string budgetKey && trial.Snapshot().UserAttributes.TryGetValue(Strategies.BudgetPlan.BudgetAttribute, out object? budget) && budget is not null)
            {
                overrides = [.. overrides, new(budgetKey, budget)];
            }
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
        {
            Finish(trial, job, attempt, TrialState.Failed, null, $"parameters: {ex.Message}", null, null, retry: false);
            return;
        }

        TrialJob spec = Prepare(trial, job, attempt, overrides);
        trial.SetUserAttribute(SweepWorkspace.JobAttribute, job);
        trial.SetUserAttribute(SweepWorkspace.AttemptAttribute, attempt);
        trial.SetUserAttribute(RunDirAttribute, spec.RunDir);
        trial.SetUserAttribute(WorkerAttribute, Worker);
        _observer?.TrialStarted(job, trial.Number, trial.Params);

        string? target = _definition.Optimization.TargetMetric;
        bool single = !_study.IsMultiObjective;
        bool prunable = _study.Pruner is not NopPruner && target is not null && single;
        var metrics = new Dictionary<string, double>(StringComparer.Ordinal);
        var metricsGate = new Lock();
        double? last = null;
        int nextStep = 0;
        bool pruned = false;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(_interrupt.Token);
        void OnMetric(MetricReport report)
        {
            lock (metricsGate)
            {
                foreach (KeyValuePair<string, double> kv in report.Values)
                {
                    metrics[kv.Key] = kv.Value;
                }

                if (target is not null && report.Values.TryGetValue(target, out double v))
                {
                    int step = report.Step ?? nextStep;
                    nextStep = Math.Max(nextStep, step + 1);
                    last = v;
                    if (double.IsFinite(v) && single)
                    {
                        trial.Report(v, step);
                        if (prunable && !pruned && trial.ShouldPrune())
                        {
                            pruned = true;
                            stop.Cancel();
                        }
                    }
                }
            }

            _observer?.TrialMetric(job, report);
        }

        TrialExit exit = await _executor.RunAsync(spec, OnMetric, stop.Token).ConfigureAwait(false);
        Dictionary<string, double> final;
        lock (metricsGate)
        {
            final = new Dictionary<string, double>(metrics);
        }

        bool started = exit.Outcome != TrialOutcome.StartFailed;
        if (started)
        {
            final[Strategies.SweepStrategyReader.TrialSeconds] = Math.Round(exit.Elapsed.TotalSeconds, 3);
        }

        string? missingObjective = _definition.Strategy.Objectives.FirstOrDefault(o => !final.ContainsKey(o));

        string tail = exit.LogTail.Length == 0 ? "" : " | last lines: " + exit.LogTail.Replace('\n', '⏎');
        if (pruned)
        {
            Finish(trial, job, attempt, TrialState.Pruned, null, $"pruned at step {nextStep - 1}", final, exit, retry: false);
        }
        else if (exit.Outcome == TrialOutcome.Stopped && _interrupt.IsCancellationRequested)
        {
            Finish(trial, job, attempt, TrialState.Failed, null, "interrupted", final, exit, retry: false, requeueSameAttempt: true);
        }
        else if (exit.Outcome == TrialOutcome.TimedOut)
        {
            Finish(trial, job, attempt, TrialState.Failed, null, "timeout", final, exit, retry: true);
        }
        else if (exit.Outcome == TrialOutcome.StartFailed)
        {
            Finish(trial, job, attempt, TrialState.Failed, null, exit.Reason ?? "could not start", final, exit, retry: true);
        }
        else if (exit.ExitCode != 0)
        {
            string how = exit.ExitCode > 128 ? $"killed by signal {exit.ExitCode - 128}" : $"exit code {exit.ExitCode}";
            Finish(trial, job, attempt, TrialState.Failed, null, how + tail, final, exit, retry: true);
        }
        else if (target is not null && last is null)
        {
            string reported = final.Keys.All(k => k == Strategies.SweepStrategyReader.TrialSeconds) ? "no metrics at all" : "reported: " + string.Join(", ", final.Keys.Where(k => k != Strategies.SweepStrategyReader.TrialSeconds).Order(StringComparer.Ordinal));
            Interlocked.Increment(ref _missingMetric);
            Finish(trial, job, attempt, TrialState.Failed, null,
                $"metric '{target}' never reported ({reported}; write JSON lines to {MetricsProtocol.FileName} or print '{MetricsProtocol.Marker}{{\"{target}\": …}}')", final, exit, retry: true);
        }
        else if (missingObjective is not null)
        {
            Finish(trial, job, attempt, TrialState.Failed, null, $"objective '{missingObjective}' never reported (strategy.objectives)", final, exit, retry: true);
        }
        else
        {
            Finish(trial, job, attempt, TrialState.Complete, last ?? 0, null, final, exit, retry: false);
        }
    }

    private TrialJob Prepare(Trial trial, int job, int attempt, IReadOnlyList<KeyValuePair<string, object?>> overrides)
    {
        string runDir = _definition.RunDir(job);
        Directory.CreateDirectory(runDir);
        // A job that ran before (a retry, an interrupted or dead run) keeps its directory; its old log and metrics are kept aside.
        foreach (string name in new[] { "run.log", MetricsProtocol.FileName })
        {
            string path = Path.Combine(runDir, name);
            if (File.Exists(path))
            {
                File.Move(path, Path.Combine(runDir, $"{name}.{trial.Number.ToString(CultureInfo.InvariantCulture)}.prev"), overwrite: true);
            }
        }

        string cfgPath = Path.Combine(runDir, "cfg.yaml");
        ComposedJob? composed = _definition.Kind == SweepKind.Grid ? _definition.ComposedJobs?[job] : null;
        Dictionary<string, object?> config;
        if (composed is not null)
        {
            // The Hydra form: the job's own composition, resolved; its overrides exactly as Hydra's sweeper made them.
            config = (Dictionary<string, object?>)composed.Config.ToPlainObject()!;
            ConfigTree.WriteAtomic(cfgPath, ConfigYaml.Write(composed.Config));
            ConfigTree.WriteAtomic(Path.Combine(runDir, "overrides.yaml"), ConfigYaml.Write(new ConfigSequence(composed.Overrides.Select(o => (ConfigNode)new ConfigScalar(o)))));
        }
        else
        {
            config = (Dictionary<string, object?>)ConfigTree.Clone(_definition.Config.ToDictionary(kv => kv.Key, kv => kv.Value))!;
            foreach (KeyValuePair<string, object?> kv in overrides)
            {
                ConfigTree.Set(config, kv.Key, ConfigTree.Clone(kv.Value));
            }

            ConfigTree.WriteAtomic(cfgPath, ConfigTree.ToYaml(config));
            ConfigTree.WriteAtomic(Path.Combine(runDir, "overrides.yaml"), ConfigTree.ToYaml(overrides.Select(kv => (object?)(kv.Key + "=" + ConfigTree.Format(kv.Value))).ToList()));
        }

        var commandLine = new List<string>(_definition.Command);
        switch (_definition.Execution.OverridesAs)
        {
            case OverrideStyle.Hydra when composed is not null:
                commandLine.AddRange(composed.Overrides);
                break;
            case OverrideStyle.Hydra:
                commandLine.AddRange(overrides.Select(kv => kv.Key + "=" + ConfigTree.Format(kv.Value)));
                break;
            case OverrideStyle.Flags:
                foreach (KeyValuePair<string, object?> kv in overrides)
                {
                    commandLine.Add("--" + kv.Key);
                    commandLine.Add(ConfigTree.Format(kv.Value));
                }

                break;
        }

        string num = job.ToString(CultureInfo.InvariantCulture);
        var spec = new TrialJob
        {
            Job = job,
            TrialNumber = trial.Number,
            SweepId = _workspace.Id,
            RunDir = runDir,
            CommandLine = commandLine,
            Config = config,
            Overrides = overrides,
            Timeout = _definition.Execution.TimeoutPerTrial,
            KillGrace = _definition.Execution.KillGrace,
            Environment = new Dictionary<string, string>
            {
                [MetricsProtocol.RunDirVariable] = runDir,
                [MetricsProtocol.TrialNumberVariable] = num,
                [MetricsProtocol.SweepIdVariable] = _workspace.Id,
                [MetricsProtocol.MetricsFileVariable] = Path.Combine(runDir, MetricsProtocol.FileName),
                ["WNN_CONFIG"] = cfgPath,
                ["WNN_ATTEMPT"] = attempt.ToString(CultureInfo.InvariantCulture),
            },
        };
        TrialRunRecord.Write(spec); // what `wnn sweep rerun` starts again
        return spec;
    }

    private void Finish(Trial trial, int job, int attempt, TrialState state, double? value, string? reason, Dictionary<string, double>? metrics, TrialExit? exit,
        bool retry, bool requeueSameAttempt = false)
    {
        if (metrics is not null)
        {
            trial.SetUserAttribute(MetricsAttribute, metrics.ToDictionary(kv => kv.Key, kv => (object?)kv.Value));
        }

        if (exit is not null)
        {
            trial.SetUserAttribute("exit_code", exit.ExitCode);
            trial.SetUserAttribute(ElapsedAttribute, Math.Round(exit.Elapsed.TotalSeconds, 3));
        }

        trial.SetUserAttribute(ReasonAttribute, reason);
        if (state == TrialState.Failed && reason is not null)
        {
            _study.Storage.SetTrialSystemAttribute(trial.Id, StorageAttributes.FailReason, reason);
        }

        FrozenTrial before = trial.Snapshot();
        FrozenTrial finished;
        try
        {
            finished = state == TrialState.Complete
                ? _study.Tell(trial, [value!.Value, .. _definition.Strategy.Objectives.Select(o => metrics![o])])
                : _study.Tell(trial, state);
        }
        catch (InvalidOperationException ex)
        {
            // Failed as stale by another worker meanwhile (this controller was paused too long); that worker re-queued it.
            _observer?.Note($"job {job}: {ex.Message}");
            return;
        }

        bool again = false;
        if (requeueSameAttempt || (retry && attempt <= _definition.Execution.MaxFailures && !_interrupt.IsCancellationRequested))
        {
            _study.EnqueueTrial(finished.Params, SweepWorkspace.Carried(before, job, requeueSameAttempt ? attempt : attempt + 1));
            again = true;
        }

        lock (_gate)
        {
            switch (finished.State)
            {
                case TrialState.Complete:
                    _complete++;
                    if (_early is not null && metrics is not null && metrics.TryGetValue(EarlyMetric, out double m) && _early.Add(m) is string why && _stopReason is null)
                    {
                        _stopReason = why;
                        _observer?.Note(why);
                    }

                    break;
                case TrialState.Pruned:
                    _pruned++;
                    break;
                case TrialState.Failed:
                    _failed++;
                    break;
            }
        }

        _observer?.TrialFinished(job, finished, reason, again);
        if (finished.State == TrialState.Failed && !again && !requeueSameAttempt && _definition.Execution.OnFailure == FailurePolicy.FailFast)
        {
            lock (_gate)
            {
                _failedFast = true;
                _stopReason ??= $"fail-fast: job {job} failed ({reason})";
            }

            Interrupt($"fail-fast after job {job}");
        }
    }

    private string EarlyMetric => _definition.Execution.EarlyStopping?.Metric ?? "";

    /// <summary>One loop beats for every trial this controller runs (one storage call at a time, not a timer per trial).</summary>
    private async Task HeartbeatLoopAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(_definition.Execution.Heartbeat, stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            foreach (Trial t in _live.Values)
            {
                Heartbeat(t);
            }
        }
    }

    private void Heartbeat(Trial trial)
    {
        try
        {
            _study.RecordHeartbeat(trial);
        }
        catch (Exception ex) when (ex is InvalidOperationException or KeyNotFoundException or System.Data.Common.DbException)
        {
            // Finished meanwhile, or the database is briefly unavailable; the next beat tries again.
        }
    }
}
