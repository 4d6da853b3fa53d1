import { useEffect, useState } from "preact/hooks";
import { api, describeError, type StudyKind } from "../api";
import { Card, StatusBadge } from "../components/Badge";
import { Chart } from "../components/Chart";
import { ImportanceBars } from "../components/ImportanceBars";
import { StateCounts } from "../components/StateCounts";
import { TrialsTable } from "../components/TrialsTable";
import { fmtValue } from "../format";
import { useLive } from "../live";
import type { Figure, StudyRecord, StudyReport, TrialRecord } from "../types";

const CURVE_COLORS = ["#4f9dff", "#3ecf8e", "#f5a524", "#c084fc", "#f36f6f", "#2dd4bf", "#facc15", "#fb7185", "#a3e635", "#818cf8"];
/** Learning curves drawn at most (the best ones by value, then the latest); a chart of hundreds of lines says nothing. */
const MAX_CURVES = 12;

/** Loads a sweep's or study's record, trials and report, and loads them again whenever the server pushes a change. */
export function useStudy(kind: StudyKind, id: string) {
  const store = useLive();
  const key = `${kind}:${id}`;
  const version = store.studyChanges.get(key) ?? 0;
  const [state, setState] = useState<{ record?: StudyRecord; trials?: TrialRecord[]; report?: StudyReport; figures?: Figure[]; error?: string }>({});
  useEffect(() => {
    let cancelled = false;
    Promise.all([api.study(kind, id), api.trials(kind, id), api.report(kind, id), api.figures(kind, id)]).then(
      ([record, trials, report, figures]) => !cancelled && setState({ record, trials, report, figures }),
      (e) => !cancelled && setState((s) => ({ ...s, error: describeError(e) })),
    );
    return () => {
      cancelled = true;
    };
  }, [kind, id, version]);
  return { ...state, version };
}

/** Learning curves of the trials that reported intermediate values: x = step, one series per trial (pruned ones dashed). */
function curves(trials: TrialRecord[], minimize: boolean) {
  const withCurves = trials.filter((t) => t.intermediate.length > 0);
  const score = (t: TrialRecord) => (t.values ? t.values[0] : t.intermediate[t.intermediate.length - 1].value);
  const chosen = [...withCurves]
    .sort((a, b) => (minimize ? score(a) - score(b) : score(b) - score(a)))
    .slice(0, MAX_CURVES)
    .sort((a, b) => a.number - b.number);
  const steps = [...new Set(chosen.flatMap((t) => t.intermediate.map((p) => p.step)))].sort((a, b) => a - b);
  const data: [number[], ...(number | null)[][]] = [
    steps,
    ...chosen.map((t) => {
      const at = new Map(t.intermediate.map((p) => [p.step, p.value]));
      return steps.map((s) => at.get(s) ?? null);
    }),
  ];
  const series = chosen.map((t, i) => ({
    label: `#${t.number}${t.state === "pruned" ? " (pruned)" : t.state === "running" ? " (running)" : ""}`,
    color: CURVE_COLORS[i % CURVE_COLORS.length],
    dash: t.state === "pruned" ? [5, 4] : undefined,
    format: fmtValue,
  }));
  return { data, series, total: withCurves.length };
}

/** The server's figures shown under "Plots"; history and learning curves are drawn live above, so they are left out. */
const FIGURE_ORDER = ["parallel", "contour", "pareto", "slice-", "correlation"];

function plotFigures(figures: Figure[]) {
  const rank = (f: Figure) => FIGURE_ORDER.findIndex((p) => (p.endsWith("-") ? f.id.startsWith(p) : f.id === p));
  return figures.filter((f) => rank(f) >= 0).sort((a, b) => rank(a) - rank(b));
}

/** Empirical distribution of the objective over complete trials: the fraction of trials at or below each value (a step line). */
function edf(trials: TrialRecord[]) {
  const values = trials
    .filter((t) => t.state === "complete" && t.values && Number.isFinite(t.values[0]))
    .map((t) => t.values![0])
    .sort((a, b) => a - b);
  const data: [number[], number[]] = [values, values.map((_, i) => (i + 1) / values.length)];
  return { data, count: values.length };
}

/** /sweeps/:id and /studies/:id: best trial, history with best-so-far, importance, failures, learning curves and the trials. */
export function StudyPage({ kind, id }: { kind: StudyKind; id: string }) {
  const { record, trials, report, figures, error, version } = useStudy(kind, id);
  const list = kind === "sweep" ? "/sweeps" : "/studies";
  if (!record || !trials || !report) {
    return (
      <section>
        <div class="crumbs">
          <a href={list}>{kind === "sweep" ? "Sweeps" : "Studies"}</a> / {id}
        </div>
        <h1>{id}</h1>
        {error ? <div class="alert error">{error}</div> : <p class="empty">Loading…</p>}
      </section>
    );
  }
  const objective = record.objective_names[0] ?? "value";
  const minimize = record.directions[0] !== "maximize";
  const counts = record.state_counts;
  const finished = (counts.complete ?? 0) + (counts.pruned ?? 0) + (counts.failed ?? 0);
  const history = report.history;
  const historyData: [number[], (number | null)[], (number | null)[]] = [
    history.map((h) => h.number),
    history.map((h) => h.value),
    history.map((h) => h.best_so_far),
  ];
  const lc = curves(trials, minimize);
  const dist = edf(trials);
  const best = report.best;
  return (
    <section data-testid="study-page" data-version={version} data-trials={trials.length}>
      <div class="page-head">
        <div>
          <div class="crumbs">
            <a href={list}>{kind === "sweep" ? "Sweeps" : "Studies"}</a> / {record.id}
          </div>
          <h1>
            <span class="break">{record.name}</span>
          </h1>
          <p class="muted small">
            {[record.sweep_kind, record.sampler].filter(Boolean).join(" · ") || "study"} · {objective} ({minimize ? "minimize" : "maximize"})
            {record.directory && (
              <>
                {" "}
                · <code>{record.directory}</code>
              </>
            )}
          </p>
        </div>
        <StateCounts counts={counts} />
      </div>
      {error && <div class="alert error">{error}</div>}
      {record.error && <div class="alert error">{record.error}</div>}
      <div class="cards">
        <Card label={`Best ${objective}`} value={fmtValue(record.best_value)} testId="card-best" />
        <Card label="Best trial" value={record.best_trial === null ? "—" : `#${record.best_trial}`} testId="card-best-trial" />
        <Card label={record.jobs !== null ? "Jobs finished" : "Trials finished"} value={`${finished}/${record.jobs ?? record.trial_count}`} testId="card-finished" />
        <Card label="Running" value={String(counts.running ?? 0)} testId="card-running" />
      </div>
      {best && (
        <div class="panel" data-testid="best-trial">
          <h2>Best trial #{best.number}</h2>
          <div class="stats">
            <span class="stat">
              {objective} <b>{fmtValue(best.values?.[0])}</b>
            </span>
            {best.params.map((p) => (
              <span class="stat" key={p.name} data-param={p.name}>
                {p.name} <b>{fmtValue(p.value)}</b>
              </span>
            ))}
          </div>
        </div>
      )}
      {report.pareto_front.length > 0 && (
        <p class="muted" data-testid="pareto">
          Pareto front: {report.pareto_front.map((n) => `#${n}`).join(", ")}
        </p>
      )}
      <div class="charts">
        {history.length > 0 ? (
          <Chart
            title={`History: ${objective} per complete trial, with the best so far`}
            xLabel="trial number"
            yLabel={objective}
            testId="history-chart"
            series={[
              { label: objective, color: "#4f9dff", points: true, format: fmtValue },
              { label: `best so far (${minimize ? "lowest" : "highest"})`, color: "#3ecf8e", format: fmtValue },
            ]}
            data={historyData}
          />
        ) : (
          <p class="empty">No complete trial yet: the history appears here live.</p>
        )}
        {lc.total > 0 ? (
          <Chart
            title={`Learning curves: intermediate ${objective} per step${lc.total > MAX_CURVES ? ` (best ${MAX_CURVES} of ${lc.total})` : ""}`}
            xLabel="step"
            yLabel={objective}
            testId="curves-chart"
            series={lc.series}
            data={lc.data}
          />
        ) : (
          <p class="empty">No trial reported intermediate values (learning curves).</p>
        )}
      </div>
      <div class="split">
        <div>
          <h2>Parameter importance</h2>
          <ImportanceBars fanova={report.importance} ped={report.ped_anova_importance} note={report.importance_note} />
        </div>
        <div>
          <h2>Failures and prunes by reason</h2>
          {report.failures.length === 0 ? (
            <p class="muted" data-testid="no-failures">
              No trial failed or was pruned.
            </p>
          ) : (
            <div class="table-wrap">
              <table class="table" data-testid="failures-table">
                <thead>
                  <tr>
                    <th>State</th>
                    <th>Reason</th>
                    <th class="num">Trials</th>
                  </tr>
                </thead>
                <tbody>
                  {report.failures.map((f) => (
                    <tr key={f.state + f.reason} data-state={f.state} data-count={f.count}>
                      <td>
                        <StatusBadge status={f.state} />
                      </td>
                      <td class="reason">{f.reason}</td>
                      <td class="num" title={f.trials.map((n) => `#${n}`).join(", ")}>
                        {f.count}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </div>
      </div>
      <h2>Plots</h2>
      <div class="charts">
        {dist.count > 0 ? (
          <Chart
            title={`Empirical distribution (EDF) of ${objective} over ${dist.count} complete trials`}
            xLabel={objective}
            yLabel="fraction of trials ≤ value"
            testId="edf-chart"
            yPercent
            series={[{ label: `trials with ${objective} ≤ x`, color: "#c084fc", stepped: true, format: fmtValue }]}
            data={dist.data}
          />
        ) : (
          <p class="empty">No complete trial yet: the empirical distribution appears here.</p>
        )}
      </div>
      {figures && (
        <div class="figures" data-testid="figures">
          {plotFigures(figures).map((f) => (
            <figure class="figure" key={f.id} data-figure={f.id}>
              {/* The server's own SVG (names escaped by the plot code), identical to wnn report's figures/*.svg. */}
              <div class="figure-svg" dangerouslySetInnerHTML={{ __html: f.svg }} />
            </figure>
          ))}
        </div>
      )}
      <h2>Trials</h2>
      <TrialsTable kind={kind} id={id} trials={trials} report={report} />
    </section>
  );
}
