/**
 * The graduation report on seeded random panels: every household of a period is accounted for once
 * (matched, only, duplicate, ambiguous, without key), the matrix totals the matched households, and no
 * published count is 1 … k−1.
 */
import { describe, expect, it } from 'vitest';
import type { DesaAggregateRow } from '../../../src/lib/aggregate/desa-aggregate-table.ts';
import { graduationReport } from '../../../src/lib/graduation/report.ts';
import { kabupatenMatrix } from '../../../src/lib/graduation/transitions.ts';
import { SeededRandom } from '../../../src/lib/random.ts';
import { panel } from './helpers.ts';

const DESA = Array.from({ length: 12 }, (_, i) => ({
  kode_desa: `33.24.0${1 + (i % 3)}.20${String(i).padStart(2, '0')}`,
  kode_kec: `33.24.0${1 + (i % 3)}`,
  luas_km2: 4,
}));
const CODES = DESA.map((d) => d.kode_desa);

/** Random households of two periods: stayers (some moving desil), leavers, joiners, a few duplicate keys. */
function randomCase(seed: number) {
  const r = new SeededRandom(seed);
  const rand = () => r.float();
  const int = (n: number) => Math.floor(rand() * n);
  const a: [string, number, number][] = [];
  const b: [string, number, number][] = [];
  const n = 100 + int(400);
  for (let h = 0; h < n; h++) {
    const key = `K${seed}-${h}`;
    const desa = int(DESA.length);
    const desil = 1 + int(10);
    const fate = rand();
    if (fate < 0.85) a.push([key, desa, desil]);
    if (fate < 0.75)
      b.push([key, rand() < 0.05 ? int(DESA.length) : desa, Math.max(1, Math.min(10, desil + int(3) - 1))]);
    else if (fate >= 0.85) b.push([key, desa, 1 + int(10)]);
  }
  // duplicates in each period
  for (let d = 0; d < int(4); d++) a.push([...a[int(a.length)]]);
  for (let d = 0; d < int(4); d++) b.push([...b[int(b.length)]]);
  return { a, b };
}

function rowsOf(periode: string, households: [string, number, number][]): DesaAggregateRow[] {
  return DESA.map((d, i) => {
    const kk_desil = new Array(10).fill(0);
    for (const [, desa, desil] of households) if (desa === i) kk_desil[desil - 1]++;
    return {
      periode,
      kode_desa: d.kode_desa,
      jumlah_kk: kk_desil.reduce((x, y) => x + y, 0),
      kk_desil,
      jumlah_jiwa: null,
      programmes: {},
    } as unknown as DesaAggregateRow;
  });
}

describe('graduation report (seeded random panels)', () => {
  for (let seed = 1; seed <= 25; seed++)
    it(`accounts for every household, seed ${seed}`, () => {
      const { a, b } = randomCase(seed);
      const withoutKey = seed % 3;
      const r = graduationReport({
        desa: DESA,
        rows: [...rowsOf('2025-Q1', a), ...rowsOf('2025-Q3', b)],
        panels: [panel('2025-Q1', CODES, a, withoutKey), panel('2025-Q3', CODES, b)],
        base: '2025-Q1',
        comparison: '2025-Q3',
        k: 5,
      });
      const links = r.links!;
      for (const t of [links.base_tally, links.comparison_tally])
        expect(t.matched + t.only + t.duplicateRows + t.ambiguous + t.withoutKey).toBe(t.households);
      expect(links.base_tally.households).toBe(a.length + withoutKey);
      const matrix = kabupatenMatrix(links);
      expect(matrix.reduce((x, y) => x + y, 0)).toBe(links.base_tally.matched);
      // every shown count is 0 or ≥ k
      const shown = [
        ...r.matrix!.cells,
        ...r.matrix!.rowTotals,
        ...r.desa.flatMap((d) => [
          d.poor,
          d.graduated,
          d.onlyBase,
          d.onlyComparison,
          d.desil1Base,
          d.desil14Comparison,
        ]),
      ];
      for (const p of shown) if (p.kind === 'value') expect(p.value === 0 || p.value >= 5).toBe(true);
      // the duplicates are in the notes, with their counts
      if (links.comparison_tally.duplicateKeys > 0)
        expect(
          r.notes.some((n) => n.code === 'graduation.link.duplicates' && n.params?.periode === '2025-Q3'),
        ).toBe(true);
    });

  it('without panels: counts only, and a note that says why', () => {
    const { a, b } = randomCase(7);
    const r = graduationReport({
      desa: DESA,
      rows: [...rowsOf('2025-Q1', a), ...rowsOf('2025-Q3', b)],
      base: '2025-Q1',
      comparison: '2025-Q3',
      k: 5,
    });
    expect(r.matrix).toBeNull();
    expect(r.notes.map((n) => n.code)).toContain('graduation.link.noKey');
    expect(r.householdsBase).toEqual({ kind: 'value', value: a.length });
  });
});
