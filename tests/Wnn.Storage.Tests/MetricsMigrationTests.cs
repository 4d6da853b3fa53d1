using Microsoft.Data.Sqlite;

namespace Wnn.Storage.Tests;

/// <summary>
/// Schema version 3 keeps an experiment's two metrics apart. A version-2 database is read back correctly: the
/// training-part best comes from its iterations, and a phase that did not complete has no full-data result.
/// </summary>
public sealed class MetricsMigrationTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("wnn-migrate-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task Version_2_rows_are_read_with_the_full_data_and_training_part_values_apart()
    {
        string path = Path.Combine(_dir, "old.db");
        using (var c = new SqliteConnection($"Data Source={path}"))
        {
            c.Open();
            Exec(c, "CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)");
            Exec(c, SqliteSchema.Migrations[0]);
            Exec(c, SqliteSchema.Migrations[1]);
            Exec(c, "INSERT INTO schema_version VALUES (1, '2026-01-01T00:00:00Z'), (2, '2026-01-01T00:00:00Z')");
            Exec(c, "INSERT INTO flows (id, name, config_json, status, created_at) VALUES (1, 'f', '{}', 'running', '2026-01-01T00:00:00Z')");
            // Version 2 wrote the training-part best into best_fitness while a phase ran, the full-data result at its end.
            Exec(c, "INSERT INTO experiments (id, flow_id, sequence, name, phase_key, kind, dimension, status, created_at, best_fitness, best_accuracy, "
                + "iterations_run, config_json) VALUES "
                + "(1, 1, 0, 'a', '1a', 'ga', 'neurons', 'completed', '2026-01-01T00:00:00Z', 10.5887, 0.0, 2, '{}'), "
                + "(2, 1, 1, 'b', '1b', 'ts', 'neurons', 'running', '2026-01-01T00:00:00Z', 10.671, 0.0115, 2, '{}')");
            Exec(c, "INSERT INTO iterations (experiment_id, iteration, best_ce, best_accuracy, elapsed_seconds, created_at) VALUES "
                + "(1, 1, 10.674, 0.003, 1, '2026-01-01T00:00:00Z'), (1, 2, 10.672, 0.004, 2, '2026-01-01T00:00:00Z'), "
                + "(2, 1, 10.673, 0.01, 1, '2026-01-01T00:00:00Z'), (2, 2, 10.671, 0.0115, 2, '2026-01-01T00:00:00Z')");
        }

        await using SqliteExperimentStore store = await SqliteExperimentStore.OpenAsync(path, CancellationToken.None);
        Assert.Equal(4, await store.GetSchemaVersionAsync(CancellationToken.None));
        ExperimentRecord done = (await store.GetExperimentAsync(1, CancellationToken.None))!;
        ExperimentRecord running = (await store.GetExperimentAsync(2, CancellationToken.None))!;
        Assert.Equal((10.5887, 0.0, 10.672, 0.004), (done.FullDataCe, done.FullDataAccuracy, done.TrainPartBestCe, done.TrainPartBestAccuracy));
        Assert.Equal(((double?)null, (double?)null, 10.671, 0.0115),
            (running.FullDataCe, running.FullDataAccuracy, running.TrainPartBestCe, running.TrainPartBestAccuracy));
    }

    private static void Exec(SqliteConnection c, string sql)
    {
        using SqliteCommand cmd = c.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }
}
