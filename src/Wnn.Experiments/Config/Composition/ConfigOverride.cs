using System.Globalization;

namespace Wnn.Experiments.Config.Composition;

/// <summary>
/// One command-line override as composition consumes it (what the override grammar produces, one job's worth: no
/// sweeps).
/// </summary>
/// <param name="Kind">Group selection, value, or decided at composition (<see cref="ConfigOverrideKind.Auto"/>).</param>
/// <param name="Operation">Set, add (+), force-add (++) or delete (~).</param>
/// <param name="Key">A dotted key (<c>db.host</c>, <c>layers.0</c>) or a group path (<c>phase1/latent_space</c>).</param>
/// <param name="Package">The package after '@' (<c>db@backup=mysql</c>), or null.</param>
/// <param name="Value">The value as a plain object tree: string, long, double, bool, null, <c>List&lt;object?&gt;</c>,
/// <c>Dictionary&lt;string, object?&gt;</c> (in order). For a group selection the option name (or a list of names);
/// for a delete the expected value, or null.</param>
/// <param name="Text">The override as the user wrote it (for messages and <c>hydra.overrides.task</c>); null renders one.</param>
public sealed record ConfigOverride(
    ConfigOverrideKind Kind,
    ConfigOverrideOperation Operation,
    string Key,
    string? Package,
    object? Value,
    string? Text = null)
{
    /// <summary>The key with its package, as Hydra names an override (<c>db@backup</c>).</summary>
    public string KeyWithPackage => Package is null ? Key : Key + "@" + Package;

    /// <summary>The override as written (or a rendering of it: <c>+db.port=3306</c>).</summary>
    public string InputText => Text ?? Render();

    /// <summary>
    /// TEMPORARY: a minimal reader of <c>[+|++|~]key[@pkg][=value]</c> for tests and the CLI until the override grammar
    /// (Config/Overrides) is wired in; it will then be deleted. Values: quoted strings, <c>null</c>, true/false, ints,
    /// floats, flat lists <c>[a,b]</c>, else the text. No sweeps, no functions, no escapes, no dicts.
    /// </summary>
    /// <exception cref="ConfigCompositionException">Empty key, a missing '=', or a sweep.</exception>
    public static ConfigOverride ParseSimple(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string rest = text;
        ConfigOverrideOperation operation = ConfigOverrideOperation.Set;
        if (rest.StartsWith("++", StringComparison.Ordinal))
        {
            (operation, rest) = (ConfigOverrideOperation.ForceAdd, rest[2..]);
        }
        else if (rest.StartsWith('+'))
        {
            (operation, rest) = (ConfigOverrideOperation.Add, rest[1..]);
        }
        else if (rest.StartsWith('~'))
        {
            (operation, rest) = (ConfigOverrideOperation.Delete, rest[1..]);
        }

        int eq = rest.IndexOf('=', StringComparison.Ordinal);
        if (eq < 0 && operation != ConfigOverrideOperation.Delete)
        {
            throw new ConfigCompositionException($"override '{text}': expected key=value");
        }

        string keyPart = eq < 0 ? rest : rest[..eq];
        int at = keyPart.IndexOf('@', StringComparison.Ordinal);
        string key = (at < 0 ? keyPart : keyPart[..at]).Trim();
        string? package = at < 0 ? null : keyPart[(at + 1)..].Trim();
        if (key.Length == 0)
        {
            throw new ConfigCompositionException($"override '{text}': the key is empty");
        }

        object? value = null;
        if (eq >= 0)
        {
            string valueText = rest[(eq + 1)..].Trim();
            if (valueText.StartsWith('[') && valueText.EndsWith(']'))
            {
                string inner = valueText[1..^1].Trim();
                value = inner.Length == 0 ? new List<object?>() : inner.Split(',').Select(v => SimpleValue(v.Trim(), text)).ToList();
            }
            else
            {
                value = SimpleValue(valueText, text);
            }
        }

        return new ConfigOverride(ConfigOverrideKind.Auto, operation, key, package, value, text);
    }

    private static object? SimpleValue(string text, string whole)
    {
        if (text.Length >= 2 && (text[0] == '\'' || text[0] == '"') && text[^1] == text[0])
        {
            return text[1..^1];
        }

        if (text.Contains(',', StringComparison.Ordinal) && !text.Contains("${", StringComparison.Ordinal))
        {
            throw new ConfigCompositionException($"override '{whole}': sweeps (a,b,c) are not accepted here; give one value per key");
        }

        if (text.Equals("null", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        if (text.Equals("true", StringComparison.OrdinalIgnoreCase) || text.Equals("false", StringComparison.OrdinalIgnoreCase))
        {
            return text.Equals("true", StringComparison.OrdinalIgnoreCase);
        }

        string digits = text.Replace("_", "", StringComparison.Ordinal);
        if (long.TryParse(digits, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long l))
        {
            return l;
        }

        if (digits.Length > 0 && (char.IsAsciiDigit(digits[^1]) || digits[^1] == '.')
            && double.TryParse(digits, NumberStyles.Float, CultureInfo.InvariantCulture, out double d))
        {
            return d;
        }

        return text.ToLowerInvariant() switch
        {
            "inf" or "+inf" => double.PositiveInfinity,
            "-inf" => double.NegativeInfinity,
            "nan" => double.NaN,
            _ => text,
        };
    }

    private string Render()
    {
        string prefix = Operation switch
        {
            ConfigOverrideOperation.Add => "+",
            ConfigOverrideOperation.ForceAdd => "++",
            ConfigOverrideOperation.Delete => "~",
            _ => "",
        };
        if (Operation == ConfigOverrideOperation.Delete && Value is null)
        {
            return prefix + KeyWithPackage;
        }

        return prefix + KeyWithPackage + "=" + RenderValue(Value);
    }

    private static string RenderValue(object? value) => value switch
    {
        IEnumerable<KeyValuePair<string, object?>> map => "{" + string.Join(",", map.Select(p => p.Key + ":" + RenderValue(p.Value))) + "}",
        string s => s,
        System.Collections.IEnumerable list => "[" + string.Join(",", list.Cast<object?>().Select(RenderValue)) + "]",
        bool b => b ? "true" : "false",
        null => "null",
        _ => PythonText.Str(value),
    };
}
