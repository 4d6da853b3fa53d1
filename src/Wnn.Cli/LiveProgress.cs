using System.Diagnostics;
using System.Globalization;
using Spectre.Console;
using Wnn.Experiments.Phased;

namespace Wnn.Cli;

/// <summary>
/// A live terminal display of a phased search: one status table refreshed at most five times a second. Finished phases
/// show their full-data result, the running phase its best on the rotating training part, in separate columns. The last
/// frame stays on screen when the search ends or is interrupted.
/// </summary>
internal sealed class LiveProgress : IPhasedProgress
{
    private readonly LiveDisplayContext? _context;
    private readonly List<string[]> _finished = [];
    private readonly HashSet<string> _finishedPhases = new(StringComparer.Ordinal);
    private readonly Dictionary<string, PhasedProgress> _lastIteration = new(StringComparer.Ordinal);
    private readonly Stopwatch _sinceRefresh = Stopwatch.StartNew();
    private PhasedProgress? _last;
    private string _note = "";

    private LiveProgress(LiveDisplayContext? context) => _context = context;

    /// <summary>A display that only renders (tests).</summary>
    internal static LiveProgress Detached() => new(null);

    public static T Run<T>(Func<IPhasedProgress, T> search)
    {
        T result = default!;
        AnsiConsole.Live(new Text("starting…")).AutoClear(false).Start(ctx =>
        {
            var progress = new LiveProgress(ctx);
            try
            {
                result = search(progress);
            }
            finally
            {
                progress.Refresh(force: true);
            }
        });
        return result;
    }

    public void Report(PhasedProgress progress)
    {
        var inv = CultureInfo.InvariantCulture;
        if (progress.Event == "iteration")
        {
            _lastIteration[progress.Phase] = progress;
        }

        if (progress.Event == "phase_end" || progress.Event == "baseline")
        {
            string trainCe = "", trainAcc = "";
            if (_lastIteration.TryGetValue(progress.Phase, out PhasedProgress? it))
            {
                trainCe = it.BestCrossEntropy.ToString("F4", inv);
                trainAcc = it.BestAccuracy.ToString("P2", inv);
            }

            _finished.Add([progress.Phase, progress.PhaseName, progress.BestCrossEntropy.ToString("F4", inv), progress.BestAccuracy.ToString("P2", inv),
                trainCe, trainAcc, progress.Event == "baseline" ? "" : progress.Iteration.ToString(inv)]);
            _finishedPhases.Add(progress.Phase);
        }

        if (progress.Message is { } m)
        {
            _note = m;
        }

        _last = progress;
        Refresh(force: progress.Event != "iteration");
    }

    /// <summary>The table for the rows so far (internal for tests).</summary>
    internal Table Render()
    {
        var inv = CultureInfo.InvariantCulture;
        var table = new Table().AddColumn("phase").AddColumn("name")
            .AddColumn(new TableColumn("full-data CE (nats)").RightAligned()).AddColumn(new TableColumn("full-data acc").RightAligned())
            .AddColumn(new TableColumn("train-part CE (nats)").RightAligned()).AddColumn(new TableColumn("train-part acc").RightAligned())
            .AddColumn(new TableColumn("iterations").RightAligned());
        foreach (string[] row in _finished)
        {
            table.AddRow(row.Select(Markup.Escape).ToArray());
        }

        // The running phase, unless it just ended (its checkpoint event follows its phase_end: no second row).
        if (_last is { } p && p.Event is "iteration" or "phase_start" or "checkpoint" && !_finishedPhases.Contains(p.Phase))
        {
            table.AddRow(
                $"[bold]{Markup.Escape(p.Phase)}[/]", Markup.Escape(p.PhaseName), "…", "…", p.BestCrossEntropy.ToString("F4", inv),
                p.BestAccuracy.ToString("P2", inv), $"{p.Iteration.ToString(inv)}/{p.MaxIterations.ToString(inv)}");
            table.Caption(Markup.Escape(string.Create(inv,
                $"pass {p.Pass} · patience {p.PatienceCounter}/{p.Patience} · {p.GenomesPerSecond:F2} genomes/s · phase ETA {TextProgressWriter.FormatEta(p.Eta)} · pass ETA ≤ {TextProgressWriter.FormatEta(p.PassEta)}{(_note.Length > 0 ? " · " + _note : "")}")));
        }

        return table;
    }

    private void Refresh(bool force)
    {
        if (!force && _sinceRefresh.ElapsedMilliseconds < 200)
        {
            return;
        }

        _sinceRefresh.Restart();
        _context?.UpdateTarget(Render());
    }
}
