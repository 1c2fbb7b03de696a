/**
 * The calibration's inputs: desil drawn independently of place (with planted factors where asked), connected
 * planted clusters, and household files with their desil shuffled; and the default criterion, Gi* hot spots
 * whose own value is above the mean.
 */
import { describe, expect, it } from 'vitest';
import { pocketCandidates, parseCriterion } from '../../../src/lib/pockets/select.ts';
import { pocketCriterion } from '../../../src/lib/params/analysis.ts';
import { SeededRandom } from '../../../src/lib/random.ts';
import { kendalProfile } from '../../../src/lib/synth/calibration.ts';
import { generateHouseholds } from '../../../src/lib/synth/households.ts';
import {
  growCluster,
  independentFactors,
  randomDesilCounts,
  shuffleDesil,
} from '../../../src/lib/synth/null-model.ts';
import { selectedComponents } from '../../../src/lib/pockets/components.ts';
import { tolerantContiguityWeights } from '../../../src/lib/weights/tolerant.ts';
import { testDistrict } from '../hex/helpers.ts';

const shares = [9, 11, 10, 10, 10, 10, 10, 10, 10, 10];

describe('random desil counts', () => {
  it('keep every desa total, follow the shares, and plant a factor where asked', () => {
    const households = [2000, 2000, 0, 7];
    const plain = randomDesilCounts(households, shares, new SeededRandom(1));
    const factors = [1, 2, 1, 1];
    const planted = randomDesilCounts(households, shares, new SeededRandom(1), factors);
    for (const counts of [plain, planted])
      households.forEach((h, d) => {
        let sum = 0;
        for (let q = 0; q < 10; q++) sum += counts[d * 10 + q];
        expect(sum).toBe(h);
      });
    // desil 1 at 9%: ±1.3 points is 2 SD at 2,000 households
    expect(plain[0] / 2000).toBeGreaterThan(0.064);
    expect(plain[0] / 2000).toBeLessThan(0.116);
    expect(planted[10] / 2000).toBeGreaterThan(0.15);
    expect(planted[10] / 2000).toBeLessThan(0.21);
    expect(Array.from(randomDesilCounts(households, shares, new SeededRandom(1)))).toEqual(Array.from(plain));
  });

  it('refuse a factor that puts desil 1 above all households', () => {
    expect(() => randomDesilCounts([10], shares, new SeededRandom(1), [20])).toThrow(RangeError);
  });

  it('independent desa factors have mean 1', () => {
    const f = independentFactors(4000, 0.3, new SeededRandom(2));
    const mean = f.reduce((a, b) => a + b, 0) / f.length;
    expect(mean).toBeGreaterThan(0.98);
    expect(mean).toBeLessThan(1.02);
  });
});

describe('planted clusters', () => {
  const { desa } = testDistrict();
  const weights = tolerantContiguityWeights(desa.map((d) => d.geometry)).weights;

  it('are connected, of the size asked, and differ by seed', () => {
    const seen = new Set<string>();
    for (let seed = 1; seed <= 10; seed++) {
      const c = growCluster(weights, 10, new SeededRandom(seed))!;
      expect(c).toHaveLength(10);
      expect(new Set(c).size).toBe(10);
      const selected = new Uint8Array(desa.length);
      for (const d of c) selected[d] = 1;
      expect(selectedComponents(selected, weights)).toHaveLength(1);
      seen.add(Array.from(c).join());
    }
    expect(seen.size).toBeGreaterThan(5);
  });

  it('give null when the district is too small for them', () => {
    expect(growCluster(weights, desa.length + 1, new SeededRandom(1))).toBeNull();
  });
});

describe('shuffled desil', () => {
  it('keep households, desa and the desil shares, and move desil between places', () => {
    const { desa } = testDistrict();
    const synth = generateHouseholds('33.24', desa, kendalProfile, {
      households: 5000,
      seed: 3,
      periods: ['2025-Q3'],
      geotagShare: 0.5,
    });
    const noise = shuffleDesil(synth, 8);
    const [a, b] = [synth.periods[0], noise.periods[0]];
    expect(b.count).toBe(a.count);
    expect(b.desa).toBe(a.desa);
    expect(Array.from(b.desil).sort()).toEqual(Array.from(a.desil).sort());
    expect(Array.from(b.desil)).not.toEqual(Array.from(a.desil));
    expect(Array.from(shuffleDesil(synth, 8).periods[0].desil)).toEqual(Array.from(b.desil));
  });
});

describe('the default criterion', () => {
  it('is Gi* hot at 95% with the unit itself above the mean (no halo)', () => {
    expect(pocketCriterion('gi95-high')).toEqual({ kind: 'gi', confidence: 95, high: true });
    expect(parseCriterion('gi95-high')).toEqual({ kind: 'gi', confidence: 95, high: true });
    expect(parseCriterion('GI99-HIGH')).toEqual({ kind: 'gi', confidence: 99, high: true });
    expect(parseCriterion('gi95-low')).toBeNull();
    const labels = { clusters: [0, 0, 0, 0], giTiers: [2, 2, 3, 1], z: [0.1, -0.2, 0.3, 0.5] };
    expect(Array.from(pocketCandidates(labels, { kind: 'gi', confidence: 95, high: true }))).toEqual([
      1, 0, 1, 0,
    ]);
    expect(Array.from(pocketCandidates(labels, { kind: 'gi', confidence: 95 }))).toEqual([1, 1, 1, 0]);
    expect(() =>
      pocketCandidates({ clusters: [0], giTiers: [2] }, { kind: 'gi', confidence: 95, high: true }),
    ).toThrow(RangeError);
  });
});
