/**
 * Which kabupaten/kota a command reads: `--kab 33.24` (one), `--kab 33.24,33.25` or `33.24+33.25` (a list),
 * `--kab 33` (a whole province), `--kab all` (the whole country). The syntax is that of the boundary sets'
 * `parseSetCode` (below; `?kab=` and `geo --kab` read it too) plus `all`; the set is resolved against the
 * gazetteer's kabupaten list, and a code that names no kabupaten/kota is refused, never silently empty.
 *
 * Household rows whose desa code lies outside the set are rejected (`kode_other_kabupaten`) and counted per
 * kabupaten, so a province extract filtered to one kabupaten says how many rows of each other kabupaten it
 * held.
 */

/**
 * Reads a `--kab` / `?kab=` value: one code (`33.24`, `3324`), a province (`33`), or a list (`33.24,33.25` or
 * `33.24+33.25`). Returns the kabupaten codes asked for (a province: `null` list, to be filled from the
 * gazetteer) or null when the text is none of these.
 */
export function parseSetCode(
  input: string,
): { kind: 'kabupaten'; codes: string[] } | { kind: 'province'; province: string } | null {
  const t = input.trim();
  if (/^\d{2}$/.test(t)) return { kind: 'province', province: t };
  const parts = t.split(/[,+\s]+/).filter((p) => p !== '');
  if (parts.length === 0) return null;
  const codes: string[] = [];
  for (const p of parts) {
    const m = /^(\d{2})\.?(\d{2})$/.exec(p);
    if (!m) return null;
    codes.push(`${m[1]}.${m[2]}`);
  }
  return { kind: 'kabupaten', codes: [...new Set(codes)].sort() };
}

/** A `--kab` value as read (before the gazetteer). */
export type KabSpec =
  { kind: 'all' } | { kind: 'province'; province: string } | { kind: 'kabupaten'; codes: string[] };

/**
 * Reads a `--kab` value (see the module comment): one code (`33.24`, `3324`), a province (`33`), a list
 * (`33.24,33.25`, `33.24+33.25`), or `all`. Null when the text is none of these.
 */
export function parseKabSpec(input: string): KabSpec | null {
  return /^(all|semua)$/i.test(input.trim()) ? { kind: 'all' } : parseSetCode(input);
}

/** A resolved set of kabupaten/kota codes (`33.24`), sorted. */
export interface KabSet {
  spec: KabSpec;
  codes: string[];
}

/**
 * Resolves a spec against the known kabupaten/kota codes (the gazetteer's). Returns the set, or the codes
 * (or province) that name nothing, for a one-line refusal.
 */
export function resolveKabSet(
  spec: KabSpec,
  known: readonly string[],
): { ok: true; set: KabSet } | { ok: false; unknown: string[] } {
  const all = [...new Set(known)].sort();
  if (spec.kind === 'all') return { ok: true, set: { spec, codes: all } };
  if (spec.kind === 'province') {
    const codes = all.filter((k) => k.startsWith(`${spec.province}.`));
    return codes.length > 0 ? { ok: true, set: { spec, codes } } : { ok: false, unknown: [spec.province] };
  }
  const have = new Set(all);
  const unknown = spec.codes.filter((k) => !have.has(k));
  return unknown.length > 0 ? { ok: false, unknown } : { ok: true, set: { spec, codes: [...spec.codes] } };
}

/**
 * The members of a set named by its code (`33.24+33.25`, or a province `33`: the kabupaten of `desa` in it),
 * or null when the code names one kabupaten (or nothing): what the import core joins when a caller (the app
 * on a boundary set) gives the set's code as its `kodeKab`.
 */
export function setMembersOf(code: string, desa: readonly { kode_desa: string }[]): string[] | null {
  const spec = parseKabSpec(code);
  if (!spec || spec.kind === 'all') return null;
  if (spec.kind === 'kabupaten') return spec.codes.length > 1 ? spec.codes : null;
  const codes = [...new Set(desa.map((d) => d.kode_desa.slice(0, 5)))]
    .filter((k) => k.startsWith(`${spec.province}.`))
    .sort();
  return codes.length > 0 ? codes : null;
}

/** The kabupaten code (`33.24`) of a Kemendagri desa code (`33.24.01.2001`). */
export function kabOfDesa(kodeDesa: string): string {
  return kodeDesa.slice(0, 5);
}

/** Rows per kabupaten: read, joined, rejected (of them: outside the set). */
export interface KabCount {
  rows_read: number;
  rows_joined: number;
  rows_rejected: number;
  outside_set: number;
}

/**
 * Counts rows per kabupaten (the one of the row's desa code; `null` for a code that is not one) and whether
 * each is inside the set: `add(kab, joined, n)`; `outside(kab)` says whether a kabupaten is outside the set.
 */
export class KabTally {
  /** Rows read and joined per kabupaten; rejected = read − joined, and outside the set all are rejected. */
  private readonly byKab = new Map<string, { read: number; joined: number }>();
  private readonly inSet: Set<string>;

  constructor(readonly set: KabSet) {
    this.inSet = new Set(set.codes);
  }

  /** A tally for the kabupaten `codes` (one, or the members of a set). */
  static of(codes: Iterable<string>): KabTally {
    const sorted = [...new Set(codes)].sort();
    return new KabTally({ spec: { kind: 'kabupaten', codes: sorted }, codes: sorted });
  }

  /** Whether the kabupaten is outside the set (its rows are rejected as `kode_other_kabupaten`). */
  outside(kab: string): boolean {
    return !this.inSet.has(kab);
  }

  /** The last kabupaten counted and its counts: extracts come sorted by desa. */
  private lastKab = '\u0000';
  private last: { read: number; joined: number } | null = null;

  private countOf(kab: string): { read: number; joined: number } {
    if (kab === this.lastKab && this.last) return this.last;
    let c = this.byKab.get(kab);
    if (!c) this.byKab.set(kab, (c = { read: 0, joined: 0 }));
    this.lastKab = kab;
    this.last = c;
    return c;
  }

  /** Counts `n` rows of kabupaten `kab` (`'?'` when the code names none), joined or rejected. */
  add(kab: string, joined: boolean, n: number): void {
    if (joined && kab !== '?' && this.outside(kab))
      throw new Error(`KabTally: rows of ${kab}, outside the set, joined`);
    const c = this.countOf(kab);
    c.read += n;
    if (joined) c.joined += n;
  }

  /** Counts one row of kabupaten `kab` as read (and rejected, until {@link KabTally.joined} says otherwise). */
  read(kab: string): void {
    this.countOf(kab).read++;
  }

  /** Counts one row of kabupaten `kab` counted by {@link KabTally.read} as joined after all. */
  joined(kab: string): void {
    const c = this.countOf(kab);
    if (c.joined >= c.read) throw new Error(`KabTally.joined(${kab}) without a row read`);
    c.joined++;
  }

  /** Rows counted so far. */
  get rowsRead(): number {
    let n = 0;
    for (const c of this.byKab.values()) n += c.read;
    return n;
  }

  /** The counts sorted by kabupaten code (`?` last). */
  toReport(): Record<string, KabCount> {
    const keys = [...this.byKab.keys()].sort((a, b) => (a === '?' ? 1 : b === '?' ? -1 : a < b ? -1 : 1));
    return Object.fromEntries(
      keys.map((k) => {
        const c = this.byKab.get(k) as { read: number; joined: number };
        const rejected = c.read - c.joined;
        const count: KabCount = {
          rows_read: c.read,
          rows_joined: c.joined,
          rows_rejected: rejected,
          outside_set: k !== '?' && this.outside(k) ? rejected : 0,
        };
        return [k, count];
      }),
    );
  }
}
