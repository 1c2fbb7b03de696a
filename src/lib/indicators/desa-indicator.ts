import type { DesaAggregateRow } from '../aggregate/desa-aggregate-table.ts';
import { classify, classIndex, type Classification, type ClassificationMethod } from '../classify/breaks.ts';
import { desilShare } from './desil-share.ts';

/** One desa's row for the shown period, its indicator value and its class (-1: no data). */
export interface DesaValue {
  row: DesaAggregateRow;
  share: number | null;
  classIndex: number;
}

export interface DesaIndicator {
  byKode: Map<string, DesaValue>;
  classification: Classification;
}

/**
 * The desil-1 share (see `desilShare`) of every desa in one period, classified over the desa on the map
 * (`kodeDesa`), so that a mapped desa without rows is counted as "no data" in the legend rather than
 * dropped, and rows for codes not on the map do not shift the class breaks.
 */
export function desil1ShareByDesa(
  rows: readonly DesaAggregateRow[],
  periode: string | null,
  kodeDesa: readonly string[],
  classes: number,
  method: ClassificationMethod = 'natural',
): DesaIndicator {
  const shares = new Map<string, { row: DesaAggregateRow; share: number | null }>();
  for (const row of rows)
    if (row.periode === periode) shares.set(row.kode_desa, { row, share: desilShare(row) });
  const classification = classify(
    kodeDesa.map((k) => shares.get(k)?.share),
    classes,
    method,
  );
  const onMap = new Set(kodeDesa);
  const byKode = new Map<string, DesaValue>();
  for (const [kode, s] of shares) {
    if (onMap.has(kode)) byKode.set(kode, { ...s, classIndex: classIndex(s.share, classification.edges) });
  }
  return { byKode, classification };
}
