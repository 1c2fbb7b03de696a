import { areNeighborCells } from 'h3-js';
import { describe, expect, it } from 'vitest';
import { hexbinsFromHouseholds } from '../../../src/lib/hex/hexbins.ts';
import { Suppressed } from '../../../src/lib/hex/suppression.ts';
import type { PocketAnalysis, PocketOptions } from '../../../src/lib/pockets/analysis.ts';
import { analyseDesaPockets } from '../../../src/lib/pockets/desa-pockets.ts';
import { analyseHexPockets } from '../../../src/lib/pockets/hex-pockets.ts';
import { tolerantContiguityWeights } from '../../../src/lib/weights/tolerant.ts';
import { weightOf } from '../../../src/lib/weights/summary.ts';
import { desaCounts, testDistrict, testHouseholds } from '../hex/helpers.ts';

/** The invariants every pocket run must satisfy, whatever the unit. */
function checkPockets(
  a: PocketAnalysis,
  adjacent: (u: number, v: number) => boolean,
  hot: (u: number) => boolean,
) {
  const seen = new Set<number>();
  a.pockets.forEach((p, r) => {
    expect(p.rank).toBe(r + 1);
    expect(p.name).toMatch(/^Kantong .+ \d+$/);
    expect(p.units).toBe(p.memberIndex.length);
    expect(p.units).toBeGreaterThanOrEqual(a.options.minUnits);
    let households = 0;
    let desil1 = 0;
    for (const u of p.memberIndex) {
      // disjoint
      expect(seen.has(u)).toBe(false);
      seen.add(u);
      expect(a.pocketOf[u]).toBe(r);
      // every member is significant (High-High, or hot at the confidence asked), analysed and shown
      expect(hot(u)).toBe(true);
      expect(a.analysed[u]).toBe(1);
      expect(a.suppression.unit[u]).toBe(Suppressed.Shown);
      households += a.households[u];
      desil1 += a.desil1[u];
    }
    expect(p.households).toBe(households);
    expect(p.desil1).toBe(desil1);
    expect(p.share).toBeCloseTo(desil1 / households, 12);
    // connected over the weights
    const reached = new Set([p.memberIndex[0]]);
    for (let grew = true; grew;) {
      grew = false;
      for (const u of p.memberIndex)
        if (!reached.has(u) && [...reached].some((v) => adjacent(u, v))) {
          reached.add(u);
          grew = true;
        }
    }
    expect(reached.size).toBe(p.units);
    if (r > 0) expect(p.desil1).toBeLessThanOrEqual(a.pockets[r - 1].desil1);
  });
  // maximal: a hot analysed unit next to a pocket member belongs to that pocket
  for (let u = 0; u < a.codes.length; u++)
    if (a.pocketOf[u] >= 0)
      for (let v = 0; v < a.codes.length; v++)
        if (v !== u && a.analysed[v] && hot(v) && adjacent(u, v)) expect(a.pocketOf[v]).toBe(a.pocketOf[u]);
  expect(a.pocketOf.filter((x) => x >= 0).length).toBe(seen.size);
}

/**
 * The settings these invariant tests were written for: LISA High-High, no correction, no household minimum, the
 * global test not required (the defaults moved to FDR, Gi* hot spots whose own value is high, 3 units and 200
 * households, and a global gate; `defaults.test.ts` covers those).
 */
const LISA_NO_GATE = {
  criterion: { kind: 'lisa' },
  pAdjust: 'none',
  minHouseholds: 0,
  gate: 'indicative',
} as const satisfies PocketOptions;

describe('hexagon pockets', () => {
  const { desa, district } = testDistrict();
  const households = testHouseholds(desa, 40_000, 21, 0.9);
  const bins = hexbinsFromHouseholds(district, households, { res: 8 });
  const info = desa.map((d) => d.properties);
  const run = (options: PocketOptions = {}) =>
    analyseHexPockets(district, bins, info, { ...LISA_NO_GATE, permutations: 499, seed: 5, ...options });
  const adjacent = (u: number, v: number) => areNeighborCells(bins.cells[u], bins.cells[v]);

  it('finds connected, disjoint pockets of significant High-High cells with their totals', () => {
    const a = run();
    expect(a.pockets.length).toBeGreaterThan(0);
    checkPockets(a, adjacent, (u) => a.cluster[u] === 1);
    const p = a.pockets[0];
    expect(p.id).toMatch(/^h8-[0-9a-f]{10}$/);
    expect(p.kecamatan.length).toBeGreaterThan(0);
    expect(p.desa.length).toBeGreaterThan(0);
    expect(p.areaKm2).toBeGreaterThan(0);
    expect(['Polygon', 'MultiPolygon']).toContain(p.outline.type);
    const [minX, minY, maxX, maxY] = p.bbox;
    expect(minX).toBeLessThan(maxX);
    expect(minY).toBeLessThan(maxY);
  });

  it('gives the same pockets for the same seed', () => {
    const a = run();
    const b = run();
    expect(b.pockets).toEqual(a.pockets);
    expect(b.cluster).toEqual(a.cluster);
  });

  it('uses Gi* hot spots and the minimum size when asked', () => {
    const a = run({ criterion: { kind: 'gi', confidence: 95 }, minUnits: 3 });
    // with no pocket the invariants below would hold trivially
    expect(a.pockets.length).toBeGreaterThan(0);
    checkPockets(a, adjacent, (u) => a.giTier[u] >= 2);
    for (const p of a.pockets) expect(p.units).toBeGreaterThanOrEqual(3);
  });

  it('publishes no hexagon under k, and protects pocket totals as published groups', () => {
    const a = run({ minCount: 15 });
    expect(a.pockets.length).toBeGreaterThan(0);
    for (let c = 0; c < bins.cells.length; c++)
      if (a.suppression.unit[c] === Suppressed.Shown) expect(bins.households[c]).toBeGreaterThanOrEqual(15);
    const value = a.suppression.value as Uint8Array;
    for (const p of a.pockets) {
      const hiddenD1 = p.memberIndex.filter((c) => value[c * 10] !== Suppressed.Shown).length;
      if (p.desil1 >= 15) expect(hiddenD1).not.toBe(1);
    }
  });
});

describe('desa pockets', () => {
  const { desa } = testDistrict();
  const counts = desaCounts(testHouseholds(desa, 40_000, 21, 0), desa.length);
  const weights = tolerantContiguityWeights(desa.map((d) => d.geometry)).weights;
  const adjacent = (u: number, v: number) => weightOf(weights, u, v) !== undefined;

  it('finds connected, disjoint pockets of significant High-High desa, same for the same seed', () => {
    const a = analyseDesaPockets(
      { desa, desil: counts },
      { ...LISA_NO_GATE, minUnits: 1, permutations: 499, seed: 5, alpha: 0.1 },
    );
    expect(a.pockets.length).toBeGreaterThan(0);
    checkPockets(a, adjacent, (u) => a.cluster[u] === 1);
    expect(a.pockets[0].id).toMatch(/^desa-[0-9a-f]{10}$/);
    expect(a.pockets[0].desa.map((d) => d.kode_desa)).toEqual(a.pockets[0].members);
    const b = analyseDesaPockets(
      { desa, desil: counts, weights },
      { ...LISA_NO_GATE, minUnits: 1, permutations: 499, seed: 5, alpha: 0.1 },
    );
    expect(b.pockets).toEqual(a.pockets);
  });

  it('applies FDR: never more pockets units than without it', () => {
    const old = { ...LISA_NO_GATE, minUnits: 1, permutations: 499, seed: 5 };
    const plain = analyseDesaPockets({ desa, desil: counts }, old);
    const fdr = analyseDesaPockets({ desa, desil: counts }, { ...old, pAdjust: 'fdr' });
    const units = (a: PocketAnalysis) => a.pockets.reduce((s, p) => s + p.units, 0);
    // the comparison and the invariants prove nothing on empty results: FDR must leave at least one pocket
    expect(fdr.pockets.length).toBeGreaterThan(0);
    expect(units(fdr)).toBeLessThanOrEqual(units(plain));
    checkPockets(fdr, adjacent, (u) => fdr.cluster[u] === 1);
  });
});
