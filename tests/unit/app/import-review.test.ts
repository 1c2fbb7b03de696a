import { describe, expect, it } from 'vitest';
import type { JoinReport } from '../../../src/lib/import/index.ts';
import { reviewImport, suggestionId } from '../../../src/state/import-review.ts';
import { importFixture } from '../import/helpers.ts';

describe('join review over several files', () => {
  it('adds up rows (read = joined + rejected), merges reasons, lists keys with their file', async () => {
    const a = await importFixture('households-names.csv', { periode: '2025-Q1' });
    const b = await importFixture('households-problems.csv', { periode: '2025-Q1' });
    const review = reviewImport([
      { key: 'a', report: a.report },
      { key: 'b', report: b.report },
    ]);
    expect(review.rowsRead).toBe(a.report.rows_read + b.report.rows_read);
    expect(review.rowsRead).toBe(review.rowsJoined + review.rowsRejected);
    expect(review.rejected.reduce((s, r) => s + r.count, 0)).toBe(review.rowsRejected);
    // Most frequent first, rows named with their file.
    expect(review.rejected.map((r) => r.count)).toEqual(
      [...review.rejected.map((r) => r.count)].sort((x, y) => y - x),
    );
    for (const r of review.rejected) {
      expect(r.rows.length).toBeLessThanOrEqual(10);
      for (const row of r.rows)
        expect(['households-names.csv', 'households-problems.csv']).toContain(row.file);
    }
    expect(review.unmatched.length).toBe(a.report.unmatched_keys.length + b.report.unmatched_keys.length);
    expect(review.files.map((f) => [f.key, f.read])).toEqual([
      ['a', a.report.rows_read],
      ['b', b.report.rows_read],
    ]);
    expect(review.identifierColumns).toContain('NAMA_KRT');
  });

  it('hides rejected suggestions and keeps the others', async () => {
    const a = await importFixture('households-names.csv', { periode: '2025-Q1' });
    const all = reviewImport([{ key: 'a', report: a.report }]);
    expect(all.suggestions.map((s) => s.nama_desa)).toEqual(['PROTOMULYA']);
    const id = suggestionId('a', a.report.name_suggestions[0]);
    expect(all.suggestions[0].id).toBe(id);
    expect(reviewImport([{ key: 'a', report: a.report }], new Set([id])).suggestions).toEqual([]);
  });

  it('lists a desa without rows for a period only when no file covering that period has rows for it', () => {
    const desa = (kode: string, periods: string[]) => ({
      kode_desa: kode,
      nama_desa: kode,
      nama_kec: 'K',
      periods,
    });
    const report = (periods: string[], without: ReturnType<typeof desa>[]) =>
      ({
        periods,
        desa_without_rows: without,
        rejected_by_reason: {},
        unmatched_keys: [],
        name_suggestions: [],
        identifier_columns_dropped: [],
        warnings: [],
        coordinates: null,
        household_key: null,
        rows_read: 0,
        rows_joined: 0,
        rows_rejected: 0,
        file: { name: periods.join('+') },
      }) as unknown as JoinReport;
    // File 1 covers Q1 (A and B lack it); file 2 covers Q1 and Q3 (A lacks Q1 and Q3, C lacks Q3).
    const review = reviewImport([
      { key: '1', report: report(['2025-Q1'], [desa('A', ['2025-Q1']), desa('B', ['2025-Q1'])]) },
      {
        key: '2',
        report: report(['2025-Q3', '2025-Q1'], [desa('A', ['2025-Q1', '2025-Q3']), desa('C', ['2025-Q3'])]),
      },
    ]);
    expect(review.periods).toEqual(['2025-Q1', '2025-Q3']);
    expect(review.desaWithoutRows.map((d) => [d.kode_desa, d.periods])).toEqual([
      ['A', ['2025-Q1', '2025-Q3']],
      ['C', ['2025-Q3']],
    ]);
  });
});

describe('join review of messy files: contradictions, sheets not read, quote repairs', () => {
  it('lists the files with contradictions, the unread sheets of a workbook and the quote repairs', async () => {
    const { importText } = await import('../import/helpers.ts');
    const { buildXlsx } = await import('../helpers/xlsx.ts');
    const conflicts = await importText(
      'KODE_DESA,DESA,KECAMATAN,DESIL\n3324012001,Cepiring,Cepiring,2\n3324012001,Blumah,Plantungan,3\n',
      'kode-nama-2025-Q1.csv',
    );
    const quotes = await importText(
      'KODE_DESA,NAMA_KRT,DESIL\n3324012001,"MBAH KARTO,3\n3324012002,SITI",4\n',
      'kutip-2025-Q1.csv',
    );
    const head = ['KODE_DESA', 'DESIL', 'PERIODE'];
    const book = buildXlsx([
      { name: 'A', rows: [head, [3324012001, 1, '2025-Q1']] },
      { name: 'B', rows: [head, [3324012002, 2, '2025-Q1']] },
    ]);
    const sheet = await importText(book, 'buku.xlsx', { sheet: 'A' });
    const review = reviewImport([
      { key: 'c', report: conflicts.report },
      { key: 'q', report: quotes.report },
      { key: 's', report: sheet.report },
    ]);
    expect(review.conflicts.map((c) => [c.fileKey, c.file, c.count, c.resolution])).toEqual([
      ['c', 'kode-nama-2025-Q1.csv', 1, 'reject'],
    ]);
    expect(review.conflicts[0].pairs[0].by_name?.nama_desa).toBe('Cepiring');
    expect(review.sheetsNotRead).toEqual([{ file: 'buku.xlsx', sheet: 'B', state: 'visible' }]);
    expect(review.quoteRepairs).toEqual([{ file: 'kutip-2025-Q1.csv', rows: 1, first_rows: [2] }]);
  });
});
