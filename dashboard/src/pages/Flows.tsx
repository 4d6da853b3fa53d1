import { useEffect } from "preact/hooks";
import { ProgressBar, StatusBadge } from "../components/Badge";
import { bestFullDataCe, flowExperiments, flowProgress } from "../flowMath";
import { fmtCe, fmtTime } from "../format";
import { useLive } from "../live";
import { navigate } from "../router";
import type { FlowStatus } from "../types";

const STATUSES: FlowStatus[] = ["pending", "queued", "running", "completed", "failed", "cancelled"];

export function FlowsPage({ status }: { status: string }) {
  const store = useLive();
  // A snapshot carries only recent and active experiments; progress and best CE of older flows need the rest (once).
  useEffect(() => {
    void store.loadAllExperiments().catch(() => undefined);
  }, []);
  const all = [...store.flows.values()].sort((a, b) => b.id - a.id);
  const flows = status ? all.filter((f) => f.status === status) : all;
  const counts = new Map<string, number>();
  for (const f of all) counts.set(f.status, (counts.get(f.status) ?? 0) + 1);

  return (
    <section>
      <div class="page-head">
        <h1>Flows</h1>
        <a class="button primary" href="/flows/new">
          New flow
        </a>
      </div>
      <div class="filters" role="group" aria-label="Filter by status">
        <a href="/flows" class={`chip ${status === "" ? "active" : ""}`}>
          all <span class="count">{all.length}</span>
        </a>
        {STATUSES.map((s) => (
          <a key={s} href={`/flows?status=${s}`} class={`chip ${status === s ? "active" : ""}`} data-filter={s}>
            {s} <span class="count">{counts.get(s) ?? 0}</span>
          </a>
        ))}
      </div>
      {flows.length === 0 ? (
        <p class="empty">
          {store.connection.snapshots === 0 ? "Loading…" : status ? `No ${status} flows.` : "No flows yet. Create one with “New flow”."}
        </p>
      ) : (
        <div class="table-wrap">
          <table class="table clickable" data-testid="flows-table">
            <thead>
              <tr>
                <th class="hide-sm">#</th>
                <th>Name</th>
                <th class="hide-sm">Status</th>
                <th class="wide">Progress</th>
                <th class="num">
                  Full-data CE<span class="hide-sm"> (best, nats)</span>
                </th>
                <th class="hide-sm">Created</th>
              </tr>
            </thead>
            <tbody>
              {flows.map((f) => {
                const exps = flowExperiments(f, store.experiments.values());
                const done = exps.filter((e) => e.status === "completed").length;
                return (
                  <tr key={f.id} data-flow-id={f.id} onClick={() => navigate(`/flows/${f.id}`)}>
                    <td class="hide-sm">{f.id}</td>
                    <td class="name">
                      <a href={`/flows/${f.id}`}>{f.name}</a>
                      <div class="show-sm">
                        <StatusBadge status={f.status} />
                      </div>
                    </td>
                    <td class="hide-sm">
                      <StatusBadge status={f.status} />
                    </td>
                    <td class="wide">
                      <ProgressBar value={flowProgress(f, exps)} label={`${done}/${f.config.phases && Array.isArray(f.config.phases) ? f.config.phases.length : 6} phases`} />
                    </td>
                    <td class="num">{fmtCe(bestFullDataCe(exps))}</td>
                    <td class="hide-sm">{fmtTime(f.created_at)}</td>
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
