import { useEffect, useMemo, useState } from "preact/hooks";
import { api, describeError } from "../api";
import { Card, ProgressBar, StatusBadge } from "../components/Badge";
import { Chart } from "../components/Chart";
import { bestAccuracy, bestCe, flowExperiments, flowProgress, phaseCount } from "../flowMath";
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
      {(s === "completed" || s === "failed" || s === "cancelled") && (
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

/** Best CE and accuracy of every iteration of every phase, laid end to end, with phase boundaries marked. */
function FlowChart({ experiments }: { experiments: Experiment[] }) {
  const store = useLive();
  const ids = experiments.map((e) => e.id).join(",");
  useEffect(() => {
    for (const e of experiments) void store.loadIterations(e.id).catch(() => undefined);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [ids]);
  const xs: number[] = [];
  const ce: (number | null)[] = [];
  const acc: (number | null)[] = [];
  const markers: number[] = [];
  for (const e of experiments) {
    const rows = store.iterationsOf(e.id);
    if (xs.length) markers.push(xs.length + 0.5);
    for (const r of rows) {
      xs.push(xs.length + 1);
      ce.push(r.best_ce);
      acc.push(r.best_accuracy);
    }
  }
  const data = useMemo(() => [xs, ce, acc] as [number[], (number | null)[], (number | null)[]], [xs.length, store.changeCount]);
  if (!xs.length) return <p class="empty">The chart appears with the first iteration.</p>;
  return (
    <Chart
      title="Best CE and accuracy across phases"
      xLabel="iteration (all phases)"
      yLabel="CE"
      y2Label="accuracy"
      y2Percent
      testId="flow-chart"
      markers={markers}
      series={[
        { label: "best CE", color: "#4f9dff" },
        { label: "best accuracy", color: "#3ecf8e", scale: "y2", format: (v) => `${(v * 100).toFixed(2)}%` },
      ]}
      data={data}
    />
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
        <Card label="Best CE" value={fmtCe(bestCe(exps))} testId="card-best-ce" />
        <Card label="Best accuracy" value={fmtPct(bestAccuracy(exps))} />
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
                <th class="num">Best CE</th>
                <th class="num hide-sm">Best acc.</th>
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
                    <td class="num">{fmtCe(e.best_fitness)}</td>
                    <td class="num hide-sm">{fmtPct(e.best_accuracy)}</td>
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
            <Card label="Final CE" value={fmtCe(exps.length ? exps[exps.length - 1].best_fitness : null)} />
            <Card label="Final accuracy" value={fmtPct(exps.length ? exps[exps.length - 1].best_accuracy : null)} />
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
