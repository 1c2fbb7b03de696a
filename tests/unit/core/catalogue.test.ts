import { describe, expect, it } from 'vitest';
import { availableIndicators, computeIndicator } from '../../../src/lib/indicators/catalogue.ts';
import type { UnitData } from '../../../src/lib/indicators/units.ts';
import { empiricalBayesRates } from '../../../src/lib/stats/eb-rates.ts';

const counts = (desil: number[], programmes: Record<string, number> = {}, jiwa: number | null = null) => ({
  jumlah_kk: desil.reduce((a, b) => a + b, 0),
  kk_desil: desil,
  jumlah_jiwa: jiwa,
  programmes,
});
const unit = (kode: string, luas: number, periods: Record<string, ReturnType<typeof counts>>): UnitData => ({
  kode,
  luas_km2: luas,
  byPeriod: new Map(Object.entries(periods)),
});

const units = [
  unit('a', 2, {
    P1: counts([10, 10, 0, 0, 0, 0, 0, 0, 0, 80], { pkh: 12, pkh_desil_1_4: 10 }, 350),
    P2: counts([5, 10, 0, 0, 0, 0, 0, 0, 0, 85], { pkh: 9, pkh_desil_1_4: 8 }, 340),
  }),
  unit('b', 4, { P2: counts([1, 1, 1, 1, 0, 0, 0, 0, 0, 6], { pkh: 1, pkh_desil_1_4: 1 }, 30) }),
  unit('c', 1, {}),
];

describe('indicator catalogue', () => {
  it('shares, counts and densities of one period; no rows → no data', () => {
    expect(computeIndicator('share_d1', units, 'P1')).toEqual([0.1, null, null]);
    expect(computeIndicator('share_d1_4', units, 'P2')).toEqual([0.15, 0.4, null]);
    expect(computeIndicator('count_d1_4', units, 'P2')).toEqual([15, 4, null]);
    expect(computeIndicator('density_d1', units, 'P2')).toEqual([2.5, 0.25, null]);
    expect(computeIndicator('persons', units, 'P2')).toEqual([340, 30, null]);
  });

  it('coverage = recipients among desil 1–4 / households in desil 1–4', () => {
    expect(computeIndicator('coverage_pkh', units, 'P1')).toEqual([0.5, null, null]);
    expect(computeIndicator('coverage_pkh', units, 'P2')[1]).toBe(0.25);
  });

  it('changes need both periods; in proportion points', () => {
    const change = computeIndicator('change_share_d1', units, 'P2', 'P1');
    expect(change[0]).toBeCloseTo(-0.05, 12);
    expect(change[1]).toBeNull();
    expect(computeIndicator('change_count_d1', units, 'P2', 'P1')).toEqual([-5, null, null]);
  });

  it('EB-smoothed share equals the core EB estimate over units with households', () => {
    const eb = computeIndicator('eb_share_d1', units, 'P2');
    const expected = empiricalBayesRates([5, 1], [100, 10]).smoothed;
    expect(eb[0]).toBeCloseTo(expected[0], 12);
    expect(eb[1]).toBeCloseTo(expected[1], 12);
    expect(eb[2]).toBeNull();
  });

  it('offers only what the data can answer', () => {
    const ids = (periods: string[], u = units) => availableIndicators(u, periods).map((d) => d.id);
    expect(ids(['P1', 'P2'])).toContain('change_share_d1');
    expect(ids(['P2'])).not.toContain('change_share_d1');
    expect(ids(['P2'])).toContain('coverage_pkh');
    expect(ids(['P2'])).not.toContain('coverage_bpnt');
    const noSizes = [unit('x', 1, { P: counts([1, 0, 0, 0, 0, 0, 0, 0, 0, 1]) })];
    expect(ids(['P'], noSizes)).not.toContain('persons');
  });
});
