using System.Globalization;
using System.Text;

namespace Wnn.Reports.Plots;

public static partial class SvgPlot
{
    /// <summary>
    /// A contour chart. The trials are binned on the grid, then each grid node gets the kernel-weighted mean of the
    /// bins (a Nadaraya–Watson smoother in axis units, log where the axis is log), so the cost is grid × grid, not
    /// grid × trials; nodes with no trial nearby stay blank. Bands are filled per cell and iso-lines traced by
    /// marching squares.
    /// </summary>
    public static string Render(ContourChart chart)
    {
        ArgumentNullException.ThrowIfNull(chart);
        var points = chart.Points.Where(p => double.IsFinite(p.Z)).ToList();
        var sx = new SvgScale(points.Select(p => p.X), chart.X.Log, Left, Width - Right, chart.X.Categories is not null, chart.X.Categories?.Count ?? 0);
        var sy = new SvgScale(points.Select(p => p.Y), chart.Y.Log, Height - Bottom, Top, chart.Y.Categories is not null, chart.Y.Categories?.Count ?? 0);
        var svg = Begin(chart.Title);
        int g = Math.Max(2, chart.Cells);
        double[,] grid = Interpolate(chart, points, sx, sy, g);
        double[] finite = [.. grid.Cast<double>().Where(double.IsFinite)];
        (double lo, double hi) = finite.Length == 0 ? (0, 1) : (finite.Min(), finite.Max());
        int levels = Math.Max(2, chart.Levels);
        double band = hi > lo ? (hi - lo) / levels : 1;
        double cw = (Width - Right - Left) / (double)g, ch = (Height - Bottom - Top) / (double)g;
        svg.Append("<g class=\"series\" data-name=\"interpolated\">");
        for (int i = 0; i < g; i++)
        {
            for (int j = 0; j < g; j++)
            {
                double v = 0.25 * (grid[i, j] + grid[i + 1, j] + grid[i, j + 1] + grid[i + 1, j + 1]);
                if (!double.IsFinite(v))
                {
                    continue;
                }

                int k = Math.Clamp((int)((v - lo) / band), 0, levels - 1);
                svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{F(Left + (i * cw))}\" y=\"{F(Top + (j * ch))}\" width=\"{F(cw + 0.5)}\" height=\"{F(ch + 0.5)}\" fill=\"{ColorScale(lo + ((k + 0.5) * band), lo, hi)}\"/>");
            }
        }

        svg.Append("</g><g class=\"series\" data-name=\"contour lines\">");
        for (int k = 1; k < levels; k++)
        {
            string d = IsoLine(grid, g, lo + (k * band), cw, ch);
            if (d.Length > 0)
            {
                svg.Append(CultureInfo.InvariantCulture, $"<path d=\"{d}\" fill=\"none\" stroke=\"#222\" stroke-width=\"0.7\" stroke-opacity=\"0.6\"/>");
            }
        }

        svg.Append("</g>");
        Axes(svg, sx, sy, chart.X, chart.Y);
        svg.Append("<g class=\"series\" data-name=\"trials\">");
        foreach ((double x, double y, _) in points.Where(p => sx.Accepts(p.X) && sy.Accepts(p.Y)))
        {
            svg.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{F(sx.Map(x))}\" cy=\"{F(sy.Map(y))}\" r=\"2.2\" fill=\"#fff\" fill-opacity=\"0.7\" stroke=\"#222\" stroke-width=\"0.5\"/>");
        }

        svg.Append("</g>");
        LegendEntry(svg, 0, "trials", "#fff", SeriesStyle.Markers);
        LegendEntry(svg, 1, "contour lines", "#222", SeriesStyle.Line);
        ColorBar(svg, chart.ValueLabel + " (interpolated)", lo, hi, Top + 28 + (2 * 18));
        return End(svg);
    }

    /// <summary>Grid node values (g+1 × g+1, x by y from the top) in pixel-normalized units; NaN where no trial is near.</summary>
    internal static double[,] Interpolate(ContourChart chart, List<(double X, double Y, double Z)> points, SvgScale sx, SvgScale sy, int g)
    {
        double x0 = Left, x1 = Width - Right, y0 = Top, y1 = Height - Bottom;
        double[,] sum = new double[g, g], count = new double[g, g];
        foreach ((double x, double y, double z) in points)
        {
            if (!sx.Accepts(x) || !sy.Accepts(y))
            {
                continue;
            }

            int bi = Math.Clamp((int)((sx.Map(x) - x0) / (x1 - x0) * g), 0, g - 1);
            int bj = Math.Clamp((int)((sy.Map(y) - y0) / (y1 - y0) * g), 0, g - 1);
            sum[bi, bj] += z;
            count[bi, bj]++;
        }

        var bins = new List<(double U, double V, double Sum, double Count)>();
        for (int i = 0; i < g; i++)
        {
            for (int j = 0; j < g; j++)
            {
                if (count[i, j] > 0)
                {
                    bins.Add(((i + 0.5) / g, (j + 0.5) / g, sum[i, j], count[i, j]));
                }
            }
        }

        double twoH2 = 2 * chart.Bandwidth * chart.Bandwidth;
        double[,] grid = new double[g + 1, g + 1];
        for (int i = 0; i <= g; i++)
        {
            for (int j = 0; j <= g; j++)
            {
                double u = i / (double)g, v = j / (double)g, ws = 0, wc = 0;
                foreach ((double bu, double bv, double s, double c) in bins)
                {
                    double d2 = ((u - bu) * (u - bu)) + ((v - bv) * (v - bv));
                    if (d2 < 9 * twoH2)
                    {
                        double w = Math.Exp(-d2 / twoH2);
                        ws += w * s;
                        wc += w * c;
                    }
                }

                grid[i, j] = wc > 0.05 ? ws / wc : double.NaN;
            }
        }

        return grid;
    }

    // Marching squares over the node grid; a saddle takes the two segments that separate the high corners.
    private static string IsoLine(double[,] grid, int g, double level, double cw, double ch)
    {
        var d = new StringBuilder();
        for (int i = 0; i < g; i++)
        {
            for (int j = 0; j < g; j++)
            {
                double a = grid[i, j], b = grid[i + 1, j], c = grid[i + 1, j + 1], e = grid[i, j + 1];
                if (!(double.IsFinite(a) && double.IsFinite(b) && double.IsFinite(c) && double.IsFinite(e)))
                {
                    continue;
                }

                int index = (a >= level ? 1 : 0) | (b >= level ? 2 : 0) | (c >= level ? 4 : 0) | (e >= level ? 8 : 0);
                if (index is 0 or 15)
                {
                    continue;
                }

                double px = Left + (i * cw), py = Top + (j * ch);
                (double, double) AtTop() => (px + (cw * Frac(a, b, level)), py);
                (double, double) AtRight() => (px + cw, py + (ch * Frac(b, c, level)));
                (double, double) AtBottom() => (px + (cw * Frac(e, c, level)), py + ch);
                (double, double) AtLeft() => (px, py + (ch * Frac(a, e, level)));
                void Segment((double X, double Y) p, (double X, double Y) q) =>
                    d.Append(CultureInfo.InvariantCulture, $"M{F(p.X)},{F(p.Y)} L{F(q.X)},{F(q.Y)} ");
                switch (index)
                {
                    case 1 or 14: Segment(AtLeft(), AtTop()); break;
                    case 2 or 13: Segment(AtTop(), AtRight()); break;
                    case 3 or 12: Segment(AtLeft(), AtRight()); break;
                    case 4 or 11: Segment(AtRight(), AtBottom()); break;
                    case 6 or 9: Segment(AtTop(), AtBottom()); break;
                    case 7 or 8: Segment(AtLeft(), AtBottom()); break;
                    case 5: Segment(AtLeft(), AtTop()); Segment(AtRight(), AtBottom()); break;
                    default: Segment(AtTop(), AtRight()); Segment(AtLeft(), AtBottom()); break;
                }
            }
        }

        return d.ToString().TrimEnd();
    }

    private static double Frac(double from, double to, double level) => to == from ? 0.5 : Math.Clamp((level - from) / (to - from), 0, 1);
}
