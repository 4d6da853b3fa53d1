namespace Wnn.Experiments.Config.Composition;

/// <summary>What an override does, from its prefix.</summary>
public enum ConfigOverrideOperation
{
    /// <summary><c>key=value</c>: the key must exist (struct mode).</summary>
    Set,

    /// <summary><c>+key=value</c>: the key must not exist yet (or, for a group, appends to the defaults list).</summary>
    Add,

    /// <summary><c>++key=value</c>: sets the key whether or not it exists.</summary>
    ForceAdd,

    /// <summary><c>~key</c> or <c>~key=value</c>: removes the key (or the group from the defaults list); with a value,
    /// only if it has that value.</summary>
    Delete,
}
