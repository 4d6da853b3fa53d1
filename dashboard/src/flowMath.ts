import { configNumber } from "./schema";
import type { Experiment, Flow } from "./types";

export const STANDARD_PHASES = 6;

/** Expected number of phases of a flow (standard-6-phase unless the config lists phases). */
export function phaseCount(flow: Flow): number {
  const phases = flow.config.phases;
  return Array.isArray(phases) && phases.length ? phases.length : STANDARD_PHASES;
}

export function flowExperiments(flow: Flow, experiments: Iterable<Experiment>): Experiment[] {
  return [...experiments].filter((e) => e.flow_id === flow.id).sort((a, b) => a.sequence - b.sequence || a.id - b.id);
}

/** Fraction done in [0, 1]: completed phases plus the running phase's share of its iteration budget. */
export function flowProgress(flow: Flow, experiments: Experiment[]): number {
  if (flow.status === "completed") return 1;
  const total = phaseCount(flow);
  let done = 0;
  for (const e of experiments) {
    if (e.status === "completed") done += 1;
    else if (e.status === "running") {
      const budget = configNumber(flow.config, e.kind === "ga" ? "ga.generations" : "ts.iterations");
      if (budget && budget > 0) done += Math.min(1, e.iterations_run / budget);
    }
  }
  return Math.min(1, done / total);
}

export function bestCe(experiments: Experiment[]): number | null {
  let best: number | null = null;
  for (const e of experiments) if (e.best_fitness !== null && (best === null || e.best_fitness < best)) best = e.best_fitness;
  return best;
}

export function bestAccuracy(experiments: Experiment[]): number | null {
  let best: number | null = null;
  for (const e of experiments) if (e.best_accuracy !== null && (best === null || e.best_accuracy > best)) best = e.best_accuracy;
  return best;
}
