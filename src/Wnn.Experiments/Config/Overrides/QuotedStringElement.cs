namespace Wnn.Experiments.Config.Overrides;

/// <summary>A quoted string: <see cref="Text"/> is the content with escapes removed, <see cref="Quote"/> is <c>'</c> or <c>"</c>.</summary>
public sealed record QuotedStringElement(string Text, char Quote) : OverrideElement;
