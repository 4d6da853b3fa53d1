namespace Wnn.Tracking.MLflow;

/// <summary>The request limits of MLflow's REST API 2.0 (runs/log-batch and the entity sizes), which every request respects.</summary>
public static class MlflowLimits
{
    /// <summary>Metrics per log-batch request.</summary>
    public const int MetricsPerBatch = 1000;

    /// <summary>Params per log-batch request.</summary>
    public const int ParamsPerBatch = 100;

    /// <summary>Tags per log-batch request.</summary>
    public const int TagsPerBatch = 100;

    /// <summary>Metrics, params and tags together per log-batch request.</summary>
    public const int ItemsPerBatch = 1000;

    /// <summary>Bytes of one JSON request body.</summary>
    public const int RequestBytes = 1024 * 1024;

    /// <summary>Characters of a param value (longer values are cut, with "…" at the end).</summary>
    public const int ParamValueLength = 6000;

    /// <summary>Characters of a key (param, metric or tag).</summary>
    public const int KeyLength = 250;

    /// <summary>Characters of a tag value.</summary>
    public const int TagValueLength = 5000;
}
