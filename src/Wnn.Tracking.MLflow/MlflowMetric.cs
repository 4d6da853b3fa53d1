namespace Wnn.Tracking.MLflow;

/// <summary>One metric value as MLflow records it: key, value, Unix time in milliseconds and step.</summary>
public sealed record MlflowMetric(string Key, double Value, long Timestamp, long Step);
