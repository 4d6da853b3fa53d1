import { useEffect, useState } from "preact/hooks";
import { describeError } from "../api";
import { Card, StatusBadge } from "../components/Badge";
import { Chart } from "../components/Chart";
import { durationBetween, fmtCe, fmtDuration, fmtInt, fmtPct } from "../format";
import { useLive } from "../live";

const TABLE_LIMIT = 200;

export function ExperimentPage({ id }: { id: number }) {
  const store = useLive();
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setError(null);
    if (!store.experiments.has(id)) void store.loadExperiment(id).catch((e) => setError(describeError(e)));
    void store.loadIterations(id).catch((e) => setError(describeError(e)));
  }, [id]);
  const e = store.experiments.get(id);
  if (!e) {
    return (
      <section>
        <h1>Experiment {id}</h1>
        <p class="empty">{error ?? "Loading…"}</p>
      </section>
    );
  }
  const rows = store.iterationsOf(id);
  const flow = e.flow_id !== null ? store.flows.get(e.flow_id) : undefined;
  const xs = rows.map((r) => r.iteration);
  const ceData: [number[], (number | null)[], (number | null)[]] = [xs, rows.map((r) => r.best_ce), rows.map((r) => r.mean_ce)];
  const accData: [number[], (number | null)[], (number | null)[]] = [xs, rows.map((r) => r.best_accuracy), rows.map((r) => r.mean_accuracy)];
  const recent = rows.slice(-TABLE_LIMIT).reverse();
  const pct = (v: number) => `${(v * 100).toFixed(2)}%`;

  return (
    <section>
      <div class="page-head">
        <div>
          <div class="crumbs">
            {flow ? <a href={`/flows/${flow.id}`}>{flow.name}</a> : <a href="/experiments">Experiments</a>} / #{e.id}
          </div>
          <h1>
            {e.name} <StatusBadge status={e.status} />
          </h1>
          <p class="muted small">
            phase {e.phase_key} · {e.kind.toUpperCase()} · {e.dimension}
          </p>
        </div>
      </div>
      {error && <div class="alert error">{error}</div>}
      <div class="cards">
        <Card label="Full-data CE (nats)" value={e.full_data_ce === null ? "after the phase" : fmtCe(e.full_data_ce)} testId="card-full-ce" />
        <Card label="Full-data accuracy" value={e.full_data_accuracy === null ? "after the phase" : fmtPct(e.full_data_accuracy)} testId="card-full-acc" />
        <Card label="Best training-part CE (nats)" value={fmtCe(e.train_part_best_ce)} testId="card-train-ce" />
        <Card label="Best training-part accuracy" value={fmtPct(e.train_part_best_accuracy)} testId="card-train-acc" />
        <Card label="Iterations" value={fmtInt(Math.max(e.iterations_run, rows.length))} testId="card-iterations" />
        <Card label="Duration" value={fmtDuration(durationBetween(e.started_at, e.completed_at))} />
      </div>
      {rows.length === 0 ? (
        <p class="empty">No iterations recorded yet; they appear here live.</p>
      ) : (
        <div class="charts">
          <Chart
            title="Cross-entropy per iteration, on the training part (nats)"
            xLabel="iteration"
            yLabel="CE (nats)"
            testId="ce-chart"
            series={[
              { label: "best CE (training part)", color: "#4f9dff" },
              { label: "mean CE (training part)", color: "#f5a524", dash: [6, 4] },
            ]}
            data={ceData}
          />
          <Chart
            title="Accuracy per iteration, on the training part"
            xLabel="iteration"
            yLabel="accuracy"
            yPercent
            testId="acc-chart"
            series={[
              { label: "best accuracy (training part)", color: "#3ecf8e", format: pct },
              { label: "mean accuracy (training part)", color: "#c084fc", dash: [6, 4], format: pct },
            ]}
            data={accData}
          />
        </div>
      )}
      <p class="muted small" data-testid="metrics-note">
        Iterations are scored on this phase's rotating training part; the full-data values are those of the phase's best genome on all
        the data, known when the phase completes. The two are different measurements and are never mixed.
      </p>
      <h2>Iterations</h2>
      {rows.length > TABLE_LIMIT && <p class="muted small">Showing the latest {TABLE_LIMIT} of {rows.length}.</p>}
      <div class="table-wrap">
        <table class="table" data-testid="iterations-table">
          <thead>
            <tr>
              <th class="num">#</th>
              <th class="num">Best CE (train part, nats)</th>
              <th class="num">Mean CE (train part)</th>
              <th class="num">Best acc. (train part)</th>
              <th class="num hide-sm">Mean acc. (train part)</th>
              <th class="num hide-sm">Threshold</th>
              <th class="num hide-sm">Patience</th>
              <th class="num">Elapsed</th>
            </tr>
          </thead>
          <tbody>
            {recent.map((r) => (
              <tr key={r.iteration} data-iteration={r.iteration}>
                <td class="num">{r.iteration}</td>
                <td class="num">{fmtCe(r.best_ce)}</td>
                <td class="num">{fmtCe(r.mean_ce)}</td>
                <td class="num">{fmtPct(r.best_accuracy)}</td>
                <td class="num hide-sm">{fmtPct(r.mean_accuracy)}</td>
                <td class="num hide-sm">{fmtCe(r.threshold)}</td>
                <td class="num hide-sm">{r.patience_counter ?? "—"}</td>
                <td class="num">{fmtDuration(r.elapsed_seconds)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
