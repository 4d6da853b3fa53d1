import { useState } from "preact/hooks";
import { api, describeError, type StudyKind } from "../api";
import { fmtDuration, durationBetween, fmtValue } from "../format";
import type { StudyReport, TrialRecord } from "../types";
import { TrialStateBadge } from "./StateCounts";

const PAGE = 200;
const STATES = ["complete", "running", "waiting", "pruned", "failed"];

type Column = { key: string; label: string; value: (t: TrialRecord) => number | string | boolean | null; numeric: boolean };

/** The trials with their parameters and metrics as columns: sort by any column (click its header), filter by state, open one. */
export function TrialsTable({ kind, id, trials, report }: { kind: StudyKind; id: string; trials: TrialRecord[]; report: StudyReport }) {
  const objective = report.study.objective_names[0] ?? "value";
  const minimize = report.study.directions[0] !== "maximize";
  const [sort, setSort] = useState<{ key: string; descending: boolean }>({ key: objective, descending: !minimize });
  const [state, setState] = useState("");
  const [open, setOpen] = useState<number | null>(null);
  const param = (t: TrialRecord, name: string) => t.params.find((p) => p.name === name)?.value ?? null;
  const metric = (t: TrialRecord, name: string) => t.metrics.find((m) => m.name === name)?.value ?? null;
  const columns: Column[] = [
    { key: "number", label: "#", value: (t) => t.number, numeric: true },
    ...report.study.objective_names.map((n, i) => ({ key: n, label: n, value: (t: TrialRecord) => t.values?.[i] ?? null, numeric: true })),
    ...report.parameters.map((p) => ({ key: "param:" + p.name, label: p.name, value: (t: TrialRecord) => param(t, p.name), numeric: p.kind !== "categorical" })),
    ...report.metric_names.map((m) => ({ key: "metric:" + m, label: m, value: (t: TrialRecord) => metric(t, m), numeric: true })),
  ];
  const column = columns.find((c) => c.key === sort.key) ?? columns[0];
  const counts = Object.fromEntries(STATES.map((s) => [s, trials.filter((t) => t.state === s).length]));
  const rows = trials
    .filter((t) => !state || t.state === state)
    .slice()
    .sort((a, b) => {
      const x = column.value(a);
      const y = column.value(b);
      // Trials without a value go last whichever the order.
      if (x === null || y === null) return x === null ? (y === null ? a.number - b.number : 1) : -1;
      const c = typeof x === "number" && typeof y === "number" ? x - y : String(x).localeCompare(String(y));
      return (sort.descending ? -c : c) || a.number - b.number;
    });
  const clickSort = (key: string) => setSort((s) => (s.key === key ? { key, descending: !s.descending } : { key, descending: false }));
  return (
    <>
      <div class="filters" data-testid="state-filter">
        <button class={`chip ${state === "" ? "active" : ""}`} onClick={() => setState("")}>
          all<span class="count">{trials.length}</span>
        </button>
        {STATES.filter((s) => counts[s] > 0).map((s) => (
          <button key={s} class={`chip ${state === s ? "active" : ""}`} data-state={s} onClick={() => setState(s)}>
            {s}
            <span class="count">{counts[s]}</span>
          </button>
        ))}
      </div>
      {rows.length > PAGE && <p class="muted small">Showing the first {PAGE} of {rows.length} in this order.</p>}
      <div class="table-wrap">
        <table class="table clickable trials" data-testid="trials-table" data-sort={sort.key} data-descending={sort.descending}>
          <thead>
            <tr>
              {columns.map((c, i) => (
                <th
                  key={c.key}
                  class={`${c.numeric ? "num" : ""} sortable ${i > 2 ? "hide-sm" : ""}`}
                  data-column={c.key}
                  aria-sort={c.key === sort.key ? (sort.descending ? "descending" : "ascending") : "none"}
                  onClick={() => clickSort(c.key)}
                >
                  {c.label}
                  {c.key === sort.key ? (sort.descending ? " ▼" : " ▲") : ""}
                </th>
              ))}
              <th>State</th>
            </tr>
          </thead>
          <tbody>
            {rows.slice(0, PAGE).map((t) => [
              <tr key={t.number} data-trial={t.number} data-state={t.state} onClick={() => setOpen(open === t.number ? null : t.number)}>
                {columns.map((c, i) => (
                  <td key={c.key} class={`${c.numeric ? "num" : ""} ${i > 2 ? "hide-sm" : ""}`}>
                    {fmtValue(c.value(t))}
                  </td>
                ))}
                <td>
                  <TrialStateBadge state={t.state} />
                </td>
              </tr>,
              open === t.number && (
                <tr key={`${t.number}-detail`} class="detail-row">
                  <td colSpan={columns.length + 1}>
                    <TrialDetail kind={kind} id={id} trial={t} />
                  </td>
                </tr>
              ),
            ])}
          </tbody>
        </table>
      </div>
    </>
  );
}

function TrialDetail({ kind, id, trial }: { kind: StudyKind; id: string; trial: TrialRecord }) {
  const [log, setLog] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const loadLog = () => api.trialLog(id, trial.number).then(setLog, (e) => setError(describeError(e)));
  return (
    <div class="trial-detail" data-testid="trial-detail" data-trial={trial.number}>
      <div class="stats">
        {trial.params.map((p) => (
          <span class="stat" key={p.name}>
            {p.name} <b>{fmtValue(p.value)}</b>
          </span>
        ))}
        {trial.metrics.map((m) => (
          <span class="stat" key={"m" + m.name}>
            {m.name} <b>{fmtValue(m.value)}</b>
          </span>
        ))}
      </div>
      <p class="small">
        {trial.job !== null && <>job {trial.job} · attempt {trial.attempt ?? 1} · </>}
        {trial.intermediate.length} intermediate values · {fmtDuration(durationBetween(trial.started, trial.completed))}
        {trial.reason && (
          <>
            {" "}
            · <span class="danger-text" data-testid="trial-reason">{trial.reason}</span>
          </>
        )}
      </p>
      {trial.run_dir && (
        <p class="small">
          run directory <code>{trial.run_dir}</code>{" "}
          {kind === "sweep" && (
            <button class="link-button" onClick={(e) => (e.stopPropagation(), void loadLog())}>
              show the log tail
            </button>
          )}
        </p>
      )}
      {error && <div class="inline-error">{error}</div>}
      {log !== null && <pre class="log" data-testid="trial-log">{log || "(empty)"}</pre>}
    </div>
  );
}
