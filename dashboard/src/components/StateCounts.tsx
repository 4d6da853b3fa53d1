const ORDER = ["complete", "running", "waiting", "pruned", "failed"];

/** A trial-state count per badge, zero counts left out. */
export function StateCounts({ counts }: { counts: Record<string, number> }) {
  return (
    <span class="state-counts">
      {ORDER.filter((s) => (counts[s] ?? 0) > 0).map((s) => (
        <span key={s} class={`badge badge-trial-${s}`} data-state={s} data-count={counts[s]}>
          {counts[s]} {s}
        </span>
      ))}
    </span>
  );
}

/** One trial's state. */
export function TrialStateBadge({ state }: { state: string }) {
  return (
    <span class={`badge badge-trial-${state}`} data-state={state}>
      {state}
    </span>
  );
}
