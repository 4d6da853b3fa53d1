using System.Diagnostics;
using Wnn.Experiments.Checkpoints;
using Wnn.Experiments.Phased;
using Wnn.Experiments.Tests.Phased;

namespace Wnn.Experiments.Tests.Checkpoints;

public sealed class StaleTempTests
{
    /// <summary>The id of a process that has exited.</summary>
    private static int DeadPid()
    {
        using Process p = Process.Start(new ProcessStartInfo("true"))!;
        p.WaitForExit();
        return p.Id;
    }

    [Fact]
    public void A_run_removes_temp_files_of_dead_processes_and_keeps_the_rest()
    {
        using var dir = new TempDir();
        string guid = Guid.NewGuid().ToString("N");
        string dead = dir.File($"phase_1a_ga_neurons.mid.json.gz.{DeadPid()}.{guid}.tmp");
        string mine = dir.File($"phase_1a_ga_neurons.json.gz.{Environment.ProcessId}.{guid}.tmp");
        string other = dir.File("notes.tmp");
        foreach (string f in new[] { dead, mine, other })
        {
            File.WriteAllBytes(f, new byte[4096]);
        }

        new PhasedRunner(Synthetic.SmallConfig() with { GaGenerations = 1, TsIterations = 1 }, Synthetic.Data(Synthetic.SmallConfig()),
            new PhasedRunOptions { CheckpointDirectory = dir.Path }).Run();

        Assert.False(File.Exists(dead));
        Assert.True(File.Exists(mine));
        Assert.True(File.Exists(other));
        Assert.Equal(0, CheckpointFile.RemoveStaleTemps(dir.Path));
    }
}
