using System.Globalization;

namespace Wnn.Experiments.Phased;

/// <summary>Writes one timestamped plain line per progress update (for logs and non-terminal output).</summary>
public sealed class TextProgressWriter : IPhasedProgress
{
    private readonly TextWriter _writer;
    private readonly Func<DateTimeOffset> _clock;

    /// <summary>Creates a writer; <paramref name="clock"/> defaults to UTC now.</summary>
    public TextProgressWriter(TextWriter writer, Func<DateTimeOffset>? clock = null)
    {
        _writer = writer ?? throw new ArgumentNullException(nameof(writer));
        _clock = clock ?? (() => DateTimeOffset.UtcNow);
    }

    /// <inheritdoc />
    public void Report(PhasedProgress progress)
    {
        ArgumentNullException.ThrowIfNull(progress);
        _writer.WriteLine(Format(progress, _clock()));
        _writer.Flush();
    }

    /// <summary>The line for one update.</summary>
    public static string Format(PhasedProgress p, DateTimeOffset time)
    {
        ArgumentNullException.ThrowIfNull(p);
        var c = CultureInfo.InvariantCulture;
        string stamp = Stamp(time);
        // Each value says where it was measured: the full data, or the phase's rotating training part.
        string metrics = string.Create(c, $"{(p.IsFullData ? "full-data" : "train-part")} CE {p.BestCrossEntropy:F4} nats acc {p.BestAccuracy * 100:F2}%");
        string line = p.Event switch
        {
            "baseline" => $"pass {p.Pass} | baseline | {metrics}",
            "phase_start" => string.Create(c, $"pass {p.Pass} | {p.Phase} {p.PhaseName} | start at iteration {p.Iteration}/{p.MaxIterations} | best {metrics}"),
            "phase_end" => string.Create(c, $"pass {p.Pass} | {p.Phase} {p.PhaseName} | done after {p.Iteration} iterations | best {metrics}"),
            "checkpoint" => $"pass {p.Pass} | {p.Phase} {p.PhaseName} | checkpoint {p.Message}",
            "done" => $"pass {p.Pass} | finished | final {metrics}",
            _ => string.Create(c, $"pass {p.Pass} | {p.Phase} {p.PhaseName} | iter {p.Iteration}/{p.MaxIterations} | best {metrics} | patience {p.PatienceCounter}/{p.Patience} | {p.GenomesPerSecond:F2} genomes/s | phase ETA {FormatEta(p.Eta)} | pass ETA ≤ {FormatEta(p.PassEta)}"),
        };
        return p.Message is { } m && p.Event == "iteration" ? $"{stamp} {line} | {m}" : $"{stamp} {line}";
    }

    /// <summary>The timestamp that starts every plain progress line (UTC, to the second).</summary>
    public static string Stamp(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    /// <summary>h:mm:ss, or "?" when unknown.</summary>
    public static string FormatEta(TimeSpan? eta) => eta is { } e
        ? string.Create(CultureInfo.InvariantCulture, $"{(int)e.TotalHours}:{e.Minutes:D2}:{e.Seconds:D2}")
        : "?";
}
