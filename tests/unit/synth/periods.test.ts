import { describe, expect, it } from 'vitest';
import { kendalProfile } from '../../../src/lib/synth/calibration.ts';
import { generateHouseholds } from '../../../src/lib/synth/households.ts';
import { gridDistrict, KENDAL_GRID } from './fixture.ts';

describe('households across periods', () => {
  const n = 20_000;
  const district = generateHouseholds('33.24', gridDistrict('33.24', KENDAL_GRID), kendalProfile, {
    households: n,
    seed: 21,
    periods: ['2025-Q1', '2025-Q3'],
    geotagShare: 0.85,
  });
  const [first, second] = district.periods;

  it('about 2% leave and 2% are new; the others keep their key and desa', () => {
    expect(second.leavers).toBe(Math.round(0.02 * n));
    expect(second.joiners).toBe(Math.round(0.02 * n));
    expect(second.count).toBe(n - second.leavers + second.joiners);
    const firstKeys = new Set(first.key);
    let stayed = 0;
    let fresh = 0;
    for (let k = 0; k < second.count; k++) {
      if (firstKeys.has(second.key[k])) stayed++;
      else {
        fresh++;
        expect(second.key[k]).toBeGreaterThanOrEqual(n);
      }
    }
    expect(stayed).toBe(n - second.leavers);
    expect(fresh).toBe(second.joiners);
    const desaOf = new Map<number, number>();
    for (let k = 0; k < first.count; k++) desaOf.set(first.key[k], first.desa[k]);
    let moved = 0;
    for (let k = 0; k < second.count; k++)
      if (desaOf.has(second.key[k]) && desaOf.get(second.key[k]) !== second.desa[k]) moved++;
    expect(moved).toBe(0);
  });

  it('rows are ordered by desa then key, as an extract sorted by region', () => {
    for (const p of district.periods) {
      let sorted = true;
      for (let k = 1; k < p.count; k++)
        if (p.desa[k] < p.desa[k - 1] || (p.desa[k] === p.desa[k - 1] && p.key[k] <= p.key[k - 1]))
          sorted = false;
      expect(sorted).toBe(true);
    }
  });

  it('households move between desil: the transition matrix is far from diagonal but persistent', () => {
    const desilBefore = new Map<number, number>();
    for (let k = 0; k < first.count; k++) desilBefore.set(first.key[k], first.desil[k]);
    const matrix = Array.from({ length: 10 }, () => new Array<number>(10).fill(0));
    for (let k = 0; k < second.count; k++) {
      const before = desilBefore.get(second.key[k]);
      if (before !== undefined) matrix[before - 1][second.desil[k] - 1]++;
    }
    const stayers = matrix.flat().reduce((a, b) => a + b, 0);
    const diagonal = matrix.reduce((a, row, d) => a + row[d], 0);
    expect(diagonal / stayers).toBeGreaterThan(0.25);
    expect(diagonal / stayers).toBeLessThan(0.75);
    // Within one desil of the previous one for most households: welfare is persistent.
    let near = 0;
    matrix.forEach((row, d) => row.forEach((count, e) => (near += Math.abs(d - e) <= 1 ? count : 0)));
    expect(near / stayers).toBeGreaterThan(0.75);
    // Graduation out of desil 1 and falls into it both happen.
    expect(matrix[0].slice(2).reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
    expect(matrix.slice(2).reduce((a, row) => a + row[0], 0)).toBeGreaterThan(0);
    // Desil-1 shrinks from 9.35% to 8.40% of households.
    const d1 = (p: typeof first) => p.desil.reduce((a, d) => a + (d === 1 ? 1 : 0), 0) / p.count;
    expect(d1(first) - d1(second)).toBeCloseTo(0.0095, 3);
  });

  it('a single period works and has no leavers', () => {
    const one = generateHouseholds('33.24', gridDistrict('33.24', KENDAL_GRID), kendalProfile, {
      households: 500,
      seed: 1,
      periods: ['2025'],
      geotagShare: 0,
    });
    expect(one.periods).toHaveLength(1);
    expect(one.periods[0].leavers).toBe(0);
    expect(one.periods[0].count).toBe(500);
  });

  it('rejects impossible options', () => {
    const desa = gridDistrict('33.24', KENDAL_GRID);
    expect(() =>
      generateHouseholds('33.24', desa, kendalProfile, {
        households: 0,
        seed: 1,
        periods: ['2025'],
        geotagShare: 0,
      }),
    ).toThrow(/households/);
    expect(() =>
      generateHouseholds('33.24', desa, kendalProfile, {
        households: 10,
        seed: 1,
        periods: [],
        geotagShare: 0,
      }),
    ).toThrow(/period/);
    expect(() =>
      generateHouseholds('33.24', desa, kendalProfile, {
        households: 10,
        seed: 1,
        periods: ['2025'],
        geotagShare: 1.5,
      }),
    ).toThrow(/geotag/);
  });
});
