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
  /** Cross-entropy (nats) of the phase's best genome on the full data; null until the phase completes. */
  full_data_ce: number | null;
  full_data_accuracy: number | null;
  /** Best of its iterations, on the phase's rotating training part (not comparable across phases or with full data). */
  train_part_best_ce: number | null;
  train_part_best_accuracy: number | null;
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

/** One GA generation or TS iteration; its values are on the phase's rotating training part. */
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

/** A sweep (a sweep directory with its study) or a study of the server's study storage. */
export interface StudyRecord {
  kind: "sweep" | "study";
  /** URL id: a sweep's directory name, a study's numeric id. */
  id: string;
  name: string;
  directions: ("minimize" | "maximize")[];
  objective_names: string[];
  trial_count: number;
  /** Trials per state: waiting, running, complete, pruned, failed. */
  state_counts: Record<string, number>;
  jobs: number | null;
  best_value: number | null;
  best_trial: number | null;
  created: string | null;
  sweep_kind: string | null;
  sampler: string | null;
  directory: string | null;
  error: string | null;
}

export interface NamedValue {
  name: string;
  value: number | string | boolean | null;
}

export interface TrialRecord {
  number: number;
  state: "waiting" | "running" | "complete" | "pruned" | "failed";
  values: number[] | null;
  params: NamedValue[];
  metrics: NamedValue[];
  intermediate: { step: number; value: number }[];
  reason: string | null;
  run_dir: string | null;
  job: number | null;
  attempt: number | null;
  started: string | null;
  completed: string | null;
}

export interface ParameterRecord {
  name: string;
  kind: "float" | "int" | "categorical";
  log: boolean;
  low: number;
  high: number;
  choices: string[];
}

export interface StudyReport {
  study: StudyRecord;
  parameters: ParameterRecord[];
  metric_names: string[];
  best: TrialRecord | null;
  pareto_front: number[];
  importance: NamedValue[];
  ped_anova_importance: NamedValue[];
  importance_note: string | null;
  history: { number: number; value: number; best_so_far: number }[];
  failures: { state: string; reason: string; count: number; trials: number[] }[];
}

/** A server-rendered plot of a study (FigureRecord): the same SVG as `wnn report`'s figures/ID.svg. */
export interface Figure {
  id: string;
  title: string;
  svg: string;
}
