/**
 * Valid data never crash a pocket run: zero variance after smoothing, a single desa, no household at all, every
 * desa an island at the chosen tolerance, hexagons spread from desa — each ends with no pocket and the reason,
 * in both languages. The global gate holds back pockets the global test does not support, or labels them.
 */
import { describe, expect, it } from 'vitest';
import type { AreaGeometry, DesaFeature } from '../../../src/lib/geo/types.ts';
import { hexbinsFromDesaCounts, hexbinsFromHouseholds } from '../../../src/lib/hex/hexbins.ts';
import { renderMessage } from '../../../src/lib/messages/render.ts';
import type { PocketAnalysis } from '../../../src/lib/pockets/analysis.ts';
import { analyseDesaPockets } from '../../../src/lib/pockets/desa-pockets.ts';
import { analyseHexPockets, hexStatisticCounts } from '../../../src/lib/pockets/hex-pockets.ts';
import { runPocketTest } from '../../../src/lib/pockets/pocket-test.ts';
import { resolvePocketOptions } from '../../../src/lib/pockets/analysis.ts';
import { SeededRandom } from '../../../src/lib/random.ts';
import { randomDesilCounts } from '../../../src/lib/synth/null-model.ts';
import { weightsFromNeighbourLists } from '../../../src/lib/weights/types.ts';
import { desaCounts, testDistrict, testHouseholds } from '../hex/helpers.ts';

const { desa, district } = testDistrict();
const info = desa.map((d) => d.properties);
const fast = { permutations: 199, seed: 3 };

/** Desil counts with `households` per desa, `desil1` of them in desil 1 and the rest in desil 5. */
function flatCounts(n: number, households: number, desil1: number): Uint32Array {
  const out = new Uint32Array(n * 10);
  for (let d = 0; d < n; d++) {
    out[d * 10] = desil1;
    out[d * 10 + 4] = households - desil1;
  }
  return out;
}

/** The analysis ended without a pocket, for the reason `code`, readable in both languages. */
function expectNoPocket(a: PocketAnalysis, code: string) {
  expect(a.outcome.kind).toBe('none');
  expect(a.outcome.reason.code).toBe(code);
  expect(a.pockets).toEqual([]);
  expect(Array.from(a.pocketOf).every((r) => r === -1)).toBe(true);
  for (const lang of ['id', 'en'] as const) expect(renderMessage(a.outcome.reason, lang)).not.toMatch(/\{/);
}

/** The desa shrunk towards their centres by `factor`: gaps of hundreds of metres between neighbours. */
function shrunk(features: readonly DesaFeature[], factor: number): DesaFeature[] {
  const shrink = (g: AreaGeometry): AreaGeometry => {
    const rings = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
    const pts = rings.flat(2);
    const cx = pts.reduce((s, p) => s + p[0], 0) / pts.length;
    const cy = pts.reduce((s, p) => s + p[1], 0) / pts.length;
    const move = (ring: number[][]) => ring.map(([x, y]) => [cx + (x - cx) * factor, cy + (y - cy) * factor]);
    return g.type === 'Polygon'
      ? { type: 'Polygon', coordinates: g.coordinates.map(move) }
      : { type: 'MultiPolygon', coordinates: g.coordinates.map((poly) => poly.map(move)) };
  };
  return features.map((f) => ({ ...f, geometry: shrink(f.geometry) }));
}

describe('no pocket, with the reason, never an error', () => {
  it('zero variance after empirical-Bayes smoothing (every desa at the same share)', () => {
    const a = analyseDesaPockets({ desa, desil: flatCounts(desa.length, 500, 47) }, fast);
    expectNoPocket(a, 'pockets.none.noVarianceEb');
    expect(renderMessage(a.outcome.reason, 'en')).toContain('9.4%');
    expect(a.global).toBeNull();
  });

  it('zero variance of the raw share', () => {
    const a = analyseDesaPockets({ desa, desil: flatCounts(desa.length, 500, 50) }, { ...fast, rate: 'raw' });
    expectNoPocket(a, 'pockets.none.noVariance');
  });

  it('noise whose smoothing leaves one value everywhere, as the issue met it, for many seeds', () => {
    const households = Array.from({ length: desa.length }, (_, d) => 300 + ((d * 37) % 400));
    const shares = [0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1];
    const reasons = new Set<string>();
    for (let seed = 1; seed <= 12; seed++) {
      const desil = randomDesilCounts(households, shares, new SeededRandom(seed));
      const a = analyseDesaPockets({ desa, desil }, fast);
      expect(a.pockets, `seed ${seed}`).toEqual([]);
      expect(a.outcome.kind).toBe('none');
      reasons.add(a.outcome.reason.code);
    }
    expect(reasons.has('pockets.none.noVarianceEb')).toBe(true);
  });

  it('a single desa', () => {
    const a = analyseDesaPockets({ desa: desa.slice(0, 1), desil: flatCounts(1, 800, 80) }, fast);
    expectNoPocket(a, 'pockets.none.tooFewUnits');
    expect(a.outcome.reason.params).toMatchObject({ count: 1, min: 4 });
  });

  it('no household at all, and every desa under the threshold k', () => {
    expectNoPocket(
      analyseDesaPockets({ desa, desil: new Uint32Array(desa.length * 10) }, fast),
      'pockets.none.noData',
    );
    const small = analyseDesaPockets({ desa, desil: flatCounts(desa.length, 6, 2) }, fast);
    expectNoPocket(small, 'pockets.none.noData');
    expect(renderMessage(small.outcome.reason, 'id')).toContain('10 keluarga');
  });

  it('every desa an island at the chosen tolerance (and neighbours again at a larger one)', () => {
    const apart = shrunk(desa, 0.8);
    const counts = desaCounts(testHouseholds(desa, 20_000, 5, 0), desa.length);
    const islands = analyseDesaPockets({ desa: apart, desil: counts, toleranceMetres: 10 }, fast);
    expectNoPocket(islands, 'pockets.none.noNeighbours');
    expect(islands.outcome.reason.params).toMatchObject({ connected: 0, count: desa.length });
    const wide = analyseDesaPockets({ desa: apart, desil: counts, toleranceMetres: 500 }, fast);
    expect(wide.outcome.reason.code).not.toBe('pockets.none.noNeighbours');
    expect(wide.global).not.toBeNull();
  });

  it('hexagons spread from desa by area: no statistic, the reason offers the desa level', () => {
    const counts = desaCounts(testHouseholds(desa, 20_000, 5, 0), desa.length);
    const bins = hexbinsFromDesaCounts(district, counts, 8);
    expect(bins.source).toBe('allocation');
    const a = analyseHexPockets(district, bins, info, fast);
    expectNoPocket(a, 'hex.noStatistics.estimated');
    expect(Array.from(a.analysed).every((x) => x === 0)).toBe(true);
    expect(renderMessage(a.outcome.reason, 'id')).toMatch(/tingkat desa/);
    expect(renderMessage(a.outcome.reason, 'en')).toMatch(/desa level/);
  });
});

describe('partly geotagged hexagons: statistics from coordinates only', () => {
  const households = testHouseholds(desa, 30_000, 9, 0.6);
  const bins = hexbinsFromHouseholds(district, households, { res: 8 });

  it('keeps the geotagged part of every cell apart, and the pockets rest on it', () => {
    expect(bins.allocated).toBeGreaterThan(0);
    expect(bins.points).toBeDefined();
    const points = bins.points!;
    let placed = 0;
    for (let c = 0; c < bins.cells.length; c++) {
      expect(points.households[c]).toBeLessThanOrEqual(bins.households[c]);
      let sum = 0;
      for (let q = 0; q < 10; q++) sum += points.desil[c * 10 + q];
      expect(sum).toBe(points.households[c]);
      placed += points.households[c];
    }
    expect(placed).toBe(bins.total - bins.allocated);
    const a = analyseHexPockets(district, bins, info, fast);
    expect(Array.from(a.households)).toEqual(Array.from(points.households));
    expect(a.householdsUsed).toEqual({ used: placed, total: bins.total });
    for (const p of a.pockets) {
      let h = 0;
      for (const c of p.memberIndex) h += points.households[c];
      expect(p.households).toBe(h);
    }
    // the table of hexagons shows every household, with its own suppression
    for (let c = 0; c < bins.cells.length; c++)
      if (a.displaySuppression.unit[c] === 0) expect(bins.households[c]).toBeGreaterThanOrEqual(10);
  });

  it('refuses the statistics of a stored layer that lacks the geotagged part, with the reason', () => {
    const { points: _points, ...old } = bins;
    expect('reason' in hexStatisticCounts(old)).toBe(true);
    expectNoPocket(analyseHexPockets(district, old, info, fast), 'hex.noStatistics.noPointCounts');
  });
});

describe('the global gate', () => {
  // A 20 × 20 rook lattice: a checkerboard (strong negative autocorrelation) with one 3 × 3 block of high
  // shares. The block is a strong local hot spot while the global Moran's I is negative.
  const side = 20;
  const lists: number[][] = [];
  const share = new Float64Array(side * side);
  for (let r = 0; r < side; r++)
    for (let c = 0; c < side; c++) {
      const i = r * side + c;
      lists.push(
        [
          r > 0 ? i - side : -1,
          c > 0 ? i - 1 : -1,
          c < side - 1 ? i + 1 : -1,
          r < side - 1 ? i + side : -1,
        ].filter((j) => j >= 0),
      );
      share[i] = r >= 8 && r < 11 && c >= 8 && c < 11 ? 0.4 : (r + c) % 2 === 0 ? 0.05 : 0.15;
    }
  const weights = weightsFromNeighbourLists(lists, 'rook');
  const input = (h: number) => ({
    households: new Float64Array(side * side).fill(h),
    desil1: Float64Array.from(share, (s) => s * h),
    weights,
  });
  const options = (patch = {}) => resolvePocketOptions({ rate: 'raw', ...fast, ...patch });

  it('withholds the pockets the global test does not support, and says how many', () => {
    const t = runPocketTest(input(1000), options());
    expect(t.global?.supported).toBe(false);
    expect(t.global!.I).toBeLessThan(0);
    expect(t.candidates).toBe(1);
    expect(t.groups).toEqual([]);
    expect(t.outcome).toMatchObject({ kind: 'none', reason: { code: 'pockets.none.globalCandidates' } });
  });

  it('or lists them as indicative, with the reason', () => {
    const t = runPocketTest(input(1000), options({ gate: 'indicative' }));
    expect(t.outcome.kind).toBe('indicative');
    expect(t.outcome.reason.code).toBe('pockets.indicative');
    expect(t.groups).toHaveLength(1);
    const block = Array.from(t.groups[0]);
    expect(block.length).toBeGreaterThanOrEqual(5);
    for (const i of block) expect(share[i]).toBe(0.4);
  });

  it('drops groups with fewer households than the minimum, and says so', () => {
    // 20 households per cell: the block holds 180 < 200
    const t = runPocketTest(input(20), options({ gate: 'indicative' }));
    expect(t.groups).toEqual([]);
    expect(t.outcome).toMatchObject({ kind: 'none', reason: { code: 'pockets.none.tooSmall' } });
    const loose = runPocketTest(input(20), options({ gate: 'indicative', minHouseholds: 100 }));
    expect(loose.groups).toHaveLength(1);
  });
});
