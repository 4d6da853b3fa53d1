namespace Wnn.Contracts;

/// <summary>Everything a dashboard needs to render, sent on WebSocket connect and by <c>GET /api/snapshot</c>.</summary>
/// <param name="LastEventId">Events with a greater id are not reflected; the WebSocket sends exactly those next.</param>
/// <param name="Flows">All flows, newest first.</param>
/// <param name="Experiments">Experiments of queued and running flows, plus the 50 newest.</param>
/// <param name="Checkpoints">All checkpoints, newest first.</param>
/// <param name="Workers">Registered workers.</param>
public sealed record DashboardSnapshot(
    long LastEventId,
    IReadOnlyList<FlowRecord> Flows,
    IReadOnlyList<ExperimentRecord> Experiments,
    IReadOnlyList<CheckpointRecord> Checkpoints,
    IReadOnlyList<WorkerRecord> Workers);
