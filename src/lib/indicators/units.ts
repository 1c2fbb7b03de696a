import type { DesaAggregateRow } from '../aggregate/desa-aggregate-table.ts';

/** Household counts of one map unit (desa, kecamatan or hexagon) in one period. */
export interface UnitCounts {
  jumlah_kk: number;
  /** Households per desil; index 0 is desil 1. */
  kk_desil: number[];
  /** Persons; null when no row of the unit knew household sizes. */
  jumlah_jiwa: number | null;
  /** Programme counts by key (`pkh`, `bpnt`, `pkh_desil_1_4`, ...). */
  programmes: Record<string, number>;
}

/** A map unit with its area and its counts per period (absent period: no rows for the unit). */
export interface UnitData {
  kode: string;
  luas_km2: number;
  byPeriod: Map<string, UnitCounts>;
}

export function emptyCounts(): UnitCounts {
  return { jumlah_kk: 0, kk_desil: new Array(10).fill(0), jumlah_jiwa: null, programmes: {} };
}

/** Adds `b` into `a` (persons stay null only while every part is null). */
export function addCounts(
  a: UnitCounts,
  b: Pick<UnitCounts, 'jumlah_kk' | 'kk_desil' | 'jumlah_jiwa' | 'programmes'>,
): void {
  a.jumlah_kk += b.jumlah_kk;
  for (let d = 0; d < 10; d++) a.kk_desil[d] += b.kk_desil[d];
  if (b.jumlah_jiwa !== null) a.jumlah_jiwa = (a.jumlah_jiwa ?? 0) + b.jumlah_jiwa;
  for (const [k, v] of Object.entries(b.programmes)) a.programmes[k] = (a.programmes[k] ?? 0) + v;
}

/**
 * Map units of one level from desa rows: each desa is a unit (`group` = identity) or desa are summed into
 * their kecamatan (`group` = kode_kec). Units come in the order of `areas` (the map's features), so a unit
 * without any row is kept with empty `byPeriod` and shows as "no data"; rows of codes not in `areas` are
 * ignored here (the join report lists them).
 */
export function unitsFromDesaRows(
  rows: readonly DesaAggregateRow[],
  areas: readonly { kode: string; luas_km2: number }[],
  group: (kodeDesa: string) => string = (k) => k,
): UnitData[] {
  const units = areas.map((a): UnitData => ({ kode: a.kode, luas_km2: a.luas_km2, byPeriod: new Map() }));
  const byKode = new Map(units.map((u) => [u.kode, u]));
  for (const row of rows) {
    const unit = byKode.get(group(row.kode_desa));
    if (!unit) continue;
    let counts = unit.byPeriod.get(row.periode);
    if (!counts) unit.byPeriod.set(row.periode, (counts = emptyCounts()));
    addCounts(counts, row);
  }
  return units;
}
