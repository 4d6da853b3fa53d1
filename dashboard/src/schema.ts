// The configuration schema served by GET /api/config/schema (declared once in src/Wnn.Contracts/ConfigKeys.cs): the flow
// builder renders its form from it, and the flow page resolves a config's values (dotted names, groups, aliases) with it.
import { useEffect, useState } from "preact/hooks";
import type { FlowConfig } from "./types";

export interface ConfigKey {
  name: string;
  kind: "integer" | "unsigned_integer" | "number" | "boolean" | "text";
  type_name: string;
  doc: string;
  label: string;
  default: string | number | boolean | null;
  default_note: string | null;
  default_text: string;
  nullable: boolean;
  minimum: number | null;
  maximum: number | null;
  exclusive_minimum: boolean;
  exclusive_maximum: boolean;
  range_text: string | null;
  allowed: string[];
  /** Words a number key also takes in place of a number (e.g. "auto" for model.score_scale). */
  words: string[];
  aliases: string[];
  flag: string | null;
  resume: "identity" | "budget" | "safe";
  scope: string;
  is_path: boolean;
  per_phase: boolean;
  group: string;
}

export interface FlowTemplate {
  name: string;
  /** The phase list text (docs/flows.md); null = the six phases of search.phase_order; "" = none. */
  phases: string | null;
  settings: Record<string, string>;
}

export interface ConfigGroup {
  name: string;
  title: string;
  doc: string;
}

export interface ConfigSchema {
  keys: ConfigKey[];
  groups: ConfigGroup[];
  phase_types: string[];
  templates: FlowTemplate[];
}

let cached: ConfigSchema | null = null;
let pending: Promise<ConfigSchema> | null = null;
const listeners = new Set<() => void>();

/** Loads the schema once per page. */
export function loadSchema(): Promise<ConfigSchema> {
  if (cached) return Promise.resolve(cached);
  pending ??= fetch("/api/config/schema", { headers: { Accept: "application/json" } })
    .then((r) => {
      if (!r.ok) throw new Error(`GET /api/config/schema: HTTP ${r.status}`);
      return r.json() as Promise<ConfigSchema>;
    })
    .then((s) => {
      cached = s;
      listeners.forEach((l) => l());
      return s;
    })
    .catch((e) => {
      pending = null;
      throw e;
    });
  return pending;
}

/** The schema (null until loaded) and the load error, if any. */
export function useSchema(): { schema: ConfigSchema | null; error: string | null } {
  const [, setTick] = useState(0);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const l = () => setTick((t) => t + 1);
    listeners.add(l);
    if (!cached) loadSchema().catch((e) => setError(String(e)));
    return () => void listeners.delete(l);
  }, []);
  return { schema: cached, error };
}

/** The schema if it has loaded. */
export const currentSchema = (): ConfigSchema | null => cached;

/** A key's value in a config given under its dotted name, nested by group, or under an alias; undefined when absent. */
export function rawValue(config: FlowConfig, key: ConfigKey): unknown {
  for (const name of [key.name, ...key.aliases]) {
    if (name in config) return config[name];
    // Nested: {"ga": {"generations": 10}}.
    const parts = name.split(".");
    let node: unknown = config;
    for (const p of parts) node = node && typeof node === "object" ? (node as Record<string, unknown>)[p] : undefined;
    if (node !== undefined && (parts.length > 1 || typeof node !== "object")) return node;
  }
  return undefined;
}

/** The value in effect: the config's, else the schema's default; `given` says which. */
export function effectiveValue(config: FlowConfig, key: ConfigKey): { value: unknown; given: boolean } {
  const v = rawValue(config, key);
  return v === undefined ? { value: key.default, given: false } : { value: v, given: true };
}

/** A value as text; null shows what null means for the key (its default note, e.g. "all cores"). */
export function valueText(key: ConfigKey, value: unknown): string {
  if (value === null || value === undefined || value === "") return key.default_note ?? "null";
  if (typeof value === "number") return key.kind === "number" ? String(value) : value.toLocaleString("en-US").replace(/,/g, "");
  return String(value);
}

/** The value of the key named `name` in effect (config or default), or undefined before the schema loads. */
export function configNumber(config: FlowConfig, name: string): number | undefined {
  const key = cached?.keys.find((k) => k.name === name);
  if (!key) return undefined;
  const v = effectiveValue(config, key).value;
  return typeof v === "number" ? v : typeof v === "string" && v.trim() !== "" && isFinite(Number(v)) ? Number(v) : undefined;
}

/** Null when `text` is a valid value of `key` (empty = null/default), else the message; mirrors ConfigKeyDefinition.Parse. */
export function checkText(key: ConfigKey, text: string): string | null {
  const t = text.trim();
  if (t === "") return key.nullable || key.default !== null ? null : "required";
  if (key.kind !== "text" && key.words.includes(t.toLowerCase())) return null;
  let n: number;
  switch (key.kind) {
    case "integer":
    case "unsigned_integer":
      if (!(key.kind === "integer" ? /^[+-]?\d+$/ : /^\d+$/).test(t)) return `“${t}” is not ${key.kind === "integer" ? "an integer" : "a non-negative integer"}`;
      n = Number(t);
      break;
    case "number":
      n = Number(t);
      if (!isFinite(n)) return `“${t}” is not a number${key.words.length ? ` or ${key.words.join(", ")}` : ""}`;
      break;
    case "boolean":
      return null;
    default:
      return key.allowed.length && !key.allowed.includes(t.toLowerCase()) ? `“${t}” is not allowed; use one of ${key.allowed.join(", ")}` : null;
  }
  const lowOk = key.minimum === null || (key.exclusive_minimum ? n > key.minimum : n >= key.minimum);
  const highOk = key.maximum === null || (key.exclusive_maximum ? n < key.maximum : n <= key.maximum);
  return lowOk && highOk ? null : `${t} is out of range; allowed ${key.range_text}${key.nullable ? " or empty" : ""}`;
}

/** The JSON value a form's text stands for (numbers as numbers); null for empty. */
export function textToJson(key: ConfigKey, text: string): string | number | boolean | null {
  const t = text.trim();
  if (t === "") return null;
  if (key.kind !== "text" && key.words.includes(t.toLowerCase())) return t.toLowerCase();
  if (key.kind === "integer" || key.kind === "unsigned_integer" || key.kind === "number") return Number(t);
  if (key.kind === "boolean") return t === "true";
  return t;
}
