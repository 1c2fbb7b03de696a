import { ckmeans, quantileSorted, equalIntervalBreaks } from 'simple-statistics';

export type ComputedBreaksMethod = 'natural' | 'quantile' | 'equal';
/** 'manual': edges typed by the user. */
export type ClassificationMethod = ComputedBreaksMethod | 'manual';

/**
 * A choropleth classification: `edges` has k+1 values; class i holds values v with
 * edges[i] <= v < edges[i+1], except the last class, which is closed on both sides. Edges are strictly
 * increasing except that the last may equal the one before it (a last class holding only the maximum). Values that are not
 * finite numbers are "no data" and belong to no class.
 */
export interface Classification {
  method: ClassificationMethod;
  edges: number[];
  /** Number of units in each class (length k). */
  counts: number[];
  noDataCount: number;
  /** Values outside the edges (possible with manual edges or edges fitted on other units). */
  outOfRange: number;
}

function finiteSorted(values: ArrayLike<number | null | undefined>): number[] {
  const out: number[] = [];
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (typeof v === 'number' && Number.isFinite(v)) out.push(v);
  }
  return out.sort((a, b) => a - b);
}

function distinctCount(sorted: number[]): number {
  let n = sorted.length > 0 ? 1 : 0;
  for (let i = 1; i < sorted.length; i++) if (sorted[i] !== sorted[i - 1]) n++;
  return n;
}

/** Class lower bounds made strictly increasing (repeated quantiles collapse into fewer classes), then the maximum. */
function edgesFrom(lowerBounds: number[], max: number): number[] {
  const lows = lowerBounds.filter((e, i) => i === 0 || e > lowerBounds[i - 1]);
  return [...lows, max];
}

/**
 * Class edges for `values` with at most `k` classes.
 *
 * - `natural`: Jenks-style natural breaks via Ckmeans.1d.dp (Wang & Song 2011, "Ckmeans.1d.dp: optimal
 *   k-means clustering in one dimension by dynamic programming", The R Journal 3(2)); edges are each
 *   group's minimum, plus the overall maximum.
 * - `quantile`: edges at the j/k quantiles (simple-statistics' R-7 style `quantileSorted`).
 * - `equal`: k intervals of width (max - min)/k.
 *
 * With fewer distinct values than k, k drops to the number of distinct values, so no class is empty by
 * construction; with a single distinct value there is one class [v, v].
 */
export function classBreaks(
  values: ArrayLike<number | null | undefined>,
  k: number,
  method: ComputedBreaksMethod,
): number[] {
  const sorted = finiteSorted(values);
  if (sorted.length === 0) return [];
  const min = sorted[0];
  const max = sorted[sorted.length - 1];
  const classes = Math.max(1, Math.min(Math.floor(k), distinctCount(sorted)));
  if (classes === 1) return [min, max];
  if (method === 'natural') {
    return edgesFrom(
      ckmeans(sorted, classes).map((g) => g[0]),
      max,
    );
  }
  if (method === 'quantile') {
    const lows = [min];
    for (let j = 1; j < classes; j++) lows.push(quantileSorted(sorted, j / classes));
    return edgesFrom(lows, max);
  }
  return edgesFrom(equalIntervalBreaks(sorted, classes).slice(0, classes), max);
}

/** Index of the class holding `value` under `edges`, or -1 for no data or a value outside the edges. */
export function classIndex(value: number | null | undefined, edges: number[]): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || edges.length < 2) return -1;
  const last = edges.length - 2;
  if (value < edges[0] || value > edges[last + 1]) return -1;
  // Binary search for the last edge <= value among the lower edges.
  let lo = 0;
  let hi = last;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (edges[mid] <= value) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Classifies `values` with computed breaks and counts the units per class and without data. */
export function classify(
  values: ArrayLike<number | null | undefined>,
  k: number,
  method: ComputedBreaksMethod,
): Classification {
  return classifyWithEdges(values, classBreaks(values, k, method), method);
}

/**
 * Classifies `values` against given edges (manual breaks, or breaks computed on another set of units, such
 * as the whole kabupaten while a kecamatan is in focus). Values outside the edges are counted as no data
 * of this classification, which the legend shows, rather than being forced into the end classes.
 */
export function classifyWithEdges(
  values: ArrayLike<number | null | undefined>,
  edges: number[],
  method: ClassificationMethod,
): Classification {
  const counts = new Array(Math.max(0, edges.length - 1)).fill(0);
  let noDataCount = 0;
  let outOfRange = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    const c = classIndex(v, edges);
    if (c >= 0) counts[c]++;
    else if (typeof v === 'number' && Number.isFinite(v)) outOfRange++;
    else noDataCount++;
  }
  return { method, edges, counts, noDataCount, outOfRange };
}
