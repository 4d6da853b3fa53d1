namespace Wnn.Experiments.Config.Overrides;

/// <summary>What an override does: <c>key=v</c>, <c>+key=v</c>, <c>++key=v</c> or <c>~key[=v]</c>.</summary>
public enum OverrideType
{
    /// <summary><c>key=value</c>: change an existing key or select a group option.</summary>
    Change,

    /// <summary><c>+key=value</c>: add a key (or a group to the defaults list) that must not exist yet.</summary>
    Add,

    /// <summary><c>++key=value</c>: add the key, or change it if it exists.</summary>
    ForceAdd,

    /// <summary><c>~key</c> or <c>~key=value</c>: delete a key or a group from the defaults list.</summary>
    Delete,
}
