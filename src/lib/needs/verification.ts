/**
 * Step N6: data-quality flags for field verification, per desa. Row-level checks run on the joined
 * households right after the import pass and keep only counts and the row numbers of the user's own file
 * (which the office holds), never a value from a row:
 *
 * - `geotag_outside_desa`: a geotag farther than the border tolerance outside its own desa polygon
 *   (`geotag.ts`), with the largest distance;
 * - `duplicate_key`: households of one period sharing a household key (compared as salted hashes; every row
 *   of a shared key is listed);
 * - `desil_missing`, `desil_out_of_range`: rows rejected by the import for their desil (empty; not a whole
 *   number 1–10), attributed to the desa they named;
 * - `size_outlier`: household size above max(12, Q3 + 3·IQR) of the period's known sizes (Tukey's far-out
 *   fence, Tukey 1977, "Exploratory Data Analysis", §2);
 * - `extreme_outside_desil_1_2`: flagged extremely poor but in desil ≥ 3.
 *
 * Desa-level checks between consecutive periods (`periodJumps`): households changed by more than 25% (and at
 * least 20), or the desil-1 share moved by more than 10 percentage points (both periods with ≥ 20 households).
 */
import type { AreaGeometry } from '../geo/types.ts';
import { KEY_HASH_BYTES } from '../import/household-key.ts';
import type { DesilRejectedRows, JoinedHouseholds } from '../import/households.ts';
import { comparePeriode } from '../import/periode.ts';
import { DEFAULT_BORDER_TOLERANCE_M, outsideDistanceM, prepareArea } from './geotag.ts';
import { EXTREME_FLAG } from './keys.ts';

/** The issues, in worklist order. */
export const ISSUES = [
  'geotag_outside_desa',
  'duplicate_key',
  'desil_missing',
  'desil_out_of_range',
  'size_outlier',
  'extreme_outside_desil_1_2',
  'households_jump',
  'desil1_share_jump',
] as const;
export type IssueCode = (typeof ISSUES)[number];

/** Row numbers kept per issue entry (the count stays exact). */
export const ROWS_KEPT = 500;
/** Thresholds of the period checks. */
export const JUMP = { householdsRelative: 0.25, householdsAbsolute: 20, shareD1: 0.1, minHouseholds: 20 };
/** Smallest household size that can be an outlier. */
export const SIZE_OUTLIER_MIN = 12;

/** One issue of one desa (in one period, when it has one). */
export interface VerificationIssue {
  issue: IssueCode;
  desa: number;
  /** Null for rows rejected before their period was read. */
  periode: string | null;
  count: number;
  /** The file the rows are in (null for desa-level checks). */
  file: string | null;
  /** Source row numbers (at most {@link ROWS_KEPT}). */
  rows: number[];
  /** `geotag_outside_desa`: the largest distance, metres (rounded to 10). */
  maxDistanceM?: number;
}

/** The issues found and which checks could run. */
export interface Verification {
  issues: VerificationIssue[];
  /** Checks run (a check whose columns are absent is not run and not claimed). */
  checked: IssueCode[];
}

/** Options of {@link verifyHouseholds}. */
export interface VerifyOptions {
  fileName: string;
  /** Desa polygons in the desa-list order; without them the geotag check is not run. */
  geometries?: readonly AreaGeometry[] | null;
  toleranceM?: number;
  desilRejected?: DesilRejectedRows | null;
  /** Whether a household-size column was read. */
  sizeRead: boolean;
}

class Collector {
  private readonly map = new Map<string, VerificationIssue>();
  constructor(private readonly file: string | null) {}
  add(issue: IssueCode, desa: number, periode: string | null, row: number | null, distance?: number) {
    const k = `${issue}\u0000${desa}\u0000${periode ?? ''}`;
    let e = this.map.get(k);
    if (!e) this.map.set(k, (e = { issue, desa, periode, count: 0, file: this.file, rows: [] }));
    e.count++;
    if (row !== null && e.rows.length < ROWS_KEPT) e.rows.push(row);
    if (distance !== undefined)
      e.maxDistanceM = Math.max(e.maxDistanceM ?? 0, Math.round(distance / 10) * 10);
  }
  list(): VerificationIssue[] {
    return [...this.map.values()];
  }
}

/** Tukey's far-out upper fence of the known sizes, floored at {@link SIZE_OUTLIER_MIN} (see the module comment). */
export function sizeFence(sizes: ArrayLike<number>): number {
  const hist = new Uint32Array(100);
  let n = 0;
  for (let r = 0; r < sizes.length; r++)
    if (sizes[r] > 0) {
      hist[sizes[r]]++;
      n++;
    }
  if (n === 0) return Infinity;
  const q = (p: number) => {
    const target = p * (n - 1);
    let seen = 0;
    for (let v = 1; v < 100; v++) {
      seen += hist[v];
      if (seen > target) return v;
    }
    return 99;
  };
  const q1 = q(0.25);
  const q3 = q(0.75);
  return Math.max(SIZE_OUTLIER_MIN, q3 + 3 * (q3 - q1));
}

/** Row-level checks of one import's households (see the module comment). */
export function verifyHouseholds(h: JoinedHouseholds, options: VerifyOptions): Verification {
  const out = new Collector(options.fileName);
  const checked: IssueCode[] = ['desil_missing', 'desil_out_of_range'];
  const periodOf = (r: number) => h.periods[h.periode[r]];

  if (h.lat && h.lon && options.geometries) {
    checked.push('geotag_outside_desa');
    const tolerance = options.toleranceM ?? DEFAULT_BORDER_TOLERANCE_M;
    const prepared = new Map<number, ReturnType<typeof prepareArea>>();
    for (let r = 0; r < h.count; r++) {
      const lat = h.lat[r];
      if (Number.isNaN(lat)) continue;
      const i = h.desa[r];
      let area = prepared.get(i);
      if (!area) prepared.set(i, (area = prepareArea(options.geometries[i])));
      const d = outsideDistanceM(area, h.lon[r], lat, tolerance);
      if (d > 0) out.add('geotag_outside_desa', i, periodOf(r), h.source_row[r], d);
    }
  }

  if (h.key_hash) {
    checked.push('duplicate_key');
    // rows by the first 48 bits of their hash (a number key: fast); the full 16 bytes and the period are
    // compared on a hit, and a row whose prefix meets a different key falls back to an exact string key
    const first = new Map<number, number>();
    const exact = new Map<string, number>();
    const listed = new Uint8Array(h.count);
    const kh = h.key_hash;
    const same = (a: number, b: number) => {
      if (h.periode[a] !== h.periode[b]) return false;
      for (let j = 0; j < KEY_HASH_BYTES; j++)
        if (kh[a * KEY_HASH_BYTES + j] !== kh[b * KEY_HASH_BYTES + j]) return false;
      return true;
    };
    for (let r = 0; r < h.count; r++) {
      const o = r * KEY_HASH_BYTES;
      let any = 0;
      for (let j = 0; j < KEY_HASH_BYTES; j++) any |= kh[o + j];
      if (any === 0) continue; // no usable key
      const prefix =
        (kh[o] * 2 ** 40 +
          kh[o + 1] * 2 ** 32 +
          ((kh[o + 2] << 24) >>> 0) +
          (kh[o + 3] << 16) +
          (kh[o + 4] << 8) +
          kh[o + 5]) *
          8 +
        (h.periode[r] % 8);
      let f = first.get(prefix);
      if (f !== undefined && !same(f, r)) {
        const k = `${h.periode[r]}:${Array.from(kh.subarray(o, o + KEY_HASH_BYTES)).join(',')}`;
        f = exact.get(k);
        if (f === undefined) exact.set(k, r);
      } else if (f === undefined) first.set(prefix, r);
      if (f === undefined) continue;
      for (const x of listed[f] ? [r] : [f, r]) {
        listed[x] = 1;
        out.add('duplicate_key', h.desa[x], periodOf(x), h.source_row[x]);
      }
    }
  }

  for (let j = 0; j < (options.desilRejected?.row.length ?? 0); j++) {
    const rej = options.desilRejected!;
    out.add(
      rej.reason[j] === 'desil_missing' ? 'desil_missing' : 'desil_out_of_range',
      rej.desa[j],
      null,
      rej.row[j],
    );
  }

  if (options.sizeRead) {
    checked.push('size_outlier');
    for (let p = 0; p < h.periods.length; p++) {
      const sizes: number[] = [];
      for (let r = 0; r < h.count; r++) if (h.periode[r] === p) sizes.push(h.size[r]);
      const fence = sizeFence(sizes);
      for (let r = 0; r < h.count; r++)
        if (h.periode[r] === p && h.size[r] > fence)
          out.add('size_outlier', h.desa[r], periodOf(r), h.source_row[r]);
    }
  }

  const extreme = h.flags[EXTREME_FLAG];
  if (extreme) {
    checked.push('extreme_outside_desil_1_2');
    for (let r = 0; r < h.count; r++)
      if (extreme[r] && h.desil[r] >= 3)
        out.add('extreme_outside_desil_1_2', h.desa[r], periodOf(r), h.source_row[r]);
  }
  return { issues: out.list(), checked };
}

/** Desil counts per period and desa: `desil[(p·n + i)·10 + d − 1]` (a `NeedsCounts` fits). */
export interface DesilByPeriod {
  periods: string[];
  desaCount: number;
  desil: ArrayLike<number>;
}

/** Desa-level jumps between consecutive periods (see the module comment); none with one period. */
export function periodJumps(c: DesilByPeriod): VerificationIssue[] {
  const out = new Collector(null);
  const order = c.periods.map((_, p) => p).sort((a, b) => comparePeriode(c.periods[a], c.periods[b]));
  const at = (p: number, i: number) => {
    let n = 0;
    const base = (p * c.desaCount + i) * 10;
    for (let d = 0; d < 10; d++) n += c.desil[base + d];
    return { n, d1: c.desil[base] };
  };
  for (let t = 1; t < order.length; t++) {
    const p0 = order[t - 1];
    const p1 = order[t];
    for (let i = 0; i < c.desaCount; i++) {
      const a = at(p0, i);
      const b = at(p1, i);
      const diff = Math.abs(b.n - a.n);
      if (diff >= JUMP.householdsAbsolute && (a.n === 0 || diff / a.n > JUMP.householdsRelative))
        out.add('households_jump', i, c.periods[p1], null);
      if (
        a.n >= JUMP.minHouseholds &&
        b.n >= JUMP.minHouseholds &&
        Math.abs(b.d1 / b.n - a.d1 / a.n) > JUMP.shareD1
      )
        out.add('desil1_share_jump', i, c.periods[p1], null);
    }
  }
  return out.list();
}

/** Sorts issues for a worklist: by desa, then issue order, then period. */
export function sortIssues(list: VerificationIssue[]): VerificationIssue[] {
  return list.sort(
    (a, b) =>
      a.desa - b.desa ||
      ISSUES.indexOf(a.issue) - ISSUES.indexOf(b.issue) ||
      comparePeriode(a.periode ?? '', b.periode ?? ''),
  );
}
