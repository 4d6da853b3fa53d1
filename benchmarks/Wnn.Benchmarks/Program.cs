using BenchmarkDotNet.Running;

if (args.Length > 0 && args[0] == "checkpoint")
{
    CheckpointTiming.Run();
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
