import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  classBreaks,
  classIndex,
  classify,
  type ComputedBreaksMethod,
} from '../../../src/lib/classify/breaks.ts';

const methods: ComputedBreaksMethod[] = ['natural', 'quantile', 'equal'];

describe('class breaks', () => {
  it('natural breaks split obvious groups at the gaps', () => {
    const values = [1, 2, 3, 10, 11, 12, 30, 31, 32];
    expect(classBreaks(values, 3, 'natural')).toEqual([1, 10, 30, 32]);
  });

  it('quantile and equal-interval edges', () => {
    const values = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    expect(classBreaks(values, 2, 'equal')).toEqual([0, 5, 10]);
    expect(classBreaks(values, 2, 'quantile')).toEqual([0, 5, 10]);
  });

  it('drops to the number of distinct values when there are fewer than classes', () => {
    for (const m of methods) {
      expect(classBreaks([0.2, 0.2, 0.2], 5, m)).toEqual([0.2, 0.2]);
      expect(classify([0.1, 0.2, 0.1, 0.2], 5, m).counts).toEqual([2, 2]);
    }
  });

  it('natural breaks give a distinct last value its own class', () => {
    expect(classBreaks([0.1, 0.2, 0.1, 0.2], 5, 'natural')).toEqual([0.1, 0.2, 0.2]);
  });

  it('ignores no-data values and returns no edges when nothing is left', () => {
    expect(classBreaks([null, undefined, NaN], 5, 'natural')).toEqual([]);
    const c = classify([null, 0.1, NaN, 0.3], 2, 'equal');
    expect(c.noDataCount).toBe(2);
    expect(c.counts.reduce((a, b) => a + b, 0)).toBe(2);
  });

  it('puts every value in exactly one class with monotone edges (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.constant(null)), {
          maxLength: 200,
        }),
        fc.integer({ min: 1, max: 9 }),
        fc.constantFrom(...methods),
        (values, k, method) => {
          const c = classify(values, k, method);
          for (let i = 1; i < c.edges.length - 1; i++) expect(c.edges[i]).toBeGreaterThan(c.edges[i - 1]);
          if (c.edges.length > 1) expect(c.edges.at(-1)).toBeGreaterThanOrEqual(c.edges.at(-2)!);
          const finite = values.filter((v): v is number => v !== null);
          for (const v of finite) {
            const i = classIndex(v, c.edges);
            expect(i).toBeGreaterThanOrEqual(0);
            expect(i).toBeLessThan(c.edges.length - 1);
          }
          expect(c.counts.reduce((a, b) => a + b, 0) + c.noDataCount).toBe(values.length);
          expect(c.counts.length).toBeLessThanOrEqual(k);
        },
      ),
      { seed: 1, numRuns: 300 },
    );
  });

  it('a single distinct value still forms one class that holds it', () => {
    const c = classify([5, 5, 5], 4, 'natural');
    expect(c.edges).toEqual([5, 5]);
    expect(c.counts).toEqual([3]);
  });
});
