namespace Wnn.Experiments.Config.Composition;

/// <summary>Whether an override selects a group option or sets a value.</summary>
public enum ConfigOverrideKind
{
    /// <summary>Decided at composition, as Hydra does: a key naming an existing group folder (and a value that is not
    /// a mapping) is a group selection, anything else a value.</summary>
    Auto,

    /// <summary><c>db=mysql</c>, <c>+db=mysql</c>, <c>~db</c>, <c>db@backup=mysql</c>: the key must be a group.</summary>
    GroupSelection,

    /// <summary><c>db.host=x</c>: sets, adds or deletes a value of the composed config.</summary>
    Value,
}
