using System.Diagnostics;
using System.Globalization;
using Spectre.Console;
using Wnn.Experiments.Phased;
using Wnn.Search;

namespace Wnn.Cli;

/// <summary>
/// Progress of `wnn study optimize`: one live status line on a terminal, or one timestamped plain line per finished trial
/// (the format of <see cref="TextProgressWriter"/>). Thread-safe: parallel jobs report through one instance.
/// </summary>
internal sealed class StudyProgress
{
    private readonly Lock _gate = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly int _total;
    private readonly StudyDirection _direction;
    private readonly Action<string> _show;
    private int _done;
    private double? _best;
    private int _bestNumber;

    private StudyProgress(int total, StudyDirection direction, Action<string> show)
    {
        _total = total;
        _direction = direction;
        _show = show;
    }

    /// <summary>Runs <paramref name="work"/> with a live line (when <paramref name="live"/>) or plain lines on <paramref name="plain"/>.</summary>
    public static void Run(bool live, TextWriter plain, int total, StudyDirection direction, Action<StudyProgress> work)
    {
        if (!live)
        {
            work(new StudyProgress(total, direction, line => plain.WriteLine($"{TextProgressWriter.Stamp(DateTimeOffset.UtcNow)} {line}")));
            return;
        }

        AnsiConsole.Live(new Text("starting…")).AutoClear(false).Start(ctx =>
        {
            var progress = new StudyProgress(total, direction, line => ctx.UpdateTarget(new Text(line)));
            work(progress);
            progress.Show(null);
        });
    }

    /// <summary>Records one finished trial (its number and objective value; NaN for failed or pruned).</summary>
    public void Report(int number, double value)
    {
        lock (_gate)
        {
            _done++;
            if (double.IsFinite(value) && (_best is not double b || (_direction == StudyDirection.Minimize ? value < b : value > b)))
            {
                _best = value;
                _bestNumber = number;
            }

            Show(string.Create(CultureInfo.InvariantCulture, $"trial {number} value {value:G8}"));
        }
    }

    private void Show(string? last)
    {
        var c = CultureInfo.InvariantCulture;
        double perSecond = _done / Math.Max(_clock.Elapsed.TotalSeconds, 1e-9);
        TimeSpan? eta = _done == 0 ? null : TimeSpan.FromSeconds((_total - _done) / perSecond);
        string best = _best is double b ? string.Create(c, $"best {b:G8} (trial {_bestNumber})") : "best -";
        _show(string.Create(c, $"{_done}/{_total} trials | {(last ?? "done")} | {best} | {perSecond:F2} trials/s | ETA {TextProgressWriter.FormatEta(eta)}"));
    }
}
