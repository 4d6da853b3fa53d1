using System.Globalization;
using Wnn.Reports.Plots;
using Wnn.Search;

namespace Wnn.Reports;

/// <summary>
/// The post-hoc comparison of a sweep's runs (seed 004): complete runs grouped by configuration (swept values except
/// seeds), ranked by mean objective, with a recommendation stating the margin and, with repeats, a Mann–Whitney test
/// and Welch's t-test of the best configuration against the runner-up.
/// </summary>
public sealed record SweepComparison(StudyReport Report, IReadOnlyList<ConfigSummary> Configs, IReadOnlyList<string> Keys, string Recommendation, double? PValue)
{
    /// <summary>Welch's t-test two-sided p-value of the best configuration against the runner-up (null without 2 runs each).</summary>
    public double? WelchP { get; init; }

    /// <summary>The Mann–Whitney and Welch p-values after the Holm–Bonferroni adjustment over the two tests (null without a test).</summary>
    public IReadOnlyList<double>? HolmP { get; init; }

    /// <summary>Groups the report's complete trials; a parameter whose last dotted segment contains "seed" counts as a repeat, not a configuration.</summary>
    public static SweepComparison Build(StudyReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        List<string> keys = [.. report.Parameters.Select(p => p.Name).Where(n => !IsSeed(n))];
        bool minimize = report.Directions[0] == StudyDirection.Minimize;
        var configs = report.Trials.Where(t => t.State == TrialState.Complete && t.Values is not null)
            .GroupBy(t => string.Join(", ", keys.Select(k => k + "=" + (t.Params.TryGetValue(k, out object? v) ? ReportFormat.Value(v) : "-"))))
            .Select(g => new ConfigSummary(g.Key.Length == 0 ? "(all runs)" : g.Key,
                keys.ToDictionary(k => k, k => g.First().Params.TryGetValue(k, out object? v) ? ReportFormat.Value(v) : "-"),
                [.. g.Select(t => t.Number)], [.. g.Select(t => t.Values![0])]))
            .OrderBy(c => minimize ? c.Mean : -c.Mean).ThenBy(c => c.Label, StringComparer.Ordinal).ToList();
        string objective = report.ObjectiveNames[0];
        if (configs.Count == 0)
        {
            return new SweepComparison(report, configs, keys, "No run completed, so there is nothing to recommend.", null);
        }

        ConfigSummary best = configs[0];
        string text = string.Create(CultureInfo.InvariantCulture, $"Best configuration: {best.Label} with mean {objective} {ReportFormat.Number(best.Mean)} over {best.Runs} run(s)");
        double? p = null;
        if (configs.Count == 1)
        {
            return new SweepComparison(report, configs, keys, text + "; it is the only configuration.", null);
        }

        ConfigSummary second = configs[1];
        double margin = Math.Abs(second.Mean - best.Mean);
        text += string.Create(CultureInfo.InvariantCulture, $"; {ReportFormat.Number(margin)} {(minimize ? "lower" : "higher")} than the runner-up {second.Label} ({ReportFormat.Number(second.Mean)}, {second.Runs} run(s))");
        double? welch = null;
        double[]? holm = null;
        if (best.Runs >= 2 && second.Runs >= 2)
        {
            p = MannWhitney.Test(best.Objective, second.Objective).P;
            welch = WelchTest.Test(best.Objective, second.Objective).P;
            holm = HolmBonferroni.Adjust([p.Value, welch.Value]);
            bool significant = Math.Min(holm[0], holm[1]) < StudyComparison.SignificanceLevel;
            text += string.Create(CultureInfo.InvariantCulture,
                $"; Mann–Whitney U two-sided p = {p.Value:0.###}, Welch's t-test p = {welch.Value:0.###}, Holm–Bonferroni adjusted over the 2 tests {holm[0]:0.###} and {holm[1]:0.###}{(significant ? " (significant at 5%)" : " (not significant at 5%: more seeds would tell)")}.");
        }
        else
        {
            text += "; no significance test: run several seeds per configuration for one.";
        }

        return new SweepComparison(report, configs, keys, text, p) { WelchP = welch, HolmP = holm };
    }

    /// <summary>One CSV row per complete run: job, trial, swept values, objective and metrics.</summary>
    public string RunsCsv() => CsvTable.Write(ReportTable.Header(Report),
        ReportTable.Rows(Report, Report.Trials.Where(t => t.State == TrialState.Complete), exact: true));

    /// <summary>One CSV row per configuration: label, runs, mean, std, best, then the swept values.</summary>
    public string ConfigsCsv() => CsvTable.Write(["config", "runs", "mean", "std", "best", .. Keys],
        Configs.Select(c => (IReadOnlyList<string>)[c.Label, c.Runs.ToString(CultureInfo.InvariantCulture), ReportFormat.Exact(c.Mean), ReportFormat.Exact(c.Std),
            ReportFormat.Exact(Report.Directions[0] == StudyDirection.Minimize ? c.Objective.Min() : c.Objective.Max()), .. Keys.Select(k => c.Values[k])]));

    /// <summary>Figures: the objective of every run by configuration, and a grid of the mean over the first two swept keys.</summary>
    public IReadOnlyList<ReportFigure> Figures()
    {
        var figures = new List<ReportFigure>();
        string objective = Report.ObjectiveNames[0];
        if (Configs.Count > 0)
        {
            string title = $"{objective} per configuration (best first)";
            figures.Add(new ReportFigure("runs-by-config", title, SvgPlot.Render(new XyChart(title, new PlotAxis("configuration", Categories: [.. Configs.Select(c => c.Label)]),
                new PlotAxis($"{objective} (objective)"),
            [
                PlotSeries.Of("runs", Configs.SelectMany((c, i) => c.Objective.Select(v => ((double)i, v))), SeriesStyle.Markers, SvgPlot.Palette[0]),
                PlotSeries.Of("mean", Configs.Select((c, i) => ((double)i, c.Mean)), SeriesStyle.Markers, SvgPlot.Palette[3]),
            ]))));
        }

        if (Keys.Count >= 2 && Configs.Count > 0)
        {
            string[] rows = [.. Configs.Select(c => c.Values[Keys[0]]).Distinct().Order(StringComparer.Ordinal)];
            string[] cols = [.. Configs.Select(c => c.Values[Keys[1]]).Distinct().Order(StringComparer.Ordinal)];
            double[][] grid = [.. rows.Select(r => cols.Select(c => Configs.Where(x => x.Values[Keys[0]] == r && x.Values[Keys[1]] == c).SelectMany(x => x.Objective).DefaultIfEmpty(double.NaN).Average()).ToArray())];
            string title = $"Mean {objective}: {Keys[0]} × {Keys[1]}";
            figures.Add(new ReportFigure("grid", title, SvgPlot.Render(new HeatmapChart(title, rows, cols, grid, "mean " + objective)
            {
                Sequential = true,
                RowLabel = Keys[0],
                ColumnLabel = Keys[1],
            })));
        }

        return figures;
    }

    private static bool IsSeed(string name) => name[(name.LastIndexOf('.') + 1)..].Contains("seed", StringComparison.OrdinalIgnoreCase);
}
