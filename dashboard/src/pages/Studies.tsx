import { useEffect, useState } from "preact/hooks";
import { api, describeError, type StudyKind } from "../api";
import { ProgressBar } from "../components/Badge";
import { StateCounts } from "../components/StateCounts";
import { fmtTime, fmtValue } from "../format";
import { useLive } from "../live";
import { navigate } from "../router";
import type { StudyRecord } from "../types";

const finished = (s: StudyRecord) => (s.state_counts.complete ?? 0) + (s.state_counts.pruned ?? 0) + (s.state_counts.failed ?? 0);

/** /sweeps and /studies: every sweep (or study) with its state counts, best value and progress; live over /ws. */
export function StudiesPage({ kind }: { kind: StudyKind }) {
  const store = useLive();
  const [error, setError] = useState<string | null>(null);
  const [loaded, setLoaded] = useState(false);
  const [selected, setSelected] = useState<string[]>([]);
  // A sweep that appears or changes in another process arrives as StudyUpdated; a new one is then in the store too.
  const changes = [...store.studyChanges.entries()].filter(([k]) => k.startsWith(kind + ":")).reduce((n, [, v]) => n + v, 0);
  useEffect(() => {
    api.studies(kind).then(
      (list) => {
        store.putStudies(kind, list);
        setLoaded(true);
        setError(null);
      },
      (e) => setError(describeError(e)),
    );
  }, [kind]);
  const rows = [...store.studies.values()]
    .filter((s) => s.kind === kind)
    .sort((a, b) => (b.created ?? "").localeCompare(a.created ?? "") || b.id.localeCompare(a.id));
  const title = kind === "sweep" ? "Sweeps" : "Studies";
  const toggle = (id: string) => setSelected((s) => (s.includes(id) ? s.filter((x) => x !== id) : [...s, id]));
  return (
    <section>
      <div class="page-head">
        <h1>{title}</h1>
        {kind === "sweep" && (
          <button class="button" disabled={selected.length < 2} data-testid="compare" onClick={() => navigate(`/sweeps/compare?ids=${selected.map(encodeURIComponent).join(",")}`)}>
            Compare {selected.length >= 2 ? selected.length : ""} sweeps
          </button>
        )}
      </div>
      {error && <div class="alert error">{error}</div>}
      {loaded && rows.length === 0 ? (
        <p class="empty">
          {kind === "sweep"
            ? "No sweeps in the server's sweeps directory (wnn serve --sweeps DIR, default outputs/experiments). Start one with wnn sweep run or wnn sweep quick; it appears here live."
            : "No studies in the server's study storage (wnn serve --study-storage DB, default its --db). wnn study optimize --storage DB adds one."}
        </p>
      ) : (
        <div class="table-wrap">
          <table class="table clickable" data-testid="studies-table" data-changes={changes}>
            <thead>
              <tr>
                {kind === "sweep" && <th class="check" aria-label="select to compare" />}
                <th>{kind === "sweep" ? "Sweep" : "Study"}</th>
                <th class="hide-sm">Kind</th>
                <th>States</th>
                <th class="num">Best</th>
                <th class="hide-sm">Progress</th>
                <th class="hide-sm">Created</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((s) => {
                const href = `/${kind === "sweep" ? "sweeps" : "studies"}/${encodeURIComponent(s.id)}`;
                const total = s.jobs ?? s.trial_count;
                return (
                  <tr key={s.id} data-study-id={s.id} data-trials={s.trial_count} onClick={() => navigate(href)}>
                    {kind === "sweep" && (
                      <td class="check" onClick={(e) => e.stopPropagation()}>
                        <input type="checkbox" aria-label={`compare ${s.name}`} checked={selected.includes(s.id)} onChange={() => toggle(s.id)} />
                      </td>
                    )}
                    <td class="name">
                      <a href={href}>{s.name}</a>
                      {s.error && <div class="error-text small">{s.error}</div>}
                    </td>
                    <td class="hide-sm">{[s.sweep_kind, s.sampler].filter(Boolean).join(" · ") || "study"}</td>
                    <td>
                      <StateCounts counts={s.state_counts} />
                    </td>
                    <td class="num" data-testid="best">
                      {fmtValue(s.best_value)}
                      <div class="muted small">{s.objective_names[0] ?? "value"} {s.directions[0] === "maximize" ? "↑" : "↓"}</div>
                    </td>
                    <td class="hide-sm">
                      <ProgressBar value={total > 0 ? Math.min(1, finished(s) / total) : 0} label={`${finished(s)}/${total}`} />
                    </td>
                    <td class="hide-sm">{fmtTime(s.created)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
