namespace Wnn.Contracts;

/// <summary>Converts status enums to and from their lower-case database and JSON names.</summary>
public static class StatusNames
{
    /// <summary>The stored name of a flow status, e.g. <c>running</c>.</summary>
    public static string ToName(this FlowStatus status) => status switch
    {
        FlowStatus.Pending => "pending",
        FlowStatus.Queued => "queued",
        FlowStatus.Running => "running",
        FlowStatus.Completed => "completed",
        FlowStatus.Failed => "failed",
        FlowStatus.Cancelled => "cancelled",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "unknown flow status"),
    };

    /// <summary>The stored name of an experiment status.</summary>
    public static string ToName(this ExperimentStatus status) => status switch
    {
        ExperimentStatus.Pending => "pending",
        ExperimentStatus.Running => "running",
        ExperimentStatus.Completed => "completed",
        ExperimentStatus.Failed => "failed",
        ExperimentStatus.Cancelled => "cancelled",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "unknown experiment status"),
    };

    /// <summary>Parses a flow status name; returns false for anything else.</summary>
    public static bool TryParseFlowStatus(string? name, out FlowStatus status)
    {
        foreach (FlowStatus candidate in Enum.GetValues<FlowStatus>())
        {
            if (string.Equals(candidate.ToName(), name, StringComparison.OrdinalIgnoreCase))
            {
                status = candidate;
                return true;
            }
        }

        status = default;
        return false;
    }

    /// <summary>Parses a flow status name stored in the database.</summary>
    public static FlowStatus ParseFlowStatus(string name) =>
        TryParseFlowStatus(name, out FlowStatus status) ? status : throw new FormatException($"unknown flow status '{name}'");

    /// <summary>Parses an experiment status name stored in the database.</summary>
    public static ExperimentStatus ParseExperimentStatus(string name)
    {
        foreach (ExperimentStatus candidate in Enum.GetValues<ExperimentStatus>())
        {
            if (string.Equals(candidate.ToName(), name, StringComparison.OrdinalIgnoreCase))
            {
                return candidate;
            }
        }

        throw new FormatException($"unknown experiment status '{name}'");
    }
}
