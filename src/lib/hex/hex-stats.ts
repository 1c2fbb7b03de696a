import { empiricalBayesRates } from '../stats/eb-rates.ts';
import { analyseLisa, type LisaOptions, type LisaResult } from '../stats/lisa.ts';
import { h3Weights } from '../weights/h3.ts';
import type { SpatialWeights } from '../weights/types.ts';

/** Options of {@link analyseHexagons}: those of `analyseLisa` plus the rate used. */
export interface HexStatsOptions extends Omit<LisaOptions, 'expectRate'> {
  /**
   * `eb` (default): the desil-1 share smoothed by global empirical Bayes, so that a hexagon of 12 households
   * with 6 in desil 1 does not read as a 50% pocket by chance; `raw`: the plain share.
   */
  rate?: 'eb' | 'raw';
}

/** Local statistics on hexagons. */
export interface HexStats {
  /** Cells analysed (those with households and, when given, `include`), ascending as in the input. */
  cells: string[];
  /** Position of each analysed cell in the input arrays. */
  index: Int32Array;
  /** Raw desil-1 share d1/h of each analysed cell. */
  share: Float64Array;
  /** The variable analysed: EB-smoothed or raw share. */
  value: Float64Array;
  /** Ring-1 H3 weights over the analysed cells (binary; `analyseLisa` row-standardises). */
  weights: SpatialWeights;
  lisa: LisaResult;
  rate: 'eb' | 'raw';
}

/**
 * Local Moran's I and Getis–Ord Gi* of the desil-1 share on hexagons:
 *
 *   x_c = d1_c / h_c  (raw)   or   θ̂_c = b + a (x_c − b) / (a + b/h_c)  (global EB, `empiricalBayesRates`)
 *
 * over the cells that have households (and `include[c]` when given, e.g. the cells shown after
 * suppression), with H3 ring-1 contiguity among those cells (`h3Weights`; a cell whose six neighbours are
 * all absent is an island, reported by the guardrails). Inference, α and FDR/Bonferroni are exactly those
 * of the desa analysis (`analyseLisa`, conditional permutations, seeded).
 *
 * Reference: Anselin (1995), "Local indicators of spatial association — LISA", Geographical Analysis
 * 27(2); Getis & Ord (1992); Marshall (1991) for the EB rates; Uber H3 `gridDisk`.
 */
export function analyseHexagons(
  cells: readonly string[],
  households: ArrayLike<number>,
  desil1: ArrayLike<number>,
  options: HexStatsOptions = {},
  include?: ArrayLike<number | boolean>,
): HexStats {
  const index: number[] = [];
  for (let c = 0; c < cells.length; c++) if (households[c] > 0 && (!include || include[c])) index.push(c);
  const chosen = index.map((c) => cells[c]);
  const h = Float64Array.from(index, (c) => households[c]);
  const d1 = Float64Array.from(index, (c) => desil1[c]);
  const share = Float64Array.from(index, (_, k) => d1[k] / h[k]);
  const rate = options.rate ?? 'eb';
  const value = rate === 'eb' ? empiricalBayesRates(d1, h).smoothed : share;
  const weights = h3Weights(chosen, 1);
  const { rate: _rate, ...lisaOptions } = options;
  const lisa = analyseLisa(value, weights, { ...lisaOptions, expectRate: true });
  return { cells: chosen, index: Int32Array.from(index), share, value, weights, lisa, rate };
}
