using System.Globalization;
using System.Security;
using System.Text;

namespace Wnn.Reports.Plots;

/// <summary>
/// Renders charts as standalone SVG documents (no scripts, no external resources), so that one drawing serves the HTML
/// report (inlined), the figure files and the dashboard. Every series is a &lt;g class="series" data-name="…"&gt;.
/// </summary>
public static partial class SvgPlot
{
    /// <summary>The categorical palette (series colors in order).</summary>
    public static readonly IReadOnlyList<string> Palette = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"];

    private const int Width = 720, Height = 420, Left = 78, Right = 170, Top = 44, Bottom = 62;

    /// <summary>An x/y chart.</summary>
    public static string Render(XyChart chart)
    {
        ArgumentNullException.ThrowIfNull(chart);
        var points = chart.Series.SelectMany(s => s.Paths).SelectMany(p => p).ToList();
        var sx = new SvgScale(points.Select(p => p.X), chart.X.Log, Left, Width - Right, chart.X.Categories is not null, chart.X.Categories?.Count ?? 0);
        var sy = new SvgScale(points.Select(p => p.Y), chart.Y.Log, Height - Bottom, Top, chart.Y.Categories is not null, chart.Y.Categories?.Count ?? 0);
        var svg = Begin(chart.Title);
        Axes(svg, sx, sy, chart.X, chart.Y);
        double[] colorValues = [.. chart.Series.Where(s => s.ColorValues is not null).SelectMany(s => s.ColorValues!).Where(double.IsFinite)];
        (double cLo, double cHi) = colorValues.Length == 0 ? (0, 1) : (colorValues.Min(), colorValues.Max());
        int legend = 0;
        foreach (PlotSeries s in chart.Series)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<g class=\"series\" data-name=\"{Esc(s.Name)}\">");
            foreach (IReadOnlyList<(double X, double Y)> path in s.Paths)
            {
                var pts = path.Where(p => sx.Accepts(p.X) && sy.Accepts(p.Y)).Select(p => (X: sx.Map(p.X), Y: sy.Map(p.Y))).ToList();
                if (pts.Count == 0)
                {
                    continue;
                }

                if (s.Style is SeriesStyle.Line or SeriesStyle.LineEndMarker or SeriesStyle.Step)
                {
                    var d = new StringBuilder();
                    for (int i = 0; i < pts.Count; i++)
                    {
                        if (i > 0 && s.Style == SeriesStyle.Step)
                        {
                            d.Append(CultureInfo.InvariantCulture, $" L{F(pts[i].X)},{F(pts[i - 1].Y)}");
                        }

                        d.Append(CultureInfo.InvariantCulture, $"{(i == 0 ? "M" : " L")}{F(pts[i].X)},{F(pts[i].Y)}");
                    }

                    svg.Append(CultureInfo.InvariantCulture, $"<path d=\"{d}\" fill=\"none\" stroke=\"{s.Color}\" stroke-width=\"{(s.Style == SeriesStyle.Step ? 2 : 1.2)}\" stroke-opacity=\"0.85\"/>");
                }

                if (s.Style == SeriesStyle.LineEndMarker)
                {
                    (double x, double y) = pts[^1];
                    svg.Append(CultureInfo.InvariantCulture, $"<path d=\"M{F(x - 4)},{F(y - 4)} L{F(x + 4)},{F(y + 4)} M{F(x - 4)},{F(y + 4)} L{F(x + 4)},{F(y - 4)}\" stroke=\"{s.Color}\" stroke-width=\"2\"/>");
                }

                if (s.Style == SeriesStyle.Markers)
                {
                    for (int i = 0; i < pts.Count; i++)
                    {
                        string fill = s.ColorValues is { } cv && i < cv.Count ? ColorScale(cv[i], cLo, cHi) : s.Color;
                        svg.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{F(pts[i].X)}\" cy=\"{F(pts[i].Y)}\" r=\"3.5\" fill=\"{fill}\" fill-opacity=\"0.8\" stroke=\"#333\" stroke-width=\"0.4\"/>");
                    }
                }
            }

            svg.Append("</g>");
            LegendEntry(svg, legend++, s.Name, s.Color, s.Style);
        }

        if (colorValues.Length > 0)
        {
            ColorBar(svg, chart.ColorLabel ?? "value", cLo, cHi, Top + 28 + (legend * 18));
        }

        return End(svg);
    }

    /// <summary>Parallel coordinates; the last axis colors the lines.</summary>
    public static string Render(ParallelChart chart)
    {
        ArgumentNullException.ThrowIfNull(chart);
        int n = chart.Axes.Count;
        var svg = Begin(chart.Title);
        double step = n <= 1 ? 0 : (Width - Left - Right - 10) / (double)(n - 1);
        var scales = Enumerable.Range(0, n).Select(j => new SvgScale(chart.Rows.Select(r => r[j]), chart.Axes[j].Log, Height - Bottom, Top + 10,
            chart.Axes[j].Categories is not null, chart.Axes[j].Categories?.Count ?? 0)).ToList();
        double[] color = [.. chart.Rows.Select(r => r[n - 1]).Where(double.IsFinite)];
        (double cLo, double cHi) = color.Length == 0 ? (0, 1) : (color.Min(), color.Max());
        void Lines(string name, IEnumerable<int> rows, string? stroke, double width)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<g class=\"series\" data-name=\"{Esc(name)}\">");
            foreach (int i in rows)
            {
                double[] r = chart.Rows[i];
                if (Enumerable.Range(0, n).Any(j => !scales[j].Accepts(r[j])))
                {
                    continue;
                }

                string d = string.Join(" ", Enumerable.Range(0, n).Select(j => $"{(j == 0 ? "M" : "L")}{F(Left + (j * step))},{F(scales[j].Map(r[j]))}"));
                svg.Append(CultureInfo.InvariantCulture, $"<path d=\"{d}\" fill=\"none\" stroke=\"{stroke ?? ColorScale(r[n - 1], cLo, cHi)}\" stroke-width=\"{width}\" stroke-opacity=\"0.7\"/>");
            }

            svg.Append("</g>");
        }

        Lines("trials", Enumerable.Range(0, chart.Rows.Count).Except(chart.Highlight), null, 1.2);
        if (chart.Highlight.Count > 0)
        {
            Lines("best", chart.Highlight, "#d62728", 3);
        }

        for (int j = 0; j < n; j++)
        {
            double x = Left + (j * step);
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{F(x)}\" y1=\"{Top + 10}\" x2=\"{F(x)}\" y2=\"{Height - Bottom}\" stroke=\"#222\"/>");
            foreach ((double v, string label) in scales[j].Ticks(chart.Axes[j].Categories))
            {
                double y = scales[j].Map(v);
                svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{F(x - 3)}\" y1=\"{F(y)}\" x2=\"{F(x)}\" y2=\"{F(y)}\" stroke=\"#222\"/><text x=\"{F(x - 5)}\" y=\"{F(y + 3)}\" font-size=\"9\" text-anchor=\"end\">{Esc(label)}</text>");
            }

            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{F(x)}\" y=\"{Height - Bottom + 18}\" font-size=\"11\" text-anchor=\"middle\">{Esc(chart.Axes[j].Label)}{(chart.Axes[j].Log ? " (log)" : "")}</text>");
        }

        LegendEntry(svg, 0, "trials (color: " + chart.Axes[^1].Label + ")", "#888", SeriesStyle.Line);
        if (chart.Highlight.Count > 0)
        {
            LegendEntry(svg, 1, "best", "#d62728", SeriesStyle.Line);
        }

        ColorBar(svg, chart.Axes[^1].Label, cLo, cHi, Top + 70);
        return End(svg);
    }

    /// <summary>A correlation heatmap (values in [-1, 1]).</summary>
    public static string Render(HeatmapChart chart)
    {
        ArgumentNullException.ThrowIfNull(chart);
        int rows = chart.Rows.Count, cols = chart.Columns.Count;
        int label = 130, cell = Math.Clamp(420 / Math.Max(1, Math.Max(rows, cols)), 18, 56);
        int width = label + (cols * cell) + 150, height = Top + label + (rows * cell) + 20;
        var svg = Begin(chart.Title, width, height);
        double[] finite = [.. chart.Values.SelectMany(r => r).Where(double.IsFinite)];
        (double lo, double hi) = finite.Length == 0 ? (0, 1) : (finite.Min(), finite.Max());
        string Fill(double v) => !chart.Sequential ? Diverging(v) : double.IsFinite(v) ? ColorScale(v, lo, hi) : "#ddd";
        string Text(double v) => !chart.Sequential ? v.ToString("0.00", CultureInfo.InvariantCulture) : ReportFormat.Number(v);
        svg.Append("<g class=\"series\" data-name=\"cells\">");
        for (int i = 0; i < rows; i++)
        {
            for (int j = 0; j < cols; j++)
            {
                double v = chart.Values[i][j];
                int x = label + (j * cell), y = Top + label + (i * cell);
                svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{x}\" y=\"{y}\" width=\"{cell}\" height=\"{cell}\" fill=\"{Fill(v)}\" stroke=\"#fff\"><title>{Esc(chart.Rows[i])} × {Esc(chart.Columns[j])}: {F(v)}</title></rect>");
                svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{x + (cell / 2)}\" y=\"{y + (cell / 2) + 4}\" font-size=\"{(cell < 30 ? 8 : 11)}\" text-anchor=\"middle\">{Text(v)}</text>");
            }
        }

        svg.Append("</g>");
        for (int i = 0; i < rows; i++)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{label - 6}\" y=\"{Top + label + (i * cell) + (cell / 2) + 4}\" font-size=\"11\" text-anchor=\"end\">{Esc(Short(chart.Rows[i]))}</text>");
        }

        for (int j = 0; j < cols; j++)
        {
            int x = label + (j * cell) + (cell / 2);
            svg.Append(CultureInfo.InvariantCulture, $"<text transform=\"translate({x},{Top + label - 6}) rotate(-55)\" font-size=\"11\">{Esc(Short(chart.Columns[j]))}</text>");
        }

        if (chart.RowLabel is not null || chart.ColumnLabel is not null)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"8\" y=\"{Top + label - 8}\" font-size=\"11\" font-style=\"italic\">{Esc(chart.RowLabel ?? "")} ↓ / {Esc(chart.ColumnLabel ?? "")} →</text>");
        }

        int bx = label + (cols * cell) + 24;
        if (chart.Sequential)
        {
            ColorBar(svg, chart.ScaleLabel, lo, hi, Top + label + 10, bx);
            return End(svg);
        }

        for (int k = 0; k <= 20; k++)
        {
            double v = 1 - (k / 10.0);
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{bx}\" y=\"{Top + label + (k * 8)}\" width=\"14\" height=\"8\" fill=\"{Diverging(v)}\"/>");
        }

        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{bx + 18}\" y=\"{Top + label + 8}\" font-size=\"10\">+1</text><text x=\"{bx + 18}\" y=\"{Top + label + 84}\" font-size=\"10\">0</text><text x=\"{bx + 18}\" y=\"{Top + label + 168}\" font-size=\"10\">−1</text>");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{bx}\" y=\"{Top + label - 8}\" font-size=\"11\">{Esc(chart.ScaleLabel)}</text>");
        return End(svg);
    }

    private static StringBuilder Begin(string title, int width = Width, int height = Height)
    {
        var svg = new StringBuilder(8192);
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" font-family=\"sans-serif\">");
        svg.Append(CultureInfo.InvariantCulture, $"<title>{Esc(title)}</title><rect width=\"{width}\" height=\"{height}\" fill=\"#fff\"/>");
        svg.Append(CultureInfo.InvariantCulture, $"<text class=\"title\" x=\"{width / 2}\" y=\"24\" font-size=\"15\" font-weight=\"bold\" text-anchor=\"middle\">{Esc(title)}</text>");
        return svg;
    }

    private static string End(StringBuilder svg) => svg.Append("</svg>").ToString();

    private static void Axes(StringBuilder svg, SvgScale sx, SvgScale sy, PlotAxis x, PlotAxis y)
    {
        int x0 = Left, x1 = Width - Right, y0 = Height - Bottom, y1 = Top;
        svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{x0}\" y=\"{y1}\" width=\"{x1 - x0}\" height=\"{y0 - y1}\" fill=\"none\" stroke=\"#222\"/>");
        foreach ((double v, string label) in sx.Ticks(x.Categories))
        {
            double px = sx.Map(v);
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{F(px)}\" y1=\"{y1}\" x2=\"{F(px)}\" y2=\"{y0}\" stroke=\"#eee\"/><line x1=\"{F(px)}\" y1=\"{y0}\" x2=\"{F(px)}\" y2=\"{y0 + 4}\" stroke=\"#222\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{F(px)}\" y=\"{y0 + 16}\" font-size=\"10\" text-anchor=\"middle\">{Esc(label)}</text>");
        }

        foreach ((double v, string label) in sy.Ticks(y.Categories))
        {
            double py = sy.Map(v);
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{x0}\" y1=\"{F(py)}\" x2=\"{x1}\" y2=\"{F(py)}\" stroke=\"#eee\"/><line x1=\"{x0 - 4}\" y1=\"{F(py)}\" x2=\"{x0}\" y2=\"{F(py)}\" stroke=\"#222\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{x0 - 6}\" y=\"{F(py + 3)}\" font-size=\"10\" text-anchor=\"end\">{Esc(label)}</text>");
        }

        svg.Append(CultureInfo.InvariantCulture, $"<text class=\"x-label\" x=\"{(x0 + x1) / 2}\" y=\"{Height - 18}\" font-size=\"12\" text-anchor=\"middle\">{Esc(x.Label)}{(x.Log ? " (log scale)" : "")}</text>");
        svg.Append(CultureInfo.InvariantCulture, $"<text class=\"y-label\" transform=\"translate(18,{(y0 + y1) / 2}) rotate(-90)\" font-size=\"12\" text-anchor=\"middle\">{Esc(y.Label)}{(y.Log ? " (log scale)" : "")}</text>");
    }

    private static void LegendEntry(StringBuilder svg, int index, string name, string color, SeriesStyle style)
    {
        int x = Width - Right + 14, y = Top + 8 + (index * 18);
        svg.Append("<g class=\"legend\">");
        svg.Append(style == SeriesStyle.Markers
            ? $"<circle cx=\"{x + 8}\" cy=\"{y}\" r=\"4\" fill=\"{color}\"/>"
            : $"<line x1=\"{x}\" y1=\"{y}\" x2=\"{x + 16}\" y2=\"{y}\" stroke=\"{color}\" stroke-width=\"2\"/>");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{x + 22}\" y=\"{y + 4}\" font-size=\"11\">{Esc(Short(name))}</text></g>");
    }

    private static void ColorBar(StringBuilder svg, string label, double lo, double hi, int top, int x = Width - Right + 14)
    {
        svg.Append(CultureInfo.InvariantCulture, $"<g class=\"colorbar\"><text x=\"{x}\" y=\"{top - 6}\" font-size=\"11\">{Esc(Short(label))}</text>");
        for (int k = 0; k < 20; k++)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{x}\" y=\"{top + (k * 6)}\" width=\"14\" height=\"6\" fill=\"{ColorScale(hi - ((hi - lo) * k / 19.0), lo, hi)}\"/>");
        }

        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{x + 18}\" y=\"{top + 8}\" font-size=\"10\">{Esc(ReportFormat.Number(hi))}</text><text x=\"{x + 18}\" y=\"{top + 120}\" font-size=\"10\">{Esc(ReportFormat.Number(lo))}</text></g>");
    }

    // A viridis-like sequential scale (dark purple → yellow).
    private static string ColorScale(double v, double lo, double hi)
    {
        double t = hi > lo && double.IsFinite(v) ? Math.Clamp((v - lo) / (hi - lo), 0, 1) : 0.5;
        (double r, double g, double b)[] stops = [(68, 1, 84), (59, 82, 139), (33, 145, 140), (94, 201, 98), (253, 231, 37)];
        double pos = t * (stops.Length - 1);
        int i = Math.Min((int)pos, stops.Length - 2);
        double f = pos - i;
        return Rgb(stops[i].r + ((stops[i + 1].r - stops[i].r) * f), stops[i].g + ((stops[i + 1].g - stops[i].g) * f), stops[i].b + ((stops[i + 1].b - stops[i].b) * f));
    }

    private static string Diverging(double v)
    {
        double t = double.IsFinite(v) ? Math.Clamp(v, -1, 1) : 0;
        return t >= 0 ? Rgb(255, 255 - (140 * t), 255 - (170 * t)) : Rgb(255 + (170 * t), 255 + (110 * t), 255);
    }

    private static string Rgb(double r, double g, double b) =>
        string.Create(CultureInfo.InvariantCulture, $"rgb({(int)Math.Round(r)},{(int)Math.Round(g)},{(int)Math.Round(b)})");

    private static string Short(string s) => s.Length <= 26 ? s : s[..25] + "…";

    private static string F(double v) => v.ToString("0.##", CultureInfo.InvariantCulture);

    internal static string Esc(string s) => SecurityElement.Escape(s) ?? "";
}
