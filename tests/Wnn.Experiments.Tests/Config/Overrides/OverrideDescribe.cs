using Wnn.Experiments.Config.Overrides;

namespace Wnn.Experiments.Tests.Config.Overrides;

/// <summary>A typed one-line description of a parsed value, so tests can state types as well as text.</summary>
internal static class OverrideDescribe
{
    public static string Of(OverrideValue? v) =>
        v switch
        {
            null => "none",
            NullElement => "null",
            BoolElement b => "bool:" + b,
            IntElement i => "int:" + i,
            FloatElement f => "float:" + f,
            StringElement s => "str:" + s.Value,
            QuotedStringElement q => "quoted:" + q,
            ListElement l => "list:" + l,
            DictElement d => "dict:" + d,
            ChoiceSweep c => (c.SimpleForm ? "simple_choice" : "choice") + (c.Shuffle ? "+shuffle" : "") + Tags(c.Tags) + ":" + string.Join(", ", c.Items.Select(Of)),
            RangeSweep r => "range" + (r.Shuffle ? "+shuffle" : "") + Tags(r.Tags) + $":{Of(r.Start)}, {Of(r.Stop)}, {Of(r.Step)}",
            IntervalSweep i => "interval" + Tags(i.Tags) + $":{Of(i.Start)}, {Of(i.End)}",
            GlobSweep g => $"glob:[{string.Join(",", g.Include)}]-[{string.Join(",", g.Exclude)}]",
            _ => v.GetType().Name,
        };

    private static string Tags(IReadOnlyList<string> tags) => tags.Count == 0 ? "" : "[" + string.Join(",", tags) + "]";
}
