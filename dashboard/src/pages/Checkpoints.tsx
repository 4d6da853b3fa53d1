import { useState } from "preact/hooks";
import { api, describeError } from "../api";
import { fmtBytes, fmtCe, fmtInt, fmtPct, fmtTime } from "../format";
import { live, useLive } from "../live";
import type { Checkpoint } from "../types";

function GenomeStats({ stats }: { stats: Record<string, unknown> | null }) {
  if (!stats || !Object.keys(stats).length) return <span class="muted">—</span>;
  return (
    <span class="stats">
      {Object.entries(stats).map(([k, v]) => (
        <span key={k} class="stat">
          {k.replace(/_/g, " ")} <b>{typeof v === "number" ? fmtInt(Number.isInteger(v) ? v : Number(v.toFixed(2))) : String(v)}</b>
        </span>
      ))}
    </span>
  );
}

function DeleteConfirm({ checkpoint, onDone }: { checkpoint: Checkpoint; onDone: () => void }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const referenced = checkpoint.reference_count > 0;
  const remove = async () => {
    setBusy(true);
    setError(null);
    try {
      await api.deleteCheckpoint(checkpoint.id, referenced);
      live.removeCheckpoint(checkpoint.id);
      onDone();
    } catch (err) {
      setError(describeError(err));
      setBusy(false);
    }
  };
  return (
    <div class={`confirm ${referenced ? "warn" : ""}`} role="alertdialog" data-testid="delete-confirm">
      {referenced ? (
        <p>
          <b>
            Referenced by {checkpoint.reference_count} flow{checkpoint.reference_count === 1 ? "" : "s"}.
          </b>{" "}
          Deleting it removes the file, so {checkpoint.reference_count === 1 ? "that flow" : "those flows"} can no longer be restarted from this
          seed.
        </p>
      ) : (
        <p>
          Delete <b>{checkpoint.name}</b> and its file <code>{checkpoint.file_path}</code>?
        </p>
      )}
      {error && (
        <p class="inline-error" role="alert">
          {error}
        </p>
      )}
      <div class="actions">
        <button class="button danger" disabled={busy} onClick={() => void remove()}>
          {referenced ? "Delete anyway" : "Delete"}
        </button>
        <button class="button ghost" disabled={busy} onClick={onDone}>
          Keep
        </button>
      </div>
    </div>
  );
}

export function CheckpointsPage() {
  const store = useLive();
  const [finalOnly, setFinalOnly] = useState(false);
  const [confirming, setConfirming] = useState<number | null>(null);
  const all = [...store.checkpoints.values()].sort((a, b) => b.id - a.id);
  const rows = finalOnly ? all.filter((c) => c.is_final) : all;
  const flowOf = (c: Checkpoint) => {
    const e = c.experiment_id !== null ? store.experiments.get(c.experiment_id) : undefined;
    return e?.flow_id != null ? store.flows.get(e.flow_id) : undefined;
  };
  return (
    <section>
      <div class="page-head">
        <h1>Checkpoints</h1>
        <label class="toggle">
          <input type="checkbox" checked={finalOnly} onChange={(e) => setFinalOnly((e.target as HTMLInputElement).checked)} /> final only
        </label>
      </div>
      {rows.length === 0 ? (
        <p class="empty">{store.connection.snapshots === 0 ? "Loading…" : "No checkpoints yet: flows register one at the end of every phase."}</p>
      ) : (
        <div class="ckpt-list" data-testid="checkpoints">
          {rows.map((c) => {
            const flow = flowOf(c);
            return (
              <article key={c.id} class="ckpt" data-checkpoint-id={c.id}>
                <div class="ckpt-head">
                  <div>
                    <div class="ckpt-name">
                      #{c.id} {c.name} {c.is_final && <span class="badge badge-completed">final</span>}
                      {c.reference_count > 0 && (
                        <span class="badge badge-queued" title="flows seeded from it">
                          {c.reference_count} ref{c.reference_count === 1 ? "" : "s"}
                        </span>
                      )}
                    </div>
                    <div class="muted small">
                      {flow ? (
                        <>
                          <a href={`/flows/${flow.id}`}>{flow.name}</a> ·{" "}
                        </>
                      ) : null}
                      {c.experiment_id !== null && (
                        <>
                          <a href={`/experiments/${c.experiment_id}`}>experiment #{c.experiment_id}</a> ·{" "}
                        </>
                      )}
                      {fmtTime(c.created_at)} · {fmtBytes(c.file_size_bytes)}
                    </div>
                  </div>
                  <div class="ckpt-metrics">
                    <div>
                      <span class="card-label">CE</span> <b>{fmtCe(c.final_fitness)}</b>
                    </div>
                    <div>
                      <span class="card-label">acc.</span> <b>{fmtPct(c.final_accuracy)}</b>
                    </div>
                    <div>
                      <span class="card-label">iter.</span> <b>{fmtInt(c.iterations_run)}</b>
                    </div>
                  </div>
                </div>
                <GenomeStats stats={c.genome_stats} />
                <div class="actions">
                  <a class="button" href={api.downloadUrl(c.id)} download data-action="download">
                    Download
                  </a>
                  <a class="button" href={`/flows/new?seed=${c.id}`} data-action="seed">
                    Seed a new flow
                  </a>
                  <button class="button ghost danger-text" data-action="delete" onClick={() => setConfirming(confirming === c.id ? null : c.id)}>
                    Delete…
                  </button>
                </div>
                {confirming === c.id && <DeleteConfirm checkpoint={c} onDone={() => setConfirming(null)} />}
              </article>
            );
          })}
        </div>
      )}
    </section>
  );
}
