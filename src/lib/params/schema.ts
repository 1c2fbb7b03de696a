/**
 * Parameter specs: one definition per parameter, read the same way from a URL query, a CLI flag, a text
 * field and a state setter. A spec has one `name` — the URL key and the CLI flag (`--name`) alike — its
 * default, a parser for text and a checker for typed values, both returning either the value or a core
 * {@link Message} naming the parameter and the accepted values. Nothing clamps silently: a value outside its
 * range is an error for the surface to show (the CLI refuses, the URL falls back to the default value by
 * value, a text field shows the message beside itself).
 */
import type { MessageCode } from '../messages/dictionary.ts';
import { msg, type Message } from '../messages/message.ts';

export type ParamResult<T> = { ok: true; value: T } | { ok: false; error: Message };

export interface ParamSpec<T> {
  /** URL key and CLI flag. */
  readonly name: string;
  /** Older URL keys still read (links shared before a rename keep opening). */
  readonly aliases?: readonly string[];
  readonly defaultValue: T;
  /** The accepted values in a few characters, for usage lines and messages: `none|fdr|bonferroni`, `0–500`. */
  readonly hint: string;
  parse(text: string): ParamResult<T>;
  check(value: unknown): ParamResult<T>;
  format(value: T): string;
}

const ok = <T>(value: T): ParamResult<T> => ({ ok: true, value });
const fail = <T>(error: Message): ParamResult<T> => ({ ok: false, error });

/** One of a fixed list of words (case-insensitive on input, written as listed). */
export function enumParam<const T extends string>(
  name: string,
  values: readonly T[],
  defaultValue: NoInfer<T>,
  aliases?: readonly string[],
): ParamSpec<T> {
  const hint = values.join('|');
  const check = (value: unknown): ParamResult<T> => {
    const text = typeof value === 'string' ? value.trim().toLowerCase() : null;
    const found = text === null ? undefined : values.find((v) => v.toLowerCase() === text);
    return found !== undefined
      ? ok(found)
      : fail(msg('param.notOneOf', { name, value: String(value), allowed: values }));
  };
  return { name, aliases, defaultValue, hint, parse: check, check, format: (v) => v };
}

/** Strict decimal notation (a comma as decimal mark is accepted): no hex, no `1e3`, no blanks. */
function parseNumberText(text: string): number | null {
  const t = text.trim().replace(/^(-?\d+),(\d+)$/, '$1.$2');
  return /^[-+]?(\d+(\.\d*)?|\.\d+)$/.test(t) ? Number(t) : null;
}

/**
 * A whole number in [min, max]; `also` lists extra accepted values outside the range (e.g. 0 permutations =
 * analytical p-values, next to 99–99,999).
 */
export function intParam(
  name: string,
  min: number,
  max: number,
  defaultValue: number,
  options: { aliases?: readonly string[]; also?: readonly number[]; invalid?: MessageCode } = {},
): ParamSpec<number> {
  const also = options.also ?? [];
  const range = max === Infinity ? `≥ ${min}` : `${min}–${max}`;
  const hint = also.length ? `${also.join(', ')} or ${range}` : range;
  const check = (value: unknown): ParamResult<number> =>
    typeof value === 'number' &&
    Number.isInteger(value) &&
    ((value >= min && value <= max) || also.includes(value))
      ? ok(value)
      : fail(msg(options.invalid ?? 'param.notWhole', { name, value: String(value), range: hint }));
  return {
    name,
    aliases: options.aliases,
    defaultValue,
    hint,
    check,
    parse: (text) => {
      const t = text.trim();
      return /^[-+]?\d+$/.test(t)
        ? check(Number(t))
        : fail(msg(options.invalid ?? 'param.notWhole', { name, value: text, range: hint }));
    },
    format: String,
  };
}

/** A finite number with `min < x ≤ max` (`minInclusive` for `min ≤ x`). */
export function numberParam(
  name: string,
  bounds: { min: number; max: number; minInclusive?: boolean },
  defaultValue: number,
  aliases?: readonly string[],
): ParamSpec<number> {
  const { min, max, minInclusive = false } = bounds;
  const hint = `${minInclusive ? '≥' : '>'} ${min}, ≤ ${max}`;
  const check = (value: unknown): ParamResult<number> =>
    typeof value === 'number' &&
    Number.isFinite(value) &&
    (minInclusive ? value >= min : value > min) &&
    value <= max
      ? ok(value)
      : fail(msg('param.notNumber', { name, value: String(value), range: hint }));
  return {
    name,
    aliases,
    defaultValue,
    hint,
    check,
    parse: (text) => {
      const v = parseNumberText(text);
      return v === null ? fail(msg('param.notNumber', { name, value: text, range: hint })) : check(v);
    },
    format: String,
  };
}

/** A spec whose value may also be absent (`null`, an empty text): "automatic" or "latest". */
export function nullable<T>(spec: ParamSpec<T>, hint = spec.hint): ParamSpec<T | null> {
  return {
    name: spec.name,
    aliases: spec.aliases,
    defaultValue: null,
    hint,
    parse: (text) => (text.trim() === '' ? ok(null) : spec.parse(text)),
    check: (value) => (value === null ? ok(null) : spec.check(value)),
    format: (v) => (v === null ? '' : spec.format(v)),
  };
}

/** Free text kept as given (trimmed; empty = null): codes the data decides about, e.g. a kecamatan code. */
export function textParam(name: string, aliases?: readonly string[]): ParamSpec<string | null> {
  const check = (value: unknown): ParamResult<string | null> =>
    value === null ? ok(null) : typeof value === 'string' ? ok(value.trim() || null) : ok(String(value));
  return { name, aliases, defaultValue: null, hint: 'text', check, parse: check, format: (v) => v ?? '' };
}

/** A flag that is on or off: `1`/`0` in a URL (also true/false, ya/tidak). */
export function boolParam(
  name: string,
  defaultValue: boolean,
  aliases?: readonly string[],
): ParamSpec<boolean> {
  const check = (value: unknown): ParamResult<boolean> => {
    if (typeof value === 'boolean') return ok(value);
    const t = String(value).trim().toLowerCase();
    if (['1', 'true', 'ya', 'yes', 'on'].includes(t)) return ok(true);
    if (['0', 'false', 'tidak', 'no', 'off', ''].includes(t)) return ok(false);
    return fail(msg('param.notOneOf', { name, value: String(value), allowed: ['0', '1'] }));
  };
  return { name, aliases, defaultValue, hint: '0|1', check, parse: check, format: (v) => (v ? '1' : '0') };
}

/** The text of a parameter in a source, under its name or an alias (first found). */
export function lookup(spec: ParamSpec<unknown>, get: (key: string) => string | null | undefined) {
  for (const key of [spec.name, ...(spec.aliases ?? [])]) {
    const v = get(key);
    if (v !== null && v !== undefined) return v;
  }
  return undefined;
}

/** A set of specs keyed by the field name the program uses (camelCase). */
export type ParamSet = Record<string, ParamSpec<unknown>>;
/** The typed values of a {@link ParamSet}. */
export type ParamValues<S extends ParamSet> = {
  -readonly [K in keyof S]: S[K] extends ParamSpec<infer T> ? T : never;
};

/**
 * Reads every parameter of `set` from text (a URL's query, CLI flags): absent → default; present and valid
 * → the value; present and invalid → the default, with the error listed. The caller decides: the URL ignores
 * the errors (a hand-edited link still opens), the CLI refuses on the first one.
 */
export function readParams<S extends ParamSet>(
  set: S,
  get: (key: string) => string | null | undefined,
): { values: ParamValues<S>; errors: Message[] } {
  const values: Record<string, unknown> = {};
  const errors: Message[] = [];
  for (const [field, spec] of Object.entries(set)) {
    const text = lookup(spec, get);
    if (text === undefined) {
      values[field] = spec.defaultValue;
      continue;
    }
    const r = spec.parse(text);
    if (r.ok) values[field] = r.value;
    else {
      values[field] = spec.defaultValue;
      errors.push(r.error);
    }
  }
  return { values: values as ParamValues<S>, errors };
}

/**
 * Checks a patch of typed values (a state setter): the valid fields, and an error per invalid one (which
 * is left out of `values`, so the state keeps its previous value).
 */
export function checkParams<S extends ParamSet>(
  set: S,
  patch: Partial<Record<keyof S, unknown>>,
): { values: Partial<ParamValues<S>>; errors: Message[] } {
  const values: Record<string, unknown> = {};
  const errors: Message[] = [];
  for (const [field, value] of Object.entries(patch)) {
    const spec = set[field];
    if (!spec) continue;
    const r = spec.check(value);
    if (r.ok) values[field] = r.value;
    else errors.push(r.error);
  }
  return { values: values as Partial<ParamValues<S>>, errors };
}

/** Writes the values that differ from their defaults (short links), in the set's order. */
export function writeParams<S extends ParamSet>(
  set: S,
  values: ParamValues<S>,
  put: (key: string, text: string) => void,
): void {
  for (const [field, spec] of Object.entries(set)) {
    const v = (values as Record<string, unknown>)[field];
    if (v === undefined || v === null || v === spec.defaultValue) continue;
    put(spec.name, spec.format(v));
  }
}
