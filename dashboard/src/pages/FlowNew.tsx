import { useEffect, useState } from "preact/hooks";
import { ApiError, api, describeError } from "../api";
import { fmtCe, fmtPct } from "../format";
import { live, useLive } from "../live";
import { navigate } from "../router";
import { checkText, textToJson, useSchema } from "../schema";
import type { ConfigKey, ConfigSchema } from "../schema";
import type { FlowConfig } from "../types";
import { PHASES_KEY, PhaseEditor, parsePhases, phaseErrors, phasesText } from "../components/PhaseEditor";
import type { PhaseRow } from "../components/PhaseEditor";

// The builder's form is rendered from the served schema (GET /api/config/schema): one field per key a flow reads,
// pre-filled with the schema's default, grouped as the schema groups them. Keys with a CLI flag are shown first; the
// rest of a group sits under "More …". The tier configuration gets a table editor.

const TIER_KEY = "model.tier_config";

interface TierRow {
  count: string;
  neurons: string;
  bits: string;
  optimize: boolean;
}

interface Form {
  name: string;
  description: string;
  seedCheckpoint: string;
  values: Record<string, string>;
  tiers: TierRow[];
  /** The phase list; sent as search.phases only once edited (else the template's list applies on the server). */
  phases: PhaseRow[];
  phasesEdited: boolean;
}

type Errors = Record<string, string>;

export function parseTiers(text: string | null): TierRow[] {
  if (!text) return [{ count: "", neurons: "5", bits: "8", optimize: true }];
  return text.split(";").map((part) => {
    const [count, neurons, bits, optimize] = part.split(",").map((s) => s.trim());
    return { count: count === "rest" || count === "null" ? "" : count, neurons, bits, optimize: optimize === undefined ? true : optimize === "true" };
  });
}

export function tierText(tiers: TierRow[]): string {
  return tiers.map((t) => `${t.count.trim() === "" ? "rest" : Number(t.count)},${Number(t.neurons)},${Number(t.bits)},${t.optimize}`).join(";");
}

const flowKeys = (schema: ConfigSchema) => schema.keys.filter((k) => k.scope !== "search");
const TEMPLATE_KEY = "flow.template";

/** The phases a template gives (its list, or the six of the phase order). */
export function templatePhases(schema: ConfigSchema, template: string, phaseOrder: string): PhaseRow[] {
  const t = schema.templates.find((x) => x.name === template);
  return parsePhases(t ? t.phases : null, phaseOrder);
}

function initialForm(schema: ConfigSchema, seed: string | null): Form {
  const values: Record<string, string> = {};
  for (const k of flowKeys(schema)) if (k.name !== TIER_KEY) values[k.name] = k.default === null ? "" : String(k.default);
  const tierKey = schema.keys.find((k) => k.name === TIER_KEY);
  const phases = templatePhases(schema, values[TEMPLATE_KEY] ?? "", values["search.phase_order"] ?? "");
  return {
    name: "",
    description: "",
    seedCheckpoint: seed ?? "",
    values,
    tiers: parseTiers((tierKey?.default as string | null) ?? null),
    phases,
    phasesEdited: false,
  };
}

function wholeNumber(text: string, min: number, max: number): string | null {
  if (text.trim() === "") return "required";
  if (!/^\d+$/.test(text.trim())) return `“${text}” is not a whole number`;
  const n = Number(text);
  return n < min || n > max ? `${n} is out of range; use ${min.toLocaleString("en-US")}–${max.toLocaleString("en-US")}` : null;
}

export function validate(schema: ConfigSchema, f: Form): Errors {
  const e: Errors = {};
  if (!f.name.trim()) e.name = "A name is required.";
  else if (f.name.trim().length > 200) e.name = `The name has ${f.name.trim().length} characters; use at most 200.`;
  if (f.description.length > 2000) e.description = "Use at most 2,000 characters.";
  for (const k of flowKeys(schema)) {
    if (k.name === TIER_KEY || k.name === PHASES_KEY) continue;
    const msg = checkText(k, f.values[k.name] ?? "");
    if (msg) e[k.name] = msg;
  }
  Object.assign(e, phaseErrors(schema, f.phases));
  if (f.tiers.length === 0) e.tiers = "Add at least one tier.";
  f.tiers.forEach((t, i) => {
    const last = i === f.tiers.length - 1;
    if (t.count.trim() === "") {
      if (!last) e[`tier.${i}.count`] = "Only the last tier may cover the rest; give a count.";
    } else {
      const m = wholeNumber(t.count, 1, 10_000_000);
      if (m) e[`tier.${i}.count`] = m;
    }
    const n = wholeNumber(t.neurons, 1, 1024);
    if (n) e[`tier.${i}.neurons`] = n;
    const b = wholeNumber(t.bits, 1, 30);
    if (b) e[`tier.${i}.bits`] = b;
  });
  return e;
}

/** The flow's config: every field under its dotted name; empty optional fields are left out (the schema's default applies). */
function toConfig(schema: ConfigSchema, f: Form): FlowConfig {
  const config: FlowConfig = {};
  for (const k of flowKeys(schema)) {
    if (k.name === TIER_KEY) {
      config[k.name] = tierText(f.tiers);
      continue;
    }
    if (k.name === PHASES_KEY) {
      if (f.phasesEdited) config[k.name] = phasesText(f.phases);
      continue;
    }
    const value = textToJson(k, f.values[k.name] ?? "");
    if (value !== null) config[k.name] = value;
  }
  return config;
}

function FieldError({ errors, name, show }: { errors: Errors; name: string; show: boolean }) {
  return show && errors[name] ? (
    <div class="field-error" role="alert" data-error-for={name}>
      {errors[name]}
    </div>
  ) : null;
}

export function FlowNewPage({ seed }: { seed: string | null }) {
  const { schema, error: schemaError } = useSchema();
  if (!schema) {
    return (
      <section>
        <div class="page-head">
          <h1>New flow</h1>
        </div>
        <p class="empty">{schemaError ? `The configuration schema could not be loaded: ${schemaError}` : "Loading the configuration schema…"}</p>
      </section>
    );
  }
  return <Builder schema={schema} seed={seed} />;
}

function Builder({ schema, seed }: { schema: ConfigSchema; seed: string | null }) {
  const store = useLive();
  const [form, setForm] = useState<Form>(() => initialForm(schema, seed));
  const [touched, setTouched] = useState<Set<string>>(new Set());
  const [submitted, setSubmitted] = useState(false);
  const [serverErrors, setServerErrors] = useState<Errors>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => setForm((f) => ({ ...f, seedCheckpoint: seed ?? f.seedCheckpoint })), [seed]);

  const errors = { ...validate(schema, form), ...serverErrors };
  const show = (name: string) => submitted || touched.has(name);
  const setValue = (key: string, value: string) => {
    setForm((f) => {
      const values = { ...f.values, [key]: value };
      // A new template (or phase order, for the standard one) replaces the phases unless the user edited them.
      const retemplate = key === TEMPLATE_KEY || (key === "search.phase_order" && !f.phasesEdited);
      return retemplate
        ? { ...f, values, phases: templatePhases(schema, values[TEMPLATE_KEY] ?? "", values["search.phase_order"] ?? ""), phasesEdited: false }
        : { ...f, values };
    });
    setServerErrors({});
  };
  const touch = (name: string) => setTouched((t) => new Set(t).add(name));
  const setTier = (i: number, patch: Partial<TierRow>) =>
    setForm((f) => ({ ...f, tiers: f.tiers.map((t, j) => (j === i ? { ...t, ...patch } : t)) }));
  const checkpoints = [...store.checkpoints.values()].sort((a, b) => b.id - a.id);

  async function submit(queue: boolean) {
    setSubmitted(true);
    setFailure(null);
    if (Object.keys(validate(schema, form)).length) return;
    setBusy(true);
    try {
      let flow = await api.createFlow({
        name: form.name.trim(),
        description: form.description.trim() || undefined,
        config: toConfig(schema, form),
        seed_checkpoint_id: form.seedCheckpoint ? Number(form.seedCheckpoint) : null,
      });
      if (queue) flow = await api.queueFlow(flow.id);
      live.putFlow(flow);
      navigate(`/flows/${flow.id}`);
    } catch (err) {
      if (err instanceof ApiError && err.problem.errors) {
        const mapped: Errors = {};
        for (const [k, v] of Object.entries(err.problem.errors)) mapped[k.replace(/^config\./, "")] = v.join(" ");
        setServerErrors(mapped);
      }
      setFailure(describeError(err));
    } finally {
      setBusy(false);
    }
  }

  const field = (k: ConfigKey) => {
    const value = form.values[k.name] ?? "";
    const hint = `${k.doc}${k.range_text && !k.allowed.length ? ` Allowed ${k.range_text}.` : ""}${k.default_note ? ` Empty: ${k.default_note}.` : ""}`;
    if (k.kind === "boolean") {
      return (
        <label class="field field-check" key={k.name} data-key={k.name}>
          <span class="field-label">
            <input type="checkbox" name={k.name} checked={value === "true"} onChange={(e) => setValue(k.name, String((e.target as HTMLInputElement).checked))} />{" "}
            {k.label}
          </span>
          <span class="field-hint">{k.doc}</span>
        </label>
      );
    }
    if (k.allowed.length) {
      return (
        <label class="field" key={k.name} data-key={k.name}>
          <span class="field-label">{k.label}</span>
          <select name={k.name} value={value} onChange={(e) => setValue(k.name, (e.target as HTMLSelectElement).value)}>
            {k.nullable && <option value="">{k.default_note ?? "default"}</option>}
            {k.allowed.map((a) => (
              <option key={a} value={a}>
                {a}
              </option>
            ))}
          </select>
          <span class="field-hint">{k.doc}</span>
          <FieldError errors={errors} name={k.name} show={show(k.name)} />
        </label>
      );
    }
    return (
      <label class="field" key={k.name} data-key={k.name}>
        <span class="field-label">{k.label}</span>
        <input
          name={k.name}
          type="text"
          inputMode={k.kind === "text" ? undefined : "decimal"}
          placeholder={k.default === null ? (k.default_note ?? "") : ""}
          value={value}
          aria-invalid={show(k.name) && !!errors[k.name]}
          onInput={(e) => setValue(k.name, (e.target as HTMLInputElement).value)}
          onBlur={() => touch(k.name)}
        />
        <span class="field-hint">{hint}</span>
        <FieldError errors={errors} name={k.name} show={show(k.name)} />
      </label>
    );
  };

  const tierEditor = (
    <div class="tier-editor" key={TIER_KEY} data-key={TIER_KEY}>
      <p class="field-hint">Tiers apply in token-frequency order; leave the last count empty to cover the rest of the vocabulary.</p>
      <div class="table-wrap">
        <table class="table tiers" data-testid="tiers">
          <thead>
            <tr>
              <th class="hide-sm">Tier</th>
              <th>Count</th>
              <th>Neurons</th>
              <th>Bits</th>
              <th>Optimize</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {form.tiers.map((t, i) => (
              <tr key={i} data-tier={i}>
                <td class="hide-sm">{i}</td>
                {(["count", "neurons", "bits"] as const).map((c) => (
                  <td key={c}>
                    <input
                      name={`tier.${i}.${c}`}
                      inputMode="numeric"
                      placeholder={c === "count" ? "rest" : ""}
                      value={t[c]}
                      aria-invalid={show(`tier.${i}.${c}`) && !!errors[`tier.${i}.${c}`]}
                      onInput={(e) => setTier(i, { [c]: (e.target as HTMLInputElement).value })}
                      onBlur={() => touch(`tier.${i}.${c}`)}
                    />
                    <FieldError errors={errors} name={`tier.${i}.${c}`} show={show(`tier.${i}.${c}`)} />
                  </td>
                ))}
                <td>
                  <input
                    type="checkbox"
                    name={`tier.${i}.optimize`}
                    checked={t.optimize}
                    onChange={(e) => setTier(i, { optimize: (e.target as HTMLInputElement).checked })}
                  />
                </td>
                <td>
                  <button
                    type="button"
                    class="link-button"
                    disabled={form.tiers.length === 1}
                    onClick={() => setForm((f) => ({ ...f, tiers: f.tiers.filter((_, j) => j !== i) }))}
                    aria-label={`Remove tier ${i}`}
                    title="Remove tier"
                  >
                    ✕
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <FieldError errors={errors} name="tiers" show />
      <FieldError errors={errors} name={TIER_KEY} show />
      <button
        type="button"
        class="button"
        onClick={() => setForm((f) => ({ ...f, tiers: [...f.tiers, { count: "", neurons: "5", bits: "8", optimize: true }] }))}
      >
        Add tier
      </button>
      <code class="tier-preview" data-testid="tier-preview">
        {TIER_KEY}: {tierText(form.tiers)}
      </code>
    </div>
  );

  const groups = schema.groups
    .map((g) => ({ group: g, keys: flowKeys(schema).filter((k) => k.group === g.name) }))
    .filter((g) => g.keys.length > 0);

  return (
    <section>
      <div class="page-head">
        <h1>New flow</h1>
      </div>
      <form
        class="builder"
        noValidate
        data-testid="builder"
        data-keys={String(flowKeys(schema).length)}
        onSubmit={(e) => {
          e.preventDefault();
          void submit(false);
        }}
      >
        <fieldset>
          <legend>Flow</legend>
          <div class="grid-2">
            <label class="field">
              <span class="field-label">Name</span>
              <input
                name="name"
                type="text"
                value={form.name}
                aria-invalid={show("name") && !!errors.name}
                onInput={(e) => {
                  const name = (e.target as HTMLInputElement).value;
                  setForm((f) => ({ ...f, name }));
                }}
                onBlur={() => touch("name")}
              />
              <FieldError errors={errors} name="name" show={show("name")} />
            </label>
            <label class="field">
              <span class="field-label">Seed checkpoint</span>
              <select
                name="seed_checkpoint"
                value={form.seedCheckpoint}
                onChange={(e) => {
                  const seedCheckpoint = (e.target as HTMLSelectElement).value;
                  setForm((f) => ({ ...f, seedCheckpoint }));
                }}
              >
                <option value="">none (random initial genome)</option>
                {checkpoints.map((c) => (
                  <option key={c.id} value={String(c.id)}>
                    #{c.id} {c.name} · CE {fmtCe(c.final_fitness)} · acc {fmtPct(c.final_accuracy)}
                  </option>
                ))}
                {form.seedCheckpoint && !store.checkpoints.has(Number(form.seedCheckpoint)) && (
                  <option value={form.seedCheckpoint}>#{form.seedCheckpoint}</option>
                )}
              </select>
            </label>
          </div>
          <label class="field">
            <span class="field-label">Description (optional)</span>
            <textarea
              name="description"
              rows={2}
              value={form.description}
              onInput={(e) => {
                const description = (e.target as HTMLTextAreaElement).value;
                setForm((f) => ({ ...f, description }));
              }}
            />
            <FieldError errors={errors} name="description" show />
          </label>
        </fieldset>

        {groups.map(({ group, keys }) => {
          const main = keys.filter((k) => k.flag !== null || k.name === TIER_KEY);
          const more = keys.filter((k) => !main.includes(k));
          return (
            <fieldset key={group.name} data-group={group.name}>
              <legend>{group.title}</legend>
              <p class="field-hint">{group.doc}</p>
              <div class="grid-3">{main.filter((k) => k.name !== TIER_KEY && k.name !== PHASES_KEY).map(field)}</div>
              {main.some((k) => k.name === TIER_KEY) && tierEditor}
              {main.some((k) => k.name === PHASES_KEY) && (
                <PhaseEditor
                  schema={schema}
                  rows={form.phases}
                  errors={show("phases") || form.phasesEdited ? errors : {}}
                  onChange={(phases) => {
                    setForm((f) => ({ ...f, phases, phasesEdited: true }));
                    setServerErrors({});
                  }}
                />
              )}
              {more.length > 0 && (
                <details class="more" open={submitted && more.some((k) => errors[k.name])}>
                  <summary>More {group.title.toLowerCase()} settings</summary>
                  <div class="grid-3">{more.map(field)}</div>
                </details>
              )}
            </fieldset>
          );
        })}

        {failure && (
          <div class="alert error" role="alert" data-testid="form-error">
            {failure}
          </div>
        )}
        {submitted && Object.keys(errors).length > 0 && !failure && (
          <div class="alert error" role="alert" data-testid="form-invalid">
            Fix the {Object.keys(errors).length} highlighted field{Object.keys(errors).length === 1 ? "" : "s"} first.
          </div>
        )}
        <div class="actions">
          <button type="submit" class="button primary" disabled={busy}>
            Create flow
          </button>
          <button type="button" class="button" disabled={busy} onClick={() => void submit(true)}>
            Create and queue
          </button>
          <a class="button ghost" href="/flows">
            Cancel
          </a>
        </div>
      </form>
    </section>
  );
}
