/**
 * Aggregates per desa with names and shares, and their sums per kecamatan and kabupaten, per period.
 *
 * Rows of any level carry households in total and per desil, persons where household size is known, programme
 * and condition counts, and two shares:
 *   share_desil_1   = kk_desil_1 / jumlah_kk                     (the default extreme-poverty proxy)
 *   share_desil_1_4 = (kk_desil_1 + … + kk_desil_4) / jumlah_kk   (the usual bansos range)
 * (null for a unit without households: a share of nothing is no data, not 0). A kecamatan or
 * kabupaten row is the plain sum of its desa rows, so its shares are ratios of sums, not means of desa shares.
 */
import type { DesaAggregateRow } from './desa-aggregate-table.ts';

/** A desa row as the importer returns it: `DesaAggregateRow` plus names, shares and the size coverage. */
export interface NamedDesaAggregateRow extends DesaAggregateRow {
  nama_desa: string;
  kode_kec: string;
  nama_kec: string;
  /** Households whose size is known (the denominator behind `jumlah_jiwa`); null when size was not read. */
  kk_jiwa_diketahui: number | null;
  share_desil_1: number | null;
  share_desil_1_4: number | null;
}

/** A kecamatan or kabupaten row (sum of its desa rows in one period). */
export interface AreaAggregateRow {
  periode: string;
  tingkat: 'kecamatan' | 'kabupaten';
  kode: string;
  nama: string;
  /** Desa with at least one household in this period. */
  jumlah_desa: number;
  jumlah_kk: number;
  kk_desil: number[];
  jumlah_jiwa: number | null;
  kk_jiwa_diketahui: number | null;
  programmes: Record<string, number>;
  share_desil_1: number | null;
  share_desil_1_4: number | null;
}

/** The two shares of a row with `jumlah_kk` and `kk_desil` (see the module comment). */
export function desilShares(row: Pick<DesaAggregateRow, 'jumlah_kk' | 'kk_desil'>): {
  share_desil_1: number | null;
  share_desil_1_4: number | null;
} {
  if (row.jumlah_kk <= 0) return { share_desil_1: null, share_desil_1_4: null };
  const d = row.kk_desil;
  return {
    share_desil_1: d[0] / row.jumlah_kk,
    share_desil_1_4: (d[0] + d[1] + d[2] + d[3]) / row.jumlah_kk,
  };
}

function addNullable(a: number | null, b: number | null): number | null {
  return a === null && b === null ? null : (a ?? 0) + (b ?? 0);
}

/**
 * Sums rows that describe the same desa and period (e.g. one file per kecamatan of the same extract). Rows are
 * returned sorted by period, then code; the first row's names are kept.
 */
export function mergeDesaRows(lists: readonly (readonly NamedDesaAggregateRow[])[]): NamedDesaAggregateRow[] {
  const byKey = new Map<string, NamedDesaAggregateRow>();
  for (const list of lists)
    for (const r of list) {
      const key = `${r.periode}\u0000${r.kode_desa}`;
      const prev = byKey.get(key);
      if (!prev) {
        byKey.set(key, { ...r, kk_desil: [...r.kk_desil], programmes: { ...r.programmes } });
        continue;
      }
      prev.jumlah_kk += r.jumlah_kk;
      for (let d = 0; d < 10; d++) prev.kk_desil[d] += r.kk_desil[d];
      prev.jumlah_jiwa = addNullable(prev.jumlah_jiwa, r.jumlah_jiwa);
      prev.kk_jiwa_diketahui = addNullable(prev.kk_jiwa_diketahui, r.kk_jiwa_diketahui);
      for (const [k, v] of Object.entries(r.programmes)) prev.programmes[k] = (prev.programmes[k] ?? 0) + v;
    }
  const rows = [...byKey.values()];
  for (const r of rows) Object.assign(r, desilShares(r));
  return rows.sort((a, b) =>
    a.periode === b.periode ? (a.kode_desa < b.kode_desa ? -1 : 1) : a.periode < b.periode ? -1 : 1,
  );
}

/**
 * Sums desa rows per kecamatan and period (`tingkat: 'kecamatan'`), or per period for the whole kabupaten
 * when `kabupaten` is given (`tingkat: 'kabupaten'`, one row per period). Sorted by period, then code.
 */
export function rollupDesaRows(
  rows: readonly NamedDesaAggregateRow[],
  kabupaten?: { kode_kab: string; nama_kab: string },
): AreaAggregateRow[] {
  const byKey = new Map<string, AreaAggregateRow>();
  for (const r of rows) {
    const kode = kabupaten ? kabupaten.kode_kab : r.kode_kec;
    const key = `${r.periode}\u0000${kode}`;
    let a = byKey.get(key);
    if (!a) {
      a = {
        periode: r.periode,
        tingkat: kabupaten ? 'kabupaten' : 'kecamatan',
        kode,
        nama: kabupaten ? kabupaten.nama_kab : r.nama_kec,
        jumlah_desa: 0,
        jumlah_kk: 0,
        kk_desil: new Array<number>(10).fill(0),
        jumlah_jiwa: null,
        kk_jiwa_diketahui: null,
        programmes: {},
        share_desil_1: null,
        share_desil_1_4: null,
      };
      byKey.set(key, a);
    }
    if (r.jumlah_kk > 0) a.jumlah_desa++;
    a.jumlah_kk += r.jumlah_kk;
    for (let d = 0; d < 10; d++) a.kk_desil[d] += r.kk_desil[d];
    a.jumlah_jiwa = addNullable(a.jumlah_jiwa, r.jumlah_jiwa);
    a.kk_jiwa_diketahui = addNullable(a.kk_jiwa_diketahui, r.kk_jiwa_diketahui);
    for (const [k, v] of Object.entries(r.programmes)) a.programmes[k] = (a.programmes[k] ?? 0) + v;
  }
  const out = [...byKey.values()];
  for (const a of out) Object.assign(a, desilShares(a));
  return out.sort((a, b) =>
    a.periode === b.periode ? (a.kode < b.kode ? -1 : 1) : a.periode < b.periode ? -1 : 1,
  );
}
