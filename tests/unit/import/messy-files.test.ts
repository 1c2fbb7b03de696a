/**
 * Files as offices really send them (issue 10), one class of trouble per block, on small in-memory files: region
 * columns that contradict the kabupaten, codes that contradict names, identifiers in places they should not be,
 * stray quotes, workbooks with several (or hidden) sheets and two-row headers, two code columns, names written
 * the local way, and decompression bombs.
 */
import { describe, expect, it } from 'vitest';
import {
  combineImports,
  ImportError,
  inspectFile,
  sheetsToImport,
  type FileImport,
} from '../../../src/lib/import/index.ts';
import { renderMessage } from '../../../src/lib/messages/render.ts';
import type { DesaRef } from '../../../src/lib/import/desa-lookup.ts';
import { identifierFromName } from '../../../src/lib/import/column-names.ts';
import { looksLikePersonName } from '../../../src/lib/import/person-names.ts';
import { buildXlsx, buildXlsxBomb } from '../helpers/xlsx.ts';
import { DESA, fixture, importText, reasonRows, serialise } from './helpers.ts';

const KAB = { namaKab: 'Kabupaten Kendal' };
/** The fixture district plus a kecamatan named like the kabupaten (Kecamatan Kendal in Kabupaten Kendal). */
const WITH_KENDAL: DesaRef[] = [
  ...DESA,
  { kode_desa: '33.24.15.1001', nama_desa: 'Bugangin', kode_kec: '33.24.15', nama_kec: 'Kendal' },
  { kode_desa: '33.24.15.2002', nama_desa: 'Sidorejo', kode_kec: '33.24.15', nama_kec: 'Kendal' },
];

async function refusal(p: Promise<unknown>): Promise<ImportError> {
  const error = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ImportError);
  return error as ImportError;
}

const desaOf = (result: FileImport) =>
  Array.from(result.households!.desa, (i, r) => [result.households!.source_row[r], DESA[i]?.kode_desa]);

describe('1. region columns are checked: a row of another kabupaten or province is never joined', () => {
  it('a names-only row with a blank kecamatan and another kabupaten is rejected, its namesake here is not hit', async () => {
    const text = [
      'DESA;KECAMATAN;KABUPATEN;DESIL',
      'Cepiring;;KAB. BATANG;3', // 2 another kabupaten
      'Cepiring;;KAB. KENDAL;4', // 3 joined
      'Cepiring;;Kendal;5', // 4 joined (no prefix)
      'Cepiring;;KOTA KENDAL;6', // 5 a kota of that name is not Kabupaten Kendal
      'Cepiring;;33.24;7', // 6 joined by code
      'Cepiring;;3325;7', // 7 another kabupaten by code
    ].join('\n');
    const result = await importText(text, 'nama-2025-Q1.csv', KAB);
    const r = result.report;
    expect([r.rows_read, r.rows_joined, r.rows_rejected]).toEqual([6, 3, 3]);
    expect(reasonRows(result)).toEqual({ kabupaten_other: [2, 5, 7] });
    expect(r.rejected_by_reason.kabupaten_other?.column).toBe('KABUPATEN');
    expect(desaOf(result)).toEqual([
      [3, '33.24.12.2001'],
      [4, '33.24.12.2001'],
      [6, '33.24.12.2001'],
    ]);
  });

  it('province columns by name, short form or code; kabupaten by code; rows with codes too', async () => {
    const text = [
      'KODE_PROV,PROVINSI,KODE_KAB,KODE_DESA,DESIL',
      '33,JAWA TENGAH,3324,3324012001,1', // 2 joined
      '33,JATENG,33.24,3324012001,2', // 3 joined
      '35,JAWA TIMUR,3324,3324012001,3', // 4 province code and name of another province
      ',Prov. Jawa Timur,,3324012001,4', // 5 another province by name
      '33,,3325,3324012001,5', // 6 another kabupaten by code
      ',,,3324012001,6', // 7 blank region cells say nothing
    ].join('\n');
    const result = await importText(text, 'wilayah-2025-Q1.csv', KAB);
    expect(result.report.mapping.fields).toMatchObject({
      kode_prov: 'KODE_PROV',
      nama_prov: 'PROVINSI',
      kode_kab: 'KODE_KAB',
    });
    expect(reasonRows(result)).toEqual({ provinsi_other: [4, 5], kabupaten_other: [6] });
    expect(result.report.rows_joined).toBe(3);
  });

  it('a file that is all of another kabupaten is refused in one line naming the file and the column', async () => {
    const error = await refusal(
      importText('DESA;KABUPATEN;DESIL\nCepiring;KAB. BATANG;3\nBlumah;KAB. BATANG;3\n', 'batang.csv', {
        ...KAB,
        periode: '2025-Q1',
      }),
    );
    expect(error.code).toBe('nothing_joined');
    expect(error.message).toMatch(/^batang\.csv: .*kabupaten\/kota lain \(kolom KABUPATEN\)/);
    expect(error.message).not.toContain('\n');
  });
});

describe('2. a code and a name that disagree are counted, listed and decided, never joined silently', () => {
  const text = [
    'KODE_DESA,DESA,KECAMATAN,DESIL',
    '3324012001,Blumah,Plantungan,1', // 2 agrees
    '3324012001,Cepiring,Cepiring,2', // 3 the code is Blumah's, the names Cepiring's
    '3324012001,Cepiring,Cepiring,3', // 4 the same
    '3324012001,BLUMAHH,PLANTUNGAN,4', // 5 a misspelling of the code's desa: agrees
    '3324012001,Blumah,Kaliwungu,5', // 6 the kecamatan is not the code's
    '3324012001,,,6', // 7 no names: nothing to compare
  ].join('\n');

  it('by default the contradicting rows are rejected, and the review lists the pairs with their rows', async () => {
    const result = await importText(text, 'kode-nama-2025-Q1.csv');
    const r = result.report;
    expect(reasonRows(result)).toEqual({ kode_nama_conflict: [3, 4, 6] });
    expect(r.conflicts).toEqual({
      count: 3,
      resolution: 'reject',
      columns: ['DESA', 'KECAMATAN'],
      pairs: [
        {
          by_code: { kode_desa: '33.24.01.2001', nama_desa: 'Blumah', nama_kec: 'Plantungan' },
          by_name: { kode_desa: '33.24.12.2001', nama_desa: 'Cepiring', nama_kec: 'Cepiring' },
          count: 2,
          first_rows: [3, 4],
        },
        {
          by_code: { kode_desa: '33.24.01.2001', nama_desa: 'Blumah', nama_kec: 'Plantungan' },
          by_name: null,
          count: 1,
          first_rows: [6],
        },
      ],
    });
    expect(r.rows_joined).toBe(3);
  });

  it('"code wins" joins them to the code\'s desa, "name wins" to the desa the names give', async () => {
    const byCode = await importText(text, 'kode-nama-2025-Q1.csv', { onConflict: 'code' });
    expect(byCode.report.rows_joined).toBe(6);
    expect(byCode.report.conflicts?.resolution).toBe('code');
    expect(desaOf(byCode).filter(([row]) => row === 3 || row === 4)).toEqual([
      [3, '33.24.01.2001'],
      [4, '33.24.01.2001'],
    ]);
    expect(byCode.report.warnings.map((w) => w.code)).toContain('import.warning.conflictsByCode');
    const byName = await importText(text, 'kode-nama-2025-Q1.csv', {
      mapping: { ...byCode.report.mapping, on_conflict: 'name' },
    });
    expect(desaOf(byName).filter(([row]) => row === 3 || row === 4)).toEqual([
      [3, '33.24.12.2001'],
      [4, '33.24.12.2001'],
    ]);
    // Row 6: Blumah is not in Kaliwungu, so by its names it has no desa.
    expect(reasonRows(byName)).toEqual({ nama_not_found: [6] });
  });

  it('an on_conflict the mapping does not know is refused', async () => {
    const error = await refusal(
      importText(text, 'kode-nama-2025-Q1.csv', {
        mapping: { fields: { kode_desa: 'KODE_DESA', desil: 'DESIL' }, on_conflict: 'maybe' },
      }),
    );
    expect(error.code).toBe('mapping_invalid');
  });
});

describe('3. identifiers are never echoed: not from a swapped block, nor from a file without a header', () => {
  it('person names in the desa column are counted, not listed, and never suggested', async () => {
    const rows = ['NAMA_KRT;DESA;KECAMATAN;DESIL'];
    // A block of swapped columns: the desa column holds the household head's name (twice each).
    for (const name of [
      'SITI AMINAH',
      'SITI AMINAH',
      'MUHAMMAD ROFIQ',
      'MUHAMMAD ROFIQ',
      'SUPARMI',
      'SUPARMI',
    ])
      rows.push(`BLUMAH;${name};PLANTUNGAN;3`);
    rows.push(
      'WARGA X;PROTOMULYA;KALIWUNGU;2',
      'WARGA Y;PROTOMULYA;KALIWUNGU;2',
      'WARGA Z;BLUMAH;PLANTUNGAN;1',
    );
    const result = await importText(rows.join('\n'), 'tukar-2025-Q1.csv');
    const r = result.report;
    expect(r.rows_rejected).toBe(8);
    expect(r.unmatched_keys.filter((k) => k.key !== null).map((k) => k.key)).toEqual(['PROTOMULYA']);
    expect(r.unmatched_keys.filter((k) => k.key === null).reduce((s, k) => s + k.count, 0)).toBe(6);
    expect(r.name_suggestions.map((s) => s.nama_desa)).toEqual(['PROTOMULYA']);
    const out = serialise(result);
    for (const name of ['SITI', 'AMINAH', 'ROFIQ', 'SUPARMI', 'WARGA']) expect(out).not.toContain(name);
  });

  it('a file without a header row is refused without printing a household', async () => {
    const lines = ['3324012001;SITI AMINAH;JL. MAWAR RT 01;3', '3324012002;BUDI SANTOSO;JL. MELATI RT 02;4'];
    const error = await refusal(importText(lines.join('\n'), 'tanpa-judul.csv'));
    expect(error.message).toMatch(/^tanpa-judul\.csv: /);
    for (const part of ['SITI', 'AMINAH', 'MAWAR', 'BUDI', 'MELATI', '3324012001'])
      expect(error.message).not.toContain(part);
    // Data cells that look like column names (`Kel. …`, `Kec. …`) do not make a data row a header.
    const named = [
      'Kel. Kutoharjo;Kec. Kaliwungu;SITI AMINAH;3',
      'Kel. Kediten;Kec. Plantungan;BUDI SANTOSO;4',
    ];
    const other = await refusal(importText(named.join('\n'), 'tanpa-judul-2.csv'));
    expect(other.code).toBe('no_header');
    expect(renderMessage(other.detail, 'en')).toMatch(/first row holds data/);
    for (const part of ['SITI', 'AMINAH', 'BUDI', 'Kutoharjo']) expect(other.message).not.toContain(part);
  });

  it('the preview withholds person-looking cells even in a column that is kept', async () => {
    const text =
      'KODE_DESA;DESA;DESIL\n3324012001;BLUMAH;1\n3324012001;SITI AMINAH BINTI KARTO;2\n3324012002;KEDITEN;3\n';
    const inspection = await inspectFile(new TextEncoder().encode(text), 'p.csv');
    expect(inspection.preview.map((r) => r[1])).toEqual(['BLUMAH', null, 'KEDITEN']);
  });
});

describe('4. stray quotes never swallow rows', () => {
  it('an unquoted cell starting with a quote: every line is a row again, repairs listed by row', async () => {
    const text = [
      'KODE_DESA,NAMA_KRT,DESIL',
      '3324012001,"MBAH" KARTO,3', // 2 a stray quote with text after it
      '3324012002,SITI,4',
      '3324012003,"MBAH KARTO,3', // 4 a quote nothing closes until the next line's "
      '3324081001,SITI",4',
      '3324012003,BUDI,5',
    ].join('\n');
    const result = await importText(text, 'kutip-2025-Q1.csv');
    const r = result.report;
    expect([r.rows_read, r.rows_joined]).toEqual([5, 5]);
    expect(r.file.quotes).toEqual({ mode: 'tolerant', repaired_rows: 2, first_rows: [2, 4] });
    expect(desaOf(result).map(([, k]) => k)).toEqual([
      '33.24.01.2001',
      '33.24.01.2002',
      '33.24.01.2003',
      '33.24.08.1001',
      '33.24.01.2003',
    ]);
    expect(r.warnings.map((w) => w.code)).toContain('import.warning.strayQuotes');
    expect(serialise(result)).not.toMatch(/MBAH|KARTO|SITI/);
  });

  it('a stray quote far past the sample restarts the pass quote-tolerant', async () => {
    const lines = ['KODE_DESA;NAMA_KRT;DESIL'];
    for (let i = 0; i < 30_000; i++) lines.push(`3324012001;WARGA ${i};${(i % 10) + 1}`);
    lines.push('3324012002;"MBAH KARTO;3', '3324012003;SITI";4');
    for (let i = 0; i < 50; i++) lines.push(`3324012001;WARGA ${i};1`);
    const result = await importText(lines.join('\r\n') + '\r\n', 'besar-2025-Q1.csv');
    expect(result.report.rows_read).toBe(lines.length - 1);
    expect(result.report.rows_joined).toBe(lines.length - 1);
    expect(result.report.file.quotes?.mode).toBe('tolerant');
  });

  it('a legitimate cell over two lines keeps the standard reading', async () => {
    const result = await importText(fixture('households-quoted.csv'), 'households-quoted.csv');
    expect(result.report.file.quotes).toEqual({ mode: 'standard', repaired_rows: 0, first_rows: [] });
    expect(result.report.rows_read).toBe(12);
  });
});

describe('5. workbooks: every sheet accounted for, hidden sheets not read by default, two-row headers', () => {
  const head = ['KODE_DESA', 'NAMA_KRT', 'DESIL', 'PERIODE'];
  const book = buildXlsx(
    [
      {
        name: 'Lookup',
        state: 'hidden',
        rows: [
          ['KODE', 'NAMA'],
          ['3324012001', 'Blumah'],
        ],
      },
      {
        name: 'Plantungan',
        rows: [head, [3324012001, 'WARGA A', 3, '2025-Q1'], [3324012002, 'WARGA B', 4, '2025-Q1']],
      },
      { name: 'Kaliwungu', rows: [head, [3324081001, 'WARGA C', 1, '2025-Q1']] },
      {
        name: 'Rekap',
        rows: [
          ['Kecamatan', 'Jumlah'],
          ['Plantungan', 2],
        ],
      },
    ],
    { active: 0 },
  );

  it('reads the first visible sheet when the active one is hidden, and lists all sheets', async () => {
    const inspection = await inspectFile(book, 'buku.xlsx');
    expect(inspection.file.sheet).toBe('Plantungan');
    expect(inspection.sheets?.map((s) => [s.name, s.state, s.read, s.same_header])).toEqual([
      ['Lookup', 'hidden', false, false],
      ['Plantungan', 'visible', true, false],
      ['Kaliwungu', 'visible', false, true],
      ['Rekap', 'visible', false, false],
    ]);
    expect(sheetsToImport(inspection)).toEqual(['Plantungan']);
    expect(sheetsToImport(inspection, 'all')).toEqual(['Plantungan', 'Kaliwungu']);
    expect(sheetsToImport(inspection, 'Rekap')).toEqual(['Rekap']);
  });

  it('imports the sheets with the same header, each named in its messages, and says which were not read', async () => {
    const imports = [];
    for (const sheet of ['Plantungan', 'Kaliwungu'])
      imports.push(await importText(book, 'buku.xlsx', { sheet }));
    expect(imports.map((i) => [i.report.file.name, i.report.rows_joined])).toEqual([
      ['buku.xlsx [Plantungan]', 2],
      ['buku.xlsx [Kaliwungu]', 1],
    ]);
    const summary = combineImports(imports, DESA, '33.24', 'Kabupaten Uji');
    expect(summary.report.rows_joined).toBe(3);
    expect(summary.report.sheets_not_read).toEqual([
      { file: 'buku.xlsx', sheet: 'Lookup', state: 'hidden' },
      { file: 'buku.xlsx', sheet: 'Rekap', state: 'visible' },
    ]);
    const note = summary.report.warnings.find((w) => w.code === 'import.warning.sheetsNotRead');
    expect(renderMessage(note!, 'en')).toBe(
      'buku.xlsx: 2 sheets were not read: "Lookup" (hidden), "Rekap". Choose another sheet, or all sheets with the same columns, if their data is needed too.',
    );
    // A single sheet imported alone leaves the others listed.
    expect(
      combineImports([imports[0]], DESA, '33.24', 'K').report.sheets_not_read.map((s) => s.sheet),
    ).toEqual(['Lookup', 'Kaliwungu', 'Rekap']);
  });

  it("a sheet past Excel's last row is refused in one line naming the file and the sheet", async () => {
    const damaged = buildXlsx([
      { name: 'Baik', rows: [head, [3324012001, 'WARGA A', 3, '2025-Q1']] },
      { name: 'Rusak', firstRow: 1_048_577, rows: [head] },
    ]);
    const error = await refusal(importText(damaged, 'rusak.xlsx', { sheet: 'Rusak' }));
    expect(error.code).toBe('xlsx_unreadable');
    expect(error.message).toMatch(
      /^rusak\.xlsx \[Rusak\]: file XLSX tidak dapat dibaca \(XML: row 1048577 past 1048576\)\.$/,
    );
  });

  it('a sheet that is not there is refused in one line naming the file and the sheet', async () => {
    const error = await refusal(importText(book, 'buku.xlsx', { sheet: 'Cepiring' }));
    expect(error.code).toBe('sheet_not_found');
    expect(error.message).toBe(
      'buku.xlsx: lembar "Cepiring" tidak ada (lembar: Lookup, Plantungan, Kaliwungu, Rekap).',
    );
  });

  it('a merged group header above the column names, and a line break inside a header cell', async () => {
    const sheet = buildXlsx([
      {
        name: 'Data',
        merges: ['A1:B1', 'C1:D1', 'E1:E2'],
        rows: [
          ['IDENTITAS', null, 'DESA', null, 'DESIL'],
          ['NIK', 'NAMA', 'KODE', 'NAMA', null],
          ['3324990100000001', 'WARGA A', 3324012001, 'Blumah', 1],
          ['3324990100000002', 'WARGA B', 3324081001, 'Kutoharjo', 2],
        ],
      },
    ]);
    const result = await importText(sheet, 'dua-baris-2025-Q1.xlsx');
    const r = result.report;
    expect(r.file).toMatchObject({ header_row: 2, header_rows: 2 });
    expect(r.file.columns).toEqual(['NIK', 'NAMA', 'KODE DESA', 'NAMA DESA', 'DESIL']);
    expect(r.mapping.fields).toMatchObject({
      kode_desa: 'KODE DESA',
      nama_desa: 'NAMA DESA',
      desil: 'DESIL',
    });
    expect(r.identifier_columns_dropped).toEqual(['NIK', 'NAMA']);
    expect(r.rows_joined).toBe(2);
    const text = 'KODE\nDESA;DESIL\n3324012001;1\n';
    const broken = await importText(text.replace('KODE\nDESA', '"KODE\nDESA"'), 'baris-2025-Q1.csv');
    expect(broken.report.file.columns).toEqual(['KODE DESA', 'DESIL']);
    expect(broken.report.rows_joined).toBe(1);
  });
});

describe('6. of two code columns, the one whose values are in the gazetteer is proposed, and the reason says why', () => {
  it('KODE_DESA_BPS beside KODE_DESA_KEMENDAGRI', async () => {
    const text = [
      'KODE_DESA_BPS;KODE_DESA_KEMENDAGRI;DESIL',
      '3324010001;3324012001;1',
      '3324010002;3324012002;2',
      '3324010003;3324012003;3',
    ].join('\n');
    const inspection = await inspectFile(new TextEncoder().encode(text), 'dua-kode.csv', {
      desa: DESA,
      kodeKab: '33.24',
    });
    expect(inspection.proposal.mapping.fields.kode_desa).toBe('KODE_DESA_KEMENDAGRI');
    const why = inspection.proposal.fields.find((f) => f.field === 'kode_desa')!.reason;
    expect(renderMessage(why, 'en')).toBe(
      'column "KODE_DESA_KEMENDAGRI": 100% of the values in the first rows match the desa list of this kabupaten (other columns: "KODE_DESA_BPS" 0%)',
    );
    const result = await importText(text, 'dua-kode-2025-Q1.csv');
    expect(result.report.rows_joined).toBe(3);
  });
});

describe('7. names written the local way', () => {
  it('Kota Kendal and Kendal Kota are Kecamatan Kendal when the kabupaten is Kendal', async () => {
    const text =
      'DESA;KECAMATAN;DESIL\nBugangin;KOTA KENDAL;1\nSidorejo;Kendal Kota;2\nBugangin;Kec. Kota Kendal;3\n';
    const result = await importText(text, 'kota-2025-Q1.csv', { desa: WITH_KENDAL, ...KAB });
    expect(result.report.rows_joined).toBe(3);
  });

  it('the head of household under its usual names is an identifier column, never previewed', async () => {
    for (const header of [
      'KEPALA_RUMAH_TANGGA',
      'NAMA_KK',
      'KRT',
      'NAMA_ANGGOTA',
      'Nama Kepala Rumah Tangga',
    ])
      expect(identifierFromName(header), header).toBe('nama');
    const text =
      'KODE_DESA;KEPALA_RUMAH_TANGGA;KETERANGAN;DESIL\n3324012001;KARTO;SITI AMINAH;1\n3324012001;PAIMAN;H. ROSYID;2\n3324012002;SAMINI;MBAH WONGSO;3\n3324012002;SUKIR;IBU RUBIYAH;3\n';
    const inspection = await inspectFile(new TextEncoder().encode(text), 'nama.csv');
    expect(inspection.identifier_columns.map((c) => [c.column, c.detected_by])).toEqual([
      ['KEPALA_RUMAH_TANGGA', 'header'],
      ['KETERANGAN', 'content'],
    ]);
    expect(JSON.stringify(inspection)).not.toMatch(/KARTO|PAIMAN|SAMINI|SUKIR|AMINAH|ROSYID|WONGSO|RUBIYAH/);
    expect(looksLikePersonName('Sidorejo')).toBe(false);
    expect(looksLikePersonName("MA'RUF")).toBe(true);
  });
});

describe('8. decompression bombs are refused in one line, without inflating them', () => {
  it('a sheet that inflates past the limit', async () => {
    const bomb = await buildXlsxBomb(40 << 20);
    expect(bomb.length).toBeLessThan(200_000);
    const error = await refusal(importText(bomb, 'bom.xlsx'));
    expect(error.code).toBe('xlsx_too_large');
    expect(error.message).toBe(
      'bom.xlsx: bagian xl/worksheets/sheet1.xml terlalu besar setelah diekstrak (lebih dari 32 MB dan lebih dari 100 kali ukuran terkompresinya): file rusak atau "bom" kompresi; tidak dibaca.',
    );
    await expect(inspectFile(bomb, 'bom.xlsx')).rejects.toMatchObject({ code: 'xlsx_too_large' });
  });

  it('a damaged workbook is refused in one line too', async () => {
    const book = buildXlsx([
      {
        name: 'Data',
        rows: [
          ['KODE_DESA', 'DESIL'],
          [3324012001, 1],
        ],
      },
    ]);
    const cut = book.slice(0, book.length - 30);
    const error = await refusal(importText(cut, 'rusak.xlsx'));
    expect(error.code).toBe('xlsx_unreadable');
    expect(error.message).toMatch(/^rusak\.xlsx: /);
    expect(error.message).not.toContain('\n');
  });
});
