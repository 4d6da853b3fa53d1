using Wnn.Experiments.Objectives.Transformer;

namespace Wnn.Experiments.Tests.Objectives.Transformer;

public sealed class ExperimentLogTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void An_older_log_without_architecture_columns_is_read_and_gains_them_on_append()
    {
        string path = _dir.File("experiment_log.csv");
        File.WriteAllText(path, "experiment,timestamp,budget,horizon,trials,best_trial,val_loss,seconds,learning_rate\n" +
            "hpo_2M_h1,2025-12-01T10:00:00Z,2M,1,50,17,0.4321,3600,0.0003\n" +
            "\"a,b\",2025-12-02T10:00:00Z,,3,,,,,\n");
        IReadOnlyList<ExperimentLogEntry> old = ExperimentLog.Read(path);
        Assert.Equal(2, old.Count);
        Assert.Equal("hpo_2M_h1", old[0].Experiment);
        Assert.Equal(0.4321, old[0].ValLoss);
        Assert.Null(old[0].DModel);
        Assert.Null(old[0].ParamCount);
        Assert.Equal("0.0003", old[0].Extra["learning_rate"]);
        Assert.Equal("a,b", old[1].Experiment);
        Assert.Null(old[1].ValLoss);

        ExperimentLog.Append(path, new ExperimentLogEntry
        {
            Experiment = "arch_200K_h1", Budget = "200K", Horizon = 1, Trials = 3, BestTrial = 2, ValLoss = 0.25, Seconds = 120.5,
            DModel = 64, NLayers = 4, NHeads = 4, DFf = 256, ParamCount = 201_921,
            Extra = new Dictionary<string, string> { ["learning_rate"] = "0.0005", ["epochs"] = "50" },
        });
        string[] lines = File.ReadAllLines(path);
        Assert.Equal("experiment,timestamp,budget,horizon,trials,best_trial,val_loss,seconds,d_model,n_layers,n_heads,d_ff,param_count,learning_rate,epochs", lines[0]);
        IReadOnlyList<ExperimentLogEntry> all = ExperimentLog.Read(path);
        Assert.Equal(3, all.Count);
        Assert.Equal(0.4321, all[0].ValLoss);
        Assert.Null(all[0].DModel);
        Assert.Equal("a,b", all[1].Experiment);
        Assert.Equal((64, 4, 4, 256, 201_921L), (all[2].DModel!.Value, all[2].NLayers!.Value, all[2].NHeads!.Value, all[2].DFf!.Value, all[2].ParamCount!.Value));
        Assert.Equal("0.0005", all[2].Extra["learning_rate"]);
        Assert.Equal(string.Empty, all[0].Extra["epochs"]);
    }

    [Fact]
    public void A_missing_log_is_empty_and_a_malformed_one_names_its_line()
    {
        Assert.Empty(ExperimentLog.Read(_dir.File("none.csv")));
        string path = _dir.File("bad.csv");
        File.WriteAllText(path, "experiment,val_loss\nx,0.1\ny,zero\n");
        var ex = Assert.Throws<FormatException>(() => ExperimentLog.Read(path));
        Assert.Contains("line 3, column val_loss: 'zero' is not a number", ex.Message, StringComparison.Ordinal);
        string before = File.ReadAllText(path);
        Assert.Throws<FormatException>(() => ExperimentLog.Append(path, new ExperimentLogEntry { Experiment = "z" }));
        Assert.Equal(before, File.ReadAllText(path));
    }
}
