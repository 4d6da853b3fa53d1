namespace Wnn.Experiments.Config.Overrides;

/// <summary>Turns a parsed element into a plain object tree for config composition.</summary>
public static class OverrideValues
{
    /// <summary>
    /// null, bool, long, double, string (quoted or not, escapes removed, interpolations kept as text),
    /// <see cref="List{T}"/> of objects, or <see cref="Dictionary{TKey, TValue}"/> with string keys in input order
    /// (non-string keys as Hydra writes them: <c>1</c>, <c>1.5</c>, <c>True</c>, <c>null</c>).
    /// </summary>
    public static object? ToPlain(OverrideElement element) =>
        element switch
        {
            null => throw new ArgumentNullException(nameof(element)),
            NullElement => null,
            BoolElement b => b.Value,
            IntElement i => i.Value,
            FloatElement f => f.Value,
            StringElement s => s.Value,
            QuotedStringElement q => q.Text,
            ListElement l => l.Items.Select(ToPlain).ToList(),
            DictElement d => d.Entries.ToDictionary(e => e.Key is StringElement s ? s.Value : OverrideFormatter.Format(e.Key), e => ToPlain(e.Value), StringComparer.Ordinal),
            _ => throw new ArgumentException($"unknown element type {element.GetType().Name}", nameof(element)),
        };

    /// <summary>The plain value of a non-sweep override (<see cref="ToPlain"/>); a sweep or a bare delete is an error.</summary>
    public static object? ValueOf(Override o)
    {
        ArgumentNullException.ThrowIfNull(o);
        return o.Value switch
        {
            OverrideElement e => ToPlain(e),
            OverrideSweep => throw new SweepPlanException($"'{o.InputLine}' is a sweep; a single value is needed here (run it with a sweep command)"),
            _ => throw new SweepPlanException($"'{o.InputLine}' deletes a key and has no value"),
        };
    }
}
