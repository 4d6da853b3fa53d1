// The phase list editor of the flow builder: rows for search.phases (docs/flows.md), each a type and its per-phase
// settings (keys the schema marks per_phase); add, remove and reorder. The grammar is the server's (PhasePlan):
// phases separated by ";", each "type key=value …".
import { checkText } from "../schema";
import type { ConfigKey, ConfigSchema } from "../schema";

export const PHASES_KEY = "search.phases";

export interface PhaseRow {
  type: string;
  settings: Record<string, string>;
}

const STANDARD = ["ga_neurons", "ts_neurons", "ga_bits", "ts_bits", "ga_connections", "ts_connections"];

/** The rows of a phase list text; null text = the six standard phases in `phaseOrder`. */
export function parsePhases(text: string | null, phaseOrder = "neurons_first"): PhaseRow[] {
  if (text === null) {
    const order = phaseOrder === "bits_first" ? [2, 3, 0, 1, 4, 5] : [0, 1, 2, 3, 4, 5];
    return order.map((i) => ({ type: STANDARD[i], settings: {} }));
  }
  return text
    .split(";")
    .map((p) => p.trim().split(/\s+/).filter(Boolean))
    .filter((w) => w.length > 0)
    .map(([type, ...pairs]) => ({
      type,
      settings: Object.fromEntries(pairs.map((p) => [p.slice(0, p.indexOf("=")), p.slice(p.indexOf("=") + 1)])),
    }));
}

/** The phase list text of `rows` (empty settings left out). */
export function phasesText(rows: PhaseRow[]): string {
  return rows
    .map((r) => [r.type, ...Object.entries(r.settings).filter(([, v]) => v.trim() !== "").map(([k, v]) => `${k}=${v.trim()}`)].join(" "))
    .join("; ");
}

/** The phase keys of positions: 0 → 1a, 1 → 1b, 2 → 2a, … */
export const phaseKey = (i: number) => `${Math.floor(i / 2) + 1}${i % 2 === 0 ? "a" : "b"}`;

/** Per-phase keys shown for a phase type: the shared ones plus its optimizer's (ga.*, ts.*, grid.*). */
export function settingKeys(schema: ConfigSchema, type: string): ConfigKey[] {
  const kind = type.split("_")[0];
  return schema.keys.filter((k) => k.per_phase && (["search", "fitness", "mutation"].includes(k.group) || k.group === kind));
}

/** Errors of the rows, by field name (phase.{i}.{key}); "phases" when there are none. */
export function phaseErrors(schema: ConfigSchema, rows: PhaseRow[]): Record<string, string> {
  const e: Record<string, string> = {};
  if (rows.length === 0) e.phases = "Add at least one phase.";
  rows.forEach((r, i) => {
    for (const [name, value] of Object.entries(r.settings)) {
      const key = schema.keys.find((k) => k.name === name);
      const msg = key ? checkText(key, value) : `${name} cannot be set per phase`;
      if (msg && value.trim() !== "") e[`phase.${i}.${name}`] = msg;
    }
  });
  return e;
}

export function PhaseEditor({
  schema,
  rows,
  errors,
  onChange,
}: {
  schema: ConfigSchema;
  rows: PhaseRow[];
  errors: Record<string, string>;
  onChange: (rows: PhaseRow[]) => void;
}) {
  const move = (i: number, d: number) => {
    const next = [...rows];
    [next[i], next[i + d]] = [next[i + d], next[i]];
    onChange(next);
  };
  return (
    <div class="phase-editor" data-key={PHASES_KEY} data-testid="phases">
      <p class="field-hint">Phases run in this order; each hands the next its best genome and population. Empty settings take the flow's value.</p>
      <ol class="phase-list">
        {rows.map((r, i) => (
          <li key={i} data-phase={i} class="phase-row">
            <div class="phase-head">
              <strong class="phase-key">{phaseKey(i)}</strong>
              <select
                name={`phase.${i}.type`}
                value={r.type}
                onChange={(e) => onChange(rows.map((x, j) => (j === i ? { type: (e.target as HTMLSelectElement).value, settings: {} } : x)))}
              >
                {schema.phase_types.map((t) => (
                  <option key={t} value={t}>
                    {t}
                  </option>
                ))}
              </select>
              <button type="button" class="link-button" disabled={i === 0} onClick={() => move(i, -1)} aria-label={`Move phase ${phaseKey(i)} up`} title="Move up">
                ↑
              </button>
              <button
                type="button"
                class="link-button"
                disabled={i === rows.length - 1}
                onClick={() => move(i, 1)}
                aria-label={`Move phase ${phaseKey(i)} down`}
                title="Move down"
              >
                ↓
              </button>
              <button
                type="button"
                class="link-button"
                onClick={() => onChange(rows.filter((_, j) => j !== i))}
                aria-label={`Remove phase ${phaseKey(i)}`}
                title="Remove phase"
              >
                ✕
              </button>
            </div>
            <details class="phase-settings">
              <summary>Settings{Object.values(r.settings).some((v) => v.trim() !== "") ? ` (${Object.values(r.settings).filter((v) => v.trim() !== "").length})` : ""}</summary>
              <div class="grid-3">
                {settingKeys(schema, r.type).map((k) => (
                  <label class="field" key={k.name}>
                    <span class="field-label">{k.label}</span>
                    <input
                      name={`phase.${i}.${k.name}`}
                      type="text"
                      placeholder={k.default_text}
                      value={r.settings[k.name] ?? ""}
                      onInput={(e) =>
                        onChange(rows.map((x, j) => (j === i ? { ...x, settings: { ...x.settings, [k.name]: (e.target as HTMLInputElement).value } } : x)))
                      }
                    />
                    {errors[`phase.${i}.${k.name}`] && (
                      <div class="field-error" role="alert" data-error-for={`phase.${i}.${k.name}`}>
                        {errors[`phase.${i}.${k.name}`]}
                      </div>
                    )}
                  </label>
                ))}
              </div>
            </details>
          </li>
        ))}
      </ol>
      {errors.phases && (
        <div class="field-error" role="alert" data-error-for="phases">
          {errors.phases}
        </div>
      )}
      {errors[PHASES_KEY] && (
        <div class="field-error" role="alert" data-error-for={PHASES_KEY}>
          {errors[PHASES_KEY]}
        </div>
      )}
      <button type="button" class="button" onClick={() => onChange([...rows, { type: "ga_neurons", settings: {} }])}>
        Add phase
      </button>
      <code class="tier-preview" data-testid="phases-preview">
        {PHASES_KEY}: {phasesText(rows)}
      </code>
    </div>
  );
}
