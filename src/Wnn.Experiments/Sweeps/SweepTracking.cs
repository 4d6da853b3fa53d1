using Wnn.Experiments.Config;

namespace Wnn.Experiments.Sweeps;

/// <summary>
/// The sweep config's <c>tracking</c> section: <c>tracking.mlflow_uri</c>, where each trial is logged as an MLflow run
/// (http(s):// of a tracking server, or file:PATH for a local file store). <c>--mlflow-uri</c> wins over it, and it wins
/// over <c>MLFLOW_TRACKING_URI</c>. Not part of the sweep's identity.
/// </summary>
public sealed record SweepTracking
{
    /// <summary>The section's key at the top of a sweep config (seed 003 form) or of the Hydra form's composed config.</summary>
    public const string Key = "tracking";

    /// <summary>The MLflow tracking URI key inside the section.</summary>
    public const string MlflowUriKey = "mlflow_uri";

    /// <summary>The tracking URI as written, or null for none.</summary>
    public string? MlflowUri { get; init; }

    /// <summary>Reads the section (absent or null: no tracking); an unknown key or a non-text URI is a <see cref="ConfigException"/>.</summary>
    public static SweepTracking Read(object? node)
    {
        Dictionary<string, object?> map = SweepSections.Map(node, Key, [MlflowUriKey]);
        return map.TryGetValue(MlflowUriKey, out object? v) && v is not null
            ? v is string s ? new SweepTracking { MlflowUri = s } : throw new ConfigException($"{Key}.{MlflowUriKey}: expected a URI as text, got {ConfigTree.Format(v)}")
            : new SweepTracking();
    }
}
