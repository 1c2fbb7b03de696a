/** The importer on fixture files (tests/fixtures/import, made by scripts/make-import-fixtures.ts) and in-memory files. */
import { describe, expect, it } from 'vitest';
import { renderMessage } from '../../../src/lib/messages/render.ts';
import { parseDesaAggregateTable } from '../../../src/lib/aggregate/desa-aggregate-table.ts';
import {
  combineImports,
  formatAreaCsv,
  formatDesaCsv,
  ImportError,
  inspectFile,
  transferables,
  type FileImport,
} from '../../../src/lib/import/index.ts';
import {
  BASE_HOUSEHOLDS,
  DESA,
  fixture,
  importFixture,
  importText,
  reasonRows,
  serialise,
} from './helpers.ts';

const NIK_LIKE = /\d{16}/;

/** Desa rows of the 12 base households, as the importer should aggregate them (period 2025-Q1). */
function expectedBaseRows() {
  const byDesa = new Map<number, { kk: number; desil: number[]; jiwa: number; pkh: number; pkh14: number }>();
  for (const [d, desil, size, pkh] of BASE_HOUSEHOLDS) {
    const e = byDesa.get(d) ?? { kk: 0, desil: new Array(10).fill(0), jiwa: 0, pkh: 0, pkh14: 0 };
    e.kk++;
    e.desil[desil - 1]++;
    e.jiwa += size;
    e.pkh += pkh ? 1 : 0;
    e.pkh14 += pkh && desil <= 4 ? 1 : 0;
    byDesa.set(d, e);
  }
  return [...byDesa]
    .sort((a, b) => (DESA[a[0]].kode_desa < DESA[b[0]].kode_desa ? -1 : 1))
    .map(([d, e]) => ({
      periode: '2025-Q1',
      kode_desa: DESA[d].kode_desa,
      jumlah_kk: e.kk,
      kk_desil: e.desil,
      jumlah_jiwa: e.jiwa,
      programmes: { pkh: e.pkh, pkh_desil_1_4: e.pkh14 },
    }));
}

function summary(result: FileImport) {
  return result.desa_rows.map((r) => ({
    periode: r.periode,
    kode_desa: r.kode_desa,
    jumlah_kk: r.jumlah_kk,
    kk_desil: r.kk_desil,
    jumlah_jiwa: r.jumlah_jiwa,
    programmes: r.programmes,
  }));
}

function expectNoIdentifiers(result: FileImport, forbidden: RegExp[] = [/WARGA UJI/, /DUSUN UJI/, /JOS/]) {
  const text = serialise(result);
  expect(text).not.toMatch(NIK_LIKE);
  for (const f of forbidden) expect(text).not.toMatch(f);
}

describe('the same households in every separator, encoding, line end and decimal mark', () => {
  const files: [string, Partial<FileImport['report']['file']>][] = [
    [
      'households-semicolon-utf8-crlf.csv',
      {
        encoding: 'utf-8',
        bom: false,
        separator: ';',
        newline: 'CRLF',
        header_row: 2,
        rows_before_header: 1,
        synthetic: true,
      },
    ],
    [
      'households-comma-bom-lf.csv',
      { encoding: 'utf-8', bom: true, separator: ',', newline: 'LF', header_row: 1 },
    ],
    [
      'households-tab-cp1252.txt',
      { encoding: 'windows-1252', bom: false, separator: 'tab', newline: 'CRLF' },
    ],
    ['households-pipe-cr.txt', { encoding: 'utf-8', separator: '|', newline: 'CR' }],
    ['households-thousands.csv', { encoding: 'utf-8', bom: true, separator: ';', newline: 'CRLF' }],
  ];
  for (const [name, info] of files)
    it(name, async () => {
      const result = await importFixture(name);
      const r = result.report;
      expect(r.file).toMatchObject({ ...info, format: 'csv', blank_lines: 0 });
      expect(r.file.columns[0]).toBe('NIK_KRT'); // no BOM in the first column name
      expect([r.rows_read, r.rows_joined, r.rows_rejected]).toEqual([12, 12, 0]);
      expect(r.identifier_columns_dropped).toEqual(['NIK_KRT', 'NO_KK', 'NAMA_KRT', 'ALAMAT']);
      expect(r.coordinates).toEqual({ kept: 11, swapped: 0, outside: 0, invalid: 0, missing: 1 });
      expect(summary(result)).toEqual(expectedBaseRows());
      expect(result.households?.lat?.[0]).toBe(-7.1469177);
      expectNoIdentifiers(result);
    });

  it('in all 48 combinations built in memory, with quoting where a decimal comma meets a comma separator', async () => {
    const header = ['NIK', 'NAMA', 'KODE_DESA', 'DESIL', 'JUMLAH_ART', 'LINTANG', 'BUJUR', 'PERIODE'];
    let checked = 0;
    for (const sep of [',', ';', '\t', '|'])
      for (const decimal of [',', '.'])
        for (const eol of ['\r\n', '\n'])
          for (const encoding of ['utf-8', 'utf-8-bom', 'windows-1252']) {
            const cell = (s: string) => (s.includes(sep) ? `"${s}"` : s);
            const rows = BASE_HOUSEHOLDS.map(([d, desil, size], i) => [
              `332499010000${String(i + 1).padStart(4, '0')}`,
              `WARGA UJI ${encoding === 'windows-1252' ? 'GÖNÜL' : 'ÖZIL'} ${i}`,
              DESA[d].kode_desa,
              String(desil),
              String(size),
              cell((-7 + i / 100).toFixed(4).replace('.', decimal)),
              cell((110 + i / 100).toFixed(4).replace('.', decimal)),
              '2025-Q1',
            ]);
            const text = [header, ...rows].map((r) => r.join(sep)).join(eol) + eol;
            const bytes =
              encoding === 'windows-1252'
                ? Uint8Array.from(text, (c) => c.charCodeAt(0))
                : new TextEncoder().encode((encoding === 'utf-8-bom' ? '\uFEFF' : '') + text);
            const result = await importText(bytes, `combo.csv`);
            const r = result.report;
            const label = JSON.stringify({ sep, decimal, eol, encoding });
            expect(r.file.encoding, label).toBe(encoding === 'windows-1252' ? 'windows-1252' : 'utf-8');
            expect(r.file.separator, label).toBe(sep === '\t' ? 'tab' : sep);
            expect([r.rows_read, r.rows_joined], label).toEqual([12, 12]);
            expect(r.coordinates?.kept, label).toBe(12);
            expect(Array.from(result.households?.lat ?? []), label).toEqual(
              rows.map((_, i) => Number((-7 + i / 100).toFixed(4))),
            );
            expect(
              summary(result).map((s) => s.kk_desil),
              label,
            ).toEqual(expectedBaseRows().map((s) => s.kk_desil));
            expectNoIdentifiers(result, [/WARGA UJI/, /ÖZIL|GÖNÜL/]);
            checked++;
          }
    expect(checked).toBe(48);
  });
});

describe('quoted fields, title rows, blank lines and duplicate headers', () => {
  it('reads every household and numbers rows as a spreadsheet does', async () => {
    const result = await importFixture('households-quoted.csv');
    const r = result.report;
    expect(r.file).toMatchObject({ header_row: 4, rows_before_header: 3, blank_lines: 3 });
    expect(r.file.columns.slice(-2)).toEqual(['DESIL_NASIONAL (2)', 'PERIODE']);
    expect(r.mapping.fields.desil).toBe('DESIL_NASIONAL');
    expect([r.rows_read, r.rows_joined]).toEqual([12, 12]);
    // Row 5 holds a quoted address spanning two lines; rows 8, 11 and 12 are blank.
    expect(Array.from(result.households!.source_row)).toEqual([5, 6, 7, 9, 10, 13, 14, 15, 16, 17, 18, 19]);
    expect(summary(result)).toEqual(expectedBaseRows());
    expectNoIdentifiers(result, [/WARGA/, /MAWAR/, /BUNTU/]);
  });
});

describe('rows with problems: each rejected with one reason and its row number', () => {
  it('households-problems.csv', async () => {
    const result = await importFixture('households-problems.csv');
    const r = result.report;
    expect([r.rows_read, r.rows_joined, r.rows_rejected]).toEqual([22, 7, 15]);
    expect(reasonRows(result)).toEqual({
      kode_excel_mangled: [10, 11, 12],
      desil_out_of_range: [4, 5],
      kode_unknown: [8, 23],
      column_count: [16],
      desil_missing: [3],
      desil_not_integer: [6],
      desil_not_number: [7],
      empty_row: [14],
      kode_bps: [13],
      kode_other_kabupaten: [9],
      periode_invalid: [15],
    });
    expect(r.rejected_by_reason.desil_out_of_range).toMatchObject({
      label: 'desil di luar 1–10',
      column: 'DESIL_NASIONAL',
      count: 2,
    });
    expect(r.joined_by).toEqual({ kode: 6, nama: 1, nama_diterima: 0 });
    expect(r.unmatched_keys).toEqual([
      {
        kind: 'kode',
        reason: 'kode_unknown',
        key: '3324992001',
        kecamatan: null,
        count: 2,
        first_rows: [8, 23],
      },
      {
        kind: 'kode',
        reason: 'kode_other_kabupaten',
        key: '3325012001',
        kecamatan: null,
        count: 1,
        first_rows: [9],
      },
      {
        kind: 'kode',
        reason: 'kode_excel_mangled',
        key: '3,32401E+09',
        kecamatan: null,
        count: 1,
        first_rows: [10],
      },
      {
        kind: 'kode',
        reason: 'kode_excel_mangled',
        key: '3.32401E+09',
        kecamatan: null,
        count: 1,
        first_rows: [11],
      },
      {
        kind: 'kode',
        reason: 'kode_excel_mangled',
        key: '3324010000',
        kecamatan: null,
        count: 1,
        first_rows: [12],
      },
      { kind: 'kode', reason: 'kode_bps', key: '3324010001', kecamatan: null, count: 1, first_rows: [13] },
    ]);
    expect(r.messages.map((m) => renderMessage(m, 'id'))).toContain(
      'households-problems.csv: 3 baris ditolak — ' +
        'kode desa rusak oleh Excel (notasi ilmiah seperti 3,32401E+09 atau digit hilang); format kolom sebagai teks lalu ekspor ulang' +
        ' (kolom KODE_WILAYAH); baris 10, 11, 12',
    );
    expect(r.desa_without_rows.map((d) => d.kode_desa)).toEqual([
      '33.24.08.2003',
      '33.24.12.2001',
      '33.24.12.2002',
      '33.24.12.2003',
    ]);
    expectNoIdentifiers(result);
  });

  it('matches by name when the code is unusable only when asked to (name_fallback)', async () => {
    const inspection = await inspectFile(fixture('households-problems.csv'), 'households-problems.csv');
    const result = await importFixture('households-problems.csv', {
      mapping: { ...inspection.proposal.mapping, name_fallback: true },
    });
    // Rows 8–13 and 23 have unusable codes but valid desa names.
    expect(result.report.rows_joined).toBe(14);
    expect(result.report.joined_by.nama).toBe(8);
    expect(Object.keys(result.report.rejected_by_reason).some((k) => k.startsWith('kode_'))).toBe(false);
  });
});

describe('name-only rows', () => {
  it('join by normalised names, report the rest, and suggest a misspelt name', async () => {
    const result = await importFixture('households-names.csv', { periode: '2025-Q1' });
    const r = result.report;
    expect([r.rows_read, r.rows_joined, r.rows_rejected]).toEqual([12, 6, 6]);
    expect(r.joined_by).toEqual({ kode: 0, nama: 6, nama_diterima: 0 });
    expect(reasonRows(result)).toEqual({
      nama_not_found: [5, 6, 13],
      kecamatan_not_found: [9],
      nama_ambiguous: [7],
      nama_empty: [10],
    });
    expect(r.name_suggestions).toEqual([
      {
        nama_desa: 'PROTOMULYA',
        nama_kec: 'KALIWUNGU',
        reason: 'nama_not_found',
        count: 2,
        first_rows: [5, 6],
        candidates: [
          { kode_desa: '33.24.08.2003', nama_desa: 'Protomulyo', nama_kec: 'Kaliwungu', score: 0.9 },
        ],
      },
    ]);
    // Keys seen on one row only are withheld: they could be anything, e.g. personal data in the wrong column.
    const single = r.unmatched_keys.filter((k) => k.count === 1);
    expect(single.length).toBe(3);
    expect(single.every((k) => k.key === null && k.kecamatan === null)).toBe(true);
    expect(serialise(result)).not.toMatch(/TANPA NAMA|KENDAL KOTA/);
    expect(summary(result).map((s) => [s.kode_desa, s.jumlah_kk])).toEqual([
      ['33.24.01.2001', 1],
      ['33.24.01.2002', 1],
      ['33.24.01.2003', 1],
      ['33.24.08.1001', 1],
      ['33.24.12.2002', 1],
      ['33.24.12.2003', 1],
    ]);
  });

  it('an accepted suggestion is an input to the join, never applied by itself', async () => {
    const first = await importFixture('households-names.csv', { periode: '2025-Q1' });
    const s = first.report.name_suggestions[0];
    const mapping = {
      ...first.report.mapping,
      name_matches: [{ nama_desa: s.nama_desa, nama_kec: s.nama_kec, kode_desa: s.candidates[0].kode_desa }],
    };
    const second = await importFixture('households-names.csv', { periode: '2025-Q1', mapping });
    expect(second.report.rows_joined).toBe(8);
    expect(second.report.joined_by).toEqual({ kode: 0, nama: 6, nama_diterima: 2 });
    expect(second.desa_rows.find((d) => d.kode_desa === '33.24.08.2003')?.jumlah_kk).toBe(2);
    expect(second.report.name_suggestions).toEqual([]);
    const unknown = await importFixture('households-names.csv', {
      periode: '2025-Q1',
      mapping: { ...mapping, name_matches: [{ nama_desa: 'X', kode_desa: '33.24.77.2001' }] },
    });
    expect(unknown.report.warnings.map((m) => renderMessage(m, 'id')).join('\n')).toMatch(/33\.24\.77\.2001/);
  });
});

describe('desa-level aggregate tables', () => {
  it("the project's own layout joins like households and reports bad rows", async () => {
    const result = await importFixture('desa-aggregate.csv');
    const r = result.report;
    expect(r.kind).toBe('desa_aggregate');
    expect(r.file.synthetic).toBe(true);
    expect([r.rows_read, r.rows_joined, r.rows_rejected]).toEqual([8, 4, 4]);
    expect(reasonRows(result)).toEqual({
      count_invalid: [10],
      desil_sum_mismatch: [7],
      duplicate_desa_periode: [8],
      kode_unknown: [9],
    });
    expect(result.households).toBeNull();
    expect(r.periods).toEqual(['2025-Q1', '2025-Q3']);
    // The rows that the app's own reader accepts are the same numbers.
    const own = parseDesaAggregateTable(new TextDecoder().decode(fixture('desa-aggregate.csv')));
    for (const row of result.desa_rows) {
      const same = own.rows.find((o) => o.kode_desa === row.kode_desa && o.periode === row.periode);
      expect(same, row.kode_desa).toBeDefined();
      expect(row.jumlah_kk).toBe(same!.jumlah_kk);
      expect(row.kk_desil).toEqual(same!.kk_desil);
      expect(row.jumlah_jiwa).toBe(same!.jumlah_jiwa);
      expect(row.programmes).toEqual(same!.programmes);
      expect(row.share_desil_1).toBeCloseTo(same!.kk_desil[0] / same!.jumlah_kk, 12);
    }
  });

  it('a variant with other column names, grouped thousands and a name-only row', async () => {
    const result = await importFixture('desa-aggregate-variant.csv');
    const r = result.report;
    expect(r.mapping.fields).toMatchObject({
      periode: 'Tahun',
      jumlah_kk: 'Jumlah Keluarga',
      jumlah_jiwa: 'Jumlah Jiwa',
    });
    expect([r.rows_read, r.rows_joined]).toEqual([2, 2]);
    expect(r.joined_by).toEqual({ kode: 1, nama: 1, nama_diterima: 0 });
    expect(result.desa_rows.map((d) => [d.periode, d.kode_desa, d.jumlah_kk, d.jumlah_jiwa])).toEqual([
      ['2025', '33.24.01.2001', 1045, 3100],
      ['2025', '33.24.01.2002', 55, null],
    ]);
  });
});

describe('XLSX', () => {
  it('reads the first sheet: numeric codes exact, dates as periods, NIK dropped', async () => {
    const result = await importFixture('households.xlsx');
    const r = result.report;
    expect(r.file).toMatchObject({
      format: 'xlsx',
      encoding: null,
      header_row: 2,
      blank_lines: 1,
      synthetic: true,
    });
    expect(r.identifier_columns_dropped).toEqual(['NIK', 'Nama Kepala Keluarga']);
    expect([r.rows_read, r.rows_joined, r.rows_rejected]).toEqual([7, 6, 1]);
    expect(reasonRows(result)).toEqual({ kode_excel_mangled: [10] });
    expect(r.periods).toEqual(['2025-03']);
    expect(r.coordinates?.kept).toBe(5);
    expect(summary(result).map((s) => [s.kode_desa, s.jumlah_kk])).toEqual([
      ['33.24.01.2001', 2],
      ['33.24.01.2002', 1],
      ['33.24.01.2003', 1],
      ['33.24.08.1001', 2],
    ]);
    expectNoIdentifiers(result);
  });
});

describe('identifier columns and the household key', () => {
  it('drops identifiers found by content and hashes the key column', async () => {
    const salt = 'kunci-rahasia-proyek';
    const a = await importFixture('identifiers-by-content.csv', { periode: '2025-Q1', salt });
    const r = a.report;
    expect(r.identifier_columns).toEqual([
      { column: 'ID', kind: 'nik', detected_by: 'content' },
      { column: 'KETERANGAN', kind: 'kontak', detected_by: 'content' },
      { column: 'LOKASI', kind: 'alamat', detected_by: 'content' },
    ]);
    expect(r.household_key).toEqual({ column: 'ID_KELUARGA', rows_hashed: 12, rows_without_key: 0 });
    const hashes = a.households!.key_hash!;
    expect(hashes.length).toBe(12 * 16);
    const hex = Buffer.from(hashes).toString('hex');
    expect(hex).not.toMatch(/4b454c/i); // "KEL" never appears in clear
    expect(serialise(a)).not.toMatch(/KEL-10|0812345|JL\. UJI/);
    const b = await importFixture('identifiers-by-content.csv', { periode: '2025-Q3', salt });
    expect(Buffer.from(b.households!.key_hash!).equals(Buffer.from(hashes))).toBe(true);
  });

  it('NIK mapped as the key is hashed too, and the raw column still dropped', async () => {
    const first = await importFixture('households-semicolon-utf8-crlf.csv');
    const mapping = {
      ...first.report.mapping,
      fields: { ...first.report.mapping.fields, kunci_keluarga: 'NO_KK' },
    };
    const result = await importFixture('households-semicolon-utf8-crlf.csv', {
      mapping,
      salt: 'kunci-rahasia-proyek',
    });
    expect(result.report.identifier_columns_dropped).toContain('NO_KK');
    expect(result.report.household_key?.rows_hashed).toBe(12);
    expectNoIdentifiers(result);
    await expect(importFixture('households-semicolon-utf8-crlf.csv', { mapping })).rejects.toMatchObject({
      code: 'salt_required',
    });
  });
});

describe('unusable files: one Indonesian message naming the file, nothing returned', () => {
  const cases: [string, string, RegExp][] = [
    ['empty.csv', 'empty_file', /^empty\.csv: file kosong/],
    ['binary.bin', 'binary_file', /^binary\.bin: bukan file teks atau XLSX/],
    ['not-households.geojson', 'not_a_table', /^not-households\.geojson: berisi JSON\/GeoJSON/],
    [
      'header-only.csv',
      'no_data_rows',
      /^header-only\.csv: tidak ada baris data setelah baris judul \(baris 2\)/,
    ],
    ['no-desa-key.csv', 'no_desa_key_column', /^no-desa-key\.csv: tidak ada kolom kode desa atau nama desa/],
    ['no-desil.csv', 'no_desil_column', /^no-desil\.csv: kolom desil tidak ditemukan/],
    [
      'other-kabupaten.csv',
      'nothing_joined',
      /^other-kabupaten\.csv: .*3 dari 3 baris — kode desa milik kabupaten\/kota lain \(kolom KODE_DESA\), mulai baris 2; file ini untuk kabupaten\/kota lain, bukan 33\.24\./,
    ],
  ];
  for (const [name, code, message] of cases)
    it(name, async () => {
      const error = await importFixture(name).then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(ImportError);
      expect((error as ImportError).code).toBe(code);
      expect((error as ImportError).message).toMatch(message);
      expect((error as ImportError).message).not.toContain('\n');
    });
  it('a legacy .xls, a broken XLSX and an unknown kabupaten', async () => {
    const xls = Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0]);
    await expect(importText(xls, 'lama.xls')).rejects.toMatchObject({ code: 'xls_unsupported' });
    const zip = Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 5]);
    await expect(importText(zip, 'rusak.xlsx')).rejects.toMatchObject({ code: 'xlsx_unreadable' });
    await expect(importFixture('households-comma-bom-lf.csv', { kodeKab: '33.99' })).rejects.toMatchObject({
      code: 'unknown_kabupaten',
    });
    await expect(importText('NAMA_DESA;DESIL\r\nBlumah;3\r\n', 'x.csv')).rejects.toMatchObject({
      code: 'nothing_joined',
    });
  });
});

describe('progress, cancel and transfer', () => {
  /** About 6 MB of households. */
  function bigFile(): Uint8Array {
    const lines = ['NIK;KODE_DESA;DESIL;PERIODE'];
    for (let i = 0; i < 200_000; i++)
      lines.push(`33249901${String(i).padStart(8, '0')};33.24.01.2001;${(i % 10) + 1};2025-Q1`);
    return new TextEncoder().encode(lines.join('\r\n'));
  }

  it('reports rising progress ending at 1 and returns transferable buffers', async () => {
    const seen: number[] = [];
    const result = await importText(bigFile(), 'besar.csv', { onProgress: (f) => seen.push(f) });
    expect(seen.length).toBeGreaterThanOrEqual(5);
    expect(seen.every((f, i) => f > 0 && f <= 1 && (i === 0 || f >= seen[i - 1]))).toBe(true);
    expect(seen.at(-1)).toBe(1);
    expect(result.report.rows_joined).toBe(200_000);
    const buffers = transferables(result);
    expect(buffers.length).toBe(5);
    expect(buffers.every((b) => b instanceof ArrayBuffer)).toBe(true);
    expect(new Set(buffers).size).toBe(buffers.length);
    expect(structuredClone(result.report)).toEqual(result.report);
  });

  it('stops at the next checkpoint when the signal aborts', async () => {
    const controller = new AbortController();
    const bytes = bigFile();
    const error = await importText(bytes, 'besar.csv', {
      signal: controller.signal,
      onProgress: (f) => {
        if (f < 1) controller.abort();
      },
    }).then(
      () => null,
      (e: unknown) => e,
    );
    expect((error as Error)?.name).toBe('AbortError');
    const already = new AbortController();
    already.abort();
    await expect(importText(bytes, 'besar.csv', { signal: already.signal })).rejects.toMatchObject({
      name: 'AbortError',
    });
  });
});

describe('inspection for the mapping screen', () => {
  it('proposes a mapping and previews rows with identifier cells withheld', async () => {
    const name = 'households-semicolon-utf8-crlf.csv';
    const inspection = await inspectFile(fixture(name), name);
    expect(inspection.columns).toHaveLength(13);
    expect(inspection.header_signature).toMatch(/^[0-9a-f]{16}$/);
    expect(inspection.identifier_columns.map((c) => c.column)).toEqual([
      'NIK_KRT',
      'NO_KK',
      'NAMA_KRT',
      'ALAMAT',
    ]);
    expect(inspection.proposal.missing_required).toEqual([]);
    expect(inspection.preview).toHaveLength(12);
    expect(inspection.preview[0].slice(0, 5)).toEqual([null, null, null, null, '3324012001']);
    const text = JSON.stringify(inspection);
    expect(text).not.toMatch(NIK_LIKE);
    expect(text).not.toMatch(/WARGA UJI|DUSUN UJI/);
    // Another file with the same columns in another order and case has the same signature.
    const other = await inspectFile(fixture('households-comma-bom-lf.csv'), 'b.csv');
    expect(other.header_signature).toBe(inspection.header_signature);
  });
});

describe('several files', () => {
  it('are added per desa and period, rolled up per kecamatan and kabupaten, with overlaps counted', async () => {
    const a = await importFixture('households-semicolon-utf8-crlf.csv');
    const b = await importFixture('households-comma-bom-lf.csv');
    const summary = combineImports([a, b], DESA, '3324', 'Kabupaten Uji');
    expect(summary.report.kode_kab).toBe('33.24');
    expect(summary.report.overlapping_desa_periode).toBe(a.desa_rows.length);
    expect(summary.report.rows_read).toBe(24);
    expect(summary.desa_rows.map((r) => r.jumlah_kk)).toEqual(a.desa_rows.map((r) => 2 * r.jumlah_kk));
    const kec = summary.kecamatan_rows;
    expect(kec.map((k) => [k.kode, k.nama, k.jumlah_desa, k.jumlah_kk])).toEqual([
      ['33.24.01', 'Plantungan', 3, 8],
      ['33.24.08', 'Kaliwungu', 3, 8],
      ['33.24.12', 'Cepiring', 3, 8],
    ]);
    const kab = summary.kabupaten_rows;
    expect(kab).toHaveLength(1);
    expect(kab[0]).toMatchObject({
      tingkat: 'kabupaten',
      kode: '33.24',
      nama: 'Kabupaten Uji',
      jumlah_kk: 24,
      jumlah_jiwa: 84,
    });
    expect(kab[0].kk_desil).toEqual([6, 4, 2, 2, 2, 2, 2, 0, 2, 2]);
    expect(kab[0].share_desil_1).toBeCloseTo(6 / 24, 12);
    expect(kab[0].share_desil_1_4).toBeCloseTo(14 / 24, 12);
    expect(kab[0].programmes).toEqual({
      pkh: 8,
      pkh_desil_1_4: BASE_HOUSEHOLDS.filter(([, desil, , pkh]) => pkh && desil <= 4).length * 2,
    });
    const csv = formatDesaCsv(summary.desa_rows, '33.24', true);
    const back = parseDesaAggregateTable(csv);
    expect(back.rejected).toEqual([]);
    expect(back.rows.map((r) => [r.kode_desa, r.jumlah_kk, r.jumlah_jiwa, r.programmes.pkh])).toEqual(
      summary.desa_rows.map((r) => [r.kode_desa, r.jumlah_kk, r.jumlah_jiwa, r.programmes.pkh]),
    );
    expect(formatAreaCsv(kab, '33.24', false).split('\r\n')[1]).toMatch(
      /^periode;kode_kab;nama_kab;jumlah_desa;jumlah_kk;/,
    );
  });
});
