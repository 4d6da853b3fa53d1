using System.Globalization;
using System.Text.Json;
using System.Xml.Linq;

namespace Wnn.Reports.Tests;

public sealed class OutputTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    private static int SeriesCount(string svg) =>
        XDocument.Parse(svg).Descendants(Svg + "g").Count(g => (string?)g.Attribute("class") == "series");

    [Fact]
    public void Every_figure_is_well_formed_svg_with_a_title_and_the_expected_series()
    {
        using var tiny = new TinyStudy();
        var figures = ReportFigures.Render(tiny.Report()).ToDictionary(f => f.Id);
        Assert.Equal(["history", "slice-x", "slice-lr", "parallel", "contour", "intermediate", "correlation"], figures.Keys);
        foreach (ReportFigure f in figures.Values)
        {
            XDocument doc = XDocument.Parse(f.Svg);
            Assert.Equal(f.Title, doc.Root!.Element(Svg + "title")!.Value);
        }

        Assert.Equal(2, SeriesCount(figures["history"].Svg));       // trials + best so far
        Assert.Equal(2, SeriesCount(figures["intermediate"].Svg));  // complete + pruned
        Assert.Equal(2, SeriesCount(figures["parallel"].Svg));      // trials + best
        Assert.Contains("(log scale)", figures["slice-lr"].Svg, StringComparison.Ordinal);
        XDocument curves = XDocument.Parse(figures["intermediate"].Svg);
        XElement pruned = curves.Descendants(Svg + "g").Single(g => ((string?)g.Attribute("data-name"))?.StartsWith("pruned", StringComparison.Ordinal) == true);
        Assert.Equal(2, pruned.Elements(Svg + "path").Count()); // the curve and its × marker
        Assert.Equal(25, XDocument.Parse(figures["correlation"].Svg).Descendants(Svg + "rect").Count(r => r.Element(Svg + "title") is not null));
    }

    [Fact]
    public void Html_is_self_contained_and_has_every_section()
    {
        using var tiny = new TinyStudy();
        StudyReport r = tiny.Report();
        string html = HtmlReport.Render(r, ReportFigures.Render(r), null);
        foreach (string id in new[] { "best", "importance", "figures", "trials", "failures" })
        {
            Assert.Contains($"<section id=\"{id}\">", html, StringComparison.Ordinal);
        }

        Assert.Contains("exit code 3", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.Ordinal);
        Assert.DoesNotContain("http://", html.Replace("http://www.w3.org/2000/svg", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Equal(7, html.Split("<figure ").Length - 1);
    }

    [Fact]
    public void Csv_round_trips_the_trial_table_exactly()
    {
        using var tiny = new TinyStudy();
        StudyReport r = tiny.Report();
        string csv = CsvTable.Write(ReportTable.Header(r), ReportTable.Rows(r, r.SortedBy(null), exact: true));
        IReadOnlyList<string[]> rows = CsvTable.Read(csv);
        Assert.Equal(["number", "state", "value", "x", "lr", "acc", "loss", "seconds", "reason"], rows[0]);
        Assert.Equal(7, rows.Count);
        Assert.Equal(["0", "complete", "10", "1", "0.001"], rows[1].Take(5));
        Assert.Equal(0.9, double.Parse(rows[1][5], CultureInfo.InvariantCulture));
        Assert.Equal("exit code 3", rows.Single(row => row[1] == "failed")[8]);
        string[] tricky = ["a,b", "say \"hi\"", "line\nbreak", ""];
        Assert.Equal(tricky, CsvTable.Read(CsvTable.Write(tricky, [tricky]))[1]);
    }

    [Fact]
    public void Json_holds_the_same_numbers_as_the_model()
    {
        using var tiny = new TinyStudy();
        StudyReport r = tiny.Report();
        using JsonDocument doc = JsonDocument.Parse(JsonReport.Write(r));
        JsonElement root = doc.RootElement;
        Assert.Equal(4, root.GetProperty("counts").GetProperty("complete").GetInt32());
        Assert.Equal(0, root.GetProperty("best").GetProperty("number").GetInt32());
        Assert.Equal(0.8, root.GetProperty("correlation").GetProperty("spearman")[0][2].GetDouble(), 12);
        Assert.Equal(r.Importance["x"], root.GetProperty("importance").GetProperty("fanova").GetProperty("x").GetDouble());
        Assert.Equal(6, root.GetProperty("trials").GetArrayLength());
        Assert.Equal("exit code 3", root.GetProperty("failures").EnumerateArray().Single(f => f.GetProperty("state").GetString() == "failed").GetProperty("reason").GetString());
    }

    [Fact]
    public void Mann_whitney_matches_the_exact_distribution_by_hand()
    {
        // U = 0 for fully separated 3 vs 3: P(U <= 0) = 1/20, two-sided 0.1.
        (double u, double p) = MannWhitney.Test([1, 2, 3], [4, 5, 6]);
        Assert.Equal(0, u);
        Assert.Equal(0.1, p, 12);
        // 1 3 | 2 4: U1 = 1 -> P(U <= 1) = 2/6, two-sided 2/3.
        Assert.Equal(2.0 / 3, MannWhitney.Test([1, 3], [2, 4]).P, 12);
        Assert.Equal(1.0, MannWhitney.Test([1, 2, 2], [1, 2, 2]).P, 4);
    }
}
