/** Property tests (fast-check) of the spatial statistics core. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyseLisa } from '../../../src/lib/stats/lisa.ts';
import { localMoranPermutation } from '../../../src/lib/stats/local-moran-permutation.ts';
import { localMoran } from '../../../src/lib/stats/local-moran.ts';
import { globalMoran } from '../../../src/lib/stats/moran.ts';
import { adjustPValues } from '../../../src/lib/stats/p-adjust.ts';
import { rowStandardise } from '../../../src/lib/weights/standardise.ts';
import { weightsFromNeighbourLists, type SpatialWeights } from '../../../src/lib/weights/types.ts';

// tests are deterministic: a fixed fast-check seed (the properties were also run under 20 other seeds)
fc.configureGlobal({ seed: 20261128 });

/** Rook neighbours of a rows × cols lattice. */
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

/** A random undirected neighbour graph on n units (some units may be islands). */
const randomGraph = fc.integer({ min: 4, max: 40 }).chain((n) =>
  fc
    .array(fc.tuple(fc.integer({ min: 0, max: n - 1 }), fc.integer({ min: 0, max: n - 1 })), {
      maxLength: 3 * n,
    })
    .map((edges) => {
      const lists: number[][] = Array.from({ length: n }, () => []);
      for (const [a, b] of edges) {
        if (a === b) continue;
        lists[a].push(b);
        lists[b].push(a);
      }
      return weightsFromNeighbourLists(lists, 'random');
    }),
);

const w36 = rowStandardise(lattice(6, 6));
const values36 = fc
  .array(fc.double({ min: -1000, max: 1000, noNaN: true }), { minLength: 36, maxLength: 36 })
  .filter((x) => Math.max(...x) - Math.min(...x) > 1e-3);

describe('properties', () => {
  it("Moran's I (global and local) is unchanged by an affine rescaling a·x + b, a > 0", () => {
    fc.assert(
      fc.property(
        values36,
        fc.double({ min: 1e-3, max: 1e3, noNaN: true }),
        fc.double({ min: -1e4, max: 1e4, noNaN: true }),
        (x, a, b) => {
          const x0 = Float64Array.from(x);
          const x1 = x0.map((v) => a * v + b);
          // rounding grows with the conditioning max|a·x + b| / spread(a·x): allow for it, nothing more
          const spread = a * (Math.max(...x) - Math.min(...x));
          const kappa = Math.max(
            1,
            Math.max(...Array.from(x1, Math.abs)) / spread,
            Math.max(...x.map(Math.abs)) / (spread / a),
          );
          const tol = 1e-11 * kappa;
          const I0 = globalMoran(x0, w36).I;
          const I1 = globalMoran(x1, w36).I;
          expect(Math.abs(I1 - I0)).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(I0)));
          const l0 = localMoran(x0, w36).Ii;
          const l1 = localMoran(x1, w36).Ii;
          for (let i = 0; i < l0.length; i++)
            expect(Math.abs(l1[i] - l0[i])).toBeLessThanOrEqual(tol * 100 * Math.max(1, Math.abs(l0[i])));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('row-standardised weights sum to 1 on every row with neighbours, 0 on islands', () => {
    fc.assert(
      fc.property(randomGraph, (w) => {
        const ws = rowStandardise(w);
        for (let i = 0; i < ws.n; i++) {
          let s = 0;
          for (let p = ws.offsets[i]; p < ws.offsets[i + 1]; p++) s += ws.weights[p];
          if (ws.offsets[i + 1] > ws.offsets[i]) expect(Math.abs(s - 1)).toBeLessThan(1e-12);
          else expect(s).toBe(0);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('every p-value lies in (0, 1] (normal tails: until they underflow); undefined statistics are NaN, never 0', () => {
    const graphAndValues = randomGraph.chain((w) =>
      fc
        .array(fc.double({ min: -50, max: 50, noNaN: true }), { minLength: w.n, maxLength: w.n })
        .filter((x) => Math.max(...x) - Math.min(...x) > 1e-6)
        .map((x) => ({ w, x })),
    );
    // Fewer than 4 units with neighbours is rejected by design (tested in lisa.test.ts): such graphs are not
    // generated here, so that any exception analyseLisa throws fails the property instead of being skipped.
    const withNeighbours = (w: SpatialWeights) => {
      let units = 0;
      for (let i = 0; i < w.n; i++) if (w.offsets[i + 1] > w.offsets[i]) units++;
      return units;
    };
    fc.assert(
      fc.property(
        graphAndValues.filter(({ w }) => w.offsets[w.n] >= 8 && withNeighbours(w) >= 4),
        fc.integer({ min: 1, max: 1000 }),
        ({ w, x }, seed) => {
          const r = analyseLisa(x, w, { permutations: 49, seed });
          const inRange = (p: number) => p > 0 && p <= 1;
          // a normal p underflows to 0 in double precision beyond |z| ≈ 38 (R's pnorm too): (0, 1] below that
          const normalInRange = (p: number, z: number) => (Math.abs(z) < 37 ? inRange(p) : p >= 0 && p <= 1);
          for (const p of [r.moranPermutation!.pSim, r.moranPermutation!.pGreater])
            expect(inRange(p), `global p ${p}`).toBe(true);
          // tiny, extremely skewed samples can make a randomisation variance negative: then NaN and a guardrail
          const undefinedGlobal = Number.isNaN(r.moran.z) || Number.isNaN(r.geary.z);
          if (!Number.isNaN(r.moran.z))
            expect(
              normalInRange(r.moran.pGreater, r.moran.z) && normalInRange(r.moran.pTwoSided, r.moran.z),
            ).toBe(true);
          else expect(Number.isNaN(r.moran.pTwoSided)).toBe(true);
          if (!Number.isNaN(r.geary.z)) expect(normalInRange(r.geary.pTwoSided, r.geary.z)).toBe(true);
          else expect(Number.isNaN(r.geary.pTwoSided)).toBe(true);
          if (undefinedGlobal) expect(r.guardrails.some((g) => g.code === 'undefined-statistic')).toBe(true);
          for (let i = 0; i < w.n; i++) {
            const island = w.offsets[i + 1] === w.offsets[i];
            if (island) {
              expect(
                Number.isNaN(r.local.pAnalytical[i]) &&
                  Number.isNaN(r.permutation!.pSim[i]) &&
                  Number.isNaN(r.getisOrd.giP[i]),
              ).toBe(true);
            } else {
              // an undefined z (no conditional variance) gives NaN, never a p of 0
              if (r.local.VarIi[i] > 0)
                expect(
                  normalInRange(r.local.pAnalytical[i], r.local.ZIi[i]),
                  `unit ${i}: p ${r.local.pAnalytical[i]}`,
                ).toBe(true);
              else expect(Number.isNaN(r.local.pAnalytical[i])).toBe(true);
              expect(inRange(r.permutation!.pSim[i]) && inRange(r.pSimFdr[i])).toBe(true);
              expect(r.permutation!.pSim[i]).toBeLessThanOrEqual(0.5);
            }
            const gi: [number, number][] = [
              [r.getisOrd.giP[i], r.getisOrd.giZ[i]],
              [r.getisOrd.giStarP[i], r.getisOrd.giStarZ[i]],
            ];
            for (const [p, z] of gi)
              if (!Number.isNaN(p)) expect(normalInRange(p, z), `unit ${i}: Gi p ${p}`).toBe(true);
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it('the same seed gives identical p_sim; another seed gives other draws', () => {
    fc.assert(
      fc.property(values36, fc.integer(), (x, seed) => {
        const xs = Float64Array.from(x);
        const a = localMoranPermutation(xs, w36, { seed, permutations: 199 });
        const b = localMoranPermutation(xs, w36, { seed, permutations: 199 });
        expect(Array.from(b.pSim)).toEqual(Array.from(a.pSim));
        expect(Array.from(b.permMean)).toEqual(Array.from(a.permMean));
      }),
      { numRuns: 50 },
    );
    const x = Float64Array.from({ length: 36 }, (_, i) => Math.sin(i) * 10 + (i % 6));
    const a = localMoranPermutation(x, w36, { seed: 1 });
    const b = localMoranPermutation(x, w36, { seed: 2 });
    expect(Array.from(a.permMean)).not.toEqual(Array.from(b.permMean));
  });

  it('BH-adjusted p are ≥ raw p, ≤ Bonferroni, ≤ 1, and keep the order of the raw p', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 1e-12, max: 1, noNaN: true }), { minLength: 2, maxLength: 60 }),
        (p) => {
          const bh = adjustPValues(p, 'fdr');
          const bon = adjustPValues(p, 'bonferroni');
          const order = p.map((_, i) => i).sort((a, b) => p[a] - p[b]);
          for (let r = 0; r < p.length; r++) {
            const i = order[r];
            expect(bh[i]).toBeGreaterThanOrEqual(p[i] * (1 - 1e-15));
            expect(bh[i]).toBeLessThanOrEqual(bon[i] * (1 + 1e-15));
            expect(bh[i]).toBeLessThanOrEqual(1);
            if (r > 0) expect(bh[i]).toBeGreaterThanOrEqual(bh[order[r - 1]]);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
