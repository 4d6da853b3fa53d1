import { useEffect, useState } from "preact/hooks";
import { api, describeError } from "../api";
import { Chart } from "../components/Chart";
import { StateCounts } from "../components/StateCounts";
import { fmtValue } from "../format";
import type { StudyReport } from "../types";

const COLORS = ["#4f9dff", "#3ecf8e", "#f5a524", "#c084fc", "#f36f6f", "#2dd4bf"];

const median = (xs: number[]) => {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** /sweeps/compare?ids=a,b,…: two or more sweeps side by side, and their best-so-far curves on one chart. */
export function ComparePage({ ids }: { ids: string[] }) {
  const [reports, setReports] = useState<StudyReport[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    Promise.all(ids.map((id) => api.report("sweep", id))).then(setReports, (e) => setError(describeError(e)));
  }, [ids.join(",")]);
  if (ids.length < 2) return <p class="empty">Pick two or more sweeps on the sweeps page to compare them.</p>;
  if (!reports) return error ? <div class="alert error">{error}</div> : <p class="empty">Loading…</p>;
  const longest = Math.max(0, ...reports.map((r) => r.history.length));
  // x = the n-th complete trial of each sweep, so sweeps of different sizes line up.
  const data: [number[], ...(number | null)[][]] = [
    Array.from({ length: longest }, (_, i) => i + 1),
    ...reports.map((r) => Array.from({ length: longest }, (_, i) => r.history[i]?.best_so_far ?? null)),
  ];
  const names = [...new Set(reports.map((r) => r.study.objective_names[0] ?? "value"))];
  // Sweeps of different objectives share the axis only as numbers: say so rather than name one of them.
  const objective = names.length === 1 ? names[0] : `objective (${names.join(", ")})`;
  return (
    <section>
      <div class="crumbs">
        <a href="/sweeps">Sweeps</a> / compare
      </div>
      <h1>Compare {reports.length} sweeps</h1>
      <div class="table-wrap">
        <table class="table" data-testid="compare-table">
          <thead>
            <tr>
              <th>Sweep</th>
              <th>Objective</th>
              <th class="num">Best</th>
              <th class="num hide-sm">Median</th>
              <th>States</th>
              <th class="hide-sm">Best parameters</th>
            </tr>
          </thead>
          <tbody>
            {reports.map((r) => (
              <tr key={r.study.id} data-study-id={r.study.id}>
                <td class="name">
                  <a href={`/sweeps/${encodeURIComponent(r.study.id)}`}>{r.study.name}</a>
                </td>
                <td>
                  {r.study.objective_names[0]} {r.study.directions[0] === "maximize" ? "↑" : "↓"}
                </td>
                <td class="num" data-testid="compare-best">
                  {fmtValue(r.study.best_value)}
                </td>
                <td class="num hide-sm">{fmtValue(median(r.history.map((h) => h.value)))}</td>
                <td>
                  <StateCounts counts={r.study.state_counts} />
                </td>
                <td class="hide-sm small">{r.best?.params.map((p) => `${p.name}=${fmtValue(p.value)}`).join(" ") ?? "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2>Best so far</h2>
      <Chart
        title={`Best ${objective} so far, by complete trial`}
        xLabel="complete trials"
        yLabel={objective}
        testId="compare-chart"
        series={reports.map((r, i) => ({ label: r.study.name, color: COLORS[i % COLORS.length], format: fmtValue }))}
        data={data}
      />
    </section>
  );
}
