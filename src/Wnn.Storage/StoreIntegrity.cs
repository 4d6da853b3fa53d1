namespace Wnn.Storage;

/// <summary>The result of a database integrity check: empty lists mean the database is sound.</summary>
/// <param name="DamagedTables">Tables whose own check fails (SQLite <c>PRAGMA quick_check(table)</c>).</param>
/// <param name="Messages">The check's messages, at most a few.</param>
public sealed record StoreIntegrity(IReadOnlyList<string> DamagedTables, IReadOnlyList<string> Messages)
{
    /// <summary>A sound database.</summary>
    public static StoreIntegrity Sound { get; } = new([], []);

    /// <summary>Whether the check passed.</summary>
    public bool IsSound => DamagedTables.Count == 0 && Messages.Count == 0;

    /// <summary>One line naming the damage and the fix, for logs and problem details.</summary>
    public string Describe(string database) =>
        $"database {database} is damaged ({(DamagedTables.Count > 0 ? "table(s) " + string.Join(", ", DamagedTables) : "integrity check failed")}: "
        + $"{string.Join("; ", Messages.Take(3))}); restore it from a backup, or move it aside, restart and re-import the checkpoint files "
        + "with `wnn checkpoint import DIR`";
}
