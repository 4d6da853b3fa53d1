import type { NamedValue } from "../types";

/** Parameter importance as horizontal bars (fANOVA, with PED-ANOVA beside it), largest first. */
export function ImportanceBars({ fanova, ped, note }: { fanova: NamedValue[]; ped: NamedValue[]; note: string | null }) {
  if (fanova.length === 0 && ped.length === 0) {
    return (
      <p class="muted" data-testid="importance-note">
        {note ?? "Importance needs complete trials."}
      </p>
    );
  }
  const main = fanova.length > 0 ? fanova : ped;
  const pedBy = new Map(ped.map((p) => [p.name, Number(p.value)]));
  return (
    <div class="importance" data-testid="importance">
      <div class="importance-legend muted small">
        <span class="swatch fanova" /> fANOVA <span class="swatch ped" /> PED-ANOVA (share of the objective's variation, sums to 100%)
      </div>
      {main.map((p) => {
        const v = Number(p.value);
        const pv = pedBy.get(p.name);
        return (
          <div class="importance-row" key={p.name} data-param={p.name} data-importance={v.toFixed(4)}>
            <div class="importance-name">{p.name}</div>
            <div class="importance-bars">
              <div class="bar fanova" style={{ width: `${Math.max(1, v * 100)}%` }} title={`fANOVA ${(v * 100).toFixed(1)}%`} />
              {pv !== undefined && fanova.length > 0 && <div class="bar ped" style={{ width: `${Math.max(1, pv * 100)}%` }} title={`PED-ANOVA ${(pv * 100).toFixed(1)}%`} />}
            </div>
            <div class="importance-value num">{(v * 100).toFixed(1)}%</div>
          </div>
        );
      })}
      {note && <p class="muted small">{note}</p>}
    </div>
  );
}
