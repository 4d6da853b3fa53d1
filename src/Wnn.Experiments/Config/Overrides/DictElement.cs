namespace Wnn.Experiments.Config.Overrides;

/// <summary>A dict <c>{k: v, …}</c> in input order; keys are primitive elements (string, int, float, bool or null).</summary>
public sealed record DictElement(ValueList<KeyValuePair<OverrideElement, OverrideElement>> Entries) : OverrideElement;
