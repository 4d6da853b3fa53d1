using System.Globalization;

namespace Wnn.Contracts;

/// <summary>
/// One configuration key, declared once in <see cref="ConfigKeys"/>: its dotted name, type, default, allowed range or
/// values, one line of documentation, aliases (the flat seed-000 names), CLI flag and resume rule. Everything that reads
/// or shows configuration (YAML, flags, flow configs, server validation, the dashboard's builder, docs) derives from it.
/// </summary>
public sealed record ConfigKeyDefinition
{
    /// <summary>Dotted canonical name, e.g. <c>ga.generations</c>.</summary>
    public required string Name { get; init; }

    /// <summary>Value type.</summary>
    public required ConfigValueKind Kind { get; init; }

    /// <summary>One line of documentation.</summary>
    public required string Doc { get; init; }

    /// <summary>Short label for forms, e.g. "GA generations".</summary>
    public required string Label { get; init; }

    /// <summary>The default value (int, ulong, double, bool, string or null), as the CLR type of <see cref="Kind"/>.</summary>
    public object? Default { get; init; }

    /// <summary>What a null default means, e.g. "2·2^(pass−1)" for patience or "all cores" for threads; null when the default is a value.</summary>
    public string? DefaultNote { get; init; }

    /// <summary>Whether null is a valid value.</summary>
    public bool Nullable { get; init; }

    /// <summary>Smallest allowed number, or null.</summary>
    public double? Minimum { get; init; }

    /// <summary>Largest allowed number, or null.</summary>
    public double? Maximum { get; init; }

    /// <summary>The minimum itself is not allowed.</summary>
    public bool ExclusiveMinimum { get; init; }

    /// <summary>The maximum itself is not allowed.</summary>
    public bool ExclusiveMaximum { get; init; }

    /// <summary>Allowed values of a text key (empty = any text).</summary>
    public IReadOnlyList<string> Allowed { get; init; } = [];

    /// <summary>Words a number key also accepts in place of a number (<c>auto</c> for the score scale); empty for most keys.</summary>
    public IReadOnlyList<string> Words { get; init; } = [];

    /// <summary>Other accepted names (the flat seed-000 names such as <c>ga_generations</c>).</summary>
    public IReadOnlyList<string> Aliases { get; init; } = [];

    /// <summary>CLI flag of <c>wnn search</c> and <c>wnn flow create</c>, e.g. <c>--ga-gens</c>; null = set it with an override or <c>--set</c>.</summary>
    public string? Flag { get; init; }

    /// <summary>Whether the key may change on resume.</summary>
    public ResumeRule Resume { get; init; } = ResumeRule.Identity;

    /// <summary>Where the key is read.</summary>
    public ConfigScope Scope { get; init; } = ConfigScope.All;

    /// <summary>May be set per phase in <c>search.phases</c> (budgets, patience, fitness, threshold, grid values).</summary>
    public bool PerPhase { get; init; }

    /// <summary>A file or folder path (sent absolute by the CLI, since a worker may run elsewhere).</summary>
    public bool IsPath { get; init; }

    /// <summary>The group: the name up to its last dot.</summary>
    public string Group => Name[..Name.LastIndexOf('.')];

    /// <summary>The type as a word: integer, unsigned, number, boolean or string.</summary>
    public string TypeName => Kind switch
    {
        ConfigValueKind.Integer => "integer",
        ConfigValueKind.UnsignedInteger => "unsigned",
        ConfigValueKind.Number => "number",
        ConfigValueKind.Boolean => "boolean",
        _ => "string",
    };

    /// <summary>The allowed range or values as text (<c>1..64</c>, <c>(0, 1]</c>, <c>&gt;= 1</c>, <c>ce | harmonic_rank</c>), or null when anything of the type goes.</summary>
    public string? RangeText
    {
        get
        {
            if (Allowed.Count > 0)
            {
                return string.Join(" | ", Allowed);
            }

            string? min = Minimum is double lo ? Number(lo) : null;
            string? max = Maximum is double hi ? Number(hi) : null;
            string words = string.Concat(Words.Select(w => " | " + w));
            return (min, max) switch
            {
                (null, null) => Words.Count > 0 ? "number" + words : null,
                ({ } a, { } b) when Kind is ConfigValueKind.Integer or ConfigValueKind.UnsignedInteger && !ExclusiveMinimum && !ExclusiveMaximum => $"{a}..{b}",
                ({ } a, { } b) => $"{(ExclusiveMinimum ? "(" : "[")}{a}, {b}{(ExclusiveMaximum ? ")" : "]")}" + words,
                ({ } a, null) => (ExclusiveMinimum ? "> " : ">= ") + a + words,
                (null, { } b) => (ExclusiveMaximum ? "< " : "<= ") + b + words,
            };
        }
    }

    /// <summary>The default as text: the value (strings unquoted), or the <see cref="DefaultNote"/> of a null default.</summary>
    public string DefaultText => Default switch
    {
        null => DefaultNote ?? "null",
        string s => s,
        var v => FormatValue(v),
    };

    /// <summary>Parses text (a YAML scalar, a flag value, a JSON scalar's text); null, empty, <c>~</c>, <c>null</c> and <c>none</c> are null.</summary>
    /// <returns>The value as the CLR type of <see cref="Kind"/>, or null; <paramref name="error"/> is set when the text is not a value of this key.</returns>
    public object? Parse(string? text, out string? error)
    {
        error = null;
        string? t = text?.Trim();
        // An allowed word wins over the null words ("none" can be a value, as output_bias: none is).
        if (t is not null && (Kind == ConfigValueKind.Text ? Allowed : Words).Contains(t.ToLowerInvariant()))
        {
            return t.ToLowerInvariant();
        }

        if (t is null || t.Length == 0 || t is "~" || t.Equals("null", StringComparison.OrdinalIgnoreCase) || t.Equals("none", StringComparison.OrdinalIgnoreCase))
        {
            if (!Nullable)
            {
                error = $"null is not allowed; expected {Expected}";
            }

            return null;
        }

        object? value = Kind switch
        {
            ConfigValueKind.Integer => int.TryParse(t, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int i) ? i : null,
            ConfigValueKind.UnsignedInteger => ulong.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out ulong u) ? u : null,
            ConfigValueKind.Number => double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out double d) && double.IsFinite(d) ? d : null,
            ConfigValueKind.Boolean => t.ToLowerInvariant() switch
            {
                "true" or "yes" or "on" => true,
                "false" or "no" or "off" => false,
                _ => null,
            },
            _ => ParseText(t),
        };
        if (value is null)
        {
            error = Allowed.Count > 0 ? $"'{t}' is not allowed; expected one of {string.Join(", ", Allowed)}" : $"'{t}' is not {Expected}";
            return null;
        }

        error = Check(value);
        return value;
    }

    /// <summary>Null when <paramref name="value"/> (as returned by <see cref="Parse"/>) lies in the allowed range, otherwise the message.</summary>
    public string? Check(object? value)
    {
        double? n = value switch
        {
            int i => i,
            ulong u => u,
            double d => d,
            _ => null,
        };
        if (n is not double x)
        {
            return value is null && !Nullable ? $"null is not allowed; expected {Expected}" : null;
        }

        bool ok = (Minimum is not double lo || (ExclusiveMinimum ? x > lo : x >= lo))
            && (Maximum is not double hi || (ExclusiveMaximum ? x < hi : x <= hi));
        return ok ? null : $"{FormatValue(value)} is out of range; allowed {RangeText}{(Nullable ? " or null" : "")}";
    }

    /// <summary>Formats a value of this key as YAML scalar text (strings quoted, null as <c>null</c>).</summary>
    public static string FormatValue(object? value) => value switch
    {
        null => "null",
        bool b => b ? "true" : "false",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        string s => "'" + s.Replace("'", "''", StringComparison.Ordinal) + "'",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        var o => o.ToString() ?? "null",
    };

    /// <summary>What a valid value looks like, e.g. "an integer or null".</summary>
    public string Expected => (Kind switch
    {
        ConfigValueKind.Integer => "an integer",
        ConfigValueKind.UnsignedInteger => "a non-negative integer",
        ConfigValueKind.Number => "a number" + string.Concat(Words.Select(w => " or " + w)),
        ConfigValueKind.Boolean => "true or false",
        _ => Allowed.Count > 0 ? "one of " + string.Join(", ", Allowed) : "text",
    }) + (Nullable ? " or null" : "");

    /// <summary>The names this key answers to: <see cref="Name"/>, then <see cref="Aliases"/>.</summary>
    public IEnumerable<string> Names => Aliases.Prepend(Name);

    private string? ParseText(string t)
    {
        if (Allowed.Count == 0)
        {
            return t;
        }

        string lower = t.ToLowerInvariant();
        return Allowed.Contains(lower) ? lower : null;
    }

    private static string Number(double value) => value.ToString(CultureInfo.InvariantCulture);
}
