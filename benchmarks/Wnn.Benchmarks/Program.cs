using BenchmarkDotNet.Running;
using Wnn.Benchmarks.Peers;

if (args.Length > 0 && args[0] == "checkpoint")
{
    CheckpointTiming.Run();
    return 0;
}

if (args.Length > 0 && args[0] == "study-storage")
{
    StudyStorageTiming.Run(args.Length > 1 ? args[1] : null);
    return 0;
}

if (args.Length > 0 && args[0] == "report")
{
    ReportTiming.Run(args[1..]);
    return 0;
}

if (args.Length > 0 && args[0] == "dashboard")
{
    DashboardTiming.Run(args[1..]);
    return 0;
}

if (args.Length > 0 && args[0] == "peers")
{
    return PeersCommand.Run(args[1..]);
}

BenchmarkSwitcher.FromAssembly(typeof(PeersCommand).Assembly).Run(args);
return 0;
