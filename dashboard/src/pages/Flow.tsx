import { useEffect, useMemo, useState } from "preact/hooks";
import { api, describeError } from "../api";
import { Card, ProgressBar, StatusBadge } from "../components/Badge";
import { Chart } from "../components/Chart";
import { bestFullDataAccuracy, bestFullDataCe, flowExperiments, flowProgress, phaseCount } from "../flowMath";
import { durationBetween, fmtCe, fmtDuration, fmtInt, fmtPct, fmtTime } from "../format";
import { live, useLive } from "../live";
import { navigate } from "../router";
import { configNumber, currentSchema, effectiveValue, useSchema, valueText } from "../schema";
import type { Experiment, Flow, FlowConfig } from "../types";

/** The value of a key in effect (given or the schema's default) as text; "…" before the schema has loaded. */
function show(config: FlowConfig, name: string): string {
  const key = currentSchema()?.keys.find((k) => k.name === name);
  return key ? valueText(key, effectiveValue(config, key).value) : "…";
}

function summary(c: FlowConfig): string {
  const v = (name: string) => show(c, name);
  return (
    `${v("flow.template")} · ${v("search.phase_order")} · patience ${v("search.patience")} · GA ${v("ga.generations")} gens × pop ${v("search.population")}` +
    ` · TS ${v("ts.iterations")} iters × ${v("ts.neighbors")} neighbors · tiers ${v("model.tier_config")} · fitness ${v("fitness.kind")}` +
    ` · data ${v("data.train_file")} (${v("data.tokenizer")}, ${v("data.train_tokens")}/${v("data.eval_tokens")} tokens, context ${v("model.context")})` +
    ` · seed ${v("run.seed")}`
  );
}

/** Every key a flow reads with the value in effect: the config's, or the schema's default (marked). */
function ConfigTable({ config }: { config: FlowConfig }) {
  const { schema } = useSchema();
  if (!schema) return null;
  return (
    <details class="config-details">
      <summary>Configuration</summary>
      <div class="table-wrap">
        <table class="table config-table" data-testid="flow-config">
          <tbody>
            {schema.keys
              .filter((k) => k.scope !== "search")
              .map((k) => {
                const { value, given } = effectiveValue(config, k);
                return (
                  <tr key={k.name} data-key={k.name} data-given={String(given)}>
                    <td title={k.doc}>{k.label}</td>
                    <td class="hide-sm">
                      <code>{k.name}</code>
                    </td>
                    <td class={given ? "" : "default"}>
                      {valueText(k, value)}
                      {given ? "" : " (default)"}
                    </td>
                  </tr>
                );
              })}
          </tbody>
        </table>
      </div>
    </details>
  );
}

function Controls({ flow }: { flow: Flow }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const act = async (action: () => Promise<Flow | void>) => {
    setBusy(true);
    setError(null);
    try {
      const updated = await action();
      if (updated) live.putFlow(updated);
    } catch (err) {
      setError(describeError(err));
    } finally {
      setBusy(false);
    }
  };
  const s = flow.status;
  return (
    <div class="controls">
      {s === "pending" && (
        <button class="button primary" disabled={busy} onClick={() => act(() => api.queueFlow(flow.id))}>
          Queue
        </button>
      )}
      {(s === "queued" || s === "running") && (
        <button class="button danger" disabled={busy || flow.stop_requested} onClick={() => act(() => api.stopFlow(flow.id))}>
          {flow.stop_requested ? "Stopping…" : "Stop"}
        </button>
      )}
      {(s === "failed" || s === "cancelled") && (
        <button class="button" disabled={busy} onClick={() => act(() => api.restartFlow(flow.id))}>
          Restart
        </button>
      )}
      {s !== "running" && s !== "queued" && (
        <button
          class="button ghost"
          disabled={busy}
          onClick={() => {
            if (!confirm(`Delete flow “${flow.name}” and its experiments? Checkpoint files stay.`)) return;
            void act(async () => {
              await api.deleteFlow(flow.id);
              navigate("/flows");
            });
          }}
        >
          Delete
        </button>
      )}
      {error && (
        <span class="inline-error" role="alert">
          {error}
        </span>
      )}
    </div>
  );
}

const PHASE_COLORS = ["#4f9dff", "#f5a524", "#3ecf8e", "#c084fc", "#f87171", "#22d3ee"];
const pct = (v: number) => `${(v * 100).toFixed(2)}%`;

/**
 * Every iteration of every phase laid end to end, phase boundaries dashed. Each phase scores its iterations on its
 * own rotating training part, so each phase is its own series (never joined across a boundary); the full-data result
 * of each completed phase is a separate series of points at the phase's end.
 */
function FlowChart({ experiments }: { experiments: Experiment[] }) {
  const store = useLive();
  const ids = experiments.map((e) => e.id).join(",");
  useEffect(() => {
    for (const e of experiments) void store.loadIterations(e.id).catch(() => undefined);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [ids]);
  const xs: number[] = [];
  const markers: number[] = [];
  const spans: { e: Experiment; from: number; to: number }[] = [];
  for (const e of experiments) {
    const rows = store.iterationsOf(e.id);
    if (xs.length) markers.push(xs.length + 0.5);
    const from = xs.length;
    for (let i = 0; i < rows.length; i++) xs.push(xs.length + 1);
    spans.push({ e, from, to: xs.length });
  }
  const column = (pick: (e: Experiment, i: number) => number | null) =>
    spans.map(({ e, from, to }) => xs.map((_, i) => (i >= from && i < to ? pick(e, i - from) : null)));
  const trainCe = column((e, i) => store.iterationsOf(e.id)[i].best_ce);
  const trainAcc = column((e, i) => store.iterationsOf(e.id)[i].best_accuracy);
  const atEnd = (value: (e: Experiment) => number | null) =>
    xs.map((_, i) => spans.find((s) => s.to > s.from && i === s.to - 1)?.e ?? null).map((e) => (e ? value(e) : null));
  const fullCe = atEnd((e) => e.full_data_ce);
  const fullAcc = atEnd((e) => e.full_data_accuracy);
  const ceData = useMemo(() => [xs, ...trainCe, fullCe] as [number[], ...(number | null)[][]], [xs.length, store.changeCount]);
  const accData = useMemo(() => [xs, ...trainAcc, fullAcc] as [number[], ...(number | null)[][]], [xs.length, store.changeCount]);
  if (!xs.length) return <p class="empty">The chart appears with the first iteration.</p>;
  const color = (i: number) => PHASE_COLORS[i % PHASE_COLORS.length];
  return (
    <div class="charts">
      <Chart
        title="Cross-entropy across phases (nats)"
        xLabel="iteration (all phases)"
        yLabel="CE (nats)"
        testId="flow-chart"
        markers={markers}
        series={[
          ...spans.map(({ e }, i) => ({ label: `${e.phase_key} training part`, color: color(i) })),
          { label: "full data (phase end)", color: "#f8fafc", points: true },
        ]}
        data={ceData}
      />
      <Chart
        title="Accuracy across phases"
        xLabel="iteration (all phases)"
        yLabel="accuracy"
        yPercent
        testId="flow-acc-chart"
        markers={markers}
        series={[
          ...spans.map(({ e }, i) => ({ label: `${e.phase_key} training part`, color: color(i), format: pct })),
          { label: "full data (phase end)", color: "#f8fafc", points: true, format: pct },
        ]}
        data={accData}
      />
      <p class="muted small" data-testid="flow-chart-note">
        Each phase scores its iterations on its own rotating part of the training data, so its line starts afresh at each dashed
        boundary (not a regression); the points are each completed phase's best genome on the full data.
      </p>
    </div>
  );
}

export function FlowPage({ id }: { id: number }) {
  useSchema(); // re-render once the schema has loaded (the summary resolves keys with it)
  const store = useLive();
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setError(null);
    void store.loadFlowExperiments(id).catch((e) => setError(describeError(e)));
  }, [id]);
  const flow = store.flows.get(id);
  if (!flow) {
    return (
      <section>
        <h1>Flow {id}</h1>
        <p class="empty">{error ?? (store.connection.snapshots === 0 ? "Loading…" : "This flow does not exist (it may have been deleted).")}</p>
      </section>
    );
  }
  const exps = flowExperiments(flow, store.experiments.values());
  const done = exps.filter((e) => e.status === "completed").length;
  const total = phaseCount(flow);
  const c = flow.config;
  const seed = flow.seed_checkpoint_id !== null ? store.checkpoints.get(flow.seed_checkpoint_id) : undefined;
  const finals = [...store.checkpoints.values()].filter((k) => k.is_final && exps.some((e) => e.id === k.experiment_id));

  return (
    <section>
      <div class="page-head">
        <div>
          <div class="crumbs">
            <a href="/flows">Flows</a> / #{flow.id}
          </div>
          <h1>
            {flow.name} <StatusBadge status={flow.status} />
          </h1>
          {flow.description && <p class="muted">{flow.description}</p>}
        </div>
        <Controls flow={flow} />
      </div>
      {flow.error && (
        <div class="alert error" role="alert">
          Failed: {flow.error}
        </div>
      )}
      <div class="cards">
        <Card label="Progress" value={`${done}/${total} phases`} testId="card-progress" />
        <Card label="Best full-data CE (nats)" value={fmtCe(bestFullDataCe(exps))} testId="card-best-full-ce" />
        <Card label="Best full-data accuracy" value={fmtPct(bestFullDataAccuracy(exps))} testId="card-best-full-acc" />
        <Card label="Duration" value={fmtDuration(durationBetween(flow.started_at, flow.completed_at))} />
      </div>
      <ProgressBar value={flowProgress(flow, exps)} />
      <p class="muted small" data-testid="flow-summary">
        {summary(c)}
        {flow.seed_checkpoint_id !== null && (
          <>
            {" "}
            · seeded from <a href="/checkpoints">#{flow.seed_checkpoint_id}</a>
            {seed ? ` (${seed.name})` : ""}
          </>
        )}
        {flow.worker_id ? ` · worker ${flow.worker_id}` : ""}
      </p>
      <ConfigTable config={c} />

      <h2>Phases</h2>
      {exps.length === 0 ? (
        <p class="empty">{flow.status === "pending" ? "Queue the flow to start its phases." : "No phase has started yet."}</p>
      ) : (
        <div class="table-wrap">
          <table class="table clickable" data-testid="experiments-table">
            <thead>
              <tr>
                <th>Phase</th>
                <th class="hide-sm">Status</th>
                <th class="wide">Progress</th>
                <th class="num">
                  Full-data CE<span class="hide-sm"> (nats)</span>
                </th>
                <th class="num hide-sm">Full-data acc.</th>
                <th class="num hide-sm">Best train-part CE</th>
                <th class="num hide-sm">Duration</th>
              </tr>
            </thead>
            <tbody>
              {exps.map((e) => {
                const budget = configNumber(c, e.kind === "ga" ? "ga.generations" : "ts.iterations");
                const frac = e.status === "completed" ? 1 : budget ? Math.min(1, e.iterations_run / budget) : 0;
                return (
                  <tr key={e.id} data-experiment-id={e.id} onClick={() => navigate(`/experiments/${e.id}`)}>
                    <td class="name">
                      <a href={`/experiments/${e.id}`}>{e.name}</a>
                      <div class="show-sm">
                        <StatusBadge status={e.status} />
                      </div>
                    </td>
                    <td class="hide-sm">
                      <StatusBadge status={e.status} />
                    </td>
                    <td class="wide">
                      <ProgressBar value={frac} label={`${fmtInt(e.iterations_run)}${budget ? ` / ${fmtInt(budget)}` : ""}`} />
                    </td>
                    <td class="num">{fmtCe(e.full_data_ce)}</td>
                    <td class="num hide-sm">{fmtPct(e.full_data_accuracy)}</td>
                    <td class="num hide-sm">{fmtCe(e.train_part_best_ce)}</td>
                    <td class="num hide-sm">{fmtDuration(durationBetween(e.started_at, e.completed_at))}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}

      <h2>Chart</h2>
      <FlowChart experiments={exps} />

      {flow.status === "completed" && (
        <>
          <h2>Final results</h2>
          <div class="cards" data-testid="final-results">
            <Card label="Final full-data CE (nats)" value={fmtCe(exps.length ? exps[exps.length - 1].full_data_ce : null)} testId="card-final-ce" />
            <Card label="Final full-data accuracy" value={fmtPct(exps.length ? exps[exps.length - 1].full_data_accuracy : null)} />
            <Card label="Iterations" value={fmtInt(exps.reduce((n, e) => n + e.iterations_run, 0))} />
            <Card label="Completed" value={fmtTime(flow.completed_at)} />
          </div>
          {finals.length > 0 && (
            <p class="muted small">
              Final checkpoints: {finals.map((k) => k.name).join(", ")} (<a href="/checkpoints">browse</a>)
            </p>
          )}
        </>
      )}
    </section>
  );
}
