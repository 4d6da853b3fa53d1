using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Wnn.Reports.Plots;
using Wnn.Search;

namespace Wnn.Reports;

/// <summary>
/// Several sweeps or studies side by side (seed 003's show_comparison): per source the trial counts and the
/// objective's best, mean, median and spread over complete trials; for every pair a Mann–Whitney U test and Welch's
/// t-test of the two objective distributions, with Holm–Bonferroni adjusted p-values over every test made (both tests
/// of every pair form one family); figures of the distributions and of the best-so-far histories.
/// </summary>
public sealed record StudyComparison(IReadOnlyList<StudyReport> Sources, IReadOnlyList<StudyComparison.Pair> Pairs)
{
    /// <summary>
    /// The tests of one pair of sources (indices into <see cref="Sources"/>); p-values are null with fewer than 2 complete
    /// trials on a side. The Holm p-values are adjusted over the family of all tests of the comparison.
    /// </summary>
    public sealed record Pair(int A, int B, double MeanDifference, double? MannWhitneyP, double? WelchT, double? WelchP, double? MannWhitneyHolmP = null, double? WelchHolmP = null)
    {
        /// <summary>Whether either test rejects at 5 % after the Holm–Bonferroni adjustment.</summary>
        public bool Significant => Math.Min(MannWhitneyHolmP ?? 1, WelchHolmP ?? 1) < SignificanceLevel;
    }

    /// <summary>The family-wise error rate at which a difference is called significant.</summary>
    public const double SignificanceLevel = 0.05;

    /// <summary>Number of p-values in the Holm–Bonferroni family (two per pair with enough trials).</summary>
    public int Tests => Pairs.Count(p => p.MannWhitneyP is not null) * 2;

    /// <summary>Compares the reports; they must share the first objective's direction (the names may differ, which is noted).</summary>
    public static StudyComparison Build(IReadOnlyList<StudyReport> sources)
    {
        ArgumentNullException.ThrowIfNull(sources);
        if (sources.Count < 2)
        {
            throw new ArgumentException($"a comparison needs at least 2 sweeps or studies, got {sources.Count}", nameof(sources));
        }

        StudyDirection direction = sources[0].Directions[0];
        if (sources.FirstOrDefault(s => s.Directions[0] != direction) is { } other)
        {
            throw new ArgumentException($"'{other.Name}' {Word(other.Directions[0])} its objective but '{sources[0].Name}' {Word(direction)} it; only sources with the same direction compare");
        }

        var pairs = new List<Pair>();
        for (int i = 0; i < sources.Count; i++)
        {
            for (int j = i + 1; j < sources.Count; j++)
            {
                double[] a = Objective(sources[i]), b = Objective(sources[j]);
                double diff = a.Length > 0 && b.Length > 0 ? a.Average() - b.Average() : double.NaN;
                bool enough = a.Length >= 2 && b.Length >= 2;
                (double T, double Df, double P)? welch = enough ? WelchTest.Test(a, b) : null;
                pairs.Add(new Pair(i, j, diff, enough ? MannWhitney.Test(a, b).P : null, welch?.T, welch?.P));
            }
        }

        return new StudyComparison(sources, WithHolm(pairs));
    }

    private static List<Pair> WithHolm(List<Pair> pairs)
    {
        List<int> tested = [.. Enumerable.Range(0, pairs.Count).Where(i => pairs[i].MannWhitneyP is not null)];
        double[] adjusted = HolmBonferroni.Adjust([.. tested.SelectMany(i => new[] { pairs[i].MannWhitneyP!.Value, pairs[i].WelchP!.Value })]);
        for (int k = 0; k < tested.Count; k++)
        {
            pairs[tested[k]] = pairs[tested[k]] with { MannWhitneyHolmP = adjusted[2 * k], WelchHolmP = adjusted[(2 * k) + 1] };
        }

        return pairs;
    }

    /// <summary>The line that states the correction, as the text, HTML and JSON outputs carry it.</summary>
    public string CorrectionNote => string.Create(CultureInfo.InvariantCulture,
        $"p-values are two-sided; the Holm–Bonferroni adjustment runs over all {Tests} tests (Mann–Whitney and Welch for each pair), and a pair is significant when either adjusted p is below {SignificanceLevel:0.##}");

    /// <summary>The first objective of every complete trial of a source, in trial order.</summary>
    public static double[] Objective(StudyReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return [.. report.Trials.Where(t => t.State == TrialState.Complete && t.Values is { Count: > 0 } v && double.IsFinite(v[0])).Select(t => t.Values![0])];
    }

    /// <summary>A note when the sources name their objectives differently (they are compared as given), else null.</summary>
    public string? Note => Sources.Select(s => s.ObjectiveNames[0]).Distinct().Count() > 1
        ? "the sources name their objective differently (" + string.Join(", ", Sources.Select(s => $"{s.Name}: {s.ObjectiveNames[0]}")) + "); they are compared as given"
        : null;

    /// <summary>One CSV row per source: name, objective, direction, trial counts, best, mean, median, std.</summary>
    public string SourcesCsv() => CsvTable.Write(["source", "objective", "direction", "trials", "complete", "failed", "pruned", "best", "mean", "median", "std"],
        Sources.Select(s => (IReadOnlyList<string>)[s.Name, s.ObjectiveNames[0], s.Directions[0].ToString().ToLowerInvariant(), I(s.Trials.Count),
            I(s.StateCounts[TrialState.Complete]), I(s.StateCounts[TrialState.Failed]), I(s.StateCounts[TrialState.Pruned]), .. Stats(s).Select(ReportFormat.Exact)]));

    /// <summary>One CSV row per pair: the two sources, the mean difference (A − B) and the test results.</summary>
    public string PairsCsv() => CsvTable.Write(["a", "b", "mean_difference", "mann_whitney_p", "welch_t", "welch_p", "mann_whitney_p_holm", "welch_p_holm", "significant"],
        Pairs.Select(p => (IReadOnlyList<string>)[Sources[p.A].Name, Sources[p.B].Name, ReportFormat.Exact(p.MeanDifference), X(p.MannWhitneyP), X(p.WelchT), X(p.WelchP),
            X(p.MannWhitneyHolmP), X(p.WelchHolmP), p.MannWhitneyP is null ? "" : p.Significant ? "true" : "false"]));

    /// <summary>Best, mean, median and sample std of the first objective (NaN without complete trials).</summary>
    public static double[] Stats(StudyReport report)
    {
        double[] v = Objective(report);
        if (v.Length == 0)
        {
            return [double.NaN, double.NaN, double.NaN, double.NaN];
        }

        double[] sorted = [.. v.Order()];
        double mean = v.Average();
        double median = sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : 0.5 * (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]);
        double std = v.Length < 2 ? 0 : Math.Sqrt(v.Sum(x => (x - mean) * (x - mean)) / (v.Length - 1));
        return [report.Directions[0] == StudyDirection.Minimize ? sorted[0] : sorted[^1], mean, median, std];
    }

    /// <summary>Figures: every complete trial's objective per source with its mean, and the best-so-far history of each source.</summary>
    public IReadOnlyList<ReportFigure> Figures()
    {
        string objective = Sources[0].ObjectiveNames[0];
        string title = $"{objective} per source (complete trials)";
        var figures = new List<ReportFigure>
        {
            new("distributions", title, SvgPlot.Render(new XyChart(title, new PlotAxis("source", Categories: [.. Sources.Select(s => s.Name)]), new PlotAxis($"{objective} (objective)"),
            [
                PlotSeries.Of("trials", Sources.SelectMany((s, i) => Objective(s).Select(v => ((double)i, v))), SeriesStyle.Markers, SvgPlot.Palette[0]),
                PlotSeries.Of("mean", Sources.Select((s, i) => ((double)i, Stats(s)[1])).Where(p => double.IsFinite(p.Item2)), SeriesStyle.Markers, SvgPlot.Palette[3]),
            ]))),
        };
        string history = $"Best {objective} so far, by source";
        figures.Add(new ReportFigure("histories", history, SvgPlot.Render(new XyChart(history, new PlotAxis("trial number"), new PlotAxis($"best {objective} so far ({Word(Sources[0].Directions[0])})"),
            [.. Sources.Select((s, i) => PlotSeries.Of(s.Name, s.History.Select(h => ((double)h.Number, h.BestSoFar)), SeriesStyle.Step, SvgPlot.Palette[i % SvgPlot.Palette.Count]))]))));
        return figures;
    }

    /// <summary>The comparison as JSON.</summary>
    public string Json()
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            if (Note is { } note)
            {
                w.WriteString("note", note);
            }

            w.WriteStartArray("sources");
            foreach (StudyReport s in Sources)
            {
                double[] stats = Stats(s);
                w.WriteStartObject();
                w.WriteString("name", s.Name);
                w.WriteString("objective", s.ObjectiveNames[0]);
                w.WriteString("direction", s.Directions[0].ToString().ToLowerInvariant());
                w.WriteNumber("trials", s.Trials.Count);
                w.WriteNumber("complete", s.StateCounts[TrialState.Complete]);
                w.WriteNumber("failed", s.StateCounts[TrialState.Failed]);
                w.WriteNumber("pruned", s.StateCounts[TrialState.Pruned]);
                ComparisonWriter.Number(w, "best", stats[0]);
                ComparisonWriter.Number(w, "mean", stats[1]);
                ComparisonWriter.Number(w, "median", stats[2]);
                ComparisonWriter.Number(w, "std", stats[3]);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("pairs");
            foreach (Pair p in Pairs)
            {
                w.WriteStartObject();
                w.WriteString("a", Sources[p.A].Name);
                w.WriteString("b", Sources[p.B].Name);
                ComparisonWriter.Number(w, "mean_difference", p.MeanDifference);
                ComparisonWriter.Number(w, "mann_whitney_p", p.MannWhitneyP);
                ComparisonWriter.Number(w, "welch_t", p.WelchT);
                ComparisonWriter.Number(w, "welch_p", p.WelchP);
                ComparisonWriter.Number(w, "mann_whitney_p_holm", p.MannWhitneyHolmP);
                ComparisonWriter.Number(w, "welch_p_holm", p.WelchHolmP);
                if (p.MannWhitneyP is null)
                {
                    w.WriteNull("significant");
                }
                else
                {
                    w.WriteBoolean("significant", p.Significant);
                }

                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteString("correction", CorrectionNote);
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>A plain-text summary: one line per source, then one per pair.</summary>
    public string Text()
    {
        var sb = new StringBuilder();
        foreach (StudyReport s in Sources)
        {
            double[] st = Stats(s);
            sb.Append(CultureInfo.InvariantCulture, $"{s.Name}: {s.StateCounts[TrialState.Complete]} complete of {s.Trials.Count}; {s.ObjectiveNames[0]} best {ReportFormat.Number(st[0])}, mean {ReportFormat.Number(st[1])}, median {ReportFormat.Number(st[2])}, std {ReportFormat.Number(st[3])}\n");
        }

        foreach (Pair p in Pairs)
        {
            string tests = p.MannWhitneyP is double mw
                ? string.Create(CultureInfo.InvariantCulture, $"Mann–Whitney p = {mw:0.###} (Holm {p.MannWhitneyHolmP:0.###}), Welch t = {p.WelchT:0.###} p = {p.WelchP:0.###} (Holm {p.WelchHolmP:0.###}){(p.Significant ? " (significant at 5% after Holm)" : "")}")
                : "no test (fewer than 2 complete trials on a side)";
            sb.Append(CultureInfo.InvariantCulture, $"{Sources[p.A].Name} vs {Sources[p.B].Name}: mean difference {ReportFormat.Number(p.MeanDifference)}; {tests}\n");
        }

        if (Tests > 0)
        {
            sb.Append(CorrectionNote).Append('\n');
        }

        if (Note is { } note)
        {
            sb.Append("note: ").Append(note).Append('\n');
        }

        return sb.ToString();
    }

    /// <summary>The comparison as one self-contained HTML page with inline SVG figures.</summary>
    public string Html(IReadOnlyList<ReportFigure> figures)
    {
        ArgumentNullException.ThrowIfNull(figures);
        var sb = new StringBuilder();
        string title = WebUtility.HtmlEncode("Comparison: " + string.Join(" vs ", Sources.Select(s => s.Name)));
        sb.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>").Append(title).Append("</title><style>");
        sb.Append("body{font-family:sans-serif;margin:24px}table{border-collapse:collapse;font-size:13px}td,th{border:1px solid #ccc;padding:3px 7px;text-align:right}figure{display:inline-block;margin:8px}");
        sb.Append("</style></head><body>\n<h1>").Append(title).Append("</h1>\n");
        if (Note is { } note)
        {
            sb.Append("<p>").Append(WebUtility.HtmlEncode(note)).Append("</p>\n");
        }

        sb.Append("<section id=\"sources\"><h2>Sources</h2>");
        HtmlReport.Table(sb, ["source", "complete", "trials", "best", "mean", "median", "std"], Sources.Select(s =>
        {
            double[] st = Stats(s);
            string[] row = [s.Name, I(s.StateCounts[TrialState.Complete]), I(s.Trials.Count), .. st.Select(ReportFormat.Number)];
            return row;
        }));
        sb.Append("</section>\n<section id=\"tests\"><h2>Tests (two-sided)</h2>");
        HtmlReport.Table(sb, ["a", "b", "mean difference (a − b)", "Mann–Whitney p", "Welch t", "Welch p", "Mann–Whitney p (Holm)", "Welch p (Holm)", "significant"], Pairs.Select(p => new[]
        {
            Sources[p.A].Name, Sources[p.B].Name, ReportFormat.Number(p.MeanDifference), N(p.MannWhitneyP), N(p.WelchT), N(p.WelchP),
            N(p.MannWhitneyHolmP), N(p.WelchHolmP), p.MannWhitneyP is null ? "–" : p.Significant ? "yes" : "no",
        }));
        sb.Append("<p class=\"correction\">").Append(WebUtility.HtmlEncode(CorrectionNote)).Append("</p>");
        sb.Append("</section>\n<section id=\"figures\"><h2>Figures</h2>");
        foreach (ReportFigure f in figures)
        {
            sb.Append("<figure id=\"fig-").Append(WebUtility.HtmlEncode(f.Id)).Append("\">").Append(f.Svg).Append("</figure>\n");
        }

        sb.Append("</section>\n</body></html>\n");
        return sb.ToString();
    }

    private static string Word(StudyDirection d) => d == StudyDirection.Minimize ? "minimizes" : "maximizes";

    private static string I(int v) => v.ToString(CultureInfo.InvariantCulture);

    private static string X(double? v) => v is double d ? ReportFormat.Exact(d) : "";

    private static string N(double? v) => v is double d ? ReportFormat.Number(d) : "–";
}
