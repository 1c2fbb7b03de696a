/**
 * Step 5a: the pass over a desa-level aggregate table (one row per desa and period with household counts per
 * desil): the project's own layout (`periode;kode_desa;...;jumlah_kk;kk_desil_1..10;jumlah_jiwa;kk_pkh...`) and
 * variants whose columns map to the same fields. Rows are joined to desa exactly as household rows are (same
 * codes, names, reasons and report); then each row is checked:
 * - every desil count (and `jumlah_kk`, `jumlah_jiwa`, programme counts when mapped) is a non-negative integer,
 *   grouped thousands accepted (`1.234`) → else `count_invalid`;
 * - Σ desil counts = `jumlah_kk` when that column is mapped (else `jumlah_kk` is the sum) → else
 *   `desil_sum_mismatch` (never rescaled);
 * - a second row for the same desa and period → `duplicate_desa_periode` (the first is kept).
 */
import type { NamedDesaAggregateRow } from '../aggregate/area-rollup.ts';
import { desilShares } from '../aggregate/area-rollup.ts';
import type { DesaLookup } from './desa-lookup.ts';
import type { ProgressCallback } from './errors.ts';
import type { ColumnMapping } from './mapping.ts';
import { mappedColumns, type JoinPassTally } from './households.ts';
import { parseCount } from './numbers.ts';
import { ReasonTally, UnmatchedTally } from './report.ts';
import { columnIndex, DesaResolver, PeriodeResolver } from './row-join.ts';
import type { TableSource } from './table-source.ts';

/** Options of {@link joinDesaTableRows}. */
export interface DesaTablePassOptions {
  lookup: DesaLookup;
  mapping: ColumnMapping;
  fallbackPeriode: string | null;
  onProgress?: ProgressCallback;
  signal?: AbortSignal;
}

/** What the pass found. */
export interface DesaTablePassResult extends JoinPassTally {
  rows: NamedDesaAggregateRow[];
  periods: string[];
}

/** Runs the pass over `source` (see the module comment). */
export async function joinDesaTableRows(
  source: TableSource,
  options: DesaTablePassOptions,
): Promise<DesaTablePassResult> {
  const { columns } = source;
  const { mapping, lookup } = options;
  const ncol = columns.length;
  const desilCols = (mapping.desil_counts ?? []).map((c) => columnIndex(columns, c));
  const totalCol = columnIndex(columns, mapping.fields.jumlah_kk);
  const jiwaCol = columnIndex(columns, mapping.fields.jumlah_jiwa);
  const flagKeys = Object.keys(mapping.flags);
  const flagCols = flagKeys.map((k) => columnIndex(columns, mapping.flags[k]));

  const fresh = () => {
    const reasons = new ReasonTally();
    const unmatched = new UnmatchedTally();
    return {
      reasons,
      unmatched,
      desa: new DesaResolver(lookup, columns, mapping, unmatched),
      periode: new PeriodeResolver(columns, mapping, options.fallbackPeriode),
      rows: [] as NamedDesaAggregateRow[],
      seen: new Set<string>(),
      rowsRead: 0,
      blankLines: 0,
    };
  };
  let s = fresh();

  const onBatch = (records: string[][], firstRow: number) => {
    for (let k = 0; k < records.length; k++) {
      const cells = records[k];
      const row = firstRow + k;
      if (cells.length === 1 && cells[0].trim() === '') {
        s.blankLines++;
        continue;
      }
      s.rowsRead++;
      const empty = () => cells.every((c) => c.trim() === '');
      if (
        cells.length !== ncol &&
        !(cells.length > ncol && cells.slice(ncol).every((c) => c.trim() === ''))
      ) {
        s.reasons.add(empty() ? 'empty_row' : 'column_count', row);
        continue;
      }
      const desa = s.desa.resolve(cells, row);
      if (typeof desa === 'string') {
        s.reasons.add((desa === 'kode_empty' || desa === 'nama_empty') && empty() ? 'empty_row' : desa, row);
        continue;
      }
      const p = s.periode.resolve(cells);
      if (typeof p === 'string') {
        s.reasons.add(p, row);
        continue;
      }
      const kk_desil = desilCols.map((j) => parseCount(cells[j]));
      const total = totalCol >= 0 ? parseCount(cells[totalCol]) : 0;
      const jiwa = jiwaCol >= 0 && cells[jiwaCol].trim() !== '' ? parseCount(cells[jiwaCol]) : null;
      const programmes: Record<string, number> = {};
      let invalid =
        kk_desil.some((v) => v === null) ||
        total === null ||
        (jiwaCol >= 0 && cells[jiwaCol].trim() !== '' && jiwa === null);
      flagKeys.forEach((key, q) => {
        const j = flagCols[q];
        if (j < 0) return;
        const v = cells[j].trim() === '' ? 0 : parseCount(cells[j]);
        if (v === null) invalid = true;
        else programmes[key] = v;
      });
      if (invalid) {
        s.reasons.add('count_invalid', row);
        continue;
      }
      const counts = kk_desil as number[];
      const sum = counts.reduce((a, b) => a + b, 0);
      if (totalCol >= 0 && sum !== total) {
        s.reasons.add('desil_sum_mismatch', row);
        continue;
      }
      const d = lookup.desa[desa];
      const periode = s.periode.periods[p];
      const key = `${periode}\u0000${d.kode_desa}`;
      if (s.seen.has(key)) {
        s.reasons.add('duplicate_desa_periode', row);
        continue;
      }
      s.seen.add(key);
      s.desa.countJoined();
      s.periode.rowsPerPeriode[p]++;
      const r: NamedDesaAggregateRow = {
        periode,
        kode_desa: d.kode_desa,
        nama_desa: d.nama_desa,
        kode_kec: d.kode_kec,
        nama_kec: d.nama_kec,
        jumlah_kk: sum,
        kk_desil: counts,
        jumlah_jiwa: jiwa,
        kk_jiwa_diketahui: null,
        programmes,
        share_desil_1: null,
        share_desil_1_4: null,
      };
      s.rows.push(Object.assign(r, desilShares(r)));
    }
  };

  await source.forEachBatch(onBatch, {
    onProgress: options.onProgress,
    signal: options.signal,
    columns: mappedColumns(columns, mapping),
    onRestart: () => (s = fresh()),
  });
  return {
    rows: s.rows,
    periods: s.periode.periods,
    rowsRead: s.rowsRead,
    blankLines: s.blankLines,
    reasons: s.reasons,
    unmatched: s.unmatched,
    joinedBy: s.desa.joinedBy,
    kabupaten: s.desa.kabupaten,
    conflicts: s.desa.conflicts,
    comparedColumns: s.desa.comparesNames ? s.desa.comparedColumns(columns) : null,
    rowsPerPeriode: s.periode.rowsPerPeriode,
    fallbackUsed: s.periode.fallbackUsed,
  };
}
