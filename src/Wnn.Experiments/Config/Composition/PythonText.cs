using System.Globalization;
using Wnn.Experiments.Config.Overrides;

namespace Wnn.Experiments.Config.Composition;

/// <summary>Python's <c>str()</c> of config scalars, which OmegaConf uses when a value becomes text (floats: the grammar's <see cref="PythonFloat.Repr"/>).</summary>
internal static class PythonText
{
    /// <summary><c>str(value)</c>: None, True/False, 1e-05, 0.1, inf, nan, the string itself.</summary>
    public static string Str(object? value) => value switch
    {
        null => "None",
        string s => s,
        bool b => b ? "True" : "False",
        long l => l.ToString(CultureInfo.InvariantCulture),
        double d => PythonFloat.Repr(d),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };
}
