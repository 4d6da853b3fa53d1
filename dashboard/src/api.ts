import type { Checkpoint, Figure, Experiment, Flow, FlowConfig, Iteration, Problem, StudyRecord, StudyReport, TrialRecord } from "./types";

/** An HTTP error carrying the server's RFC 7807 problem details. */
export class ApiError extends Error {
  constructor(readonly status: number, readonly problem: Problem) {
    super(problem.detail ?? problem.title ?? `HTTP ${status}`);
  }
}

const TOKEN_KEY = "wnn.api_token";

/** The bearer token of a server started with --api-token (kept in this browser only). */
export const apiToken = {
  get: () => localStorage.getItem(TOKEN_KEY) ?? "",
  set: (value: string) => (value ? localStorage.setItem(TOKEN_KEY, value) : localStorage.removeItem(TOKEN_KEY)),
};

async function request<T>(method: string, path: string, body?: unknown, retried = false): Promise<T> {
  const headers: Record<string, string> = { Accept: "application/json" };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  const token = apiToken.get();
  if (token) headers.Authorization = `Bearer ${token}`;
  const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  if (response.status === 401 && !retried) {
    // A server started with --api-token wants it on every request (on changes only with --public-read): ask once, remember it here.
    const token = prompt("This server requires its API token. Token:", apiToken.get());
    if (token) {
      apiToken.set(token.trim());
      return request<T>(method, path, body, true);
    }
  }
  if (!response.ok) {
    let problem: Problem = { status: response.status, title: response.statusText };
    try {
      problem = await response.json();
    } catch {
      // Not JSON: keep the status line.
    }
    throw new ApiError(response.status, problem);
  }
  return response.status === 204 ? (undefined as T) : ((await response.json()) as T);
}

/** A paged list read to its end: the server sends at most 500 rows a page and the next cursor in X-Next-Cursor. */
async function requestAll<T>(path: string, cursorName = "cursor", start?: string): Promise<T[]> {
  const all: T[] = [];
  const sep = path.includes("?") ? "&" : "?";
  let next: string | null = `${path}${sep}limit=500${start ? `&${cursorName}=${encodeURIComponent(start)}` : ""}`;
  while (next) {
    const headers: Record<string, string> = { Accept: "application/json" };
    const token = apiToken.get();
    if (token) headers.Authorization = `Bearer ${token}`;
    const response = await fetch(next, { headers });
    if (!response.ok) return request<T[]>("GET", next); // the one-page path reports the problem (and asks for a token)
    all.push(...((await response.json()) as T[]));
    const cursor = response.headers.get("X-Next-Cursor");
    next = cursor ? `${path}${sep}limit=500&${cursorName}=${encodeURIComponent(cursor)}` : null;
  }
  return all;
}

export interface NewFlow {
  name: string;
  description?: string;
  config: FlowConfig;
  seed_checkpoint_id?: number | null;
}

export const api = {
  health: () => request<{ status: string }>("GET", "/api/health"),
  flows: (status?: string) => requestAll<Flow>(status ? `/api/flows?status=${encodeURIComponent(status)}` : "/api/flows"),
  flow: (id: number) => request<Flow>("GET", `/api/flows/${id}`),
  createFlow: (flow: NewFlow) => request<Flow>("POST", "/api/flows", flow),
  deleteFlow: (id: number) => request<void>("DELETE", `/api/flows/${id}`),
  flowExperiments: (id: number) => request<Experiment[]>("GET", `/api/flows/${id}/experiments`),
  queueFlow: (id: number) => request<Flow>("POST", `/api/flows/${id}/queue`),
  stopFlow: (id: number) => request<Flow>("POST", `/api/flows/${id}/stop`),
  restartFlow: (id: number) => request<Flow>("POST", `/api/flows/${id}/restart`),
  experiments: () => requestAll<Experiment>("/api/experiments"),
  experiment: (id: number) => request<Experiment>("GET", `/api/experiments/${id}`),
  iterations: (id: number, after = 0) => requestAll<Iteration>(`/api/experiments/${id}/iterations`, "after", after > 0 ? String(after) : undefined),
  checkpoints: () => requestAll<Checkpoint>("/api/checkpoints"),
  deleteCheckpoint: (id: number, force: boolean) => request<void>("DELETE", `/api/checkpoints/${id}${force ? "?force=true" : ""}`),
  downloadUrl: (id: number) => `/api/checkpoints/${id}/download`,
  /** Sweeps (kind "sweep", id = directory name) and studies (kind "study", id = number) share one shape of endpoints. */
  studies: (kind: StudyKind) => requestAll<StudyRecord>(`/api/${kind}s`),
  study: (kind: StudyKind, id: string) => request<StudyRecord>("GET", studyPath(kind, id)),
  trials: (kind: StudyKind, id: string) => requestAll<TrialRecord>(`${studyPath(kind, id)}/trials`, "after"),
  report: (kind: StudyKind, id: string) => request<StudyReport>("GET", `${studyPath(kind, id)}/report`),
  /** The server-rendered SVG plots of `wnn report` (slices, parallel coordinates, contour, Pareto, …). */
  figures: (kind: StudyKind, id: string) => request<Figure[]>("GET", `${studyPath(kind, id)}/figures`),
  trialLog: async (id: string, trial: number) => {
    const headers: Record<string, string> = {};
    const token = apiToken.get();
    if (token) headers.Authorization = `Bearer ${token}`;
    const response = await fetch(`${studyPath("sweep", id)}/trials/${trial}/log`, { headers });
    if (!response.ok) throw new ApiError(response.status, await response.json().catch(() => ({ status: response.status })));
    return response.text();
  },
};

export type StudyKind = "sweep" | "study";

const studyPath = (kind: StudyKind, id: string) => `/api/${kind}s/${encodeURIComponent(id)}`;

/** One readable line for an error, including the field messages of a validation problem. */
export function describeError(error: unknown): string {
  if (error instanceof ApiError) {
    const fields = Object.entries(error.problem.errors ?? {}).map(([k, v]) => `${k}: ${v.join(", ")}`);
    return [error.message, ...fields].join("; ");
  }
  return error instanceof Error ? error.message : String(error);
}
