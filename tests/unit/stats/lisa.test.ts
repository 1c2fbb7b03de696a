/** The LISA run as the app and the CLI call it: guardrails, blocking errors, cluster labels, Gi* tiers. */
import { describe, expect, it } from 'vitest';
import { renderMessage } from '../../../src/lib/messages/render.ts';
import { GI_TIER_LABELS, giTiers } from '../../../src/lib/stats/getis-ord.ts';
import { lisaGuardrails, rateGuardrails } from '../../../src/lib/stats/guardrails.ts';
import { analyseLisa } from '../../../src/lib/stats/lisa.ts';
import { localMoranPermutation } from '../../../src/lib/stats/local-moran-permutation.ts';
import { normalCdf, normalUpperTail, twoSidedP } from '../../../src/lib/stats/normal.ts';
import { rowStandardise } from '../../../src/lib/weights/standardise.ts';
import { summariseWeights } from '../../../src/lib/weights/summary.ts';
import {
  SpatialInputError,
  weightsFromNeighbourLists,
  type SpatialWeights,
} from '../../../src/lib/weights/types.ts';

/** Rook lattice rows × cols. */
function lattice(rows: number, cols: number): SpatialWeights {
  const lists: number[][] = [];
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const l: number[] = [];
      if (r > 0) l.push((r - 1) * cols + c);
      if (c > 0) l.push(r * cols + c - 1);
      if (c < cols - 1) l.push(r * cols + c + 1);
      if (r < rows - 1) l.push((r + 1) * cols + c);
      lists.push(l);
    }
  }
  return weightsFromNeighbourLists(lists, 'rook');
}

/** A 10 × 10 lattice with a hot corner: the top-left 3 × 3 block is high. */
const w100 = lattice(10, 10);
const hotCorner = Array.from(
  { length: 100 },
  (_, i) => (i % 10 < 3 && i < 30 ? 0.6 : 0.1) + ((i * 37) % 11) / 200,
);

describe('normal tails', () => {
  it('are accurate far into the tail (R pnorm values)', () => {
    // R 4.2: pnorm(10, lower.tail = FALSE), 2 * pnorm(-3), pnorm(37, lower.tail = FALSE), pnorm(-8.5)
    // far in the tail the rounding of z/√2 alone moves erfc by ~2x²·1e-16 relative (1.5e-13 at z = 37): ≪ the 1e-9 asked
    const close = (a: number, b: number) => expect(Math.abs(a / b - 1), `${a} vs ${b}`).toBeLessThan(1e-12);
    close(normalUpperTail(10), 7.619853024160527e-24);
    close(twoSidedP(-3), 0.002699796063260189);
    close(normalUpperTail(37), 5.725571222524577e-300);
    close(normalCdf(-8.5), 9.479534822203319e-18);
    expect(Math.abs(normalCdf(1.959963984540054) - 0.975)).toBeLessThan(1e-15);
    expect(Number.isNaN(twoSidedP(NaN))).toBe(true);
  });
});

describe('analyseLisa', () => {
  it('finds the hot corner as High-High and Gi* hot spots', () => {
    const r = analyseLisa(hotCorner, w100, { permutations: 999, seed: 7 });
    expect(r.moran.I).toBeGreaterThan(0.3);
    const hh = [...r.clusters.keys()].filter((i) => r.clusters[i] === 1);
    expect(hh.length).toBeGreaterThanOrEqual(5);
    for (const i of hh) expect(i % 10 < 4 && i < 40).toBe(true);
    expect(r.giTiers[0]).toBeGreaterThan(0);
    expect(r.giTiers[99]).toBeLessThanOrEqual(0);
    expect(r.options).toMatchObject({
      permutations: 999,
      seed: 7,
      alpha: 0.05,
      pAdjust: 'none',
      quadrantScheme: 'pysal',
    });
  });

  it('labels fewer units with FDR than without, and none that are not significant', () => {
    const raw = analyseLisa(hotCorner, w100, { seed: 3 });
    const fdr = analyseLisa(hotCorner, w100, { seed: 3, pAdjust: 'fdr' });
    const count = (c: Uint8Array) => c.filter((v) => v > 0).length;
    expect(count(fdr.clusters)).toBeLessThanOrEqual(count(raw.clusters));
    for (let i = 0; i < 100; i++) if (fdr.clusters[i] > 0) expect(fdr.pSimFdr[i]).toBeLessThanOrEqual(0.05);
  });

  it('uses analytical p for the clusters when permutations are off', () => {
    const r = analyseLisa(hotCorner, w100, { permutations: 0 });
    expect(r.permutation).toBeNull();
    expect(r.moranPermutation).toBeNull();
    for (let i = 0; i < 100; i++) expect(r.clusters[i] > 0).toBe(r.local.pAnalytical[i] <= 0.05);
  });

  it('blocks too few units, no variance and a non-finite value, naming the unit', () => {
    expect(() => analyseLisa([1, 2, 3], weightsFromNeighbourLists([[1], [0, 2], [1]], 'line'))).toThrow(
      /3 units: spatial autocorrelation needs at least 4/,
    );
    expect(() => analyseLisa(Array(100).fill(0.2), w100)).toThrow(/no variance/);
    // enough units, but only 3 of them with neighbours
    expect(() =>
      analyseLisa([1, 2, 3, 4, 5, 6], weightsFromNeighbourLists([[1], [0, 2], [1], [], [], []], 'line')),
    ).toThrow(/only 3 units have neighbours: global tests need at least 4/);
    const bad = hotCorner.slice();
    bad[17] = NaN;
    expect(() => analyseLisa(bad, w100)).toThrow(/unit 17: value NaN is not a finite number/);
    expect(() => analyseLisa(hotCorner.slice(1), w100)).toThrow(/99 values for 100 units/);
  });

  it('gives a blocking guardrail to the error as a message, for surfaces to render in their language', () => {
    const error = (() => {
      try {
        analyseLisa(Array(100).fill(0.2), w100);
      } catch (e) {
        return e as SpatialInputError;
      }
    })();
    expect(error).toBeInstanceOf(SpatialInputError);
    expect(error?.detail?.code).toBe('guardrail.noVariance');
    expect(renderMessage(error!.detail!, 'id')).toMatch(/^semua nilai sama dengan 0,2:/);
    expect(error?.message).toBe(renderMessage(error!.detail!, 'en'));
  });

  it('returns guardrails: islands, single neighbours, few units, a split graph, counts used as a rate', () => {
    // 12 units: a chain 0-1-2-…-7, a pair 8-9, islands 10 and 11
    const lists = [[1], [0, 2], [1, 3], [2, 4], [3, 5], [4, 6], [5, 7], [6], [9], [8], [], []];
    const w = weightsFromNeighbourLists(lists, 'test');
    const counts = [3, 5, 8, 13, 2, 0, 4, 9, 1, 7, 6, 2];
    const r = analyseLisa(counts, w, { permutations: 99, expectRate: true });
    const codes = Object.fromEntries(r.guardrails.map((g) => [g.code, g]));
    expect(codes.islands.units).toEqual([10, 11]);
    expect(codes['single-neighbour'].units).toEqual([0, 7, 8, 9]);
    expect(codes['few-units'].severity).toBe('warning');
    expect(renderMessage(codes.disconnected.message, 'en')).toMatch(/2 separate groups/);
    expect(renderMessage(codes['counts-as-rate'].message, 'en')).toMatch(/look like counts/);
    expect(r.clusters[10]).toBe(0);
    expect(Number.isNaN(r.permutation!.pSim[10])).toBe(true);
    // shares in [0, 1] do not trigger the counts warning
    const shares = counts.map((c) => c / 20);
    expect(
      lisaGuardrails(shares, summariseWeights(w), { expectRate: true }).some(
        (g) => g.code === 'counts-as-rate',
      ),
    ).toBe(false);
  });

  it('flags small denominators and counts above their population', () => {
    const g = rateGuardrails([3, 40, 2, 9], [12, 35, 400, 8]);
    expect(g.find((r) => r.code === 'cases-exceed-population')).toMatchObject({
      severity: 'error',
      units: [1, 3],
    });
    expect(g.find((r) => r.code === 'small-denominators')).toMatchObject({
      severity: 'warning',
      units: [0, 3],
    });
    expect(rateGuardrails([1, 2], [100, 200])).toEqual([]);
  });
});

describe('conditional permutation', () => {
  it('gives the same p_sim through the general-weights path as through the equal-weights path', () => {
    const w = rowStandardise(w100);
    // weights perturbed by 1e-12 relative: same draws, same counts except at exact ties
    const perturbed: SpatialWeights = {
      ...w,
      style: 'custom',
      weights: w.weights.map((v, p) => v * (1 + ((p % 3) - 1) * 1e-12)),
    };
    // continuous values, and tie-heavy ones (few distinct values: many draws sum exactly to the observed lag)
    const continuous = Float64Array.from(
      { length: 100 },
      (_, i) => Math.sin(i * 1.7) + (i % 10) / 7 + Math.floor(i / 10) / 5,
    );
    for (const x of [continuous, Float64Array.from(hotCorner)]) {
      const a = localMoranPermutation(x, w, { seed: 11 });
      const b = localMoranPermutation(x, perturbed, { seed: 11 });
      expect(Array.from(b.pSim)).toEqual(Array.from(a.pSim));
      expect(Array.from(b.pPermRank)).toEqual(Array.from(a.pPermRank));
      for (let i = 0; i < 100; i++) expect(Math.abs(a.permMean[i] - b.permMean[i])).toBeLessThan(1e-9);
    }
  });

  it('draws without replacement: a unit whose neighbours are all other units always gets them all', () => {
    // star: unit 0 neighbours every other unit; its permuted lag is then always the same value
    const n = 8;
    const w = rowStandardise(
      weightsFromNeighbourLists(
        [Array.from({ length: n - 1 }, (_, j) => j + 1), ...Array.from({ length: n - 1 }, () => [0])],
        'star',
      ),
    );
    const x = Float64Array.from([5, 1, 2, 3, 4, 6, 7, 8]);
    const r = localMoranPermutation(x, w, { permutations: 199, seed: 5 });
    expect(r.permVar[0]).toBeLessThan(1e-20);
  });
});

describe('Gi* tiers', () => {
  it('map p-values to ±1/2/3 at 90/95/99% with the sign of z', () => {
    expect(Array.from(giTiers([3, -2.2, 1.7, 0.5, 2, NaN], [0.005, 0.03, 0.09, 0.6, 0.05, NaN]))).toEqual([
      3, -2, 1, 0, 1, 0,
    ]);
    expect(GI_TIER_LABELS[3]).toBe('Hot spot 99%');
    expect(GI_TIER_LABELS[-1]).toBe('Cold spot 90%');
  });
});
