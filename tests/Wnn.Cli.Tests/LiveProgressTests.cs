using Spectre.Console;
using Wnn.Experiments.Phased;

namespace Wnn.Cli.Tests;

/// <summary>The live table: full-data and training-part metrics in their own columns, one row per phase, both ETAs labelled.</summary>
public sealed class LiveProgressTests
{
    private static PhasedProgress P(string evt, string phase, int iteration, double ce, double acc, TimeSpan? eta = null, TimeSpan? passEta = null) =>
        new(evt, 1, phase, phase == "" ? "baseline" : "ga_neurons", iteration, 10, ce, acc, 0, 2, 3.5, eta, PassEta: passEta);

    private static string Text(LiveProgress live)
    {
        using var writer = new StringWriter();
        IAnsiConsole console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = 200;
        console.Write(live.Render());
        return writer.ToString();
    }

    [Fact]
    public void A_running_phase_shows_its_training_part_values_and_both_etas()
    {
        LiveProgress live = LiveProgress.Detached();
        live.Report(P("baseline", "", 0, 10.9, 0.001));
        live.Report(P("phase_start", "1a", 0, 10.8, 0.002));
        live.Report(P("iteration", "1a", 3, 10.6712, 0.0115, TimeSpan.FromSeconds(70), TimeSpan.FromSeconds(3 * 3600)));
        string text = Text(live);
        Assert.Contains("full-data CE (nats)", text, StringComparison.Ordinal);
        Assert.Contains("train-part CE (nats)", text, StringComparison.Ordinal);
        Assert.Contains("phase ETA 0:01:10", text, StringComparison.Ordinal);
        Assert.Contains("pass ETA ≤ 3:00:00", text, StringComparison.Ordinal);
        string row = Assert.Single(text.Split('\n'), l => l.Contains(" 1a ", StringComparison.Ordinal));
        Assert.Matches(@"1a\s+│\s+ga_neurons\s+│\s+…\s+│\s+…\s+│\s+10\.6712\s+│\s+1\.15 ?%\s+│\s+3/10", row);
    }

    [Fact]
    public void A_finished_phase_has_one_row_with_its_full_data_result_even_after_its_checkpoint_event()
    {
        LiveProgress live = LiveProgress.Detached();
        live.Report(P("phase_start", "1a", 0, 10.8, 0.002));
        live.Report(P("iteration", "1a", 4, 10.671, 0.0115));
        live.Report(P("phase_end", "1a", 4, 10.5887, 0.0));
        live.Report(P("checkpoint", "1a", 4, 10.671, 0.0115));
        string text = Text(live);
        string row = Assert.Single(text.Split('\n'), l => l.Contains(" 1a ", StringComparison.Ordinal));
        Assert.Matches(@"1a\s+│\s+ga_neurons\s+│\s+10\.5887\s+│\s+0\.00 ?%\s+│\s+10\.6710\s+│\s+1\.15 ?%\s+│\s+4", row);
    }
}
