/**
 * Periods that accumulate: a second import's periods joined into the district's dataset (its rows, hexagon
 * counts, linking panels and files), a period imported again replaced, a period removed — and the linking
 * panels read back from storage.
 */
import { describe, expect, it } from 'vitest';
import { combineImports } from '../../../src/lib/import/index.ts';
import { panelsFromHouseholds } from '../../../src/lib/graduation/panel.ts';
import {
  buildStoredDataset,
  readStoredDataset,
  type StoredDataset,
} from '../../../src/state/dataset-record.ts';
import { mergePeriods, planPeriods, withoutPeriods } from '../../../src/state/dataset-periods.ts';
import { DESA, importFixture } from '../import/helpers.ts';
import { panel } from '../graduation/helpers.ts';

async function dataset(id: string, periode: string): Promise<StoredDataset> {
  const imp = await importFixture('households-names.csv', { periode, salt: 'rahasia-uji-123' });
  const summary = combineImports([imp], DESA, '33.24', 'Kabupaten Uji');
  return buildStoredDataset({
    id,
    kodeKab: '33.24',
    importedAt: new Date(`2026-01-0${id === 'a' ? 1 : 2}T00:00:00Z`),
    report: summary.report,
    rows: summary.desa_rows,
    hexbins: null,
    panels: imp.households
      ? panelsFromHouseholds(
          imp.households,
          DESA.map((d) => d.kode_desa),
        )
      : [],
  });
}

describe('periods of one dataset', () => {
  it('a new period is added: rows of both, periods in order, the id of the first dataset kept', async () => {
    const a = await dataset('a', '2025-Q3');
    const b = await dataset('b', '2025-Q1');
    expect(planPeriods(a, b)).toEqual({ added: ['2025-Q1'], overlapping: [] });
    const m = mergePeriods(a, b);
    expect(m.meta.id).toBe('a');
    expect(m.meta.periods).toEqual(['2025-Q1', '2025-Q3']);
    expect(m.rows.length).toBe(a.rows.length + b.rows.length);
    expect(m.meta.desa_rows).toBe(m.rows.length);
    expect(m.meta.rows_read).toBe(a.meta.rows_read + b.meta.rows_read);
    expect(m.report.files).toHaveLength(2);
    expect((m.panels ?? []).map((p) => p.periode).sort()).toEqual(
      [...(a.panels ?? []), ...(b.panels ?? [])].map((p) => p.periode).sort(),
    );
  });

  it('the same period again replaces it (never doubles its rows); removing a period drops its rows and files', async () => {
    const a = await dataset('a', '2025-Q3');
    const b = await dataset('b', '2025-Q1');
    const m = mergePeriods(a, b);
    const again = await dataset('c', '2025-Q3');
    expect(planPeriods(m, again)).toEqual({ added: [], overlapping: ['2025-Q3'] });
    const r = mergePeriods(m, again);
    expect(r.meta.periods).toEqual(['2025-Q1', '2025-Q3']);
    expect(r.rows.length).toBe(m.rows.length);
    expect(r.rows.filter((x) => x.periode === '2025-Q3')).toEqual(again.rows);
    const gone = withoutPeriods(r, ['2025-Q1']);
    expect(gone.meta.periods).toEqual(['2025-Q3']);
    expect(gone.rows.every((x) => x.periode === '2025-Q3')).toBe(true);
    expect(gone.report.files.every((f) => f.periods.includes('2025-Q3'))).toBe(true);
    expect((gone.panels ?? []).every((p) => p.periode === '2025-Q3')).toBe(true);
  });

  it('panels read back from storage; damaged ones are dropped, the aggregates kept', async () => {
    const codes = DESA.map((d) => d.kode_desa);
    const a = {
      ...(await dataset('a', '2025-Q3')),
      panels: [
        panel('2025-Q3', codes, [
          ['K1', 0, 1],
          ['K2', 1, 4],
        ]),
      ],
    };
    const back = readStoredDataset(structuredClone(a));
    expect(back?.panels?.[0].count).toBe(2);
    expect([...back!.panels![0].desil]).toEqual([1, 4]);
    const broken = structuredClone(a);
    broken.panels[0].desa = new Uint16Array(0);
    const read = readStoredDataset(broken);
    expect(read?.panels).toBeNull();
    expect(read?.rows.length).toBe(a.rows.length);
  });
});
