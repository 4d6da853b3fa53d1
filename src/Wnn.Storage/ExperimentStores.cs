namespace Wnn.Storage;

/// <summary>Opens the right store for a <c>--db</c> value: a PostgreSQL connection string or a SQLite file path.</summary>
public static class ExperimentStores
{
    /// <summary>Default SQLite file used when no database is named.</summary>
    public const string DefaultSqlitePath = ".wnn/experiments.db";

    /// <summary>True when <paramref name="database"/> looks like a PostgreSQL connection string (contains <c>Host=</c> or <c>Server=</c>).</summary>
    public static bool IsPostgres(string database)
    {
        ArgumentNullException.ThrowIfNull(database);
        return database.Contains("Host=", StringComparison.OrdinalIgnoreCase)
            || database.Contains("Server=", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Opens and migrates the store named by <paramref name="database"/> (SQLite file path by default).</summary>
    public static async Task<IExperimentStore> OpenAsync(string? database, CancellationToken cancellationToken)
    {
        string value = string.IsNullOrWhiteSpace(database) ? DefaultSqlitePath : database;
        return IsPostgres(value)
            ? await PostgresExperimentStore.OpenAsync(value, cancellationToken)
            : await SqliteExperimentStore.OpenAsync(value, cancellationToken);
    }
}
