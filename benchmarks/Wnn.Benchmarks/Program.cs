using BenchmarkDotNet.Running;

if (args.Length > 0 && args[0] == "checkpoint")
{
    CheckpointTiming.Run();
    return;
}

if (args.Length > 0 && args[0] == "study-storage")
{
    StudyStorageTiming.Run(args.Length > 1 ? args[1] : null);
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
