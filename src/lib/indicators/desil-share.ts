import type { DesaAggregateRow } from '../aggregate/desa-aggregate-table.ts';

/**
 * Share of households in the poorest `upTo` national deciles:
 *   share = (Σ_{d=1..upTo} kk_desil_d) / jumlah_kk.
 * `upTo = 1` is the default extreme-poverty proxy (desil 1); `upTo = 4` is the usual bansos range.
 * Desil are national relative welfare ranks from DT-SEN, not the BPS poverty line.
 * Returns null when a unit has no households (a share of nothing is no data, not 0).
 */
export function desilShare(row: Pick<DesaAggregateRow, 'jumlah_kk' | 'kk_desil'>, upTo = 1): number | null {
  if (row.jumlah_kk <= 0) return null;
  let count = 0;
  for (let d = 0; d < upTo; d++) count += row.kk_desil[d];
  return count / row.jumlah_kk;
}

/** Households in the poorest `upTo` deciles: Σ_{d=1..upTo} kk_desil_d. */
export function desilCount(row: Pick<DesaAggregateRow, 'kk_desil'>, upTo = 1): number {
  let count = 0;
  for (let d = 0; d < upTo; d++) count += row.kk_desil[d];
  return count;
}

/** Sums rows (e.g. all desa of a kecamatan or the kabupaten) into one aggregate. */
export function sumAggregates(
  rows: readonly DesaAggregateRow[],
): Pick<DesaAggregateRow, 'jumlah_kk' | 'kk_desil'> {
  const kk_desil = new Array(10).fill(0);
  let jumlah_kk = 0;
  for (const r of rows) {
    jumlah_kk += r.jumlah_kk;
    for (let d = 0; d < 10; d++) kk_desil[d] += r.kk_desil[d];
  }
  return { jumlah_kk, kk_desil };
}
