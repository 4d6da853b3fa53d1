// Wire types of the Wnn server (snake_case JSON, lower-case status names).

export type FlowStatus = "pending" | "queued" | "running" | "completed" | "failed" | "cancelled";
export type ExperimentStatus = "pending" | "running" | "completed" | "failed" | "cancelled";

/**
 * A flow's config: schema keys under their dotted names (`"ga.generations": 30`), nested by group or under a flat alias
 * (`ga_generations`); schema.ts resolves them. Executors of their own may read other keys (e.g. `phases`).
 */
export type FlowConfig = Record<string, unknown>;

export interface Flow {
  id: number;
  name: string;
  description: string | null;
  config: FlowConfig;
  status: FlowStatus;
  created_at: string;
  started_at: string | null;
  completed_at: string | null;
  seed_checkpoint_id: number | null;
  worker_id: string | null;
  heartbeat_at: string | null;
  stop_requested: boolean;
  error: string | null;
}

export interface Experiment {
  id: number;
  flow_id: number | null;
  sequence: number;
  name: string;
  phase_key: string;
  kind: "ga" | "ts";
  dimension: string;
  status: ExperimentStatus;
  created_at: string;
  started_at: string | null;
  completed_at: string | null;
  best_fitness: number | null;
  best_accuracy: number | null;
  iterations_run: number;
  config: Record<string, unknown>;
}

export interface Checkpoint {
  id: number;
  experiment_id: number | null;
  name: string;
  file_path: string;
  file_size_bytes: number;
  created_at: string;
  final_fitness: number | null;
  final_accuracy: number | null;
  iterations_run: number | null;
  genome_stats: Record<string, unknown> | null;
  is_final: boolean;
  reference_count: number;
}

export interface Iteration {
  id: number;
  experiment_id: number;
  iteration: number;
  best_ce: number;
  mean_ce: number | null;
  best_accuracy: number | null;
  mean_accuracy: number | null;
  threshold: number | null;
  patience_counter: number | null;
  elapsed_seconds: number;
  created_at: string;
}

export interface Worker {
  id: string;
  hostname: string;
  pid: number;
  started_at: string;
  heartbeat_at: string;
}

export interface Snapshot {
  last_event_id: number;
  flows: Flow[];
  experiments: Experiment[];
  checkpoints: Checkpoint[];
  workers: Worker[];
}

export interface WsMessage {
  type: string;
  id: number;
  data: any;
}

export interface Problem {
  title?: string;
  detail?: string;
  status?: number;
  errors?: Record<string, string[]>;
}
