/**
 * Household files for several kabupaten at once, imported into a set (a province `33` or a list
 * `33.24+33.25`): rows of every member join to their own desa, rows of a kabupaten outside the set are
 * rejected with their reason, and nothing is lost (rows read = joined + rejected). Property over seeded
 * random files.
 */
import { describe, expect, it } from 'vitest';
import type { DesaRef } from '../../../src/lib/import/desa-lookup.ts';
import { parseKodeDesa } from '../../../src/lib/import/desa-code.ts';
import { SeededRandom } from '../../../src/lib/random.ts';
import { DESA, HEADER, importText } from './helpers.ts';

/** The fixture kabupaten 33.24 (Kendal) copied as 33.25 (Batang) and 33.26: three kabupaten of one province. */
const NAMES: Record<string, string> = { '33.24': 'Kendal', '33.25': 'Batang', '33.26': 'Pekalongan' };
const ALL: DesaRef[] = Object.keys(NAMES).flatMap((kab) =>
  DESA.map((d) => ({
    ...d,
    kode_desa: `${kab}${d.kode_desa.slice(5)}`,
    kode_kec: `${kab}${d.kode_kec.slice(5)}`,
    nama_kab: NAMES[kab],
  })),
);

describe('household import into a set of several kabupaten', () => {
  it('a desa code of any member parses; one of another kabupaten does not', () => {
    const set = new Set(['33.24', '33.25']);
    expect(parseKodeDesa('3325012001', set)).toEqual({ status: 'ok', kode: '33.25.01.2001' });
    expect(parseKodeDesa('3326012001', set).status).toBe('other_kabupaten');
  });

  it('joins every member row to its desa; rows of other kabupaten are rejected (seeded random files)', async () => {
    const random = new SeededRandom(1633);
    for (let round = 0; round < 8; round++) {
      const set = round % 2 === 0 ? '33.24+33.25' : '33';
      const members = set === '33' ? ['33.24', '33.25', '33.26'] : ['33.24', '33.25'];
      // The set's own desa (what the app holds for the open set), and rows of all three kabupaten.
      const desa = ALL.filter((d) => members.includes(d.kode_desa.slice(0, 5)));
      const rows: string[][] = [];
      const expected = new Map<string, number>();
      let outside = 0;
      for (let r = 0; r < random.int(20, 60); r++) {
        const d = ALL[random.int(0, ALL.length - 1)];
        const kab = d.kode_desa.slice(0, 5);
        const inSet = members.includes(kab);
        if (inSet) expected.set(d.kode_desa, (expected.get(d.kode_desa) ?? 0) + 1);
        else outside++;
        rows.push([
          String(3300000000000000 + r),
          String(3300000000000000 + r),
          `Nama ${r}`,
          'Jl. Contoh',
          d.kode_desa.replace(/\./g, ''),
          d.nama_kec,
          d.nama_desa,
          String(random.int(1, 10)),
          String(random.int(1, 7)),
          '',
          '',
          'TIDAK',
          '2025-Q1',
        ]);
      }
      const csv = [HEADER, ...rows].map((r) => r.join(';')).join('\n');
      const result = await importText(csv, 'provinsi.csv', { kodeKab: set, desa, namaKab: `Set ${set}` });
      const { report } = result;
      expect(report.rows_read, `round ${round}`).toBe(rows.length);
      expect(report.rows_joined + report.rows_rejected).toBe(report.rows_read);
      expect(report.rows_joined, `round ${round}`).toBe(rows.length - outside);
      const joined = new Map<string, number>();
      for (const row of result.desa_rows)
        joined.set(row.kode_desa, (joined.get(row.kode_desa) ?? 0) + row.jumlah_kk);
      expect(joined).toEqual(expected);
    }
  });
});
