using Wnn.Search;

namespace Wnn.Storage;

/// <summary>Opens the right study storage for a <c>--storage</c> value: a PostgreSQL connection string or a SQLite file path.</summary>
public static class StudyStorages
{
    /// <summary>Opens and migrates the database named by <paramref name="storage"/> (see <see cref="ExperimentStores.IsPostgres"/>).</summary>
    public static async Task<SqlStudyStorage> OpenAsync(string storage, TimeProvider? timeProvider, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(storage);
        return ExperimentStores.IsPostgres(storage)
            ? await PostgresStudyStorage.OpenAsync(storage, timeProvider, cancellationToken)
            : await SqliteStudyStorage.OpenAsync(storage, timeProvider, cancellationToken);
    }
}
