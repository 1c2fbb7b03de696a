/**
 * Small cases the shared fixtures do not cover, against values computed with R 4.2 / spdep 1.2-7
 * (tests/fixtures/stats/spdep_small_cases.json, from scripts/oracle/spdep_small_cases.R): islands and the n'
 * rule, p.adjust with ties and NA, EBest, EBImoran.mc, knn ties on a grid; plus hand-computed EB rates.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ebMoran } from '../../../src/lib/stats/eb-moran.ts';
import { empiricalBayesRates } from '../../../src/lib/stats/eb-rates.ts';
import { gearyTest } from '../../../src/lib/stats/geary.ts';
import { getisOrd } from '../../../src/lib/stats/getis-ord.ts';
import { lisaGuardrails } from '../../../src/lib/stats/guardrails.ts';
import { localMoran } from '../../../src/lib/stats/local-moran.ts';
import { localMoranPermutation } from '../../../src/lib/stats/local-moran-permutation.ts';
import { globalMoran } from '../../../src/lib/stats/moran.ts';
import { adjustPValues } from '../../../src/lib/stats/p-adjust.ts';
import { lisaQuadrants, QUADRANT_LABELS, type Quadrant } from '../../../src/lib/stats/quadrants.ts';
import { knnWeights } from '../../../src/lib/weights/knn.ts';
import { rowStandardise } from '../../../src/lib/weights/standardise.ts';
import { summariseWeights } from '../../../src/lib/weights/summary.ts';
import { neighbourLists, weightsFromNeighbourLists } from '../../../src/lib/weights/types.ts';
import { expectClose, expectScalar, nullToNaN, readJson, statsFixturesDir } from './helpers.ts';

type Vec = (number | null)[];
interface SmallCases {
  p_adjust: { p: Vec; BH: Vec; bonferroni: Vec }[];
  eb_rates: { cases: number[]; population: number[]; raw: number[]; estmm: number[]; a: number; b: number }[];
  islands: {
    x: number[];
    neighbours: number[][];
    n_effective: number;
    S0: number;
    S1: number;
    S2: number;
    moran: { I: number; expectation: number; variance: number; z: number; variance_normality: number };
    geary: { C: number; variance: number; z: number; variance_normality: number };
    local: {
      Ii: Vec;
      'E.Ii': Vec;
      'Var.Ii': Vec;
      'Z.Ii': Vec;
      p: Vec;
      lag: Vec;
      quadrant_mean: string[];
      quadrant_pysal: string[];
      Gi_star_z: Vec;
      Gi_z: Vec;
    };
  };
  eb_moran: {
    cases: number[];
    population: number[];
    neighbours: number[][];
    I: number;
    z: number[];
    observed_rank: number;
    p_greater: number;
    sim_mean: number;
    sim_var: number;
  };
  knn_grid: { points: [number, number][]; k4: number[][]; k6: number[][] };
}

const ref = readJson<SmallCases>(path.join(statsFixturesDir, 'spdep_small_cases.json'));

describe('p.adjust (R stats 4.2)', () => {
  it.each(ref.p_adjust.map((c, i) => [i, c] as const))(
    'case %i: BH and Bonferroni with ties and NA',
    (_, c) => {
      const p = nullToNaN(c.p);
      expectClose('fdr', adjustPValues(p, 'fdr'), nullToNaN(c.BH), 1e-12);
      expectClose('bonferroni', adjustPValues(p, 'bonferroni'), nullToNaN(c.bonferroni), 1e-12);
      expect(Array.from(adjustPValues(p, 'none'))).toEqual(p);
    },
  );

  it('hand-derived BH: m p_(i)/i with the running minimum from the top', () => {
    // sorted p = .01 .02 .03 .04 .05 with m = 5: m p/i = .05 .05 .05 .05 .05
    expect(Array.from(adjustPValues([0.05, 0.01, 0.04, 0.02, 0.03], 'fdr'))).toEqual(
      [0.05, 0.05, 0.05, 0.05, 0.05].map((v) => expect.closeTo(v, 15)),
    );
    // .001 .2 .9: 3·.001/1 = .003, 3·.2/2 = .3, .9
    const bh = adjustPValues([0.9, 0.001, 0.2], 'fdr');
    expect(bh[0]).toBeCloseTo(0.9, 15);
    expect(bh[1]).toBeCloseTo(0.003, 15);
    expect(bh[2]).toBeCloseTo(0.3, 15);
  });
});

describe('global empirical-Bayes rates', () => {
  it.each(ref.eb_rates.map((c, i) => [i, c] as const))('case %i equals spdep EBest', (_, c) => {
    const eb = empiricalBayesRates(c.cases, c.population);
    expectScalar('b', eb.b, c.b, 1e-12);
    if (c.a === 0) expect(eb.a).toBe(0);
    else expectScalar('a', eb.a, c.a, 1e-12);
    expectClose('raw', eb.raw, c.raw, 1e-12);
    expectClose('estmm', eb.smoothed, c.estmm, 1e-12);
  });

  it('hand-computed: two desa, 1/10 and 30/100 desil-1 households', () => {
    // b = 31/110; p = (0.1, 0.3); s² = (10 (0.1 − b)² + 100 (0.3 − b)²)/110; a = s² − b/55
    const b = 31 / 110;
    const s2 = (10 * (0.1 - b) ** 2 + 100 * (0.3 - b) ** 2) / 110;
    const a = Math.max(0, s2 - b / 55);
    const eb = empiricalBayesRates([1, 30], [10, 100]);
    expect(eb.b).toBeCloseTo(b, 15);
    expect(eb.a).toBeCloseTo(a, 15);
    // here a = 0: the spread is what Poisson noise explains, everything shrinks to the overall rate
    expect(a).toBe(0);
    expect(Array.from(eb.smoothed)).toEqual([b, b]);
    // a spread beyond Poisson noise keeps some of each desa's own rate, more where the population is large
    const wide = empiricalBayesRates([1, 60, 5], [50, 100, 200]);
    const bw = 66 / 350;
    const s2w = (50 * (0.02 - bw) ** 2 + 100 * (0.6 - bw) ** 2 + 200 * (0.025 - bw) ** 2) / 350;
    const aw = s2w - bw / (350 / 3);
    expect(wide.a).toBeCloseTo(aw, 14);
    const expected = [0.02, 0.6, 0.025].map((p, i) => bw + (aw * (p - bw)) / (aw + bw / [50, 100, 200][i]));
    expectClose('hand EB', wide.smoothed, expected, 1e-13);
    expect(wide.smoothed[1]).toBeLessThan(0.6);
    expect(wide.smoothed[1]).toBeGreaterThan(bw);
  });

  it('names the desa with a zero population or a negative count', () => {
    expect(() => empiricalBayesRates([1, 2], [10, 0])).toThrow(/unit 1: population 0/);
    expect(() => empiricalBayesRates([1, -2], [10, 5])).toThrow(/unit 1: case count -2/);
    expect(() => empiricalBayesRates([1], [10, 5])).toThrow(/lengths differ/);
  });
});

describe('EB Moran index (Assunção–Reis) against spdep EBImoran.mc', () => {
  const c = ref.eb_moran;
  const w = rowStandardise(weightsFromNeighbourLists(c.neighbours, 'queen'));
  const r = ebMoran(c.cases, c.population, w, { permutations: 999, seed: 1 });

  it('gives the same EB-standardised rates and index', () => {
    expectClose('z', r.z, c.z);
    expectScalar('EBI', r.I, c.I);
  });

  it('agrees with the permutation test statistically', () => {
    expect(r.nsim).toBe(999);
    expect(Math.abs(r.simMean - c.sim_mean)).toBeLessThan(5 * Math.sqrt(c.sim_var / 999));
    expect(r.simVar / c.sim_var).toBeGreaterThan(0.8);
    expect(r.simVar / c.sim_var).toBeLessThan(1.25);
    expect(r.pGreater).toBe(c.p_greater);
    expect(r.observedRank).toBe(c.observed_rank);
  });
});

describe("islands: the n' rule of spdep (zero.policy = TRUE, adjust.n = TRUE)", () => {
  const c = ref.islands;
  const w = rowStandardise(weightsFromNeighbourLists(c.neighbours, 'queen'));
  const x = Float64Array.from(c.x);
  const summary = summariseWeights(w);

  it("reports the islands and n'", () => {
    expect(summary.islands).toEqual([4, 19]);
    expect(summary.nEffective).toBe(c.n_effective);
    expectScalar('S0', summary.S0, c.S0);
    expectScalar('S1', summary.S1, c.S1);
    expectScalar('S2', summary.S2, c.S2);
    const g = lisaGuardrails(x, summary);
    expect(g.find((r) => r.code === 'islands')?.units).toEqual([4, 19]);
  });

  it("matches global Moran's I and Geary's C (n' and n mixed as spdep does)", () => {
    const m = globalMoran(x, w, summary);
    expectScalar('I', m.I, c.moran.I);
    expectScalar('E', m.expectation, c.moran.expectation);
    expectScalar('Var', m.variance, c.moran.variance);
    expectScalar('z', m.z, c.moran.z);
    expectScalar('Var normality', m.varianceNormality, c.moran.variance_normality);
    const g = gearyTest(x, w, summary);
    expectScalar('C', g.C, c.geary.C);
    expectScalar('Var', g.variance, c.geary.variance);
    expectScalar('z', g.z, c.geary.z);
    expectScalar('Var normality', g.varianceNormality, c.geary.variance_normality);
  });

  it('matches the local statistics: islands get 0, NA p and NA Gi, but a Gi* and a quadrant', () => {
    const l = localMoran(x, w);
    expectClose('Ii', l.Ii, nullToNaN(c.local.Ii));
    expectClose('E.Ii', l.EIi, nullToNaN(c.local['E.Ii']));
    expectClose('Var.Ii', l.VarIi, nullToNaN(c.local['Var.Ii']));
    expectClose('Z.Ii', l.ZIi, nullToNaN(c.local['Z.Ii']));
    expectClose('p', l.pAnalytical, nullToNaN(c.local.p));
    expectClose('lag', l.lag, nullToNaN(c.local.lag));
    const gi = getisOrd(x, w);
    expectClose('Gi*', gi.giStarZ, nullToNaN(c.local.Gi_star_z));
    expectClose('Gi', gi.giZ, nullToNaN(c.local.Gi_z));
    const q = lisaQuadrants(x, l.lag, l.z, l.lagZ);
    expect(Array.from(q.mean, (v) => QUADRANT_LABELS[v as Quadrant])).toEqual(c.local.quadrant_mean);
    expect(Array.from(q.pysal, (v) => QUADRANT_LABELS[v as Quadrant])).toEqual(c.local.quadrant_pysal);
    const perm = localMoranPermutation(x, w, { local: l, permutations: 99 });
    expect(Number.isNaN(perm.pSim[4])).toBe(true);
    expect(Number.isNaN(perm.pSim[19])).toBe(true);
    expect(perm.pSim.filter((p) => !Number.isNaN(p)).length).toBe(47);
  });
});

describe('k-nearest neighbours: ties go to the lower index (spdep knearneigh, brute force)', () => {
  const pts = Float64Array.from(ref.knn_grid.points.flat());
  it.each([4, 6] as const)('k = %i on a 6 × 6 grid of centroids', (k) => {
    expect(neighbourLists(knnWeights(pts, k))).toEqual(ref.knn_grid[`k${k}`]);
  });
  it('refuses k ≥ n', () => {
    expect(() => knnWeights(Float64Array.from([0, 0, 1, 1]), 2)).toThrow(/needs more than 2 units/);
  });
});
