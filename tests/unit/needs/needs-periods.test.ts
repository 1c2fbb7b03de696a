/**
 * Needs data follows the periods of a dataset: joining a period adds its counts, replacing one takes the new
 * counts only, removing one leaves exactly the others (seeded random counts over a small desa list).
 */
import { describe, expect, it } from 'vitest';
import { SeededRandom } from '../../../src/lib/random.ts';
import {
  mergeNeedsPeriods,
  needsWithoutPeriods,
  type NeedsData,
} from '../../../src/lib/needs/import-needs.ts';

const DESA = 7;

function randomNeeds(rng: SeededRandom, periods: string[], flags: string[]): NeedsData {
  const size = periods.length * DESA * 10;
  const fill = () => Uint32Array.from({ length: size }, () => rng.int(0, 40));
  return {
    counts: {
      periods,
      desaCount: DESA,
      flags,
      desil: fill(),
      flagDesil: Object.fromEntries(flags.map((f) => [f, fill()])),
    },
    issues: periods.map((periode, p) => ({
      issue: 'desil_missing' as const,
      desa: p % DESA,
      periode,
      count: 1 + p,
      file: `${periode}.csv`,
      rows: [p + 2],
    })),
    checked: ['desil_missing'],
  };
}

/** The counts of one period as plain arrays, to compare across records of different period lists. */
function periodCounts(n: NeedsData, periode: string) {
  const p = n.counts.periods.indexOf(periode);
  const block = DESA * 10;
  const slice = (a: Uint32Array) => Array.from(a.subarray(p * block, (p + 1) * block));
  return {
    desil: slice(n.counts.desil),
    flags: Object.fromEntries(n.counts.flags.map((f) => [f, slice(n.counts.flagDesil[f])])),
  };
}

describe('needs data across periods', () => {
  it('join, replace and remove keep exactly the periods the dataset holds', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const rng = new SeededRandom(seed);
      const a = randomNeeds(rng, ['2025-Q1'], ['pkh', 'lantai_tanah']);
      const b = randomNeeds(rng, ['2025-Q3'], ['pkh', 'lantai_tanah']);
      const joined = mergeNeedsPeriods(a, b)!;
      expect(joined.counts.periods).toEqual(['2025-Q1', '2025-Q3']);
      expect(periodCounts(joined, '2025-Q1')).toEqual(periodCounts(a, '2025-Q1'));
      expect(periodCounts(joined, '2025-Q3')).toEqual(periodCounts(b, '2025-Q3'));
      expect(joined.checked).toContain('households_jump');

      const b2 = randomNeeds(rng, ['2025-Q3'], ['pkh', 'lantai_tanah']);
      const replaced = mergeNeedsPeriods(joined, b2)!;
      expect(periodCounts(replaced, '2025-Q3')).toEqual(periodCounts(b2, '2025-Q3'));
      expect(periodCounts(replaced, '2025-Q1')).toEqual(periodCounts(a, '2025-Q1'));
      expect(replaced.issues.filter((e) => e.periode === '2025-Q3' && e.issue === 'desil_missing')).toEqual(
        b2.issues,
      );

      const removed = needsWithoutPeriods(replaced, ['2025-Q3']);
      expect(removed.counts.periods).toEqual(['2025-Q1']);
      expect(periodCounts(removed, '2025-Q1')).toEqual(periodCounts(a, '2025-Q1'));
      expect(removed.issues).toEqual(a.issues);
      expect(removed.checked).not.toContain('households_jump');
    }
  });
});
