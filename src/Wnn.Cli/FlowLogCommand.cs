using System.CommandLine;
using System.Globalization;
using Wnn.Client;
using Wnn.Storage;

namespace Wnn.Cli;

/// <summary>
/// <c>wnn flow logs ID [--follow]</c>: the iterations of a flow's phases as lines (training-part values), each phase's
/// full-data result when it completes; with --follow, new ones as they arrive until the flow ends.
/// </summary>
internal static class FlowLogCommand
{
    private static readonly HashSet<FlowStatus> Finished = [FlowStatus.Completed, FlowStatus.Failed, FlowStatus.Cancelled];

    public static Command Create(Argument<long> idArgument)
    {
        var follow = new Option<bool>("--follow", "-f") { Description = "Keep printing new iterations until the flow completes, fails or is cancelled" };
        var interval = new Option<double>("--interval") { Description = "Seconds between polls with --follow", DefaultValueFactory = _ => 1.0 };
        var command = new Command("logs", "Print a flow's iterations (and each phase's full-data result); --follow for new ones as they arrive")
        {
            idArgument, follow, interval,
        };
        command.SetAction((parse, ct) => ClientOptions.RunAsync(parse, async (client, json) =>
        {
            double seconds = parse.GetValue(interval);
            if (seconds is not (> 0 and <= 3600))
            {
                throw new CliException($"--interval {seconds.ToString(CultureInfo.InvariantCulture)} must be in (0, 3600] seconds");
            }

            await RunAsync(client, parse.GetValue(idArgument), parse.GetValue(follow), TimeSpan.FromSeconds(seconds), ct);
        }));
        return command;
    }

    private static async Task RunAsync(WnnClient client, long id, bool follow, TimeSpan interval, CancellationToken ct)
    {
        var printed = new Dictionary<long, int>();
        var closed = new HashSet<long>();
        while (true)
        {
            // The flow's status first: rows read after a terminal status are all there will be.
            FlowRecord flow = await client.GetFlowAsync(id, ct);
            foreach (ExperimentRecord e in await client.ListFlowExperimentsAsync(id, ct))
            {
                int after = printed.GetValueOrDefault(e.Id);
                foreach (IterationRecord r in (await client.ListIterationsAsync(e.Id, ct)).Where(r => r.Iteration > after))
                {
                    Console.WriteLine(Line(e, r));
                    printed[e.Id] = r.Iteration;
                }

                if (e.Status is not (ExperimentStatus.Pending or ExperimentStatus.Running) && closed.Add(e.Id))
                {
                    Console.WriteLine(e.FullDataCe is double ce
                        ? string.Create(CultureInfo.InvariantCulture, $"{e.PhaseKey} {e.Status.ToName()} after {e.IterationsRun} iterations | full-data CE {ce:F4} nats acc {(e.FullDataAccuracy ?? 0) * 100:F2}%")
                        : $"{e.PhaseKey} {e.Status.ToName()} after {e.IterationsRun.ToString(CultureInfo.InvariantCulture)} iterations | no full-data result");
                }
            }

            if (!follow || Finished.Contains(flow.Status))
            {
                if (follow)
                {
                    Console.WriteLine($"flow {id} {flow.Status.ToName()}{(flow.Error is { } error ? ": " + error : "")}");
                }

                return;
            }

            await Task.Delay(interval, ct);
        }
    }

    private static string Line(ExperimentRecord e, IterationRecord r) =>
        FormattableString.Invariant($"{ConsoleOutput.Time(r.CreatedAt)} {e.PhaseKey} iter {r.Iteration} | train-part best CE {r.BestCe:F4} nats")
        + (r.BestAccuracy is double a ? FormattableString.Invariant($" acc {a * 100:F2}%") : "")
        + (r.MeanCe is double m ? FormattableString.Invariant($" | mean CE {m:F4}") : "")
        + (r.PatienceCounter is int p ? FormattableString.Invariant($" | patience {p}") : "")
        + FormattableString.Invariant($" | {r.ElapsedSeconds:F1} s");
}
