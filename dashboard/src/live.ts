import { useEffect, useState } from "preact/hooks";
import { api, apiToken } from "./api";
import type { Checkpoint, Experiment, Flow, Iteration, Snapshot, StudyRecord, Worker, WsMessage } from "./types";

export type ConnectionState = "connecting" | "open" | "offline";

export interface Connection {
  state: ConnectionState;
  /** Consecutive failed attempts since the last open socket. */
  attempt: number;
  /** When the next attempt starts (ms since epoch), while offline. */
  retryAt: number | null;
  /** Id of the last event applied. */
  lastEventId: number;
  /** Number of snapshots received (1 after the first connect). */
  snapshots: number;
}

const MIN_BACKOFF_MS = 500;
const MAX_BACKOFF_MS = 10_000;

/**
 * The dashboard's client-side copy of the server state. It is filled by the `Snapshot` the server sends on every
 * (re)connect of `/ws` and kept current by the events that follow; pages fetch over REST only what a snapshot leaves
 * out (old experiments, iteration histories) and then rely on events. There is no polling loop.
 */
export class LiveStore {
  readonly flows = new Map<number, Flow>();
  readonly experiments = new Map<number, Experiment>();
  readonly checkpoints = new Map<number, Checkpoint>();
  workers: Worker[] = [];
  /** Sweeps and studies by "kind:id", as last pushed by `StudyUpdated` (or loaded by a list page). */
  readonly studies = new Map<string, StudyRecord>();
  /** How many `StudyUpdated` messages each "kind:id" has had: a study page refetches its trials when it moves. */
  readonly studyChanges = new Map<string, number>();
  connection: Connection = { state: "connecting", attempt: 0, retryAt: null, lastEventId: 0, snapshots: 0 };

  private readonly iterations = new Map<number, Iteration[]>();
  private readonly fullyLoaded = new Set<number>();
  private readonly listeners = new Set<() => void>();
  private socket: WebSocket | null = null;
  private retryTimer: number | undefined;
  private notifyTimer: number | undefined;
  private version = 0;
  private probed = false;

  constructor(private readonly url: string) {}

  get changeCount(): number {
    return this.version;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  connect(): void {
    window.clearTimeout(this.retryTimer);
    this.socket?.close();
    this.setConnection({ state: "connecting", retryAt: null });
    // Browsers cannot set headers on a WebSocket: the token goes in the query, as the server accepts on /ws.
    const token = apiToken.get();
    const socket = new WebSocket(token ? `${this.url}?access_token=${encodeURIComponent(token)}` : this.url);
    this.socket = socket;
    let opened = false;
    socket.onopen = () => {
      opened = true;
    };
    socket.onmessage = (e) => {
      if (this.socket === socket) this.apply(JSON.parse(e.data as string) as WsMessage);
    };
    socket.onclose = () => {
      if (this.socket !== socket) return;
      // Refused before opening: maybe the server wants a token; a REST call asks for it (and remembers it) on 401.
      if (!opened && !this.probed) {
        this.probed = true;
        api.health().then(() => this.reconnectNow(), () => undefined);
      }
      this.scheduleReconnect();
    };
  }

  /** Skips the remaining backoff and tries now. */
  reconnectNow(): void {
    this.connect();
  }

  iterationsOf(experimentId: number): Iteration[] {
    return this.iterations.get(experimentId) ?? [];
  }

  /** Loads an experiment's full iteration history once; later iterations arrive as events. */
  async loadIterations(experimentId: number): Promise<void> {
    if (this.fullyLoaded.has(experimentId)) return;
    const rows = await api.iterations(experimentId);
    this.fullyLoaded.add(experimentId);
    this.mergeIterations(experimentId, rows);
    this.changed();
  }

  /** Loads the experiments of a flow (a snapshot holds only recent and active ones). */
  async loadFlowExperiments(flowId: number): Promise<void> {
    for (const e of await api.flowExperiments(flowId)) this.experiments.set(e.id, e);
    this.changed();
  }

  async loadAllExperiments(): Promise<void> {
    for (const e of await api.experiments()) this.experiments.set(e.id, e);
    this.changed();
  }

  async loadExperiment(id: number): Promise<void> {
    this.experiments.set(id, await api.experiment(id));
    this.changed();
  }

  /** Applies a REST response at once, so the page does not wait for the matching event. */
  putFlow(flow: Flow): void {
    this.flows.set(flow.id, flow);
    this.changed();
  }

  /** Replaces the known sweeps or studies with a list read over REST. */
  putStudies(kind: string, list: StudyRecord[]): void {
    for (const key of [...this.studies.keys()]) if (key.startsWith(kind + ":")) this.studies.delete(key);
    for (const s of list) this.studies.set(`${s.kind}:${s.id}`, s);
    this.changed();
  }

  removeCheckpoint(id: number): void {
    this.checkpoints.delete(id);
    this.changed();
  }

  private scheduleReconnect(): void {
    const attempt = this.connection.attempt + 1;
    const base = Math.min(MAX_BACKOFF_MS, MIN_BACKOFF_MS * 2 ** (attempt - 1));
    const delay = Math.round(base * (0.75 + Math.random() * 0.5));
    this.setConnection({ state: "offline", attempt, retryAt: Date.now() + delay });
    this.retryTimer = window.setTimeout(() => this.connect(), delay);
  }

  private setConnection(patch: Partial<Connection>): void {
    this.connection = { ...this.connection, ...patch };
    this.changed();
  }

  private apply(message: WsMessage): void {
    if (message.type === "Snapshot") {
      this.applySnapshot(message.data as Snapshot);
      return;
    }
    if (message.type === "StudyUpdated") {
      // Pushed by the server when a sweep's or study's trials change; not in the event log, so it carries id 0.
      const key = `${message.data.kind}:${message.data.id}`;
      this.studies.set(key, message.data as StudyRecord);
      this.studyChanges.set(key, (this.studyChanges.get(key) ?? 0) + 1);
      this.changed();
      return;
    }
    if (message.id <= this.connection.lastEventId) return;
    this.connection = { ...this.connection, lastEventId: message.id };
    const d = message.data;
    switch (message.type) {
      case "FlowCreated":
      case "FlowUpdated":
      case "FlowStarted":
      case "FlowCompleted":
      case "FlowCancelled":
        this.flows.set(d.id, d as Flow);
        break;
      case "FlowFailed":
        this.flows.set(d.flow.id, { ...(d.flow as Flow), error: d.error ?? d.flow.error });
        break;
      case "FlowDeleted":
        this.flows.delete(d.id);
        for (const e of [...this.experiments.values()]) if (e.flow_id === d.id) this.experiments.delete(e.id);
        break;
      case "ExperimentCreated":
      case "PhaseStarted":
        this.experiments.set(d.id, d as Experiment);
        break;
      case "PhaseCompleted":
        this.experiments.set(d.phase.id, d.phase as Experiment);
        break;
      case "IterationUpdate":
        this.applyIteration(d as Iteration);
        break;
      case "CheckpointCreated":
        this.checkpoints.set(d.id, d as Checkpoint);
        break;
      case "CheckpointDeleted":
        this.checkpoints.delete(d.id);
        break;
      default:
        break;
    }
    this.changed();
  }

  private applySnapshot(snapshot: Snapshot): void {
    const reconnect = this.connection.snapshots > 0;
    this.flows.clear();
    for (const f of snapshot.flows) this.flows.set(f.id, f);
    for (const [id, e] of this.experiments) if (e.flow_id !== null && !this.flows.has(e.flow_id)) this.experiments.delete(id);
    for (const e of snapshot.experiments) this.experiments.set(e.id, e);
    this.checkpoints.clear();
    for (const c of snapshot.checkpoints) this.checkpoints.set(c.id, c);
    this.workers = snapshot.workers;
    this.connection = {
      state: "open",
      attempt: 0,
      retryAt: null,
      lastEventId: snapshot.last_event_id,
      snapshots: this.connection.snapshots + 1,
    };
    if (reconnect) {
      void this.refillIterations();
      // Study changes missed while offline: every study page refetches.
      for (const [key, n] of this.studyChanges) this.studyChanges.set(key, n + 1);
      for (const key of this.studies.keys()) if (!this.studyChanges.has(key)) this.studyChanges.set(key, 1);
    }
    this.changed();
  }

  /** After a reconnect, fetches the iterations missed while offline for every history already on screen. */
  private async refillIterations(): Promise<void> {
    for (const id of this.fullyLoaded) {
      const rows = this.iterations.get(id) ?? [];
      const last = rows.length ? rows[rows.length - 1].iteration : 0;
      try {
        this.mergeIterations(id, await api.iterations(id, last));
      } catch {
        // The experiment may be gone; its page shows that.
      }
    }
    this.changed();
  }

  private applyIteration(it: Iteration): void {
    this.mergeIterations(it.experiment_id, [it]);
    const e = this.experiments.get(it.experiment_id);
    if (e) {
      this.experiments.set(e.id, {
        ...e,
        iterations_run: Math.max(e.iterations_run, it.iteration),
        train_part_best_ce: e.train_part_best_ce === null ? it.best_ce : Math.min(e.train_part_best_ce, it.best_ce),
        train_part_best_accuracy:
          it.best_accuracy === null ? e.train_part_best_accuracy : Math.max(e.train_part_best_accuracy ?? 0, it.best_accuracy),
      });
    }
  }

  private mergeIterations(experimentId: number, rows: Iteration[]): void {
    if (!rows.length) return;
    const list = this.iterations.get(experimentId) ?? [];
    const last = list.length ? list[list.length - 1].iteration : 0;
    if (rows.every((r) => r.iteration > last)) {
      list.push(...rows);
    } else {
      const byNumber = new Map(list.map((r) => [r.iteration, r]));
      for (const r of rows) byNumber.set(r.iteration, r);
      list.splice(0, list.length, ...[...byNumber.values()].sort((a, b) => a.iteration - b.iteration));
    }
    this.iterations.set(experimentId, list);
  }

  private changed(): void {
    this.version++;
    // Coalesce bursts of events into one render.
    if (this.notifyTimer === undefined) {
      this.notifyTimer = window.setTimeout(() => {
        this.notifyTimer = undefined;
        for (const l of this.listeners) l();
      }, 30);
    }
  }
}

const wsUrl = `${location.protocol === "https:" ? "wss" : "ws"}://${location.host}/ws`;
export const live = new LiveStore(wsUrl);

/** Re-renders the calling component whenever the live state changes. */
export function useLive(): LiveStore {
  const [, setVersion] = useState(0);
  useEffect(() => live.subscribe(() => setVersion(live.changeCount)), []);
  return live;
}
