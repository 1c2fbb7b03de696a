/**
 * The big path's join (`kantong aggregate`): the SQL of `aggregate.sql` groups a file's rows by the text of
 * their desa code, desil and period cells; here each distinct text is read by the import core's own rules
 * (`parseKodeDesa`, `parseDesil`, `parsePeriode`), so codes are normalised, rows rejected and reasons given
 * exactly as `kantong import` and the app do, and the groups are summed into desa rows.
 *
 * Invariant: every row of the file is in exactly one group, and every group is joined or rejected with one
 * reason: rows read = Σ households = joined + Σ rejected (checked here, thrown otherwise). Rows are also
 * counted per kabupaten of their code (`KabTally`): rows of a kabupaten outside the `--kab` set are rejected
 * as `kode_other_kabupaten`.
 */
import { desilShares, type NamedDesaAggregateRow } from '../aggregate/area-rollup.ts';
import { parseKodeDesa } from '../import/desa-code.ts';
import type { DesaRef } from '../import/desa-lookup.ts';
import { parseDesil } from '../import/households.ts';
import { comparePeriode, parsePeriode } from '../import/periode.ts';
import type { RejectReason } from '../import/reasons.ts';
import { kabOfDesa, type KabTally } from '../region/kab-filter.ts';

/** One output row of `aggregate.sql`. */
export interface RawGroup {
  kode_raw: string;
  desil_raw: string;
  periode_raw: string;
  households: number;
  persons: number;
  persons_known: number;
  /** Flag key → households whose flag is yes / unrecognised. */
  yes: Record<string, number>;
  odd: Record<string, number>;
}

/** Options of {@link joinRawGroups}. */
export interface RawJoinOptions {
  /** Desa of every kabupaten of the set, by Kemendagri code. */
  desa: ReadonlyMap<string, DesaRef>;
  tally: KabTally;
  /** Period of rows whose period cell is empty (from the file name or `--periode`); null: none. */
  fallbackPeriode: string | null;
  /** Whether a household-size column was mapped. */
  sizeRead: boolean;
  flags: readonly string[];
}

/** What {@link joinRawGroups} returns for one file. */
export interface RawJoinResult {
  rows_read: number;
  rows_joined: number;
  rows_rejected: number;
  rejected_by_reason: Partial<Record<RejectReason, number>>;
  /** Rows given the fallback period. */
  fallback_used: number;
  flags: Record<string, { yes: number; unrecognised: number }>;
  /** Desa rows keyed by `periode \0 kode_desa` (summed into by further files). */
  rows: Map<string, NamedDesaAggregateRow>;
}

function kodeReason(status: string): RejectReason {
  if (status === 'empty') return 'kode_empty';
  if (status === 'excel_mangled') return 'kode_excel_mangled';
  if (status === 'bps') return 'kode_bps';
  return 'kode_invalid';
}

/**
 * Joins the groups of one file (see the module comment), adding its desa rows into `into` (a map shared by
 * the files of one run, so the same desa and period from two files are added).
 */
export function joinRawGroups(
  groups: readonly RawGroup[],
  options: RawJoinOptions,
  into: Map<string, NamedDesaAggregateRow> = new Map(),
): RawJoinResult {
  const reasons: Partial<Record<RejectReason, number>> = {};
  const flags = Object.fromEntries(options.flags.map((f) => [f, { yes: 0, unrecognised: 0 }]));
  let read = 0;
  let joined = 0;
  let fallbackUsed = 0;
  // Each distinct text is read once (a national file has ~840,000 groups of ~84,000 codes and ten desil).
  const kodeCache = new Map<string, ReturnType<typeof parseKodeDesa>>();
  const desilCache = new Map<string, ReturnType<typeof parseDesil>>();
  const periodeCache = new Map<string, string | null>();
  const flagKeys = options.flags.map((f) => ({ f, low: `${f}_desil_1_4`, total: flags[f] }));
  const reject = (reason: RejectReason, n: number, kab: string) => {
    reasons[reason] = (reasons[reason] ?? 0) + n;
    options.tally.add(kab, false, n);
  };
  for (const g of groups) {
    const n = g.households;
    read += n;
    // The code is parsed against no kabupaten: a well-formed code comes back as `other_kabupaten` with its
    // Kemendagri form, and the set decides.
    let k = kodeCache.get(g.kode_raw);
    if (!k) kodeCache.set(g.kode_raw, (k = parseKodeDesa(g.kode_raw, '00.00')));
    if (k.status !== 'other_kabupaten' && k.status !== 'ok') {
      reject(kodeReason(k.status), n, '?');
      continue;
    }
    const kab = kabOfDesa(k.kode);
    if (options.tally.outside(kab)) {
      reject('kode_other_kabupaten', n, kab);
      continue;
    }
    const d = options.desa.get(k.kode);
    if (!d) {
      reject('kode_unknown', n, kab);
      continue;
    }
    let desil = desilCache.get(g.desil_raw);
    if (desil === undefined) desilCache.set(g.desil_raw, (desil = parseDesil(g.desil_raw)));
    if (typeof desil !== 'number') {
      reject(desil, n, kab);
      continue;
    }
    let periode: string | null;
    if (g.periode_raw.trim() === '') {
      periode = options.fallbackPeriode;
      if (periode === null) {
        reject('periode_missing', n, kab);
        continue;
      }
      fallbackUsed += n;
    } else {
      periode = periodeCache.get(g.periode_raw) ?? null;
      if (!periodeCache.has(g.periode_raw))
        periodeCache.set(g.periode_raw, (periode = parsePeriode(g.periode_raw)));
      if (periode === null) {
        reject('periode_invalid', n, kab);
        continue;
      }
    }
    joined += n;
    options.tally.add(kab, true, n);
    const key = `${periode}\u0000${k.kode}`;
    let row = into.get(key);
    if (!row) {
      row = {
        periode,
        kode_desa: d.kode_desa,
        nama_desa: d.nama_desa,
        kode_kec: d.kode_kec,
        nama_kec: d.nama_kec,
        jumlah_kk: 0,
        kk_desil: new Array<number>(10).fill(0),
        jumlah_jiwa: options.sizeRead ? 0 : null,
        kk_jiwa_diketahui: options.sizeRead ? 0 : null,
        programmes: Object.fromEntries(
          options.flags.flatMap((f) => [
            [f, 0],
            [`${f}_desil_1_4`, 0],
          ]),
        ),
        share_desil_1: null,
        share_desil_1_4: null,
      };
      into.set(key, row);
    }
    row.jumlah_kk += n;
    row.kk_desil[desil - 1] += n;
    if (options.sizeRead) {
      row.jumlah_jiwa = (row.jumlah_jiwa ?? 0) + g.persons;
      row.kk_jiwa_diketahui = (row.kk_jiwa_diketahui ?? 0) + g.persons_known;
    }
    for (const { f, low, total } of flagKeys) {
      const yes = g.yes[f] ?? 0;
      row.programmes[f] = (row.programmes[f] ?? 0) + yes;
      if (desil <= 4) row.programmes[low] = (row.programmes[low] ?? 0) + yes;
      total.yes += yes;
      total.unrecognised += g.odd[f] ?? 0;
    }
  }
  const rejected = Object.values(reasons).reduce((s, v) => s + (v ?? 0), 0);
  if (read !== joined + rejected)
    throw new Error(`join invariant broken: ${read} rows read, ${joined} joined, ${rejected} rejected`);
  return {
    rows_read: read,
    rows_joined: joined,
    rows_rejected: rejected,
    rejected_by_reason: reasons,
    fallback_used: fallbackUsed,
    flags,
    rows: into,
  };
}

/** The desa rows of a run, sorted by period (time order) then code, with their shares. */
export function sortedDesaRows(rows: ReadonlyMap<string, NamedDesaAggregateRow>): NamedDesaAggregateRow[] {
  return [...rows.values()]
    .map((r) => Object.assign(r, desilShares(r)))
    .sort((a, b) => comparePeriode(a.periode, b.periode) || (a.kode_desa < b.kode_desa ? -1 : 1));
}

/**
 * Two join results of the same file added (its groups joined in parts, as DuckDB hands them over): counts,
 * reasons and flag totals summed; `rows` is the shared desa map of both.
 */
export function addJoinResults(a: RawJoinResult, b: RawJoinResult): RawJoinResult {
  const reasons = { ...a.rejected_by_reason };
  for (const [reason, n] of Object.entries(b.rejected_by_reason) as [RejectReason, number][])
    reasons[reason] = (reasons[reason] ?? 0) + n;
  const flags = { ...a.flags };
  for (const [f, v] of Object.entries(b.flags))
    flags[f] = {
      yes: (flags[f]?.yes ?? 0) + v.yes,
      unrecognised: (flags[f]?.unrecognised ?? 0) + v.unrecognised,
    };
  return {
    rows_read: a.rows_read + b.rows_read,
    rows_joined: a.rows_joined + b.rows_joined,
    rows_rejected: a.rows_rejected + b.rows_rejected,
    rejected_by_reason: reasons,
    fallback_used: a.fallback_used + b.fallback_used,
    flags,
    rows: b.rows,
  };
}
