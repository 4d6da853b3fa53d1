namespace Wnn.Experiments.Config.Overrides;

/// <summary><c>a,b,c</c> (<see cref="SimpleForm"/>) or <c>choice(a,b,c)</c>; <see cref="Shuffle"/> from <c>shuffle(…)</c>.</summary>
public sealed record ChoiceSweep(ValueList<OverrideElement> Items, bool SimpleForm, bool Shuffle, ValueList<string> Tags) : OverrideSweep(Tags);
