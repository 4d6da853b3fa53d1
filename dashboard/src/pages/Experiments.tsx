import { useEffect, useState } from "preact/hooks";
import { describeError } from "../api";
import { StatusBadge } from "../components/Badge";
import { durationBetween, fmtCe, fmtDuration, fmtInt, fmtPct, fmtTime } from "../format";
import { useLive } from "../live";
import { navigate } from "../router";

export function ExperimentsPage() {
  const store = useLive();
  const [error, setError] = useState<string | null>(null);
  const [query, setQuery] = useState("");
  useEffect(() => {
    void store.loadAllExperiments().catch((e) => setError(describeError(e)));
  }, []);
  const q = query.trim().toLowerCase();
  const rows = [...store.experiments.values()]
    .filter((e) => !q || e.name.toLowerCase().includes(q) || (e.flow_id !== null && (store.flows.get(e.flow_id)?.name ?? "").toLowerCase().includes(q)))
    .sort((a, b) => b.id - a.id);
  return (
    <section>
      <div class="page-head">
        <h1>Experiments</h1>
        <input class="search" type="search" placeholder="Filter by phase or flow name" value={query} onInput={(e) => setQuery((e.target as HTMLInputElement).value)} />
      </div>
      {error && <div class="alert error">{error}</div>}
      {rows.length === 0 ? (
        <p class="empty">No experiments yet: they appear when a queued flow starts its phases.</p>
      ) : (
        <div class="table-wrap">
          <table class="table clickable" data-testid="all-experiments">
            <thead>
              <tr>
                <th class="hide-sm">#</th>
                <th>Experiment</th>
                <th class="hide-sm">Flow</th>
                <th class="hide-sm">Status</th>
                <th class="num">
                  Full-data CE<span class="hide-sm"> (nats)</span>
                </th>
                <th class="num hide-sm">Full-data acc.</th>
                <th class="num">Iter.</th>
                <th class="num hide-sm">Duration</th>
                <th class="hide-sm">Started</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((e) => (
                <tr key={e.id} data-experiment-id={e.id} onClick={() => navigate(`/experiments/${e.id}`)}>
                  <td class="hide-sm">{e.id}</td>
                  <td class="name">
                    <a href={`/experiments/${e.id}`}>{e.name}</a>
                    <div class="show-sm">
                      <StatusBadge status={e.status} />
                    </div>
                  </td>
                  <td class="hide-sm">{e.flow_id !== null ? store.flows.get(e.flow_id)?.name ?? `#${e.flow_id}` : "—"}</td>
                  <td class="hide-sm">
                    <StatusBadge status={e.status} />
                  </td>
                  <td class="num">{fmtCe(e.full_data_ce)}</td>
                  <td class="num hide-sm">{fmtPct(e.full_data_accuracy)}</td>
                  <td class="num">{fmtInt(e.iterations_run)}</td>
                  <td class="num hide-sm">{fmtDuration(durationBetween(e.started_at, e.completed_at))}</td>
                  <td class="hide-sm">{fmtTime(e.started_at)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
