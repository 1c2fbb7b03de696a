import { describe, expect, it } from 'vitest';
import {
  calibrationProfile,
  defaultHouseholdCount,
  DESIL_COUNT,
  desaHouseholdWeights,
  kendalProfile,
  periodTarget,
} from '../../../src/lib/synth/calibration.ts';
import { generateHouseholds, type SyntheticDistrict } from '../../../src/lib/synth/households.ts';
import { aggregatePeriods } from '../../../src/lib/synth/summary.ts';
import { districtTotals } from '../../../src/lib/synth/desa-aggregate.ts';
import { GENERIC_GRID, gridDistrict, hasKendal, KENDAL_GRID, kendalDesa } from './fixture.ts';

/**
 * Stated tolerances. Desil are cut by rank at the cumulative target shares, so every desil count is within
 * 1 household of n·Sₖ (the acceptance tolerance, ±0.2 percentage points, is far looser). The extreme
 * count is round(n·share). Kecamatan household totals come from a largest-remainder split per desa, so each
 * is within (number of its desa) households of n·Pₖ/ΣP.
 */
const SHARE_TOLERANCE = 0.002;

function expectCalibrated(district: SyntheticDistrict): void {
  const aggregates = aggregatePeriods(district);
  district.periods.forEach((p, t) => {
    const totals = districtTotals(aggregates[t]);
    expect(totals.households).toBe(p.count);
    for (let d = 0; d < DESIL_COUNT; d++) {
      const target = p.target.desilShares[d];
      expect(
        Math.abs(totals.perDesil[d] - p.count * target),
        `${p.periode} desil ${d + 1}`,
      ).toBeLessThanOrEqual(1);
      expect(Math.abs(totals.perDesil[d] / p.count - target)).toBeLessThan(SHARE_TOLERANCE);
    }
    expect(
      Math.abs(totals.extreme - p.count * p.target.extremeShare),
      `${p.periode} extreme`,
    ).toBeLessThanOrEqual(0.5);
    let extremeOutsideDesil1 = 0;
    for (let k = 0; k < p.count; k++) if (p.extreme[k] && p.desil[k] !== 1) extremeOutsideDesil1++;
    expect(extremeOutsideDesil1).toBe(0);
  });
}

describe('calibration profiles', () => {
  it('Kendal targets: desil 1 = P0 9.35% then 8.40%, extreme 0.49% then 0.30% (assumed); shares sum to 1', () => {
    const profile = calibrationProfile('33.24');
    expect(profile).toBe(kendalProfile);
    expect(periodTarget(profile, 0).desilShares[0]).toBeCloseTo(0.0935, 10);
    expect(periodTarget(profile, 1).desilShares[0]).toBeCloseTo(0.084, 10);
    expect(periodTarget(profile, 0).extremeShare).toBe(0.0049);
    expect(periodTarget(profile, 1).extremeShare).toBe(0.003);
    expect(periodTarget(profile, 5)).toBe(periodTarget(profile, 1));
    for (const target of profile.periodTargets) {
      expect(target.desilShares).toHaveLength(DESIL_COUNT);
      expect(target.desilShares.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
      // Desil 2–10 stay plausible: near 10% each, tilting down towards the top.
      for (let d = 1; d < DESIL_COUNT; d++) expect(target.desilShares[d]).toBeGreaterThan(0.08);
      for (let d = 1; d < DESIL_COUNT; d++) expect(target.desilShares[d]).toBeLessThan(0.115);
    }
    expect(Object.keys(profile.kecamatanPopulation)).toHaveLength(14);
  });

  it('any other code gets the generic profile: 10% per desil', () => {
    const profile = calibrationProfile('91.71');
    expect(profile.kode_kab).toBeNull();
    expect(periodTarget(profile, 0).desilShares.every((s) => Math.abs(s - 0.1) < 1e-12)).toBe(true);
  });

  it('default household count: 300,000 for Kendal, ~300/km² (at least 5,000) elsewhere', () => {
    const grid = gridDistrict('91.71', GENERIC_GRID).map((f) => f.properties);
    expect(defaultHouseholdCount(kendalProfile, grid)).toBe(300_000);
    const area = grid.reduce((a, d) => a + d.luas_km2, 0);
    expect(defaultHouseholdCount(calibrationProfile('91.71'), grid)).toBe(
      Math.max(5000, Math.round(300 * area)),
    );
    expect(defaultHouseholdCount(calibrationProfile('91.71'), grid.slice(0, 2))).toBe(5000);
  });

  it('generic weights: households ∝ area, kelurahan denser', () => {
    const grid = gridDistrict('91.71', GENERIC_GRID).map((f) => f.properties);
    const w = desaHouseholdWeights(grid, calibrationProfile('91.71'));
    const i = grid.findIndex((d) => d.jenis === 'kelurahan');
    const j = grid.findIndex((d) => d.kode_kec === '91.71.02');
    expect(w[i] / grid[i].luas_km2 / (w[j] / grid[j].luas_km2)).toBeCloseTo(3, 6);
  });
});

describe('generated households match the calibration targets', () => {
  it('in-memory Kendal-coded district, two periods: desil, extreme, kecamatan ∝ census', () => {
    const desa = gridDistrict('33.24', KENDAL_GRID);
    const n = 20_000;
    const district = generateHouseholds('33.24', desa, kendalProfile, {
      households: n,
      seed: 7,
      periods: ['2025-Q1', '2025-Q3'],
      geotagShare: 0.5,
    });
    expectCalibrated(district);
    // Census weights: known kecamatan by population; Weleri and Kendal share the 335,905 not listed, by area (equal here).
    const remainder = 1_018_505 - Object.values(kendalProfile.kecamatanPopulation).reduce((a, b) => a + b, 0);
    expect(remainder).toBe(335_905);
    const weight: Record<string, number> = {
      '33.24.01': 32_586,
      '33.24.07': 82_443,
      '33.24.08': 66_157,
      '33.24.05': 52_854,
      '33.24.12': remainder / 2,
      '33.24.15': remainder / 2,
    };
    const total = Object.values(weight).reduce((a, b) => a + b, 0);
    const first = district.periods[0];
    for (const [kec, w] of Object.entries(weight)) {
      let count = 0;
      for (let k = 0; k < first.count; k++)
        if (district.desa[first.desa[k]].properties.kode_kec === kec) count++;
      expect(Math.abs(count - (n * w) / total), kec).toBeLessThanOrEqual(9);
    }
  });

  it('in-memory generic district: 10% per desil in every period', () => {
    const desa = gridDistrict('91.71', GENERIC_GRID);
    const district = generateHouseholds('91.71', desa, calibrationProfile('91.71'), {
      households: 12_345,
      seed: 3,
      periods: ['2024', '2025', '2026'],
      geotagShare: 0,
    });
    expectCalibrated(district);
    expect(district.periods.map((p) => p.count)).toEqual([12_345, 12_345, 12_345]);
  });

  it('household size falls with desil: mean ~4.3 in desil 1, ~3.0 in desil 10, all within 1–12', () => {
    const district = generateHouseholds(
      '91.71',
      gridDistrict('91.71', GENERIC_GRID),
      calibrationProfile('91.71'),
      { households: 30_000, seed: 2, periods: ['2025'], geotagShare: 0 },
    );
    const p = district.periods[0];
    const sum = new Array<number>(DESIL_COUNT).fill(0);
    const count = new Array<number>(DESIL_COUNT).fill(0);
    expect(Math.min(...p.size)).toBeGreaterThanOrEqual(1);
    expect(Math.max(...p.size)).toBeLessThanOrEqual(12);
    for (let k = 0; k < p.count; k++) {
      sum[p.desil[k] - 1] += p.size[k];
      count[p.desil[k] - 1]++;
    }
    expect(sum[0] / count[0]).toBeGreaterThan(4.1);
    expect(sum[0] / count[0]).toBeLessThan(4.5);
    expect(sum[9] / count[9]).toBeGreaterThan(2.85);
    expect(sum[9] / count[9]).toBeLessThan(3.15);
  });

  it('programme flags concentrate in desil 1–4 with exclusion and inclusion errors', () => {
    const district = generateHouseholds(
      '91.71',
      gridDistrict('91.71', GENERIC_GRID),
      calibrationProfile('91.71'),
      { households: 30_000, seed: 4, periods: ['2025'], geotagShare: 0 },
    );
    const p = district.periods[0];
    const rate = (flag: Uint8Array, low: number, high: number) => {
      let yes = 0;
      let all = 0;
      for (let k = 0; k < p.count; k++) {
        if (p.desil[k] < low || p.desil[k] > high) continue;
        all++;
        yes += flag[k];
      }
      return yes / all;
    };
    for (const flag of [p.pkh, p.bpnt, p.pbiJk, p.earthFloor, p.unsafeWater, p.poorSanitation]) {
      expect(rate(flag, 1, 4)).toBeGreaterThan(2 * rate(flag, 5, 10));
    }
    expect(rate(p.pkh, 1, 1)).toBeLessThan(0.6); // many poorest households get no PKH (exclusion error)
    expect(rate(p.pbiJk, 5, 10)).toBeGreaterThan(0.05); // and better-off households do get aid (inclusion error)
    expect(rate(p.pkh, 1, 1)).toBeCloseTo(0.45, 1);
    expect(rate(p.bpnt, 1, 1)).toBeCloseTo(0.7, 1);
    expect(rate(p.pbiJk, 1, 1)).toBeCloseTo(0.82, 1);
  });
});

describe.skipIf(!hasKendal)('real Kendal boundaries (../shared/data/kendal)', () => {
  it('desil and extreme shares per period, households per known kecamatan ∝ Census 2020', () => {
    const n = 50_000;
    const district = generateHouseholds('33.24', kendalDesa(), kendalProfile, {
      households: n,
      seed: 1,
      periods: ['2025-Q1', '2025-Q3'],
      geotagShare: 0,
    });
    expect(district.desa).toHaveLength(286);
    expectCalibrated(district);
    const first = district.periods[0];
    for (const [kec, population] of Object.entries(kendalProfile.kecamatanPopulation)) {
      let count = 0;
      for (let k = 0; k < first.count; k++)
        if (district.desa[first.desa[k]].properties.kode_kec === kec) count++;
      const desaInKec = district.desa.filter((d) => d.properties.kode_kec === kec).length;
      const expected = (n * population) / 1_018_505;
      expect(Math.abs(count - expected), kec).toBeLessThanOrEqual(desaInKec);
      expect(Math.abs(count / n - population / 1_018_505)).toBeLessThan(0.0005); // ±0.05 percentage points
    }
  });
});
