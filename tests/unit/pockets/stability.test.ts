/**
 * Stability of pockets: the share of reruns (own permutation seeds, desil-1 counts resampled) in which each
 * member is in a pocket, and in which each pocket is found again; seeded, so the same on every run.
 */
import { describe, expect, it } from 'vitest';
import { SeededRandom } from '../../../src/lib/random.ts';
import { analyseDesaPockets } from '../../../src/lib/pockets/desa-pockets.ts';
import { pocketSettingsMessage, stabilityMessage } from '../../../src/lib/pockets/settings.ts';
import { resolvePocketOptions } from '../../../src/lib/pockets/analysis.ts';
import { renderMessage } from '../../../src/lib/messages/render.ts';
import {
  isStable,
  pocketStability,
  resampleDesil1,
  stabilitySeed,
  summariseStability,
  STABLE_SHARE,
} from '../../../src/lib/pockets/stability.ts';
import { desaCounts, testDistrict, testHouseholds } from '../hex/helpers.ts';

describe('stability summary', () => {
  // pocket P = units 0–3 of 10 (unit 9 not analysed); four reruns
  const analysis = {
    codes: Array.from({ length: 10 }, (_, u) => `u${u}`),
    analysed: Uint8Array.from({ length: 10 }, (_, u) => (u === 9 ? 0 : 1)),
    pockets: [{ memberIndex: [0, 1, 2, 3] }] as never,
  };
  const reruns = [
    [Int32Array.of(0, 1)], // half of P: found again
    [Int32Array.of(0, 1, 2, 3, 8)], // all of P, and more
    [Int32Array.of(5, 6)], // elsewhere
    [], // nothing
  ];

  it('per member: the share of reruns with it in a pocket; per pocket: found again when half its members are', () => {
    const s = summariseStability(analysis, reruns, [11, 12, 13, 14]);
    expect(s.runs).toBe(4);
    expect(s.seeds).toEqual([11, 12, 13, 14]);
    expect(Array.from(s.unitShare.subarray(0, 9))).toEqual([0.5, 0.5, 0.25, 0.25, 0, 0.25, 0.25, 0, 0.25]);
    expect(s.unitShare[9]).toBeNaN();
    expect(s.pocketShare).toEqual([0.5]);
  });

  it('a pocket needs half its members in one rerun pocket, not spread over several', () => {
    const split = summariseStability(analysis, [[Int32Array.of(0), Int32Array.of(2, 3)]], [1]);
    expect(split.pocketShare).toEqual([1]);
    const scattered = summariseStability(analysis, [[Int32Array.of(0), Int32Array.of(3)]], [1]);
    expect(scattered.pocketShare).toEqual([0]);
  });

  it('labels a share as stable from 90% of the reruns', () => {
    expect(STABLE_SHARE).toBe(0.9);
    expect(isStable(0.9)).toBe(true);
    expect(isStable(0.85)).toBe(false);
    expect(renderMessage(stabilityMessage(0.95, 20), 'id')).toBe('stabil: ada di 95% dari 20 ulangan');
    expect(renderMessage(stabilityMessage(0.6, 20), 'en')).toBe('less stable: in 60% of 20 reruns');
  });
});

describe('reruns', () => {
  it('resample desil-1 counts within each unit, seeded, around the observed share', () => {
    const h = [1000, 1000, 50, 0];
    const d1 = [100, 0, 50, 0];
    const a = resampleDesil1(h, d1, new SeededRandom(4));
    expect(Array.from(resampleDesil1(h, d1, new SeededRandom(4)))).toEqual(Array.from(a));
    expect(a[1]).toBe(0);
    expect(a[2]).toBe(50);
    expect(a[3]).toBe(0);
    let sum = 0;
    for (let s = 0; s < 200; s++) sum += resampleDesil1([1000], [100], new SeededRandom(100 + s))[0];
    // Binomial(1000, 0.1): mean 100, sd of a mean of 200 draws ≈ 0.67
    expect(sum / 200).toBeGreaterThan(98);
    expect(sum / 200).toBeLessThan(102);
  });

  it('use a seed of their own per rerun, in the range of the seed parameter', () => {
    const seeds = Array.from({ length: 20 }, (_, r) => stabilitySeed(1, r + 1));
    expect(new Set(seeds).size).toBe(20);
    for (const s of seeds) expect(s >= 0 && s < 2 ** 31 && Number.isInteger(s)).toBe(true);
    expect(stabilitySeed(2, 1)).not.toBe(seeds[0]);
  });
});

describe('stability of desa pockets', () => {
  const { desa } = testDistrict();
  const counts = desaCounts(testHouseholds(desa, 40_000, 21, 0), desa.length);
  const options = { permutations: 199, seed: 5, alpha: 0.1, minUnits: 1 };
  const a = analyseDesaPockets({ desa, desil: counts }, options);

  it('gives each pocket and member a share of 20 reruns, the same every time', () => {
    expect(a.pockets.length).toBeGreaterThan(0);
    const s = pocketStability(a, 20);
    expect(s.runs).toBe(20);
    expect(s.pocketShare).toHaveLength(a.pockets.length);
    for (const share of s.pocketShare) expect(share >= 0 && share <= 1).toBe(true);
    for (const p of a.pockets)
      for (const u of p.memberIndex) {
        expect(s.unitShare[u]).toBeGreaterThanOrEqual(0);
        expect(s.unitShare[u]).toBeLessThanOrEqual(1);
        // shares are multiples of 1/20
        expect(Math.round(s.unitShare[u] * 20)).toBeCloseTo(s.unitShare[u] * 20, 9);
      }
    expect(pocketStability(a, 20)).toEqual(s);
  });

  it('tells a pocket that holds from one that comes and goes', () => {
    const s = pocketStability(a, 20);
    // the strongest pocket of the synthetic landscape comes back; not every member of every pocket does
    expect(s.pocketShare[0]).toBeGreaterThanOrEqual(STABLE_SHARE);
    const members = a.pockets.flatMap((p) => p.memberIndex.map((u) => s.unitShare[u]));
    expect(members.some((x) => !isStable(x))).toBe(true);
  });

  it('reruns nothing without a pocket, or with 0 reruns', () => {
    const none = analyseDesaPockets({ desa, desil: new Uint32Array(desa.length * 10) }, options);
    expect(pocketStability(none, 20)).toMatchObject({ runs: 0, seeds: [], pocketShare: [] });
    expect(pocketStability(a, 0).runs).toBe(0);
  });

  it('names the reruns in the settings line', () => {
    const line = renderMessage(pocketSettingsMessage(resolvePocketOptions(), 20), 'en');
    expect(line).toBe(
      'Gi* hot spot 95% whose own value is above the mean, α = 0.05, FDR correction (Benjamini–Hochberg); ' +
        'pockets of at least 3 units and 200 households; pockets only where the global test is significant; ' +
        'desil-1 share smoothed by empirical Bayes; 999 permutations, seed 1; stability from 20 reruns',
    );
  });
});
