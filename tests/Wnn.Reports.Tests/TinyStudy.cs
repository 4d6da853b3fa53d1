using Wnn.Search;
using Wnn.Search.Samplers;
using Wnn.Storage;

namespace Wnn.Reports.Tests;

/// <summary>A hand-made study in a real SQLite file: 4 complete trials, 1 failed with a reason, 1 pruned with a learning curve.</summary>
internal sealed class TinyStudy : IDisposable
{
    public static readonly double[] X = [1, 2, 3, 4];
    public static readonly double[] Lr = [0.001, 0.01, 0.1, 1];
    public static readonly double[] Y = [10, 30, 20, 40];

    public TinyStudy()
    {
        Dir = Path.Combine(Path.GetTempPath(), "wnn-report-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Dir);
        DbPath = Path.Combine(Dir, "tiny.db");
        Storage = SqliteStudyStorage.OpenAsync(DbPath, null, CancellationToken.None).GetAwaiter().GetResult();
        long id = Storage.CreateStudy("tiny", [StudyDirection.Minimize]);
        var x = new FloatDistribution(0, 5);
        var lr = new FloatDistribution(1e-4, 10, log: true);
        for (int i = 0; i < 4; i++)
        {
            FrozenTrial t = Storage.CreateTrial(id, TrialState.Running);
            Storage.SetTrialParameter(t.Id, "x", X[i], x);
            Storage.SetTrialParameter(t.Id, "lr", Lr[i], lr);
            Storage.SetTrialIntermediateValue(t.Id, 0, Y[i] + 5);
            Storage.SetTrialIntermediateValue(t.Id, 1, Y[i]);
            Storage.SetTrialUserAttribute(t.Id, "metrics", new Dictionary<string, object?> { ["loss"] = Y[i] / 10, ["acc"] = 1 - (X[i] / 10) });
            Storage.FinishTrial(t.Id, TrialState.Complete, [Y[i]]);
        }

        FrozenTrial failed = Storage.CreateTrial(id, TrialState.Running);
        Storage.SetTrialParameter(failed.Id, "x", 2.5, x);
        Storage.SetTrialUserAttribute(failed.Id, "reason", "exit code 3");
        Storage.FinishTrial(failed.Id, TrialState.Failed, null);
        FrozenTrial pruned = Storage.CreateTrial(id, TrialState.Running);
        Storage.SetTrialParameter(pruned.Id, "x", 4.5, x);
        Storage.SetTrialParameter(pruned.Id, "lr", 5, lr);
        Storage.SetTrialIntermediateValue(pruned.Id, 0, 90);
        Storage.SetTrialIntermediateValue(pruned.Id, 1, 80);
        Storage.FinishTrial(pruned.Id, TrialState.Pruned, [80]);
        Storage.Dispose();
        Storage = SqliteStudyStorage.OpenAsync(DbPath, null, CancellationToken.None).GetAwaiter().GetResult();
        Study = Study.Create(new StudyOptions { Name = "tiny", Storage = Storage, LoadIfExists = true, Sampler = new RandomSampler(0) });
    }

    public string Dir { get; }

    public string DbPath { get; }

    public SqlStudyStorage Storage { get; }

    public Study Study { get; }

    public StudyReport Report() => StudyReportBuilder.Build(Study, new ReportOptions { MetricsAttribute = "metrics", ReasonAttribute = "reason" });

    public void Dispose()
    {
        Storage.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(Dir, recursive: true);
    }
}
