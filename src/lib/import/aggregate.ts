/**
 * Step 5b: joined households → one row per desa and period (households in total and per desil, persons where
 * household size is known, flag counts, shares), through the general `aggregateByDesa` (the synthetic
 * generator's aggregation), with period × desa as its index so all periods are counted in one pass:
 *   index(r) = periode[r] · n_desa + desa[r].
 * Desa without households in a period get no row there (the report lists them in `desa_without_rows`).
 */
import { desilShares, type NamedDesaAggregateRow } from '../aggregate/area-rollup.ts';
import { aggregateByDesa } from '../synth/desa-aggregate.ts';
import type { DesaRef } from './desa-lookup.ts';
import type { JoinedHouseholds } from './households.ts';
import { comparePeriode } from './periode.ts';

/**
 * Desa rows of `households` (see the module comment), sorted by period (time order) then desa code.
 * `sizeRead`: whether a household-size column was mapped (else `jumlah_jiwa` and `kk_jiwa_diketahui` are null).
 */
export function aggregateHouseholds(
  households: JoinedHouseholds,
  desa: readonly DesaRef[],
  sizeRead: boolean,
): NamedDesaAggregateRow[] {
  const n = desa.length;
  const periods = households.periods;
  const index = new Int32Array(households.count);
  for (let r = 0; r < households.count; r++) index[r] = households.periode[r] * n + households.desa[r];
  const agg = aggregateByDesa(n * periods.length, {
    count: households.count,
    desa: index,
    desil: households.desil,
    size: sizeRead ? households.size : undefined,
    flags: households.flags,
  });
  const flagKeys = Object.keys(households.flags);
  const order = periods.map((_, p) => p).sort((a, b) => comparePeriode(periods[a], periods[b]));
  const byCode = desa.map((_, i) => i).sort((a, b) => (desa[a].kode_desa < desa[b].kode_desa ? -1 : 1));
  const rows: NamedDesaAggregateRow[] = [];
  for (const p of order)
    for (const i of byCode) {
      const k = p * n + i;
      const total = agg.households[k];
      if (total === 0) continue;
      const d = desa[i];
      const row: NamedDesaAggregateRow = {
        periode: periods[p],
        kode_desa: d.kode_desa,
        nama_desa: d.nama_desa,
        kode_kec: d.kode_kec,
        nama_kec: d.nama_kec,
        jumlah_kk: total,
        kk_desil: Array.from(agg.perDesil.subarray(k * 10, k * 10 + 10)),
        jumlah_jiwa: sizeRead ? agg.persons[k] : null,
        kk_jiwa_diketahui: sizeRead ? agg.personsKnown[k] : null,
        // each flag, and its recipients among desil 1–4 (the numerator of programme coverage)
        programmes: Object.fromEntries(
          flagKeys.flatMap((f) => [
            [f, agg.flagCounts[f][k]],
            [`${f}_desil_1_4`, agg.flagCountsDesil14[f][k]],
          ]),
        ),
        share_desil_1: null,
        share_desil_1_4: null,
      };
      rows.push(Object.assign(row, desilShares(row)));
    }
  return rows;
}
