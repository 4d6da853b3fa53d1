export function StatusBadge({ status }: { status: string }) {
  return (
    <span class={`badge badge-${status}`} data-status={status}>
      {status}
    </span>
  );
}

export function ProgressBar({ value, label }: { value: number; label?: string }) {
  const pct = Math.round(value * 100);
  return (
    <div class="progress" role="progressbar" aria-valuenow={pct} aria-valuemin={0} aria-valuemax={100} title={label ?? `${pct}%`}>
      <div class="progress-fill" style={{ width: `${pct}%` }} />
      <span class="progress-label">{label ?? `${pct}%`}</span>
    </div>
  );
}

export function Card({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <div class="card" data-testid={testId}>
      <div class="card-label">{label}</div>
      <div class="card-value">{value}</div>
    </div>
  );
}
