using System.Diagnostics;
using System.Globalization;
using Spectre.Console;
using Wnn.Experiments.Search;

namespace Wnn.Cli;

/// <summary>A live terminal display of a phased search: one status table refreshed at most five times a second.</summary>
internal sealed class LiveProgress : ISearchProgress
{
    private readonly LiveDisplayContext _context;
    private readonly List<string[]> _finished = [];
    private readonly Stopwatch _sinceRefresh = Stopwatch.StartNew();
    private SearchProgress? _last;
    private string _note = "";

    private LiveProgress(LiveDisplayContext context) => _context = context;

    public static T Run<T>(Func<ISearchProgress, T> search)
    {
        T result = default!;
        AnsiConsole.Live(new Text("starting…")).AutoClear(true).Start(ctx =>
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

    public void Report(SearchProgress progress)
    {
        var inv = CultureInfo.InvariantCulture;
        if (progress.Event == "phase_end" || progress.Event == "baseline")
        {
            _finished.Add([progress.Phase, progress.PhaseName, progress.BestCrossEntropy.ToString("F4", inv), progress.BestAccuracy.ToString("P2", inv),
                progress.Event == "baseline" ? "" : progress.Iteration.ToString(inv)]);
        }

        if (progress.Message is { } m)
        {
            _note = m;
        }

        _last = progress;
        Refresh(force: progress.Event != "iteration");
    }

    private void Refresh(bool force)
    {
        if (!force && _sinceRefresh.ElapsedMilliseconds < 200)
        {
            return;
        }

        _sinceRefresh.Restart();
        var inv = CultureInfo.InvariantCulture;
        var table = new Table().AddColumn("phase").AddColumn("name").AddColumn(new TableColumn("best CE").RightAligned())
            .AddColumn(new TableColumn("accuracy").RightAligned()).AddColumn(new TableColumn("iterations").RightAligned());
        foreach (string[] row in _finished)
        {
            table.AddRow(row);
        }

        if (_last is { } p && p.Event is "iteration" or "phase_start" or "checkpoint")
        {
            table.AddRow(
                $"[bold]{Markup.Escape(p.Phase)}[/]", Markup.Escape(p.PhaseName), p.BestCrossEntropy.ToString("F4", inv), p.BestAccuracy.ToString("P2", inv),
                $"{p.Iteration.ToString(inv)}/{p.MaxIterations.ToString(inv)}");
            table.Caption(Markup.Escape(string.Create(inv,
                $"pass {p.Pass} · patience {p.PatienceCounter}/{p.Patience} · {p.GenomesPerSecond:F2} genomes/s · ETA {TextProgressWriter.FormatEta(p.Eta)}{(_note.Length > 0 ? " · " + _note : "")}")));
        }

        _context.UpdateTarget(table);
    }
}
