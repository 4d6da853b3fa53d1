using System.Globalization;

namespace Wnn.Reports;

/// <summary>Invariant number and value formatting shared by every report format.</summary>
public static class ReportFormat
{
    /// <summary>A number with up to 6 significant digits ("" for NaN).</summary>
    public static string Number(double value) =>
        double.IsNaN(value) ? "" : value.ToString("G6", CultureInfo.InvariantCulture);

    /// <summary>A number in full round-trip precision (for CSV and JSON).</summary>
    public static string Exact(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>A parameter value as text (numbers invariant, null as "null").</summary>
    public static string Value(object? value) => value switch
    {
        null => "null",
        double d => Number(d),
        float f => Number(f),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
