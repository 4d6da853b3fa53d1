using Wnn.Experiments.Flows;

namespace Wnn.Experiments.Tests.Flows;

public sealed class FlowEditRuleTests
{
    private static readonly PhasedFlowExecutor Executor = new();

    [Fact]
    public void An_edit_that_changes_results_of_completed_phases_is_refused_naming_the_key()
    {
        string old = """{"data.train_tokens": 20000, "ga.generations": 5, "search.phases": "ga_neurons; ts_neurons; ga_bits"}""";
        string? refused = Executor.ValidateEdit(old, """{"data.train_tokens": 10000, "ga.generations": 5, "search.phases": "ga_neurons; ts_neurons; ga_bits"}""", 2);
        Assert.NotNull(refused);
        Assert.Contains("data.train_tokens (checkpoint 20000, given 10000)", refused, StringComparison.Ordinal);
        Assert.EndsWith("or restart from an earlier phase (wnn flow restart ID --from 1a)", refused, StringComparison.Ordinal);

        // Nothing kept (restart from 1a): anything goes.
        Assert.Null(Executor.ValidateEdit(old, """{"data.train_tokens": 10000}""", 0));
    }

    [Fact]
    public void Budgets_and_phases_not_yet_run_may_change()
    {
        string old = """{"ga.generations": 5, "search.phases": "ga_neurons; ts_neurons; ga_bits"}""";
        Assert.Null(Executor.ValidateEdit(old, """{"ga.generations": 50, "search.phases": "ga_neurons; ts_neurons; ts_bits; ga_connections"}""", 2));
        string? refused = Executor.ValidateEdit(old, """{"ga.generations": 5, "search.phases": "ga_neurons; ts_bits; ga_bits"}""", 2);
        Assert.Contains("search.phases (phase 1b: checkpoint 'ts_neurons', given 'ts_bits')", refused, StringComparison.Ordinal);
    }

    [Fact]
    public void Phase_keys_follow_the_template_and_the_phase_list()
    {
        Assert.Equal(["1a", "1b", "2a", "2b"], Executor.PhaseKeys("""{"template": "quick-4"}"""));
        Assert.Equal(["1a", "1b", "2a", "2b", "3a", "3b"], Executor.PhaseKeys("{}"));
        Assert.Null(Executor.PhaseKeys("""{"template": "empty"}"""));
    }
}
