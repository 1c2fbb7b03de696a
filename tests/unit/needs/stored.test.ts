/**
 * The needs data in the app's stored dataset: kept with the record (counts and row numbers only), read back
 * whole, and a damaged one dropped without losing the rest of the record.
 */
import { describe, expect, it } from 'vitest';
import { combineImports } from '../../../src/lib/import/index.ts';
import { combineNeeds } from '../../../src/lib/needs/import-needs.ts';
import { buildStoredDataset, readStoredDataset } from '../../../src/state/dataset-record.ts';
import { DESA, importFixture } from '../import/helpers.ts';

describe('needs data in the stored dataset', () => {
  it('is stored with the record and read back; a damaged one is dropped, the record kept', async () => {
    const imports = [
      await importFixture('households-problems.csv', { periode: '2025-Q1', salt: 'rahasia-uji-123' }),
    ];
    const summary = combineImports(imports, DESA, '33.24', 'Kabupaten Uji');
    const needs = {
      ...combineNeeds([imports[0].needs!], DESA.length),
      desaCodes: DESA.map((d) => d.kode_desa),
    };
    const stored = buildStoredDataset({
      id: 'n1',
      kodeKab: '33.24',
      importedAt: new Date('2026-01-02T03:04:05Z'),
      report: summary.report,
      rows: summary.desa_rows,
      hexbins: null,
      needs,
    });
    const back = readStoredDataset(structuredClone(stored))!;
    expect(back.needs).toEqual(needs);
    expect(back.needs!.issues.every((i) => i.rows.every((r) => Number.isInteger(r)))).toBe(true);
    // only codes, counts and row numbers: no text from the rows
    for (const issue of back.needs!.issues)
      expect(Object.keys(issue).sort()).toEqual(
        expect.arrayContaining(['count', 'desa', 'file', 'issue', 'periode', 'rows']),
      );
    const damaged = structuredClone(stored) as unknown as { needs: { counts: { desil: unknown } } };
    damaged.needs.counts.desil = [1, 2, 3];
    const kept = readStoredDataset(damaged)!;
    expect(kept.needs).toBeNull();
    expect(kept.rows).toEqual(stored.rows);
    // records of older versions have no needs data at all
    const older = structuredClone(stored) as unknown as Record<string, unknown>;
    delete older.needs;
    expect(readStoredDataset(older)!.needs).toBeNull();
  });
});
