using System.Globalization;
using Wnn.Launchers;
using Wnn.Search;

namespace Wnn.Experiments.Sweeps;

/// <summary>
/// `wnn sweep rerun`: starts one finished trial again (the command line, environment and limits of its trial.yaml, its cfg.yaml)
/// in a fresh run directory under <c>reruns/</c> of the sweep, and checks its target metric against the recorded value.
/// </summary>
public static class SweepRerun
{
    /// <summary>The folder of the sweep directory that holds reruns.</summary>
    public const string Folder = "reruns";

    /// <summary>Reruns trial <paramref name="trialNumber"/>; bad input (no sweep, no such trial, nothing recorded) is a <see cref="ConfigException"/>.</summary>
    public static async Task<SweepRerunResult> RunAsync(string sweep, int trialNumber, double tolerance, string? storage, CancellationToken cancellationToken)
    {
        if (!(tolerance >= 0 && double.IsFinite(tolerance)))
        {
            throw new ConfigException($"--tolerance {tolerance.ToString(CultureInfo.InvariantCulture)} must be a finite number ≥ 0 (0 = the exact value)");
        }

        string dir = SweepWorkspace.Find(sweep);
        Dictionary<string, object?> doc = ConfigTree.Load(Path.Combine(dir, SweepWorkspace.DefinitionFile));
        string id = SweepWorkspace.Text(doc, "id");
        string? metric = (doc.GetValueOrDefault("definition") as Dictionary<string, object?>)?.GetValueOrDefault("target_metric") as string;
        FrozenTrial trial = await FindTrialAsync(dir, id, storage ?? SweepWorkspace.Text(doc, "storage"), trialNumber, cancellationToken).ConfigureAwait(false);
        if (trial.State != TrialState.Complete || trial.Values is not { Count: 1 })
        {
            throw new ConfigException($"sweep {id}: trial {trialNumber} is {trial.State.ToString().ToLowerInvariant()}; only a complete trial has a recorded metric to check against");
        }

        string runDir = trial.UserAttributes.GetValueOrDefault(SweepController.RunDirAttribute) as string
            ?? throw new ConfigException($"sweep {id}: trial {trialNumber} has no recorded run directory");
        TrialRunRecord record = TrialRunRecord.Read(runDir);
        string fresh = FreshDirectory(dir, trialNumber);
        foreach (string name in new[] { "cfg.yaml", "overrides.yaml" })
        {
            if (File.Exists(Path.Combine(runDir, name)))
            {
                File.Copy(Path.Combine(runDir, name), Path.Combine(fresh, name));
            }
        }

        // The same command and environment, with the old run directory's paths pointing into the fresh one.
        string Moved(string s) => s.Replace(record.RunDir, fresh, StringComparison.Ordinal);
        double? last = null;
        var gate = new Lock();
        using TrialProcess process = TrialProcess.Start(new TrialLaunch
        {
            Command = [.. record.CommandLine.Select(Moved)],
            WorkingDirectory = fresh,
            Environment = record.Environment.ToDictionary(kv => kv.Key, kv => Moved(kv.Value)),
            Timeout = record.Timeout,
            KillGrace = record.KillGrace,
        }, report =>
        {
            if (metric is not null && report.Values.TryGetValue(metric, out double v))
            {
                lock (gate)
                {
                    last = v;
                }
            }
        });
        using CancellationTokenRegistration stop = cancellationToken.Register(() => process.Stop("stopped"));
        TrialExit exit = await process.Completion.ConfigureAwait(false);
        double recorded = trial.Values[0];
        double? value;
        lock (gate)
        {
            value = metric is null ? (exit.Succeeded ? 0 : null) : last;
        }

        bool match = exit.Succeeded && value is double x && Math.Abs(x - recorded) <= tolerance;
        return new SweepRerunResult(trialNumber, metric, recorded, value, fresh, exit, match);
    }

    private static async Task<FrozenTrial> FindTrialAsync(string dir, string id, string storage, int trialNumber, CancellationToken cancellationToken)
    {
        IStudyStorage opened = await SweepWorkspace.OpenStorageAsync(storage, dir, cancellationToken).ConfigureAwait(false);
        try
        {
            long study = opened.FindStudy(id) ?? throw new ConfigException($"sweep {id}: the storage has no study of that name (give the sweep's --storage)");
            IReadOnlyList<FrozenTrial> trials = opened.GetTrials(study);
            return trials.FirstOrDefault(t => t.Number == trialNumber)
                ?? throw new ConfigException(trials.Count == 0
                    ? $"sweep {id} has no trials yet; run it first"
                    : $"sweep {id} has no trial {trialNumber} (trials {trials.Min(t => t.Number)}..{trials.Max(t => t.Number)})");
        }
        finally
        {
            (opened as IDisposable)?.Dispose();
        }
    }

    private static string FreshDirectory(string dir, int trialNumber)
    {
        string root = Path.Combine(dir, Folder);
        Directory.CreateDirectory(root);
        for (int n = 1; ; n++)
        {
            string candidate = Path.Combine(root, string.Create(CultureInfo.InvariantCulture, $"trial-{trialNumber}-{n}"));
            try
            {
                // CreateDirectory succeeds on an existing folder, so claim the name with a marker file created exclusively.
                Directory.CreateDirectory(candidate);
                using (new FileStream(Path.Combine(candidate, ".rerun"), FileMode.CreateNew))
                {
                }

                return candidate;
            }
            catch (IOException) when (File.Exists(Path.Combine(candidate, ".rerun")))
            {
            }
        }
    }
}
