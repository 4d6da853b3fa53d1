namespace Wnn.Reports;

/// <summary>How a report reads a study: names of the objectives and of the attributes a sweep stores. Defaults suit a plain study.</summary>
public sealed record ReportOptions
{
    /// <summary>Objective column names; default "value" (one objective) or value_0, value_1 ….</summary>
    public IReadOnlyList<string>? ObjectiveNames { get; init; }

    /// <summary>User attribute holding a map of metric name to last value (the sweep engine's), or null for none.</summary>
    public string? MetricsAttribute { get; init; }

    /// <summary>User attribute holding why a trial ended, or null; the study's fail reason is used otherwise.</summary>
    public string? ReasonAttribute { get; init; }

    /// <summary>User attribute holding the sweep job number, or null.</summary>
    public string? JobAttribute { get; init; }

    /// <summary>Ensemble selection: how many diverse configs to choose (0 = no ensemble section).</summary>
    public int EnsembleK { get; init; }

    /// <summary>Ensemble selection: the share of the best complete trials chosen from.</summary>
    public double EnsembleTopFraction { get; init; } = 0.25;

    /// <summary>Trees of the fANOVA forest (default 32; fewer is faster on large studies).</summary>
    public int ImportanceTrees { get; init; } = 32;

    /// <summary>The top fraction of trials PED-ANOVA compares with all trials (default 0.1).</summary>
    public double PedAnovaGamma { get; init; } = 0.1;
}
