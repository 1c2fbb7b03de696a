import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { apportion } from '../../../src/lib/synth/apportion.ts';
import { aggregateByDesa, desilCounts, districtTotals } from '../../../src/lib/synth/desa-aggregate.ts';
import { cutByShares } from '../../../src/lib/synth/desil-cut.ts';
import { fakeAddress, fakeName, fakeNik, fakeNoKK } from '../../../src/lib/synth/identifiers.ts';
import { PROGRAMME_COVERAGE, programmeFlags } from '../../../src/lib/synth/programmes.ts';
import { streamSeed } from '../../../src/lib/synth/streams.ts';
import { decimalComma, kodeWilayah } from '../../../src/lib/synth/csv-format.ts';
import { SeededRandom } from '../../../src/lib/random.ts';

describe('apportion (largest remainder)', () => {
  it('splits exactly, each part within 1 of its quota', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 100_000 }),
        fc.array(fc.double({ min: 0.001, max: 1000, noNaN: true }), { minLength: 1, maxLength: 50 }),
        (total, weights) => {
          const parts = apportion(total, weights);
          const sum = weights.reduce((a, b) => a + b, 0);
          expect(parts.reduce((a, b) => a + b, 0)).toBe(total);
          parts.forEach((p, i) => expect(Math.abs(p - (total * weights[i]) / sum)).toBeLessThan(1));
        },
      ),
    );
  });

  it('is deterministic on ties and refuses bad weights', () => {
    expect(Array.from(apportion(5, [1, 1, 1, 1]))).toEqual([2, 1, 1, 1]);
    expect(() => apportion(3, [0, 0])).toThrow(/zero/);
    expect(() => apportion(3, [1, Number.NaN])).toThrow(/weight 1/);
  });
});

describe('cutByShares', () => {
  it('cuts ranks at cumulative shares: poorest first, counts within 1 of n·S', () => {
    const score = [5, 1, 4, 2, 3, 9, 8, 7, 6, 0];
    const { classOf } = cutByShares(score, [0.2, 0.3, 0.5]);
    expect(Array.from(classOf)).toEqual([3, 1, 2, 2, 2, 3, 3, 3, 3, 1]);
    const rng = new SeededRandom(3);
    const many = Array.from({ length: 10_001 }, () => rng.normal());
    const shares = [0.0935, ...Array.from({ length: 9 }, () => 0.9065 / 9)];
    const counts = new Array<number>(10).fill(0);
    for (const c of cutByShares(many, shares).classOf) counts[c - 1]++;
    counts.forEach((c, k) => expect(Math.abs(c - 10_001 * shares[k])).toBeLessThanOrEqual(1));
  });

  it('refuses shares that do not sum to 1', () => {
    expect(() => cutByShares([1, 2], [0.5, 0.4])).toThrow(/sum/);
  });
});

describe('aggregateByDesa (works on any household columns)', () => {
  it('counts households, desil, persons and flags per desa; reports unmatched and unknown desil', () => {
    const agg = aggregateByDesa(3, {
      count: 7,
      desa: [0, 0, 1, 2, 2, -1, 5],
      desil: [1, 10, 3, 1, 0, 1, 1],
      size: [4, 2, Number.NaN, 5, 1, 3, 3],
      pkh: [1, 0, 0, 1, 0, 1, 1],
      extreme: new Uint8Array([1, 0, 0, 0, 0, 0, 0]),
    });
    expect(Array.from(agg.households)).toEqual([2, 1, 2]);
    expect(desilCounts(agg, 0)).toEqual([1, 0, 0, 0, 0, 0, 0, 0, 0, 1]);
    expect(desilCounts(agg, 2)).toEqual([1, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(Array.from(agg.persons)).toEqual([6, 0, 6]);
    expect(Array.from(agg.pkh)).toEqual([1, 0, 1]);
    expect(Array.from(agg.bpnt)).toEqual([0, 0, 0]);
    expect(Array.from(agg.extreme)).toEqual([1, 0, 0]);
    expect(agg.unmatched).toBe(2);
    expect(agg.desilUnknown).toBe(1);
    const totals = districtTotals(agg);
    expect(totals.households + agg.unmatched).toBe(7);
    expect(totals.perDesil[0]).toBe(2);
  });
});

describe('fake identifiers', () => {
  it('are 16-digit NIK/No. KK shaped, in the non-existent kecamatan 99, stable per key', () => {
    expect(fakeNik('33.24', 122)).toBe('3324990100000123');
    expect(fakeNoKK('33.24', 122)).toBe('3324990000000123');
    expect(fakeNik('33.24', 0)).toMatch(/^\d{16}$/);
    expect(fakeName(122)).toBe('WARGA SINTETIS 000123');
    expect(fakeAddress(2, 2)).toBe('DUSUN SINTETIS 3 RT 002/RW 003');
    expect(() => fakeNik('3', 1)).toThrow(/4 digits/);
  });
});

describe('small helpers', () => {
  it('streams of one seed differ, and seeds map to different streams', () => {
    const seen = new Set<number>();
    for (const seed of [0, 1, 2, 3])
      for (const stream of [1, 2, 3, 100, 101]) seen.add(streamSeed(seed, stream));
    expect(seen.size).toBe(20);
    expect(streamSeed(1, 2)).toBe(streamSeed(1, 2));
  });

  it('codes and decimal commas', () => {
    expect(kodeWilayah('33.24.01.2001')).toBe('3324012001');
    expect(decimalComma(-6.98765432, 7)).toBe('-6,9876543');
    expect(decimalComma(110.1, 7)).toBe('110,1000000');
  });

  it('programme flags hold their marginal coverage by desil', () => {
    const rng = new SeededRandom(8);
    for (const desil of [1, 4, 9]) {
      let pkh = 0;
      let bpnt = 0;
      let pbi = 0;
      const n = 100_000;
      for (let k = 0; k < n; k++) {
        const f = programmeFlags(desil, rng.float(), rng.float(), rng.float());
        pkh += +f.pkh;
        bpnt += +f.bpnt;
        pbi += +f.pbiJk;
      }
      expect(pkh / n).toBeCloseTo(PROGRAMME_COVERAGE.pkh[desil - 1], 2);
      expect(bpnt / n).toBeCloseTo(PROGRAMME_COVERAGE.bpnt[desil - 1], 2);
      expect(pbi / n).toBeCloseTo(PROGRAMME_COVERAGE.pbiJk[desil - 1], 2);
    }
  });
});
