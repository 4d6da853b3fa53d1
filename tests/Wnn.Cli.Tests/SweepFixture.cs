using System.Diagnostics;
using Npgsql;
using Wnn.Search;
using Wnn.Storage;

namespace Wnn.Cli.Tests;

/// <summary>A temp directory for one sweep test: writes configs and trial scripts, runs `wnn sweep …`, reads the sweep's storage.</summary>
internal sealed class SweepFixture : IDisposable
{
    public SweepFixture() => Dir = Directory.CreateTempSubdirectory("wnn-sweep-").FullName;

    public string Dir { get; }

    public string SweepDir => Path.Combine(Dir, "sweep");

    public string Write(string name, string text)
    {
        string path = Path.Combine(Dir, name);
        File.WriteAllText(path, text.ReplaceLineEndings("\n"));
        return path;
    }

    public WnnProcess.Result Run(params string[] args) => WnnProcess.Run(Dir, args);

    public WnnProcess.Running Start(params string[] args) => WnnProcess.Start(Dir, args);

    /// <summary>The sweep's trials (the study named after the sweep directory) in the given storage (default sweep.db in the sweep dir).</summary>
    public IReadOnlyList<FrozenTrial> Trials(string? storage = null) => Trials(storage ?? Path.Combine(SweepDir, "sweep.db"), "sweep");

    /// <summary>The trials of one study (a sweep's id is its directory's name) in a storage.</summary>
    public static IReadOnlyList<FrozenTrial> Trials(string storage, string study)
    {
        using SqlStudyStorage s = StudyStorages.OpenAsync(storage, null, CancellationToken.None).GetAwaiter().GetResult();
        return s.GetTrials(s.FindStudy(study) ?? throw new InvalidOperationException($"no study '{study}'"));
    }

    public static int Job(FrozenTrial t) => Convert.ToInt32(t.UserAttributes["job"], System.Globalization.CultureInfo.InvariantCulture);

    public static string Reason(FrozenTrial t) => t.UserAttributes.TryGetValue("reason", out object? r) ? r as string ?? "" : "";

    public static T WaitFor<T>(Func<T?> probe, TimeSpan timeout)
        where T : class
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            try
            {
                if (probe() is T found)
                {
                    return found;
                }
            }
            catch (Exception ex) when (ex is System.Data.Common.DbException or InvalidOperationException or IOException)
            {
                // Not created yet.
            }

            Thread.Sleep(50);
        }

        throw new TimeoutException("condition not reached in " + timeout);
    }

    public void Dispose()
    {
        NpgsqlConnection.ClearAllPools();
        Directory.Delete(Dir, recursive: true);
    }
}

/// <summary>A fresh schema in the test PostgreSQL server (scripts/test-prereqs.sh; WNN_TEST_PG overrides); fails, not skips, when it is unreachable.</summary>
internal sealed class PostgresSchema : IDisposable
{
    private const string DefaultConnectionString = "Host=127.0.0.1;Port=55432;Username=postgres;Database=wnn_test";
    private readonly string _schema = "s_" + Guid.NewGuid().ToString("N");

    public PostgresSchema() => Execute($"CREATE SCHEMA {_schema}");

    public string ConnectionString => new NpgsqlConnectionStringBuilder(BaseConnectionString) { SearchPath = _schema }.ToString();

    private static string BaseConnectionString =>
        Environment.GetEnvironmentVariable("WNN_TEST_PG") is { Length: > 0 } value ? value : DefaultConnectionString;

    public void Dispose()
    {
        NpgsqlConnection.ClearAllPools();
        Execute($"DROP SCHEMA {_schema} CASCADE");
    }

    private static void Execute(string sql)
    {
        try
        {
            using var connection = new NpgsqlConnection(BaseConnectionString);
            connection.Open();
            using var command = new NpgsqlCommand(sql, connection);
            command.ExecuteNonQuery();
        }
        catch (NpgsqlException ex)
        {
            throw new InvalidOperationException($"PostgreSQL test server unreachable at '{BaseConnectionString}' (run scripts/test-prereqs.sh or set WNN_TEST_PG): {ex.Message}", ex);
        }
    }
}
