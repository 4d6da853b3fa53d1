using System.Diagnostics;
using System.Globalization;
using Spectre.Console;
using Wnn.Experiments.Phased;
using Wnn.Experiments.Sweeps;
using Wnn.Launchers;
using Wnn.Search;

namespace Wnn.Cli;

/// <summary>
/// Progress of a sweep: on a terminal a live table (running trials with elapsed time and last metric, counts, best so far with
/// its parameters, trials per minute, ETA), otherwise one timestamped plain line per event. Thread-safe.
/// </summary>
internal sealed class SweepProgress : ISweepObserver
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;
    private readonly Lock _gate = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Dictionary<int, Running> _running = [];
    private readonly Action<string>? _plain;
    private LiveDisplayContext? _live;
    private string? _target;
    private StudyDirection _direction;
    private int _total;
    private int _finishedBefore;
    private int _complete, _failed, _pruned, _finishedNow;
    private double? _best;
    private string _bestText = "-";
    private string _note = "";

    private SweepProgress(Action<string>? plain) => _plain = plain;

    /// <summary>Runs <paramref name="work"/> with a live table (when <paramref name="live"/>) or plain lines on <paramref name="plain"/>.</summary>
    public static async Task<T> RunAsync<T>(bool live, TextWriter plain, Func<SweepProgress, Task<T>> work)
    {
        if (!live)
        {
            return await work(new SweepProgress(line => plain.WriteLine($"{TextProgressWriter.Stamp(DateTimeOffset.UtcNow)} {line}")));
        }

        T result = default!;
        await AnsiConsole.Live(new Text("starting…")).AutoClear(true).StartAsync(async ctx =>
        {
            var progress = new SweepProgress(null) { _live = ctx };
            using var refresh = new CancellationTokenSource();
            Task ticker = Task.Run(async () =>
            {
                while (!refresh.IsCancellationRequested)
                {
                    progress.Refresh();
                    try
                    {
                        await Task.Delay(500, refresh.Token);
                    }
                    catch (OperationCanceledException)
                    {
                    }
                }
            });
            try
            {
                result = await work(progress);
            }
            finally
            {
                await refresh.CancelAsync();
                await ticker;
            }
        });
        return result;
    }

    public void Started(SweepDefinition definition, string sweepId, int totalJobs, int finishedJobs, int finishedOk)
    {
        lock (_gate)
        {
            _target = definition.Optimization.TargetMetric;
            _direction = definition.Optimization.Direction;
            _total = totalJobs;
            _finishedBefore = finishedJobs;
            Line(string.Create(Inv, $"sweep {sweepId}: {totalJobs} jobs ({definition.Kind.ToString().ToLowerInvariant()}{(definition.Kind == SweepKind.Study ? ", sampler " + definition.Optimization.Sampler : "")}), {finishedJobs} already finished, max_parallel {definition.Execution.MaxParallel}, dir {definition.SweepDir}"));
        }
    }

    public void TrialStarted(int job, int trialNumber, IReadOnlyDictionary<string, object?> parameters)
    {
        lock (_gate)
        {
            _running[job] = new Running(trialNumber, Stopwatch.StartNew(), Params(parameters));
            Line(string.Create(Inv, $"job {job} started (trial {trialNumber}) {Params(parameters)}"));
        }
    }

    public void TrialMetric(int job, MetricReport report)
    {
        lock (_gate)
        {
            if (_running.TryGetValue(job, out Running? r))
            {
                r.Last = string.Join(" ", report.Values.Select(kv => $"{kv.Key}={kv.Value.ToString("G5", Inv)}"));
                if (report.Step is int s)
                {
                    r.Last = $"step {s.ToString(Inv)}: {r.Last}";
                }
            }
        }
    }

    public void TrialFinished(int job, FrozenTrial trial, string? reason, bool requeued)
    {
        lock (_gate)
        {
            _running.Remove(job, out Running? r);
            switch (trial.State)
            {
                case TrialState.Complete:
                    _complete++;
                    double v = trial.Values![0];
                    if (_best is not double b || (_direction == StudyDirection.Maximize ? v > b : v < b))
                    {
                        _best = v;
                        _bestText = string.Create(Inv, $"{v:G6} (job {job}) {Params(trial.Params)}");
                    }

                    break;
                case TrialState.Pruned:
                    _pruned++;
                    break;
                default:
                    _failed++;
                    break;
            }

            if (!requeued)
            {
                _finishedNow++;
            }

            string value = trial.Values is [double tv, ..] ? string.Create(Inv, $" {_target ?? "value"} {tv:G6}") : "";
            string why = reason is null ? "" : $" ({Shorten(reason, 160)})";
            string again = requeued ? ", queued again" : "";
            Line(string.Create(Inv, $"job {job} {trial.State.ToString().ToLowerInvariant()}{value}{why}{again} in {r?.Clock.Elapsed.TotalSeconds ?? 0:F1} s | {Counts()}"));
        }
    }

    public void Note(string message)
    {
        lock (_gate)
        {
            _note = message;
            Line(message);
        }
    }

    private static string Params(IReadOnlyDictionary<string, object?> p) => string.Join(" ", p.Select(kv => $"{kv.Key}={StudyOutput.Format(kv.Value)}"));

    private static string Shorten(string s, int max) => s.Length <= max ? s : s[..max] + "…";

    private string Counts()
    {
        double minutes = Math.Max(_clock.Elapsed.TotalMinutes, 1e-9);
        double rate = _finishedNow / minutes;
        int left = Math.Max(0, _total - _finishedBefore - _finishedNow);
        TimeSpan? eta = _finishedNow == 0 ? null : TimeSpan.FromMinutes(left / rate);
        return string.Create(Inv,
            $"{_finishedBefore + _finishedNow}/{_total} done ({_complete} complete, {_failed} failed, {_pruned} pruned, {_running.Count} running) | best {_bestText} | {rate:F1} trials/min | ETA {TextProgressWriter.FormatEta(eta)}");
    }

    private void Line(string text)
    {
        if (_plain is not null)
        {
            _plain(text);
        }
        else
        {
            Refresh();
        }
    }

    private void Refresh()
    {
        if (_live is null)
        {
            return;
        }

        lock (_gate)
        {
            var table = new Table().Title("running").AddColumn("job").AddColumn("trial").AddColumn(new TableColumn("elapsed").RightAligned()).AddColumn("last metric").AddColumn("params");
            foreach ((int job, Running r) in _running.OrderBy(kv => kv.Key))
            {
                table.AddRow(job.ToString(Inv), r.Trial.ToString(Inv), $"{r.Clock.Elapsed.TotalSeconds.ToString("F1", Inv)} s", Markup.Escape(Shorten(r.Last, 50)), Markup.Escape(Shorten(r.Params, 60)));
            }

            table.Caption(Markup.Escape(Counts() + (_note.Length > 0 ? "\n" + _note : "")));
            _live.UpdateTarget(table);
        }
    }

    private sealed class Running(int trial, Stopwatch clock, string parameters)
    {
        public int Trial { get; } = trial;

        public Stopwatch Clock { get; } = clock;

        public string Params { get; } = parameters;

        public string Last { get; set; } = "";
    }
}
