using Wnn.Search;
using Wnn.Search.Pruners;
using Wnn.Search.Samplers;

namespace Wnn.Search.Tests;

/// <summary>The API traps found porting an Optuna script (issue 16), each pinned.</summary>
public sealed class StudyApiTests
{
    private static Study NewStudy(string name = "study") => Study.Create(new StudyOptions { Name = name, Sampler = new RandomSampler(3), Pruner = new NopPruner() });

    private static double Objective(Trial t) => Math.Pow(t.SuggestFloat("x", -2, 2) - 0.5, 2) + t.SuggestInt("layers", 1, 4);

    [Fact]
    public void A_seed_next_to_an_explicit_sampler_is_an_error_not_ignored()
    {
        var ex = Assert.Throws<ArgumentException>(() => Study.Create(new StudyOptions { Seed = 7, Sampler = new TpeSampler(1) }));
        Assert.Contains("StudyOptions.Seed (7)", ex.Message, StringComparison.Ordinal);
        Assert.Contains("TpeSampler", ex.Message, StringComparison.Ordinal);

        // The seed alone seeds the default TPE: two studies ask the same.
        List<double> Run()
        {
            Study s = Study.Create(new StudyOptions { Seed = 7, Pruner = new NopPruner() });
            s.Optimize(t => Math.Abs(t.SuggestFloat("x", 0, 1) - 0.3), nTrials: 15);
            return [.. s.Trials.Select(t => (double)t.Params["x"]!)];
        }

        Assert.Equal(Run(), Run());
    }

    [Fact]
    public void Typed_accessors_read_int_float_and_categorical_parameters()
    {
        Study study = NewStudy();
        study.Optimize(t => Objective(t) + (t.SuggestCategorical("kind", ["a", "b"]) == "a" ? 0 : 1), nTrials: 5);
        IReadOnlyDictionary<string, object?> best = study.BestParams;
        Assert.Throws<InvalidCastException>(() => (double)best["layers"]!);
        int layers = best.GetInt("layers");
        Assert.InRange(layers, 1, 4);
        Assert.Equal(layers, best.GetDouble("layers"));
        Assert.Equal(layers, best.Get<int>("layers"));
        Assert.Equal((long)layers, best.Get<long>("layers"));
        Assert.Equal((double)best["x"]!, best.Get<double>("x"));
        Assert.Contains(best.Get<string>("kind"), new[] { "a", "b" });
        var notWhole = Assert.Throws<InvalidCastException>(() => best.GetInt("x"));
        Assert.Contains("Parameter 'x' is", notWhole.Message, StringComparison.Ordinal);
        Assert.Throws<InvalidCastException>(() => best.GetDouble("kind"));
        var missing = Assert.Throws<KeyNotFoundException>(() => best.GetInt("depth"));
        Assert.Contains("No parameter 'depth'; the parameters are: x, layers, kind.", missing.Message, StringComparison.Ordinal);
        Assert.Equal(3, new Dictionary<string, object?> { ["n"] = 3.0 }.GetInt("n"));
    }

    [Fact]
    public void An_enqueued_value_outside_its_distribution_fails_only_that_trial_and_the_loop_goes_on()
    {
        Study study = NewStudy();
        study.EnqueueTrial(new Dictionary<string, object?> { ["x"] = 5.0, ["layers"] = 2 });
        study.EnqueueTrial(new Dictionary<string, object?> { ["x"] = 1.0, ["layers"] = 2 });
        study.Optimize(Objective, nTrials: 3);
        Assert.Equal([TrialState.Failed, TrialState.Complete, TrialState.Complete], study.Trials.Select(t => t.State));
        Assert.Equal(
            "EnqueuedValueException: The enqueued value 5 of parameter 'x' does not fit: FloatDistribution(low=-2, high=2): value 5 is outside the domain.",
            study.Trials[0].SystemAttributes[StorageAttributes.FailReason]);
        Assert.Equal(1.0, study.Trials[1].Params["x"]);

        // Asked directly, the suggestion throws the same exception.
        study.EnqueueTrial(new Dictionary<string, object?> { ["layers"] = 9 });
        Trial direct = study.Ask();
        var ex = Assert.Throws<EnqueuedValueException>(() => direct.SuggestInt("layers", 1, 4));
        Assert.Equal(("layers", (object?)9), (ex.Parameter, ex.Value));
    }

    [Fact]
    public void Callbacks_run_after_every_trial_and_max_trials_stops_the_loop_across_workers()
    {
        Study study = NewStudy();
        var seen = new List<(int Number, TrialState State)>();
        study.Optimize(
            t => t.Number == 1 ? double.NaN : Objective(t),
            callbacks: [(s, t) => seen.Add((t.Number, t.State)), new MaxTrialsCallback(4).Invoke]);
        // Trial 1 failed (NaN) and does not count: 4 complete trials need 5 trials.
        Assert.Equal([(0, TrialState.Complete), (1, TrialState.Failed), (2, TrialState.Complete), (3, TrialState.Complete), (4, TrialState.Complete)], seen);

        // A second run on the same study stops at once: the count includes earlier trials.
        study.Optimize(Objective, nTrials: 10, callbacks: [new MaxTrialsCallback(6, TrialState.Complete, TrialState.Failed).Invoke]);
        Assert.Equal(6, study.Trials.Count);

        Study parallel = NewStudy("parallel");
        int calls = 0;
        parallel.Optimize(Objective, nJobs: 2, callbacks: [(_, _) => calls++, new MaxTrialsCallback(10).Invoke]);
        Assert.InRange(parallel.GetTrials(TrialState.Complete).Count, 10, 11);
        Assert.Equal(parallel.Trials.Count, calls);

        Assert.Throws<InvalidOperationException>(() => NewStudy("throws").Optimize(Objective, nTrials: 5, callbacks: [(_, t) => throw new InvalidOperationException($"stop at {t.Number}")]));
        Assert.Throws<ArgumentException>(() => NewStudy("never").Optimize(Objective, callbacks: [(_, _) => { }]));
    }

    [Fact]
    public void A_fixed_trial_runs_an_objective_on_given_values()
    {
        Trial t = FixedTrial.Create(new Dictionary<string, object?> { ["x"] = 0.5, ["layers"] = 3, ["kind"] = "b" });
        Assert.Equal(3.0, Objective(t));
        Assert.Equal("b", t.SuggestCategorical("kind", ["a", "b"]));
        t.Report(1.5, 0);
        Assert.False(t.ShouldPrune());
        Assert.Equal(3, t.Params.GetInt("layers"));

        var missing = Assert.Throws<KeyNotFoundException>(() => FixedTrial.Create(new Dictionary<string, object?> { ["x"] = 0.5 }).SuggestInt("layers", 1, 4));
        Assert.Equal("FixedTrial has no value for parameter 'layers' (IntDistribution(low=1, high=4)); it has: x.", missing.Message);
        Assert.Throws<EnqueuedValueException>(() => FixedTrial.Create(new Dictionary<string, object?> { ["x"] = 9.0 }).SuggestFloat("x", -2, 2));
    }

    [Fact]
    public void Added_trials_warm_start_a_study_and_bad_ones_add_nothing()
    {
        Study old = NewStudy("old");
        old.Optimize(Objective, nTrials: 12);
        old.EnqueueTrial(new Dictionary<string, object?> { ["x"] = 0.0 });

        Study warm = Study.Create(new StudyOptions { Name = "warm", Sampler = new TpeSampler(new TpeOptions { Seed = 1, NStartupTrials = 10 }), Pruner = new NopPruner() });
        FrozenTrial[] finished = [.. old.GetTrials(TrialState.Complete)];
        var bad = Assert.Throws<ArgumentException>(() => warm.AddTrials(old.Trials));
        Assert.Contains("trial 12 is Waiting", bad.Message, StringComparison.Ordinal);
        Assert.Empty(warm.Trials);

        IReadOnlyList<FrozenTrial> added = warm.AddTrials(finished);
        Assert.Equal(Enumerable.Range(0, 12), added.Select(t => t.Number));
        Assert.Equal(finished.Select(t => t.Values![0]), warm.Trials.Select(t => t.Values![0]));
        Assert.Equal(finished.Select(t => t.Params["layers"]), warm.Trials.Select(t => t.Params["layers"]));
        Assert.Equal(old.BestValue, warm.BestValue);

        var dists = new Dictionary<string, ParameterDistribution> { ["x"] = new FloatDistribution(-2, 2), ["layers"] = new IntDistribution(1, 4) };
        FrozenTrial one = warm.AddTrial(new Dictionary<string, object?> { ["x"] = 0.5, ["layers"] = 1 }, dists, [1.0], userAttributes: new Dictionary<string, object?> { ["source"] = "paper" });
        Assert.Equal((12, TrialState.Complete, 1.0, "paper"), (one.Number, one.State, one.Value!.Value, (string)one.UserAttributes["source"]!));
        Assert.Equal(1.0, warm.BestValue);
        Assert.Throws<ArgumentException>(() => warm.AddTrial(new Dictionary<string, object?> { ["x"] = 5.0, ["layers"] = 1 }, dists, [0.0]));
        Assert.Throws<ArgumentException>(() => warm.AddTrial(new Dictionary<string, object?> { ["x"] = 0.5, ["layers"] = 1 }, dists, [double.NaN]));
        Assert.Throws<ArgumentException>(() => warm.AddTrial(new Dictionary<string, object?> { ["x"] = 0.5 }, dists, [0.0]));
        Assert.Equal(13, warm.Trials.Count);

        // TPE is past its startup trials at once: the next ask comes from the model, near the best added point.
        warm.Optimize(Objective, nTrials: 20);
        Assert.True(warm.GetTrials(TrialState.Complete).Skip(13).Count(t => t.Params.GetInt("layers") == 1) >= 10);
    }

    [Fact]
    public void Study_user_attributes_are_stored_with_the_study()
    {
        var storage = new InMemoryStudyStorage();
        Study a = Study.Create(new StudyOptions { Name = "a", Storage = storage, Sampler = new RandomSampler(1) });
        a.SetUserAttribute("dataset", "tinystories");
        Study again = Study.Create(new StudyOptions { Name = "a", Storage = storage, LoadIfExists = true, Sampler = new RandomSampler(1) });
        Assert.Equal("tinystories", again.UserAttributes["dataset"]);
        Assert.Throws<ArgumentException>(() => a.SetUserAttribute(string.Empty, 1));
    }

    [Fact]
    public void Tpe_multivariate_and_its_grouped_form_are_two_catalog_names()
    {
        Assert.Contains("tpe-multivariate-group", SamplerCatalog.Names);
        var ungrouped = (TpeSampler)SamplerCatalog.Create("tpe-multivariate", 1, 10);
        var grouped = (TpeSampler)SamplerCatalog.Create("tpe-multivariate-group", 1, 10);
        Assert.Equal((true, false), (ungrouped.Options.Multivariate, ungrouped.Options.Group));
        Assert.Equal((true, true), (grouped.Options.Multivariate, grouped.Options.Group));
    }
}
