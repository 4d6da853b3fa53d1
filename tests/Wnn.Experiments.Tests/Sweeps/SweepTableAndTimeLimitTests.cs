using Wnn.Experiments.Sweeps;
using Wnn.Search;

namespace Wnn.Experiments.Tests.Sweeps;

/// <summary>Two small pieces of the generic sweep, with real shell processes: table parameters and the run's time limit.</summary>
public sealed class SweepTableAndTimeLimitTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private SweepDefinition Definition(string sub, string script, int trials, SweepExecution execution) => new()
    {
        Name = sub,
        Kind = SweepKind.Study,
        Command = ["/bin/sh", "-c", script, "sh"],
        Parameters =
        [
            new SweepParameter("row", new CategoricalDistribution([0, 1, 2]))
            {
                Rows = [[new("width", 8), new("depth", 1)], [new("width", 16), new("depth", 2)], [new("width", 32), new("depth", 3)]],
            },
        ],
        Execution = execution,
        Optimization = new SweepOptimization { Trials = trials, Sampler = "random", Seed = 11 },
        SweepDir = _dir.File(sub),
    };

    [Fact]
    public async Task A_table_parameter_passes_its_index_and_the_rows_keys_to_the_trial()
    {
        SweepDefinition d = Definition("table", "echo \"$@\" > args.txt", 3, new SweepExecution());
        using SweepWorkspace ws = await SweepWorkspace.CreateAsync(d, new SweepSource("(test)", [], new SweepReadOptions()), null, CancellationToken.None);
        SweepOutcome outcome = await new SweepController(ws, new ProcessTrialExecutor()).RunAsync(CancellationToken.None);
        Assert.Equal(3, outcome.Complete);
        string[][] rows = [["width=8", "depth=1"], ["width=16", "depth=2"], ["width=32", "depth=3"]];
        foreach (FrozenTrial t in ws.Study.Trials)
        {
            int row = Convert.ToInt32(t.Params["row"], System.Globalization.CultureInfo.InvariantCulture);
            string args = File.ReadAllText(Path.Combine(_dir.File("table"), SweepWorkspace.JobOf(t).ToString(System.Globalization.CultureInfo.InvariantCulture), "args.txt")).Trim();
            Assert.Equal(string.Join(' ', [$"row={row}", .. rows[row]]), args);
        }

        Dictionary<string, object?> canonical = SweepIdentity.Canonical(d);
        Dictionary<string, object?> changed = SweepIdentity.Canonical(d with
        {
            Parameters = [d.Parameters[0] with { Rows = [d.Parameters[0].Rows![0], [new("width", 17), new("depth", 2)], d.Parameters[0].Rows![2]] }],
        });
        Assert.Equal("the table of row changed: 3 rows, now 3; row 1 was width=16 depth=2, now width=17 depth=2", SweepIdentity.TableChanges(canonical, changed));
        Assert.Null(SweepIdentity.TableChanges(canonical, SweepIdentity.Canonical(d)));
    }

    [Fact]
    public async Task After_the_time_limit_no_job_starts_and_the_running_one_finishes()
    {
        SweepDefinition d = Definition("limit", "sleep 0.4", 5, new SweepExecution { MaxDuration = TimeSpan.FromMilliseconds(200) });
        using SweepWorkspace ws = await SweepWorkspace.CreateAsync(d, new SweepSource("(test)", [], new SweepReadOptions()), null, CancellationToken.None);
        SweepOutcome outcome = await new SweepController(ws, new ProcessTrialExecutor()).RunAsync(CancellationToken.None);
        Assert.Equal(1, outcome.Complete);
        Assert.Equal(4, outcome.Remaining);
        Assert.False(outcome.Interrupted);
        Assert.StartsWith("time limit of ", outcome.StopReason, StringComparison.Ordinal);
    }
}
