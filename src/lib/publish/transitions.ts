/**
 * Publication of transition matrices and graduation figures. A matrix cell of 1 … k−1 households is "< k";
 * its row and column totals, the matched total and the sums behind the graduation and fall-back rates are
 * public lines, so complementary suppression (`suppressCells`) hides further cells until no line gives a
 * hidden cell back. A rate is shown with its denominator, and only when both its counts may be shown (a
 * "< k" numerator gives the bound k / denominator).
 *
 * Per-desa graduation (the map, the list of desa where graduation is lowest) is a table of its own: the
 * denominators with kecamatan and kabupaten totals public, and the graduated / not-graduated split of each
 * desa as its columns (`suppressSmallCounts`); an EB-smoothed rate is shown only when both counts are shown,
 * since with the denominator it gives the raw rate, and so the count, back.
 */
import { DESIL_COUNT } from '../hex/types.ts';
import { Suppressed, suppressCells, suppressSmallCounts } from '../hex/suppression.ts';
import { checkBounds, DEFAULT_BOUNDS, type Graduation, type GraduationBounds } from '../graduation/rates.ts';
import { MATRIX_CELLS } from '../graduation/transitions.ts';
import { below, HIDDEN, NONE, publishCount, publishTotal, value, type Published } from './published.ts';

/** A transition matrix as it may be shown. */
export interface PublishedTransitions {
  k: number;
  /** 100 cells, row-major from × to desil. */
  cells: Published[];
  /** Matched households per desil at t0 (rows) and at t1 (columns). */
  rowTotals: Published[];
  columnTotals: Published[];
  matched: Published;
  poor: Published;
  graduated: Published;
  rate: Published;
  nonPoor: Published;
  fellBack: Published;
  fallbackRate: Published;
}

/** A rate of two published counts (see the module comment). */
export function publishedRate(
  num: Published,
  den: Published,
  exactNum: number,
  exactDen: number,
  k: number,
): Published {
  if (exactDen === 0) return NONE;
  if (den.kind !== 'value') return HIDDEN;
  if (num.kind === 'value') return value(exactNum / exactDen);
  return num.kind === 'below' ? below(k / exactDen) : HIDDEN;
}

/**
 * The matrix at `matrix[offset … offset + 99]` as published with threshold k, and its graduation figures under
 * `bounds` (see the module comment).
 */
export function publishTransitions(
  matrix: ArrayLike<number>,
  k: number,
  bounds: GraduationBounds = DEFAULT_BOUNDS,
  offset = 0,
): PublishedTransitions {
  const { poorUpTo: L, graduatedFrom: U } = checkBounds(bounds);
  const cells = Float64Array.from({ length: MATRIX_CELLS }, (_, c) => matrix[offset + c]);
  const at = (i: number, j: number) => (i - 1) * DESIL_COUNT + (j - 1);
  const block = (rows: (i: number) => boolean, cols: (j: number) => boolean) => {
    const out: number[] = [];
    for (let i = 1; i <= DESIL_COUNT; i++)
      for (let j = 1; j <= DESIL_COUNT; j++) if (rows(i) && cols(j)) out.push(at(i, j));
    return out;
  };
  const all = () => true;
  const lines: number[][] = [];
  for (let i = 1; i <= DESIL_COUNT; i++) lines.push(block((x) => x === i, all));
  for (let j = 1; j <= DESIL_COUNT; j++) lines.push(block(all, (x) => x === j));
  const named = {
    matched: lines.push(block(all, all)) - 1,
    poor: lines.push(block((i) => i <= L, all)) - 1,
    graduated:
      lines.push(
        block(
          (i) => i <= L,
          (j) => j >= U,
        ),
      ) - 1,
    // the rest of the poor rows: poor − graduated is as public as the two
    poorRest:
      lines.push(
        block(
          (i) => i <= L,
          (j) => j < U,
        ),
      ) - 1,
    nonPoor: lines.push(block((i) => i >= U, all)) - 1,
    fellBack:
      lines.push(
        block(
          (i) => i >= U,
          (j) => j <= L,
        ),
      ) - 1,
    nonPoorRest:
      lines.push(
        block(
          (i) => i >= U,
          (j) => j > L,
        ),
      ) - 1,
  };
  const s = suppressCells(cells, lines, k);
  const residual = new Set(s.residual);
  const total = (line: number): Published => {
    if (residual.has(line)) return HIDDEN;
    let sum = 0;
    for (const c of lines[line]) sum += cells[c];
    return publishTotal(sum, k);
  };
  const sum = (line: number) => lines[line].reduce((a, c) => a + cells[c], 0);
  // a hidden rest would let the other total be derived: each pair is shown or withheld together
  const pair = (a: number, b: number): [Published, Published] =>
    residual.has(a) || residual.has(b) ? [HIDDEN, HIDDEN] : [total(a), total(b)];
  const [graduated] = pair(named.graduated, named.poorRest);
  const [fellBack] = pair(named.fellBack, named.nonPoorRest);
  const poor = total(named.poor);
  const nonPoor = total(named.nonPoor);
  return {
    k,
    cells: Array.from(cells, (v, c) => publishCount(v, s.status[c], k)),
    rowTotals: Array.from({ length: DESIL_COUNT }, (_, i) => total(i)),
    columnTotals: Array.from({ length: DESIL_COUNT }, (_, j) => total(DESIL_COUNT + j)),
    matched: total(named.matched),
    poor,
    graduated,
    rate: publishedRate(graduated, poor, sum(named.graduated), sum(named.poor), k),
    nonPoor,
    fellBack,
    fallbackRate: publishedRate(fellBack, nonPoor, sum(named.fellBack), sum(named.nonPoor), k),
  };
}

/** Per-unit graduation as it may be shown (see the module comment). */
export interface PublishedUnitGraduation {
  k: number;
  /** Per unit: the denominator (households in desil ≤ L at t0 found at t1). */
  poor: Published[];
  graduated: Published[];
  rate: Published[];
  /** Whether the unit's EB-smoothed rate may be shown (both counts shown). */
  smoothedShown: boolean[];
}

/**
 * Publishes per-unit graduation counts with threshold k: the denominators are units of a table whose group
 * totals (`groups`, e.g. kecamatan; the kabupaten total is public too) are public, and graduated / not
 * graduated are its two columns.
 */
export function publishUnitGraduation(
  units: readonly Pick<Graduation, 'poor' | 'graduated'>[],
  groups: ArrayLike<number> | undefined,
  k: number,
): PublishedUnitGraduation {
  const n = units.length;
  const totals = Uint32Array.from(units, (u) => u.poor);
  const values = new Uint32Array(n * 2);
  units.forEach((u, i) => {
    values[i * 2] = u.graduated;
    values[i * 2 + 1] = u.poor - u.graduated;
  });
  const s = suppressSmallCounts({ totals, values, width: 2, groups }, k);
  const value2 = s.value as Uint8Array;
  const poor = units.map((u, i): Published => (u.poor > 0 ? publishCount(u.poor, s.unit[i], k) : NONE));
  const graduated = units.map((u, i): Published =>
    s.unit[i] !== Suppressed.Shown
      ? u.poor > 0
        ? HIDDEN
        : NONE
      : publishCount(u.graduated, value2[i * 2], k),
  );
  const rate = units.map((u, i) => publishedRate(graduated[i], poor[i], u.graduated, u.poor, k));
  const smoothedShown = units.map(
    (u, i) =>
      u.poor > 0 &&
      s.unit[i] === Suppressed.Shown &&
      value2[i * 2] === Suppressed.Shown &&
      value2[i * 2 + 1] === Suppressed.Shown,
  );
  return { k, poor, graduated, rate, smoothedShown };
}

/** Per-unit counts of one kind (e.g. households found at one period only) with group totals public. */
export function publishUnitCounts(
  counts: ArrayLike<number>,
  groups: ArrayLike<number> | undefined,
  k: number,
): Published[] {
  const s = suppressSmallCounts({ totals: counts, groups }, k);
  return Array.from(counts, (c, i) => publishCount(c, s.unit[i], k));
}
