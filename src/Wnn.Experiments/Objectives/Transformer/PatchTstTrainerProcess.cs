using System.Diagnostics;
using System.Globalization;
using System.Text;
using Wnn.Search;

namespace Wnn.Experiments.Objectives.Transformer;

/// <summary>
/// TEMPORARY in-process trial runner, to be replaced by the sweep launcher (`wnn sweep run`): starts
/// `python examples/hpo/patchtst_train.py key=value …` in the trial's folder with WNN_METRICS_FILE set, streams its output
/// to trainer.log, reports each epoch's val_loss to the trial as it appears (so the study's pruner can stop it; the whole
/// process tree is then killed) and returns the best val_loss.
/// </summary>
public sealed class PatchTstTrainerProcess
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(200);

    /// <summary>Creates a runner for the given interpreter and trainer script.</summary>
    public PatchTstTrainerProcess(string python, string script)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(python);
        ArgumentException.ThrowIfNullOrWhiteSpace(script);
        Python = python;
        Script = Path.GetFullPath(script);
    }

    /// <summary>The interpreter.</summary>
    public string Python { get; }

    /// <summary>The trainer script (absolute).</summary>
    public string Script { get; }

    /// <summary>
    /// Runs one training in <paramref name="runDirectory"/>. With a trial, val_loss is reported per epoch and a prune
    /// request kills the run and throws <see cref="TrialPrunedException"/>. Throws <see cref="TrainerRunException"/> when the
    /// trainer exits non-zero or reports no val_loss.
    /// </summary>
    public TrainerRunResult Run(IReadOnlyList<string> overrides, string runDirectory, Trial? trial, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(overrides);
        Directory.CreateDirectory(runDirectory);
        string metricsPath = Path.Combine(Path.GetFullPath(runDirectory), TrainerMetrics.DefaultFileName);
        File.Delete(metricsPath);
        var info = new ProcessStartInfo(Python)
        {
            WorkingDirectory = runDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Script);
        foreach (string o in overrides)
        {
            info.ArgumentList.Add(o);
        }

        info.Environment[TrainerMetrics.FileVariable] = metricsPath;
        var clock = Stopwatch.StartNew();
        using var log = new StreamWriter(Path.Combine(runDirectory, "trainer.log"), append: false, new UTF8Encoding(false)) { AutoFlush = true };
        log.WriteLine($"$ {Python} {Script} {string.Join(' ', overrides)}");
        string lastError = string.Empty;
        using var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) => Write(log, e.Data);
        process.ErrorDataReceived += (_, e) =>
        {
            if (!string.IsNullOrWhiteSpace(e.Data))
            {
                lastError = e.Data;
            }

            Write(log, e.Data);
        };
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new TrainerRunException($"cannot start '{Python}': {ex.Message}; set {TorchPython.EnvironmentVariable} to a Python with PyTorch", ex);
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        int reported = 0;
        try
        {
            while (!process.WaitForExit(Poll))
            {
                cancellationToken.ThrowIfCancellationRequested();
                reported = ReportNew(metricsPath, trial, reported);
                if (trial is not null && reported > 0 && trial.ShouldPrune())
                {
                    Kill(process);
                    throw new TrialPrunedException();
                }
            }

            process.WaitForExit();
        }
        catch (OperationCanceledException)
        {
            Kill(process);
            throw;
        }

        clock.Stop();
        ReportNew(metricsPath, trial, reported);
        TrainerMetrics metrics = TrainerMetrics.Parse(ReadLines(metricsPath));
        if (process.ExitCode != 0)
        {
            throw new TrainerRunException(string.Create(CultureInfo.InvariantCulture,
                $"trainer exited with code {process.ExitCode}: {(lastError.Length > 0 ? lastError : "no message")} (log: {Path.Combine(runDirectory, "trainer.log")})"));
        }

        return metrics.Objective is double value
            ? new TrainerRunResult(value, metrics, clock.Elapsed, runDirectory)
            : throw new TrainerRunException($"trainer finished without reporting val_loss to {metricsPath}");
    }

    private static int ReportNew(string path, Trial? trial, int alreadyReported)
    {
        TrainerMetrics m = TrainerMetrics.Parse(ReadLines(path));
        if (trial is not null)
        {
            foreach (KeyValuePair<int, double> p in m.ValLoss.Skip(alreadyReported))
            {
                trial.Report(p.Value, p.Key);
            }
        }

        return m.ValLoss.Count;
    }

    private static string[] ReadLines(string path)
    {
        try
        {
            // The trainer appends whole lines; a line without its newline yet is left for the next poll.
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream, Encoding.UTF8);
            string text = reader.ReadToEnd();
            int end = text.LastIndexOf('\n');
            return end < 0 ? [] : text[..end].Split('\n');
        }
        catch (FileNotFoundException)
        {
            return [];
        }
        catch (DirectoryNotFoundException)
        {
            return [];
        }
    }

    private static void Write(StreamWriter log, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (log)
        {
            log.WriteLine(line);
        }
    }

    private static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }
    }
}
