import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalise } from '../../../src/lib/priority/normalise.ts';
import { apportion, setWeight, toPercentages } from '../../../src/lib/priority/weights.ts';
import { priorityIndex } from '../../../src/lib/priority/priority-index.ts';
import {
  coverageCurve,
  selectDesa,
  type SelectionRule,
  type SpreadRule,
} from '../../../src/lib/priority/select.ts';
import { dirichletDraw, shortlistRobustness } from '../../../src/lib/priority/robustness.ts';
import { parseScenario, parseScenarioText, PRESETS } from '../../../src/lib/priority/scenario.ts';
import { SeededRandom } from '../../../src/lib/random.ts';
import { renderMessage } from '../../../src/lib/messages/render.ts';

describe('normalisation', () => {
  it('min–max maps min → 0 and max → 1, lower flips it, a constant indicator is 0, missing values are 0', () => {
    expect(Array.from(normalise([2, 4, 6, null], 'minmax', 'higher'))).toEqual([0, 0.5, 1, 0]);
    expect(Array.from(normalise([2, 4, 6, null], 'minmax', 'lower'))).toEqual([1, 0.5, 0, 0]);
    expect(Array.from(normalise([3, 3, 3], 'minmax', 'higher'))).toEqual([0, 0, 0]);
    expect(Array.from(normalise([3, 3, 3], 'minmax', 'lower'))).toEqual([0, 0, 0]);
  });

  it('percentile rank gives ties the mean of their ranks, lower flips it', () => {
    expect(Array.from(normalise([10, 20, 20, 40], 'percentile', 'higher'))).toEqual([0, 0.5, 0.5, 1]);
    expect(Array.from(normalise([10, 20, 20, 40], 'percentile', 'lower'))).toEqual([1, 0.5, 0.5, 0]);
    expect(Array.from(normalise([7], 'percentile', 'higher'))).toEqual([0.5]);
  });

  it('stays in [0, 1] and keeps the order of the values (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.option(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { nil: null }), {
          minLength: 1,
          maxLength: 40,
        }),
        fc.constantFrom('minmax', 'percentile'),
        fc.constantFrom('higher', 'lower'),
        (values, method, direction) => {
          const n = normalise(values, method as 'minmax', direction as 'higher');
          for (const x of n) expect(x >= 0 && x <= 1).toBe(true);
          for (let i = 0; i < values.length; i++)
            for (let j = 0; j < values.length; j++) {
              const a = values[i];
              const b = values[j];
              if (a === null || b === null || !(a < b)) continue;
              if (direction === 'higher') expect(n[i]).toBeLessThanOrEqual(n[j]);
              else expect(n[i]).toBeGreaterThanOrEqual(n[j]);
            }
        },
      ),
      { seed: 1, numRuns: 300 },
    );
  });
});

describe('weights that always sum to 100', () => {
  it('every slider move keeps whole weights summing to 100, the moved one at the value asked (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 1, maxLength: 8 }),
        fc.array(fc.tuple(fc.nat(), fc.double({ min: -50, max: 150, noNaN: true })), {
          minLength: 1,
          maxLength: 20,
        }),
        (start, moves) => {
          let w = toPercentages(start);
          expect(w.reduce((a, b) => a + b, 0)).toBe(100);
          for (const [i, v] of moves) {
            const index = i % w.length;
            w = setWeight(w, index, v);
            expect(w.reduce((a, b) => a + b, 0)).toBe(100);
            for (const x of w) expect(Number.isInteger(x) && x >= 0 && x <= 100).toBe(true);
            if (w.length > 1) expect(w[index]).toBe(Math.min(100, Math.max(0, Math.round(v))));
          }
        },
      ),
      { seed: 4, numRuns: 500 },
    );
  });

  it('spreads the rest in proportion to the other weights, equally when they are all 0', () => {
    expect(setWeight([50, 30, 20], 0, 60)).toEqual([60, 24, 16]);
    expect(setWeight([100, 0, 0], 0, 40)).toEqual([40, 30, 30]);
    expect(apportion([1, 1, 1], 100)).toEqual([34, 33, 33]);
  });
});

describe('priority index', () => {
  it('index = Σ w·n / Σ w, contributions add up to it, ties share the best rank (1224)', () => {
    const r = priorityIndex(
      ['a', 'b', 'c', 'd'],
      [
        { values: [0, 10, 10, 20], direction: 'higher', normalise: 'minmax', weight: 60 },
        { values: [1, 1, 1, 1], direction: 'higher', normalise: 'minmax', weight: 40 },
      ],
    );
    expect(Array.from(r.index)).toEqual([0, 0.3, 0.3, 0.6]);
    expect(Array.from(r.rank)).toEqual([4, 2, 2, 1]);
    expect(Array.from(r.order)).toEqual([3, 1, 2, 0]);
    for (let d = 0; d < 4; d++)
      expect(r.contributions[0][d] + r.contributions[1][d]).toBeCloseTo(r.index[d], 15);
    expect(() =>
      priorityIndex(['a'], [{ values: [1], direction: 'higher', normalise: 'minmax', weight: 0 }]),
    ).toThrow(/every weight is 0/);
  });
});

/** Every subset of 0…n−1 (small n). */
function subsets(n: number): number[][] {
  const out: number[][] = [];
  for (let mask = 0; mask < 1 << n; mask++)
    out.push(Array.from({ length: n }, (_, i) => i).filter((i) => mask & (1 << i)));
  return out;
}

const smallDistrict = fc.record({
  index: fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 1, maxLength: 9 }),
  kec: fc.array(fc.constantFrom('K1', 'K2', 'K3'), { minLength: 9, maxLength: 9 }),
  target: fc.array(fc.integer({ min: 0, max: 50 }), { minLength: 9, maxLength: 9 }),
});

describe('selection under constraints, against brute force', () => {
  const setup = (d: { index: number[]; kec: string[]; target: number[] }) => {
    const n = d.index.length;
    const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => d.index[b] - d.index[a] || a - b);
    return { n, order, kecamatan: d.kec.slice(0, n), target: d.target.slice(0, n) };
  };

  it('"pick N" with at most / at least M per kecamatan has the best sum of index of all feasible sets', () => {
    fc.assert(
      fc.property(
        smallDistrict,
        fc.integer({ min: 1, max: 6 }),
        fc.option(fc.integer({ min: 1, max: 3 }), { nil: null }),
        fc.option(fc.integer({ min: 1, max: 2 }), { nil: null }),
        (d, N, max, min) => {
          const { n, order, kecamatan, target } = setup(d);
          const spread: SpreadRule = { maxPerKecamatan: max, minPerKecamatan: min };
          const s = selectDesa({ order, kecamatan, target }, { kind: 'top', n: N }, spread);
          const feasible = subsets(n).filter((set) => {
            const per = new Map<string, number>();
            for (const i of set) per.set(kecamatan[i], (per.get(kecamatan[i]) ?? 0) + 1);
            const kecs = new Set(kecamatan);
            const needMin = [...kecs].every(
              (k) => (per.get(k) ?? 0) >= Math.min(min ?? 0, kecamatan.filter((x) => x === k).length),
            );
            return (
              set.length === Math.min(N, n) &&
              [...per.values()].every((c) => c <= (max ?? Infinity)) &&
              needMin
            );
          });
          const best = Math.max(-1, ...feasible.map((set) => set.reduce((a, i) => a + d.index[i], 0)));
          if (s.problem.code === 'minAboveMax' || s.problem.code === 'minTooMany') {
            expect(s.chosen).toEqual([]);
            return;
          }
          if (feasible.length === 0) {
            // not enough desa within the bounds: the selection is as large as the bounds allow
            expect(s.chosen.length).toBeLessThan(Math.min(N, n));
            return;
          }
          expect(s.chosen.reduce((a, i) => a + d.index[i], 0)).toBe(best);
        },
      ),
      { seed: 8, numRuns: 400 },
    );
  });

  it('"reach X%" is the shortest top of the ranking reaching X of the target, "quota" the longest that fits', () => {
    fc.assert(
      fc.property(
        smallDistrict,
        fc.double({ min: 0.01, max: 1, noNaN: true }),
        fc.integer({ min: 0, max: 200 }),
        (d, share, quota) => {
          const { n, order, kecamatan, target } = setup(d);
          const none: SpreadRule = { maxPerKecamatan: null, minPerKecamatan: null };
          const total = order.reduce((a, i) => a + target[i], 0);
          const prefixSum = (k: number) => order.slice(0, k).reduce((a, i) => a + target[i], 0);
          const reach = selectDesa({ order, kecamatan, target }, { kind: 'reach', share }, none);
          const k = Array.from({ length: n + 1 }, (_, i) => i).find(
            (i) => prefixSum(i) >= share * total - 1e-9,
          );
          expect(reach.chosen).toEqual(order.slice(0, k));
          const q = selectDesa({ order, kecamatan, target }, { kind: 'quota', households: quota }, none);
          let longest = 0;
          while (longest < n && prefixSum(longest + 1) <= quota) longest++;
          expect(q.chosen).toEqual(order.slice(0, longest));
          expect(q.reached).toBeLessThanOrEqual(quota);
        },
      ),
      { seed: 9, numRuns: 400 },
    );
  });

  it('says when a rule cannot be met: reach 90% with at most one desa per kecamatan', () => {
    const s = selectDesa(
      { order: [0, 1, 2, 3], kecamatan: ['A', 'A', 'A', 'B'], target: [50, 30, 10, 10] },
      { kind: 'reach', share: 0.9 },
      { maxPerKecamatan: 1, minPerKecamatan: null },
    );
    expect(s.problem).toEqual({ code: 'reachNotMet', reached: 0.6, wanted: 0.9, desa: 2 });
    expect(Array.from(coverageCurve([0, 1, 2, 3], [50, 30, 10, 10]))).toEqual([0, 0.5, 0.8, 0.9, 1]);
  });
});

describe('robustness of the shortlist to the weights', () => {
  const input = (seed: number) => ({
    normalised: [
      [1, 0.8, 0.5, 0.45, 0.1, 0],
      [0, 0.2, 0.5, 0.6, 0.9, 1],
    ],
    weights: [70, 30],
    codes: ['a', 'b', 'c', 'd', 'e', 'f'],
    kecamatan: ['K', 'K', 'K', 'K', 'K', 'K'],
    target: [1, 1, 1, 1, 1, 1],
    rule: { kind: 'top', n: 3 } as SelectionRule,
    spread: { maxPerKecamatan: null, minPerKecamatan: null } as SpreadRule,
    draws: 400,
    seed,
  });

  it('is reproducible with the seed, and a desa far ahead stays in whatever the weights', () => {
    const a = shortlistRobustness(input(3));
    const b = shortlistRobustness(input(3));
    expect(a).toEqual(b);
    expect(a.selectedShare[0]).toBeGreaterThan(0.95);
    expect(a.selectedShare[5]).toBeLessThan(0.05);
    // c and d sit at the cut: in for some weights, out for others
    expect(a.selectedShare[2]).toBeGreaterThan(0.05);
    expect(a.selectedShare[2]).toBeLessThan(0.95);
    expect(a.rankLow[0]).toBe(1);
    const c = shortlistRobustness(input(4));
    expect(c.selectedShare).not.toEqual(a.selectedShare);
  });

  it('draws weights around the chosen ones: mean close to them, zero weights stay zero', () => {
    const rng = new SeededRandom(1);
    const sum = [0, 0, 0];
    for (let i = 0; i < 4000; i++)
      dirichletDraw(rng, [60, 40, 0], 30).forEach((w, k) => (sum[k] += w / 4000));
    expect(sum[0]).toBeCloseTo(0.6, 2);
    expect(sum[1]).toBeCloseTo(0.4, 2);
    expect(sum[2]).toBe(0);
  });
});

describe('scenario files (weights.json)', () => {
  it('reads the minimal file of the README with defaults for the rest', () => {
    const r = parseScenarioText(
      '{"indicators": [{"id": "share_d1", "weight": 60, "direction": "higher", "normalise": "minmax"}, {"id": "count_d1", "weight": 40, "direction": "higher", "normalise": "percentile"}]}',
      'weights.json',
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.indicators.map((i) => [i.id, i.weight, i.normalise])).toEqual([
      ['share_d1', 60, 'minmax'],
      ['count_d1', 40, 'percentile'],
    ]);
    expect(r.value.selection).toEqual({ kind: 'top', n: 20 });
    expect(r.value.shortlist).toBeNull();
    for (const p of Object.values(PRESETS)) expect(parseScenario(p, 'preset').ok).toBe(true);
  });

  it.each([
    ['not json', '{', 'priority.scenario.notJson'],
    ['no indicators', '{"indicators": []}', 'priority.scenario.noIndicators'],
    ['an unknown indicator', '{"indicators": [{"id": "share_d9"}]}', 'priority.scenario.unknownIndicator'],
    [
      'a negative weight',
      '{"indicators": [{"id": "share_d1", "weight": -1}]}',
      'priority.scenario.badWeight',
    ],
    ['weights all zero', '{"indicators": [{"id": "share_d1", "weight": 0}]}', 'priority.scenario.allZero'],
    [
      'a bad direction',
      '{"indicators": [{"id": "share_d1", "direction": "up"}]}',
      'priority.scenario.badDirection',
    ],
    [
      'a newer version',
      '{"version": 9, "indicators": [{"id": "share_d1"}]}',
      'priority.scenario.newerVersion',
    ],
    [
      'a bad rule',
      '{"indicators": [{"id": "share_d1"}], "selection": {"kind": "reach", "share": 2}}',
      'priority.scenario.badSelection',
    ],
  ])('refuses %s with one clear message in both languages', (_, text, code) => {
    const r = parseScenarioText(text, 'weights.json');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe(code);
    for (const lang of ['id', 'en'] as const) expect(renderMessage(r.error, lang)).not.toMatch(/\{\w+\}/);
  });
});
