namespace Wnn.Experiments.Sweeps;

/// <summary>
/// Everything a sweep is, independent of the file form it was read from (seed 003's schema or a Hydra multirun config):
/// the command, the fixed config tree, the search space or job list, execution and optimization options, and the layout.
/// </summary>
public sealed record SweepDefinition
{
    /// <summary>The sweep's name (experiment name or config file name).</summary>
    public required string Name { get; init; }

    /// <summary>The form it was read from: "schema" (seed 003) or "hydra" (seed 004), or "builtin".</summary>
    public string Form { get; init; } = "schema";

    /// <summary>Grid (fixed job list) or study.</summary>
    public required SweepKind Kind { get; init; }

    /// <summary>The trial command: an executable and its arguments; overrides are appended (see <see cref="SweepExecution.OverridesAs"/>).</summary>
    public required IReadOnlyList<string> Command { get; init; }

    /// <summary>The fixed config tree every trial starts from (written with the job's overrides applied as cfg.yaml).</summary>
    public IReadOnlyDictionary<string, object?> Config { get; init; } = new Dictionary<string, object?>();

    /// <summary>Overrides every job passes (fixed values), in order, before the swept ones.</summary>
    public IReadOnlyList<KeyValuePair<string, object?>> BaseOverrides { get; init; } = [];

    /// <summary>The swept keys (grid: categoricals of the listed values).</summary>
    public IReadOnlyList<SweepParameter> Parameters { get; init; } = [];

    /// <summary>Grid: every job's swept values in job order (job number = index). Empty for a study sweep.</summary>
    public IReadOnlyList<IReadOnlyList<KeyValuePair<string, object?>>> Jobs { get; init; } = [];

    /// <summary>Grid jobs composed one by one from a config directory (the Hydra form), in job order; null for the other forms,
    /// whose cfg.yaml is <see cref="Config"/> with the job's overrides set.</summary>
    public IReadOnlyList<ComposedJob>? ComposedJobs { get; init; }

    /// <summary>The Hydra form's multirun.yaml: the composed config with its <c>hydra</c> node, interpolations as written (as
    /// Hydra's sweeper saves it); null writes a summary of the definition instead.</summary>
    public string? Multirun { get; init; }

    /// <summary>How trials run.</summary>
    public SweepExecution Execution { get; init; } = new();

    /// <summary>What is optimized and how.</summary>
    public SweepOptimization Optimization { get; init; } = new();

    /// <summary>Where trials are logged besides the sweep's own records (the <c>tracking</c> section).</summary>
    public SweepTracking Tracking { get; init; } = new();

    /// <summary>The strategy section (progressive, budget, multi-objective; ensemble selection). Default none.</summary>
    public Strategies.SweepStrategy Strategy { get; init; } = new();

    /// <summary>The directions of every objective: the target metric's, then the strategy's further objectives'.</summary>
    public IReadOnlyList<Wnn.Search.StudyDirection> Directions =>
        [Optimization.Direction, .. Strategy.Objectives.Select((_, i) => i < Strategy.Directions.Count ? Strategy.Directions[i] : Wnn.Search.StudyDirection.Minimize)];

    /// <summary>The objective names: the target metric (or "value"), then the strategy's further objectives.</summary>
    public IReadOnlyList<string> ObjectiveNames => [Optimization.TargetMetric ?? "value", .. Strategy.Objectives];

    /// <summary>The sweep directory (all templates resolved).</summary>
    public required string SweepDir { get; init; }

    /// <summary>The job subdirectory template; <c>${hydra.job.num}</c> (or <c>${job}</c>) is the job number. Default the number.</summary>
    public string SubdirTemplate { get; init; } = "${hydra.job.num}";

    /// <summary>What the objective adds (result files, logging), or null for a plain sweep. Not part of the identity.</summary>
    public ISweepHooks? Hooks { get; init; }

    /// <summary>Number of jobs: the job list's length, or the study budget.</summary>
    public int JobCount => Kind == SweepKind.Grid ? Jobs.Count : Strategy.PlansJobs ? InitialJobs.Count : Optimization.Trials;

    /// <summary>The first batch of a strategy that plans its jobs (progressive, budget); empty otherwise.</summary>
    public IReadOnlyList<Strategies.PlannedJob> InitialJobs => Strategies.SweepPlans.Create(this)?.Initial() ?? [];

    /// <summary>The overrides of one grid job (base overrides, then its swept values).</summary>
    public IReadOnlyList<KeyValuePair<string, object?>> GridOverrides(int job) => [.. BaseOverrides, .. Jobs[job]];

    /// <summary>The run directory of a job.</summary>
    public string RunDir(int job)
    {
        if (ComposedJobs is not null)
        {
            return Path.Combine(SweepDir, ComposedJobs[job].Subdir);
        }

        string num = job.ToString(System.Globalization.CultureInfo.InvariantCulture);
        string sub = SubdirTemplate.Replace("${hydra.job.num}", num, StringComparison.Ordinal).Replace("${job}", num, StringComparison.Ordinal);
        return Path.Combine(SweepDir, sub);
    }
}
