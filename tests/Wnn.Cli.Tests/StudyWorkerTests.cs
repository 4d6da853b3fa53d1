using System.Globalization;
using Npgsql;
using Wnn.Search;
using Wnn.Storage;

namespace Wnn.Cli.Tests;

/// <summary>
/// Real `wnn study optimize` worker processes sharing one stored study, written once and run against SQLite and PostgreSQL:
/// concurrent workers claim every trial exactly once, and a killed worker's trial is failed and re-enqueued.
/// </summary>
public abstract class StudyWorkerTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("wnn-cli-study-workers-").FullName;

    protected string Directory_ => _dir;

    /// <summary>The --storage value of this database.</summary>
    protected abstract string Storage { get; }

    public virtual void Dispose()
    {
        NpgsqlConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
        GC.SuppressFinalize(this);
    }

    [Fact]
    public void Two_worker_processes_share_one_study_and_each_trial_is_claimed_by_exactly_one()
    {
        Assert.Equal(0, WnnProcess.Run(_dir, "study", "create", "--storage", Storage, "--study", "shared").ExitCode);
        using (SqlStudyStorage storage = Open())
        {
            Study study = Study.Create(new StudyOptions { Name = "shared", Storage = storage, LoadIfExists = true });
            for (int i = 0; i < 20; i++)
            {
                study.EnqueueTrial(new Dictionary<string, object?> { ["x0"] = (i * 0.25) - 2.5, ["x1"] = 1.0 });
            }
        }

        string[] Worker(string seed) =>
            ["study", "optimize", "--storage", Storage, "--study", "shared", "--objective", "sphere", "--dims", "2", "--sampler", "random",
             "--seed", seed, "--trials", "15", "--trial-delay", "20", "--plain"];
        using WnnProcess.Running a = WnnProcess.Start(_dir, Worker("1"));
        using WnnProcess.Running b = WnnProcess.Start(_dir, Worker("2"));
        WnnProcess.Result ra = a.Wait(TimeSpan.FromMinutes(3));
        WnnProcess.Result rb = b.Wait(TimeSpan.FromMinutes(3));
        Assert.True(ra.ExitCode == 0, ra.Stderr);
        Assert.True(rb.ExitCode == 0, rb.Stderr);

        using SqlStudyStorage check = Open();
        IReadOnlyList<FrozenTrial> trials = check.GetTrials(check.FindStudy("shared")!.Value);
        Assert.Equal(30, trials.Count);
        Assert.Equal(Enumerable.Range(0, 30), trials.Select(t => t.Number));
        Assert.All(trials, t => Assert.Equal(TrialState.Complete, t.State));
        var byWorker = trials.GroupBy(t => (string)t.UserAttributes["worker"]!).ToList();
        Assert.Equal(2, byWorker.Count);
        Assert.All(byWorker, g => Assert.Equal(15, g.Count()));
        List<FrozenTrial> enqueued = [.. trials.Where(t => t.SystemAttributes.ContainsKey(StorageAttributes.FixedParams))];
        Assert.Equal(20, enqueued.Count);
        Assert.Equal(20, enqueued.Select(t => (double)t.Params["x0"]!).Distinct().Count());
        Assert.All(enqueued, t => Assert.Equal(1.0, t.Params["x1"]));
    }

    [Fact]
    public void A_killed_workers_trial_fails_after_the_grace_period_and_is_requeued_with_its_parameters()
    {
        using WnnProcess.Running doomed = WnnProcess.Start(_dir,
            "study", "optimize", "--storage", Storage, "--study", "k", "--objective", "sphere", "--dims", "2", "--sampler", "random",
            "--seed", "5", "--trials", "1", "--trial-delay", "120000", "--heartbeat", "0.3", "--plain");
        FrozenTrial running = WaitFor(() =>
        {
            using SqlStudyStorage storage = Open();
            return storage.FindStudy("k") is long id
                ? storage.GetTrials(id, [TrialState.Running]).FirstOrDefault(t => t.Params.Count == 2)
                : null;
        }, doomed);

        doomed.KillHard();
        Thread.Sleep(TimeSpan.FromSeconds(1.5)); // beyond the grace period of 2 × 0.3 s
        using (SqlStudyStorage storage = Open())
        {
            Assert.Equal(TrialState.Running, storage.GetTrial(running.Id).State); // nobody has looked yet
        }

        WnnProcess.Result next = WnnProcess.Run(_dir,
            "study", "optimize", "--storage", Storage, "--study", "k", "--objective", "sphere", "--dims", "2", "--sampler", "random",
            "--seed", "6", "--trials", "1", "--heartbeat", "0.3", "--retry-stale", "--plain");
        Assert.True(next.ExitCode == 0, next.Stderr);

        using SqlStudyStorage check = Open();
        IReadOnlyList<FrozenTrial> trials = check.GetTrials(check.FindStudy("k")!.Value);
        Assert.Equal(2, trials.Count);
        FrozenTrial dead = trials[0];
        FrozenTrial retry = trials[1];
        Assert.Equal(TrialState.Failed, dead.State);
        Assert.Contains("no heartbeat", (string)dead.SystemAttributes[StorageAttributes.FailReason]!, StringComparison.Ordinal);
        Assert.Equal(TrialState.Complete, retry.State);
        Assert.Equal(0, Convert.ToInt32(retry.SystemAttributes[StorageAttributes.RetriedFrom], CultureInfo.InvariantCulture));
        Assert.Equal(running.Params["x0"], retry.Params["x0"]);
        Assert.Equal(running.Params["x1"], retry.Params["x1"]);
        Assert.DoesNotContain(trials, t => t.State == TrialState.Running);
    }

    [Fact]
    public void A_killed_lone_process_trial_is_failed_by_the_next_read_command()
    {
        using WnnProcess.Running doomed = WnnProcess.Start(_dir,
            "study", "optimize", "--storage", Storage, "--study", "lone", "--objective", "sphere", "--dims", "2", "--sampler", "random",
            "--seed", "5", "--trials", "1", "--trial-delay", "120000", "--heartbeat", "0.3", "--plain");
        FrozenTrial running = WaitFor(() =>
        {
            using SqlStudyStorage storage = Open();
            return storage.FindStudy("lone") is long id
                ? storage.GetTrials(id, [TrialState.Running]).FirstOrDefault(t => t.Params.Count == 2)
                : null;
        }, doomed);
        Assert.Equal(0.6, Convert.ToDouble(running.SystemAttributes[StorageAttributes.HeartbeatGrace], CultureInfo.InvariantCulture), 6);

        // Within the grace period a read leaves the trial running.
        WnnProcess.Result early = WnnProcess.Run(_dir, "study", "show", "--storage", Storage, "--study", "lone");
        Assert.True(early.ExitCode == 0, early.Stderr);
        using (SqlStudyStorage storage = Open())
        {
            Assert.Equal(TrialState.Running, storage.GetTrial(running.Id).State);
        }

        doomed.KillHard();
        Thread.Sleep(TimeSpan.FromSeconds(1.5)); // beyond the grace period of 2 × 0.3 s
        WnnProcess.Result read = WnnProcess.Run(_dir, "study", "trials", "--storage", Storage, "--study", "lone", "--json");
        Assert.True(read.ExitCode == 0, read.Stderr);
        Assert.Contains("\"failed\"", read.Stdout, StringComparison.OrdinalIgnoreCase);
        using SqlStudyStorage check = Open();
        FrozenTrial dead = check.GetTrial(running.Id);
        Assert.Equal(TrialState.Failed, dead.State);
        Assert.Contains("no heartbeat", (string)dead.SystemAttributes[StorageAttributes.FailReason]!, StringComparison.Ordinal);
        Assert.Single(check.GetTrials(check.FindStudy("lone")!.Value));
    }

    private SqlStudyStorage Open() => StudyStorages.OpenAsync(Storage, null, CancellationToken.None).GetAwaiter().GetResult();

    private static T WaitFor<T>(Func<T?> probe, WnnProcess.Running process)
        where T : class
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (process.Process.HasExited)
            {
                WnnProcess.Result r = process.Wait(TimeSpan.FromSeconds(1));
                throw new InvalidOperationException($"worker exited early ({r.ExitCode}): {r.Stderr}");
            }

            try
            {
                if (probe() is T found)
                {
                    return found;
                }
            }
            catch (Exception ex) when (ex is System.Data.Common.DbException)
            {
                // The worker may be creating the schema right now; look again.
            }

            Thread.Sleep(100);
        }

        throw new TimeoutException("the worker never had a running trial with its parameters stored");
    }
}

public sealed class SqliteStudyWorkerTests : StudyWorkerTests
{
    protected override string Storage => Path.Combine(Directory_, "studies.db");
}

public sealed class PostgresStudyWorkerTests : StudyWorkerTests
{
    private const string DefaultConnectionString = "Host=127.0.0.1;Port=55432;Username=postgres;Database=wnn_test";
    private readonly string _schema = "c_" + Guid.NewGuid().ToString("N");

    public PostgresStudyWorkerTests() => Execute($"CREATE SCHEMA {_schema}");

    private static string BaseConnectionString =>
        Environment.GetEnvironmentVariable("WNN_TEST_PG") is { Length: > 0 } value ? value : DefaultConnectionString;

    protected override string Storage => new NpgsqlConnectionStringBuilder(BaseConnectionString) { SearchPath = _schema }.ToString();

    public override void Dispose()
    {
        base.Dispose();
        Execute($"DROP SCHEMA {_schema} CASCADE");
    }

    private static void Execute(string sql)
    {
        using var connection = new NpgsqlConnection(BaseConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }
}
