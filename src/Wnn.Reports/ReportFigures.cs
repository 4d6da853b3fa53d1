using Wnn.Reports.Plots;
using Wnn.Search;

namespace Wnn.Reports;

/// <summary>The figures of a study report: history, slices, parallel coordinates, the two most important parameters, learning curves, correlations, Pareto front.</summary>
public static class ReportFigures
{
    /// <summary>Renders every figure the report has data for, in display order.</summary>
    public static IReadOnlyList<ReportFigure> Render(StudyReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var figures = new List<ReportFigure>();
        string objective = report.ObjectiveNames[0];
        List<ReportTrial> complete = [.. report.Trials.Where(t => t.State == TrialState.Complete && t.Values is not null)];
        if (report.History.Count > 0)
        {
            string title = $"Optimization history of {report.Name}";
            figures.Add(new ReportFigure("history", title, SvgPlot.Render(new XyChart(title, new PlotAxis("trial number"), new PlotAxis($"{objective} (objective, {Direction(report, 0)})"),
            [
                PlotSeries.Of("complete trials", report.History.Select(h => ((double)h.Number, h.Value)), SeriesStyle.Markers, SvgPlot.Palette[0]),
                PlotSeries.Of("best so far", report.History.Select(h => ((double)h.Number, h.BestSoFar)), SeriesStyle.Step, SvgPlot.Palette[3]),
            ]))));
        }

        foreach (ReportParameter p in report.Parameters)
        {
            List<ReportTrial> with = [.. complete.Where(t => t.Numeric.ContainsKey(p.Name))];
            if (with.Count == 0)
            {
                continue;
            }

            string title = $"Slice: {objective} by {p.Name}";
            figures.Add(new ReportFigure("slice-" + FileId(p.Name), title, SvgPlot.Render(new XyChart(title, Axis(p), new PlotAxis($"{objective} (objective)"),
            [
                PlotSeries.Of("complete trials", with.Select(t => (t.Numeric[p.Name], t.Values![0])), SeriesStyle.Markers, SvgPlot.Palette[0]) with
                {
                    ColorValues = [.. with.Select(t => (double)t.Number)],
                },
            ])
            { ColorLabel = "trial number" })));
        }

        List<ReportParameter> shared = [.. report.Parameters.Where(p => complete.Count > 0 && complete.All(t => t.Numeric.ContainsKey(p.Name)))];
        if (shared.Count > 0 && complete.Count > 1)
        {
            string title = $"Parallel coordinates of {report.Name}";
            int best = report.Best is null ? -1 : complete.FindIndex(t => t.Number == report.Best.Number);
            figures.Add(new ReportFigure("parallel", title, SvgPlot.Render(new ParallelChart(title, [.. shared.Select(Axis), new PlotAxis(objective)],
                [.. complete.Select(t => shared.Select(p => t.Numeric[p.Name]).Append(t.Values![0]).ToArray())])
            { Highlight = best >= 0 ? [best] : [] })));
        }

        IReadOnlyDictionary<string, double> importance = report.Importance.Count > 0 ? report.Importance : report.PedAnovaImportance;
        List<ReportParameter> top = [.. importance.Keys.Select(n => shared.FirstOrDefault(p => p.Name == n)).OfType<ReportParameter>().Take(2)];
        if (top.Count == 2)
        {
            string title = $"Contour of {objective} over the two most important parameters";
            figures.Add(new ReportFigure("contour", title, SvgPlot.Render(new ContourChart(title, Axis(top[0]), Axis(top[1]),
                [.. complete.Select(t => (t.Numeric[top[0].Name], t.Numeric[top[1].Name], t.Values![0]))], objective))));
        }

        List<ReportTrial> curves = [.. report.Trials.Where(t => t.Intermediate.Count > 0)];
        if (curves.Count > 0)
        {
            string title = $"Intermediate values of {report.Name}";
            var series = new List<PlotSeries>();
            foreach ((TrialState state, string name, SeriesStyle style, string color) in new[]
            {
                (TrialState.Complete, "complete", SeriesStyle.Line, SvgPlot.Palette[0]),
                (TrialState.Pruned, "pruned (× = pruned here)", SeriesStyle.LineEndMarker, SvgPlot.Palette[3]),
                (TrialState.Failed, "failed", SeriesStyle.LineEndMarker, SvgPlot.Palette[7]),
                (TrialState.Running, "running", SeriesStyle.Line, SvgPlot.Palette[2]),
            })
            {
                List<ReportTrial> group = [.. curves.Where(t => t.State == state)];
                if (group.Count > 0)
                {
                    series.Add(new PlotSeries(name, [.. group.Select(t => (IReadOnlyList<(double, double)>)[.. t.Intermediate.OrderBy(kv => kv.Key).Select(kv => ((double)kv.Key, kv.Value))])], style, color));
                }
            }

            figures.Add(new ReportFigure("intermediate", title, SvgPlot.Render(new XyChart(title, new PlotAxis("step (as reported)"), new PlotAxis("intermediate value (objective units)"), series))));
        }

        if (report.Correlation is { } c)
        {
            string title = $"Spearman rank correlation (n = {c.Samples} complete trials)";
            figures.Add(new ReportFigure("correlation", title, SvgPlot.Render(new HeatmapChart(title, c.Names, c.Names, c.Rho, "Spearman ρ"))));
        }

        if (report.Directions.Count >= 2 && complete.Count > 0)
        {
            string title = $"Pareto front: {report.ObjectiveNames[0]} vs {report.ObjectiveNames[1]}";
            var front = complete.Where(t => report.ParetoFront.Contains(t.Number)).OrderBy(t => t.Values![0]).ToList();
            figures.Add(new ReportFigure("pareto", title, SvgPlot.Render(new XyChart(title,
                new PlotAxis($"{report.ObjectiveNames[0]} ({Direction(report, 0)})"), new PlotAxis($"{report.ObjectiveNames[1]} ({Direction(report, 1)})"),
            [
                PlotSeries.Of("dominated trials", complete.Except(front).Select(t => (t.Values![0], t.Values[1])), SeriesStyle.Markers, SvgPlot.Palette[7]),
                PlotSeries.Of("Pareto front", front.Select(t => (t.Values![0], t.Values[1])), SeriesStyle.Markers, SvgPlot.Palette[3]),
            ]))));
        }

        return figures;
    }

    /// <summary>The axis of a parameter: its name and kind as the label, log when its distribution is log, categories for a categorical.</summary>
    public static PlotAxis Axis(ReportParameter p)
    {
        ArgumentNullException.ThrowIfNull(p);
        return new PlotAxis($"{p.Name} ({p.Kind} parameter)", p.Log, p.IsNumeric ? null : p.Choices);
    }

    /// <summary>A name made safe for a file name.</summary>
    public static string FileId(string name) => new([.. (name ?? "").Select(ch => char.IsAsciiLetterOrDigit(ch) || ch is '-' or '_' ? ch : '_')]);

    private static string Direction(StudyReport report, int i) => report.Directions[i] == StudyDirection.Minimize ? "lower is better" : "higher is better";
}
