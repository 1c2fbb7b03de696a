import { DESIL_COUNT } from './calibration.ts';

/**
 * Household columns to aggregate: any source (synthetic or imported) that has joined its rows to a desa list.
 * Optional columns that are missing give zero counts; flag columns count a household when the value is non-zero.
 */
export interface HouseholdColumns {
  /** Number of rows to read from each column. */
  count: number;
  /** Desa index per row; values outside 0…desaCount−1 are counted as unmatched. */
  desa: ArrayLike<number>;
  /** Desil 1…10 per row; other values count in the total but in no desil. */
  desil: ArrayLike<number>;
  /** Household size (persons); values ≤ 0 or NaN are unknown and add nothing to the persons total. */
  size?: ArrayLike<number>;
  pkh?: ArrayLike<number>;
  bpnt?: ArrayLike<number>;
  pbiJk?: ArrayLike<number>;
  extreme?: ArrayLike<number>;
  /** Any further flag columns by key (e.g. imported `lantai_tanah`); counted into {@link DesaAggregate.flagCounts}. */
  flags?: Readonly<Record<string, ArrayLike<number>>>;
}

/** Counts per desa (index = desa index). `perDesil[i·10 + d − 1]` is the households of desa i in desil d. */
export interface DesaAggregate {
  desaCount: number;
  households: Uint32Array;
  perDesil: Uint32Array;
  persons: Uint32Array;
  pkh: Uint32Array;
  bpnt: Uint32Array;
  pbiJk: Uint32Array;
  extreme: Uint32Array;
  /** Households per desa whose size is known (size > 0): the denominator behind `persons`. */
  personsKnown: Uint32Array;
  /** Households per desa with each flag of {@link HouseholdColumns.flags}, by the same keys. */
  flagCounts: Record<string, Uint32Array>;
  /**
   * Of those, households in desil 1–4: the numerators of programme coverage (recipients among the usual
   * bansos target group), for PKH, BPNT, PBI-JK and each further flag.
   */
  pkhDesil14: Uint32Array;
  bpntDesil14: Uint32Array;
  pbiJkDesil14: Uint32Array;
  flagCountsDesil14: Record<string, Uint32Array>;
  /** Rows whose desa index was out of range. */
  unmatched: number;
  /** Rows with a desil outside 1…10 (counted in `households`). */
  desilUnknown: number;
}

/**
 * Sums household rows per desa: households, households per desil, persons (Σ size over households whose size
 * is known) and how many households that is, and households with each programme, extreme-poverty or further
 * flag. Plain counting; every matched row lands in exactly one desa, so Σ households + unmatched = count.
 * Used by the synthetic generator and by the importer (which passes period × desa as the "desa" index to
 * aggregate several periods in one pass).
 */
export function aggregateByDesa(desaCount: number, rows: HouseholdColumns): DesaAggregate {
  const agg: DesaAggregate = {
    desaCount,
    households: new Uint32Array(desaCount),
    perDesil: new Uint32Array(desaCount * DESIL_COUNT),
    persons: new Uint32Array(desaCount),
    pkh: new Uint32Array(desaCount),
    bpnt: new Uint32Array(desaCount),
    pbiJk: new Uint32Array(desaCount),
    extreme: new Uint32Array(desaCount),
    personsKnown: new Uint32Array(desaCount),
    flagCounts: {},
    pkhDesil14: new Uint32Array(desaCount),
    bpntDesil14: new Uint32Array(desaCount),
    pbiJkDesil14: new Uint32Array(desaCount),
    flagCountsDesil14: {},
    unmatched: 0,
    desilUnknown: 0,
  };
  const { size, pkh, bpnt, pbiJk, extreme } = rows;
  const flagEntries = Object.entries(rows.flags ?? {}).map(([key, values]) => {
    const counts = new Uint32Array(desaCount);
    const countsDesil14 = new Uint32Array(desaCount);
    agg.flagCounts[key] = counts;
    agg.flagCountsDesil14[key] = countsDesil14;
    return [values, counts, countsDesil14] as const;
  });
  for (let r = 0; r < rows.count; r++) {
    const i = rows.desa[r];
    if (!(i >= 0 && i < desaCount) || !Number.isInteger(i)) {
      agg.unmatched++;
      continue;
    }
    agg.households[i]++;
    const d = rows.desil[r];
    if (d >= 1 && d <= DESIL_COUNT && Number.isInteger(d)) agg.perDesil[i * DESIL_COUNT + d - 1]++;
    else agg.desilUnknown++;
    const low = d >= 1 && d <= 4 && Number.isInteger(d);
    if (size && size[r] > 0) {
      agg.persons[i] += size[r];
      agg.personsKnown[i]++;
    }
    if (pkh && pkh[r]) {
      agg.pkh[i]++;
      if (low) agg.pkhDesil14[i]++;
    }
    if (bpnt && bpnt[r]) {
      agg.bpnt[i]++;
      if (low) agg.bpntDesil14[i]++;
    }
    if (pbiJk && pbiJk[r]) {
      agg.pbiJk[i]++;
      if (low) agg.pbiJkDesil14[i]++;
    }
    if (extreme && extreme[r]) agg.extreme[i]++;
    for (let f = 0; f < flagEntries.length; f++)
      if (flagEntries[f][0][r]) {
        flagEntries[f][1][i]++;
        if (low) flagEntries[f][2][i]++;
      }
  }
  return agg;
}

/** Households of desa `i` in desil 1…10, as a plain array (index 0 = desil 1). */
export function desilCounts(agg: DesaAggregate, i: number): number[] {
  return Array.from(agg.perDesil.subarray(i * DESIL_COUNT, (i + 1) * DESIL_COUNT));
}

/** Totals over all desa: the kabupaten row. */
export function districtTotals(agg: DesaAggregate): {
  households: number;
  perDesil: number[];
  persons: number;
  pkh: number;
  bpnt: number;
  pbiJk: number;
  extreme: number;
} {
  const sum = (a: Uint32Array) => a.reduce((s, v) => s + v, 0);
  const perDesil = new Array<number>(DESIL_COUNT).fill(0);
  for (let k = 0; k < agg.perDesil.length; k++) perDesil[k % DESIL_COUNT] += agg.perDesil[k];
  return {
    households: sum(agg.households),
    perDesil,
    persons: sum(agg.persons),
    pkh: sum(agg.pkh),
    bpnt: sum(agg.bpnt),
    pbiJk: sum(agg.pbiJk),
    extreme: sum(agg.extreme),
  };
}
