using Wnn.Search;

namespace Wnn.Reports;

/// <summary>A parameter of the study as the report shows it: its kind, range and whether its axis is logarithmic.</summary>
public sealed record ReportParameter(string Name, string Kind, bool Log, double Low, double High, IReadOnlyList<string> Choices)
{
    /// <summary>True for float and int parameters (plotted on a numeric axis).</summary>
    public bool IsNumeric => Kind != "categorical";

    /// <summary>Describes a distribution.</summary>
    public static ReportParameter From(string name, ParameterDistribution distribution) => distribution switch
    {
        FloatDistribution f => new ReportParameter(name, "float", f.Log, f.Low, f.High, []),
        IntDistribution i => new ReportParameter(name, "int", i.Log, i.Low, i.High, []),
        CategoricalDistribution c => new ReportParameter(name, "categorical", false, 0, c.Choices.Count - 1, [.. c.Choices.Select(ReportFormat.Value)]),
        _ => new ReportParameter(name, "float", false, 0, 1, []),
    };
}
