using System.Text.Json;
using Wnn.Reports;

namespace Wnn.Server;

/// <summary>A study's report as JSON and its figures (rendered on first request), for one change marker.</summary>
internal sealed class CachedReport(byte[] json, StudyReport report)
{
    private readonly Lazy<byte[]> _figures = new(
        () => JsonSerializer.SerializeToUtf8Bytes(ReportFigures.Render(report).Select(f => new FigureRecord(f.Id, f.Title, f.Svg)).ToList(), StoreJson.Options),
        LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The report as the API sends it.</summary>
    public byte[] Json => json;

    /// <summary>The figures as the API sends them: history, slices, parallel coordinates, contour, learning curves, correlation, Pareto.</summary>
    public byte[] Figures => _figures.Value;
}
