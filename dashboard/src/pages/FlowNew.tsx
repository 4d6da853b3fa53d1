import { useState } from "preact/hooks";
import { ApiError, api, describeError } from "../api";
import { fmtCe, fmtPct } from "../format";
import { live, useLive } from "../live";
import { navigate } from "../router";
import type { FlowConfig } from "../types";

interface TierRow {
  count: string;
  neurons: string;
  bits: string;
  optimize: boolean;
}

interface Form {
  template: string;
  name: string;
  description: string;
  phase_order: "neurons_first" | "bits_first";
  patience: string;
  ga_generations: string;
  ts_iterations: string;
  population: string;
  neighbors: string;
  tiers: TierRow[];
  fitness: string;
  fitness_weight_ce: string;
  fitness_weight_acc: string;
  fitness_percentile: string;
  min_accuracy_floor: string;
  seed: string;
}

const DEFAULTS: Form = {
  template: "standard-6-phase",
  name: "",
  description: "",
  phase_order: "neurons_first",
  patience: "10",
  ga_generations: "250",
  ts_iterations: "250",
  population: "50",
  neighbors: "50",
  tiers: [
    { count: "100", neurons: "15", bits: "20", optimize: true },
    { count: "400", neurons: "10", bits: "12", optimize: false },
    { count: "", neurons: "5", bits: "8", optimize: false },
  ],
  fitness: "ce",
  fitness_weight_ce: "1",
  fitness_weight_acc: "1",
  fitness_percentile: "",
  min_accuracy_floor: "",
  seed: "",
};

const FITNESS = [
  ["ce", "Cross-entropy"],
  ["harmonic_rank", "Harmonic rank (CE + accuracy)"],
  ["normalized", "Normalized (weighted)"],
  ["normalized_harmonic", "Normalized harmonic"],
] as const;

const INT_FIELDS = [
  ["patience", "Patience", "Iterations without improvement before a phase stops early."],
  ["ga_generations", "GA generations", "Generations per GA phase."],
  ["ts_iterations", "TS iterations", "Iterations per tabu-search phase."],
  ["population", "Population", "GA population size."],
  ["neighbors", "Neighbors", "TS neighbors per iteration."],
] as const;

type Errors = Record<string, string>;

function wholeNumber(text: string, min: number, max: number): string | null {
  if (text.trim() === "") return "required";
  if (!/^\d+$/.test(text.trim())) return `“${text}” is not a whole number`;
  const n = Number(text);
  return n < min || n > max ? `${n} is out of range; use ${min.toLocaleString("en-US")}–${max.toLocaleString("en-US")}` : null;
}

function decimal(text: string, check: (n: number) => boolean, rule: string, optional: boolean): string | null {
  if (text.trim() === "") return optional ? null : "required";
  const n = Number(text);
  return !isFinite(n) || !check(n) ? `“${text}” is not allowed; ${rule}` : null;
}

export function validate(f: Form): Errors {
  const e: Errors = {};
  if (!f.name.trim()) e.name = "A name is required.";
  else if (f.name.trim().length > 200) e.name = `The name has ${f.name.trim().length} characters; use at most 200.`;
  if (f.description.length > 2000) e.description = "Use at most 2,000 characters.";
  for (const [key] of INT_FIELDS) {
    const msg = wholeNumber(f[key], 1, 1_000_000);
    if (msg) e[key] = msg;
  }
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
    const b = wholeNumber(t.bits, 1, 64);
    if (b) e[`tier.${i}.bits`] = b;
  });
  const wce = decimal(f.fitness_weight_ce, (n) => n >= 0, "use a number ≥ 0", false);
  if (wce) e.fitness_weight_ce = wce;
  const wacc = decimal(f.fitness_weight_acc, (n) => n >= 0, "use a number ≥ 0", false);
  if (wacc) e.fitness_weight_acc = wacc;
  if (!wce && !wacc && Number(f.fitness_weight_ce) + Number(f.fitness_weight_acc) === 0)
    e.fitness_weight_acc = "The two weights must not both be 0.";
  const pct = decimal(f.fitness_percentile, (n) => n > 0 && n <= 1, "use a fraction in (0, 1] or leave empty", true);
  if (pct) e.fitness_percentile = pct;
  const floor = decimal(f.min_accuracy_floor, (n) => n >= 0 && n <= 1, "use a fraction in [0, 1] or leave empty", true);
  if (floor) e.min_accuracy_floor = floor;
  return e;
}

export function tierText(tiers: TierRow[]): string {
  return tiers.map((t) => `${t.count.trim() === "" ? "rest" : Number(t.count)},${Number(t.neurons)},${Number(t.bits)},${t.optimize}`).join(";");
}

function toConfig(f: Form): FlowConfig {
  return {
    template: f.template,
    phase_order: f.phase_order,
    patience: Number(f.patience),
    ga_generations: Number(f.ga_generations),
    ts_iterations: Number(f.ts_iterations),
    population: Number(f.population),
    neighbors: Number(f.neighbors),
    tier_config: tierText(f.tiers),
    optimize_tier0_only: f.tiers.every((t, i) => t.optimize === (i === 0)),
    fitness: f.fitness,
    fitness_weight_ce: Number(f.fitness_weight_ce),
    fitness_weight_acc: Number(f.fitness_weight_acc),
    fitness_percentile: f.fitness_percentile.trim() === "" ? null : Number(f.fitness_percentile),
    min_accuracy_floor: f.min_accuracy_floor.trim() === "" ? null : Number(f.min_accuracy_floor),
  };
}

function FieldError({ errors, name, show }: { errors: Errors; name: string; show: boolean }) {
  return show && errors[name] ? (
    <div class="field-error" role="alert" data-error-for={name}>
      {errors[name]}
    </div>
  ) : null;
}

export function FlowNewPage({ seed }: { seed: string | null }) {
  const store = useLive();
  const [form, setForm] = useState<Form>(() => ({ ...DEFAULTS, seed: seed ?? "", tiers: DEFAULTS.tiers.map((t) => ({ ...t })) }));
  const [touched, setTouched] = useState<Set<string>>(new Set());
  const [submitted, setSubmitted] = useState(false);
  const [serverErrors, setServerErrors] = useState<Errors>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const errors = { ...validate(form), ...serverErrors };
  const show = (name: string) => submitted || touched.has(name);
  const set = <K extends keyof Form>(key: K, value: Form[K]) => {
    setForm((f) => ({ ...f, [key]: value }));
    setServerErrors({});
  };
  const touch = (name: string) => setTouched((t) => new Set(t).add(name));
  const setTier = (i: number, patch: Partial<TierRow>) =>
    setForm((f) => ({ ...f, tiers: f.tiers.map((t, j) => (j === i ? { ...t, ...patch } : t)) }));
  const checkpoints = [...store.checkpoints.values()].sort((a, b) => b.id - a.id);

  async function submit(queue: boolean) {
    setSubmitted(true);
    setFailure(null);
    if (Object.keys(validate(form)).length) return;
    setBusy(true);
    try {
      let flow = await api.createFlow({
        name: form.name.trim(),
        description: form.description.trim() || undefined,
        config: toConfig(form),
        seed_checkpoint_id: form.seed ? Number(form.seed) : null,
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

  const text = (name: keyof Form, label: string, hint?: string, type = "text") => (
    <label class="field">
      <span class="field-label">{label}</span>
      <input
        name={name}
        type="text"
        inputMode={type === "text" ? undefined : "decimal"}
        value={form[name] as string}
        aria-invalid={show(name) && !!errors[name]}
        onInput={(e) => set(name, (e.target as HTMLInputElement).value as never)}
        onBlur={() => touch(name)}
      />
      {hint && <span class="field-hint">{hint}</span>}
      <FieldError errors={errors} name={name} show={show(name)} />
    </label>
  );

  return (
    <section>
      <div class="page-head">
        <h1>New flow</h1>
      </div>
      <form
        class="builder"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void submit(false);
        }}
      >
        <fieldset>
          <legend>Flow</legend>
          <div class="grid-2">
            <label class="field">
              <span class="field-label">Template</span>
              <select name="template" value={form.template} onChange={(e) => set("template", (e.target as HTMLSelectElement).value)}>
                <option value="standard-6-phase">standard-6-phase (GA+TS on neurons, bits, connections)</option>
              </select>
            </label>
            {text("name", "Name")}
            <label class="field">
              <span class="field-label">Phase order</span>
              <select
                name="phase_order"
                value={form.phase_order}
                onChange={(e) => set("phase_order", (e.target as HTMLSelectElement).value as Form["phase_order"])}
              >
                <option value="neurons_first">neurons first (1 neurons, 2 bits, 3 connections)</option>
                <option value="bits_first">bits first (1 bits, 2 neurons, 3 connections)</option>
              </select>
            </label>
            <label class="field">
              <span class="field-label">Seed checkpoint</span>
              <select name="seed" value={form.seed} onChange={(e) => set("seed", (e.target as HTMLSelectElement).value)}>
                <option value="">none (random initial genome)</option>
                {checkpoints.map((c) => (
                  <option key={c.id} value={String(c.id)}>
                    #{c.id} {c.name} · CE {fmtCe(c.final_fitness)} · acc {fmtPct(c.final_accuracy)}
                  </option>
                ))}
                {form.seed && !store.checkpoints.has(Number(form.seed)) && <option value={form.seed}>#{form.seed}</option>}
              </select>
            </label>
          </div>
          <label class="field">
            <span class="field-label">Description (optional)</span>
            <textarea name="description" rows={2} value={form.description} onInput={(e) => set("description", (e.target as HTMLTextAreaElement).value)} />
            <FieldError errors={errors} name="description" show />
          </label>
        </fieldset>

        <fieldset>
          <legend>Search</legend>
          <div class="grid-5">{INT_FIELDS.map(([key, label, hint]) => text(key, label, hint, "number"))}</div>
        </fieldset>

        <fieldset>
          <legend>Tiers</legend>
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
                    {(["count", "neurons", "bits"] as const).map((k) => (
                      <td key={k}>
                        <input
                          name={`tier.${i}.${k}`}
                          inputMode="numeric"
                          placeholder={k === "count" ? "rest" : ""}
                          value={t[k]}
                          aria-invalid={show(`tier.${i}.${k}`) && !!errors[`tier.${i}.${k}`]}
                          onInput={(e) => setTier(i, { [k]: (e.target as HTMLInputElement).value })}
                          onBlur={() => touch(`tier.${i}.${k}`)}
                        />
                        <FieldError errors={errors} name={`tier.${i}.${k}`} show={show(`tier.${i}.${k}`)} />
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
          <button
            type="button"
            class="button"
            onClick={() => setForm((f) => ({ ...f, tiers: [...f.tiers, { count: "", neurons: "5", bits: "8", optimize: false }] }))}
          >
            Add tier
          </button>
          <code class="tier-preview" data-testid="tier-preview">
            tier_config: {tierText(form.tiers)}
          </code>
        </fieldset>

        <fieldset>
          <legend>Fitness</legend>
          <div class="grid-5">
            <label class="field">
              <span class="field-label">Fitness</span>
              <select name="fitness" value={form.fitness} onChange={(e) => set("fitness", (e.target as HTMLSelectElement).value)}>
                {FITNESS.map(([v, l]) => (
                  <option key={v} value={v}>
                    {l}
                  </option>
                ))}
              </select>
            </label>
            {text("fitness_weight_ce", "Weight CE", undefined, "number")}
            {text("fitness_weight_acc", "Weight accuracy", undefined, "number")}
            {text("fitness_percentile", "CE percentile", "Optional, (0, 1]", "number")}
            {text("min_accuracy_floor", "Accuracy floor", "Optional, [0, 1]", "number")}
          </div>
        </fieldset>

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
