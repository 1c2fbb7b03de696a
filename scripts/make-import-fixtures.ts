/**
 * `npx tsx scripts/make-import-fixtures.ts`: writes the small synthetic fixture files of the importer's tests
 * into `tests/fixtures/import/` (committed; run again only to change them on purpose, then update the
 * expectations in `tests/unit/import/`). Every NIK, No. KK, name and address here is invented: NIK/KK use the
 * non-existent kecamatan `99`, as the synthetic generator's do.
 *
 * The fixture district (`desa.json`) is a made-up kabupaten coded 33.24 with three kecamatan; `Sukodadi` exists
 * in two of them (an ambiguous name without kecamatan).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import writeXlsxFile, { type SheetData } from 'write-excel-file/node';
import { HEADER } from '../tests/unit/import/helpers.ts';

const DIR = path.resolve(import.meta.dirname, '../tests/fixtures/import');
mkdirSync(DIR, { recursive: true });

const DESA = [
  ['33.24.01.2001', 'Blumah', '33.24.01', 'Plantungan'],
  ['33.24.01.2002', 'Kediten', '33.24.01', 'Plantungan'],
  ['33.24.01.2003', 'Tlogopayung', '33.24.01', 'Plantungan'],
  ['33.24.08.1001', 'Kutoharjo', '33.24.08', 'Kaliwungu'],
  ['33.24.08.2002', 'Sukodadi', '33.24.08', 'Kaliwungu'],
  ['33.24.08.2003', 'Protomulyo', '33.24.08', 'Kaliwungu'],
  ['33.24.12.2001', 'Cepiring', '33.24.12', 'Cepiring'],
  ['33.24.12.2002', 'Sukodadi', '33.24.12', 'Cepiring'],
  ['33.24.12.2003', 'Juwiring', '33.24.12', 'Cepiring'],
].map(([kode_desa, nama_desa, kode_kec, nama_kec]) => ({ kode_desa, nama_desa, kode_kec, nama_kec }));

/** Invented identifiers (kecamatan part 99 does not exist). */
const nik = (i: number) => `33249901${String(i).padStart(8, '0')}`;
const kk = (i: number) => `33249900${String(i).padStart(8, '0')}`;
const name = (i: number) =>
  `WARGA UJI ${['SATU', 'DUA', 'TIGA', 'EMPAT', 'LIMA', 'ENAM', 'TUJUH', 'DELAPAN', 'SEMBILAN', 'SEPULUH', 'SEBELAS', 'DUABELAS'][i % 12]} NOMOR ${i}`;
const address = (i: number) =>
  `DUSUN UJI ${(i % 3) + 1} RT ${String((i % 5) + 1).padStart(3, '0')}/RW 00${(i % 3) + 1}`;

/** Twelve valid households: [desa index, desil, size, lat, lon, pkh] (coordinates inside Kendal). */
const BASE: [number, number, number, number | null, number | null, boolean][] = [
  [0, 1, 4, -7.1469177, 109.9476345, true],
  [0, 2, 3, -7.1414838, 109.9547733, false],
  [1, 10, 1, null, null, false],
  [2, 5, 5, -7.1505895, 109.9488504, true],
  [3, 1, 2, -6.9731, 110.2521, true],
  [3, 3, 6, -6.9755, 110.2533, false],
  [4, 4, 3, -6.9911, 110.2698, false],
  [5, 7, 4, -6.9801, 110.2805, false],
  [6, 1, 5, -6.9312, 110.1502, true],
  [7, 2, 2, -6.9402, 110.1611, false],
  [8, 9, 3, -6.9503, 110.1704, false],
  [8, 6, 4, -6.9533, 110.1734, false],
];

function baseRows(decimal: ',' | '.'): string[][] {
  const num = (x: number | null) => (x === null ? '' : String(x).replace('.', decimal));
  return BASE.map(([d, desil, size, lat, lon, pkh], i) => [
    nik(i + 1),
    kk(i + 1),
    name(i + 1),
    address(i + 1),
    DESA[d].kode_desa.replace(/\./g, ''),
    DESA[d].nama_kec.toUpperCase(),
    DESA[d].nama_desa.toUpperCase(),
    String(desil),
    String(size),
    num(lat),
    num(lon),
    pkh ? 'YA' : 'TIDAK',
    '2025-Q1',
  ]);
}

function join(rows: string[][], sep: string, eol: string): string {
  return rows.map((r) => r.join(sep)).join(eol) + eol;
}

/** Windows-1252 bytes of text whose characters are all in Latin-1 (the only ones used here). */
function cp1252(text: string): Uint8Array {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c > 0xff) throw new Error(`not Latin-1: ${text[i]}`);
    out[i] = c;
  }
  return out;
}

function write(file: string, content: string | Uint8Array): void {
  writeFileSync(path.join(DIR, file), content);
}

write('desa.json', `${JSON.stringify(DESA, null, 1)}\n`);

// 1. Excel with Indonesian settings: `;`, CRLF, decimal comma, a `#` comment line, UTF-8 without BOM.
write(
  'households-semicolon-utf8-crlf.csv',
  '# DATA SINTETIS - berkas uji Kantong\r\n' + join([HEADER, ...baseRows(',')], ';', '\r\n'),
);
// 2. `,`, LF, decimal point, UTF-8 with BOM.
write('households-comma-bom-lf.csv', '\uFEFF' + join([HEADER, ...baseRows('.')], ',', '\n'));
// 3. Tab, CRLF, decimal comma, Windows-1252 (an accented name), `.txt`.
const tabRows = baseRows(',');
tabRows[0][2] = 'JOSÉ MARÍA UJI';
write('households-tab-cp1252.txt', cp1252(join([HEADER, ...tabRows], '\t', '\r\n')));
// 4. `|`, CR only (old Mac), decimal point.
write('households-pipe-cr.txt', join([HEADER, ...baseRows('.')], '|', '\r'));
// 5. `;` with decimal comma and thousands dot in an extra count column, UTF-8 BOM, CRLF.
const moneyHeader = [...HEADER, 'PENGELUARAN'];
write(
  'households-thousands.csv',
  '\uFEFF' +
    join(
      [
        moneyHeader,
        ...baseRows(',').map((r, i) => [...r, `${(i + 1) * 1000}.${String(i * 37).padStart(3, '0')},50`]),
      ],
      ';',
      '\r\n',
    ),
);

// 6. Quoted fields with separators, quotes and newlines; title rows; blank lines; duplicate header names.
{
  const header = [...HEADER.slice(0, 12), 'DESIL_NASIONAL', 'PERIODE'];
  const rows = baseRows(',').map((r) => [...r.slice(0, 12), '', r[12]]);
  const q = (s: string) => `"${s.replace(/"/g, '""')}"`;
  const lines = [
    'DATA TERPADU SOSIAL EKONOMI NASIONAL;;;',
    'KABUPATEN UJI;;;',
    '',
    header.join(';'),
    ...rows.map((r, i) => {
      const cells = [...r];
      if (i === 0) cells[3] = q('JL. MAWAR; GANG "BUNTU" RT 001\r\nRW 002');
      if (i === 1) cells[2] = q('WARGA "UJI"; SATU');
      if (i === 2) cells[6] = q('KEDITEN');
      return cells.join(';');
    }),
  ];
  lines.splice(7, 0, ''); // a blank line among the data
  lines.splice(10, 0, '', ''); // two more
  write('households-quoted.csv', lines.join('\r\n') + '\r\n');
}

// 7. Rows with problems (row numbers in comments are spreadsheet rows; the header is row 1).
{
  const ok = baseRows(',');
  const r = (i: number, patch: Partial<Record<number, string>>) => {
    const row = [...ok[i]];
    for (const [k, v] of Object.entries(patch)) row[Number(k)] = v as string;
    return row;
  };
  const rows = [
    HEADER,
    ok[0], // 2 joined
    r(1, { 7: '' }), // 3 desil_missing
    r(2, { 7: '0' }), // 4 desil_out_of_range
    r(3, { 7: '11' }), // 5 desil_out_of_range
    r(4, { 7: '3,5' }), // 6 desil_not_integer
    r(5, { 7: 'tinggi' }), // 7 desil_not_number
    r(6, { 4: '3324992001' }), // 8 kode_unknown
    r(7, { 4: '3325012001' }), // 9 kode_other_kabupaten
    r(8, { 4: '3,32401E+09' }), // 10 kode_excel_mangled
    r(9, { 4: '3.32401E+09' }), // 11 kode_excel_mangled
    r(10, { 4: '3324010000' }), // 12 kode_excel_mangled (precision lost)
    r(11, { 4: '3324010001' }), // 13 kode_bps
    ['', '', '', '', '', '', '', '', '', '', '', '', ''], // 14 empty_row
    r(0, { 12: 'kuartal kelima' }), // 15 periode_invalid
    [...ok[1].slice(0, 5)], // 16 column_count
    // The desa names agree with the codes (a code with another desa's name is a contradiction, see conflicts.ts).
    r(1, { 4: '33.24.01.2002', 6: 'KEDITEN' }), // 17 joined (dotted)
    r(2, { 4: '33 24 01 2003', 6: 'TLOGOPAYUNG' }), // 18 joined (spaced)
    r(3, { 4: "'3324012003", 7: 'Desil 4' }), // 19 joined (apostrophe, "Desil 4")
    r(4, { 4: '3324081001000' }), // 20 joined (13-digit padded)
    r(5, { 4: '33.24.8.1001', 7: '10' }), // 21 joined (unpadded kecamatan part)
    r(6, { 4: '' }), // 22 joined by name (no code, names present: SUKODADI in KALIWUNGU)
    r(7, { 4: '3324992001' }), // 23 kode_unknown again (same key)
  ];
  write('households-problems.csv', join(rows, ';', '\r\n'));
}

// 8. Names only (no code column).
{
  const header = ['NAMA_KRT', 'KECAMATAN', 'DESA', 'DESIL', 'JUMLAH_ART'];
  const rows = [
    header,
    ['WARGA UJI A', 'PLANTUNGAN', 'BLUMAH', '1', '3'], // 2 joined
    ['WARGA UJI B', 'Kec. Plantungan', 'Desa Tlogo Payoeng', '2', '4'], // 3 joined: prefixes, spaces, oe→u
    ['WARGA UJI C', 'KALIWUNGU', 'Kel. Kutoharjo', '3', '2'], // 4 joined
    ['WARGA UJI D', 'KALIWUNGU', 'PROTOMULYA', '4', '5'], // 5 nama_not_found (suggest Protomulyo)
    ['WARGA UJI E', 'KALIWUNGU', 'Protomulya', '5', '1'], // 6 nama_not_found (same key)
    ['WARGA UJI F', '', 'SUKODADI', '6', '2'], // 7 nama_ambiguous (two kecamatan)
    ['WARGA UJI G', 'CEPIRING', 'SUKODADI', '7', '3'], // 8 joined (33.24.12.2002)
    ['WARGA UJI H', 'KENDAL KOTA', 'JUWIRING', '8', '3'], // 9 kecamatan_not_found
    ['WARGA UJI I', 'CEPIRING', '', '9', '3'], // 10 nama_empty
    ['WARGA UJI J', 'CEPIRING', 'DJUWIRING', '1', '2'], // 11 joined (dj→j)
    ['WARGA UJI K', 'PLANTUNGAN', 'KEDITTEN', '2', '2'], // 12 joined (doubled letters)
    ['WARGA UJI L', 'CEPIRING', 'DESA TANPA NAMA', '3', '2'], // 13 nama_not_found (a single row: name withheld)
  ];
  write('households-names.csv', join(rows, ',', '\n'));
}

// 9. The project's own desa aggregate layout, and a variant with other column names.
{
  const desil = (base: number) => Array.from({ length: 10 }, (_, d) => base + d);
  const line = (periode: string, d: number, base: number, extra: number[] = []) => {
    const counts = desil(base);
    const total = counts.reduce((a, b) => a + b, 0);
    return [
      periode,
      DESA[d].kode_desa,
      DESA[d].nama_desa,
      DESA[d].kode_kec,
      DESA[d].nama_kec,
      total,
      ...counts,
      total * 3,
      ...extra,
    ].join(';');
  };
  const header = [
    'periode',
    'kode_desa',
    'nama_desa',
    'kode_kec',
    'nama_kec',
    'jumlah_kk',
    ...Array.from({ length: 10 }, (_, d) => `kk_desil_${d + 1}`),
    'jumlah_jiwa',
    'kk_pkh',
  ];
  const lines = [
    '# DATA SINTETIS - agregat uji',
    header.join(';'),
    line('2025-Q1', 0, 1, [5]), // 3
    line('2025-Q1', 1, 2, [6]), // 4
    line('2025-Q1', 3, 3, [7]), // 5
    line('2025-Q3', 0, 2, [8]), // 6
    ['2025-Q3', '33.24.01.2002', 'Kediten', '33.24.01', 'Plantungan', '999', ...desil(2), '10', '1'].join(
      ';',
    ), // 7 desil_sum_mismatch
    line('2025-Q3', 0, 2, [8]), // 8 duplicate_desa_periode
    ['2025-Q3', '33.24.99.2001', 'Entah', '33.24.99', 'Entah', '55', ...desil(1), '100', '0'].join(';'), // 9 kode_unknown
    [
      '2025-Q3',
      '33.24.12.2003',
      'Juwiring',
      '33.24.12',
      'Cepiring',
      '1.000',
      ...desil(95.5 as number).map(String),
      '3.000',
      '0',
    ].join(';'), // 10 count_invalid
  ];
  write('desa-aggregate.csv', lines.join('\r\n') + '\r\n');
  const variant = [
    [
      'Tahun',
      'Kode Desa/Kel',
      'Nama Desa',
      'Kecamatan',
      'Jumlah Keluarga',
      ...Array.from({ length: 10 }, (_, d) => `Desil ${d + 1}`),
      'Jumlah Jiwa',
    ],
    [
      '2025',
      '3324012001',
      'BLUMAH',
      'PLANTUNGAN',
      '1.045',
      '100',
      '101',
      '102',
      '103',
      '104',
      '105',
      '106',
      '107',
      '108',
      '109',
      '3.100',
    ],
    ['2025', '', 'Kediten', 'Plantungan', '55', ...desil(1).map(String), ''],
  ];
  write(
    'desa-aggregate-variant.csv',
    join(variant, ',', '\r\n')
      .replace(/1\.045/, '"1,045"')
      .replace(/3\.100/, '"3,100"'),
  );
}

// 10. Identifiers under innocent names (content detection) and a household key column.
write(
  'identifiers-by-content.csv',
  join(
    [
      ['ID', 'KETERANGAN', 'LOKASI', 'ID_KELUARGA', 'KODE_DESA', 'DESIL'],
      ...BASE.map(([d, desil], i) => [
        nik(i + 1),
        `08123456${String(i).padStart(4, '0')}`,
        `JL. UJI NO ${i} RT 00${(i % 3) + 1}`,
        `KEL-${1000 + i}`,
        DESA[d].kode_desa,
        String(desil),
      ]),
    ],
    ',',
    '\n',
  ),
);

// 11. Files that must be refused.
write('empty.csv', '');
write(
  'binary.bin',
  Uint8Array.from({ length: 256 }, (_, i) => (i * 151 + 7) % 256),
);
write(
  'not-households.geojson',
  JSON.stringify({
    type: 'FeatureCollection',
    features: [{ type: 'Feature', properties: { kode_desa: '33.24.01.2001' }, geometry: null }],
  }),
);
write('header-only.csv', '# DATA SINTETIS\r\nKODE_DESA;DESIL\r\n\r\n');
write(
  'no-desa-key.csv',
  join(
    [
      ['NAMA_KRT', 'DESIL', 'JUMLAH_ART'],
      ['WARGA UJI', '3', '4'],
      ['WARGA UJI DUA', '4', '2'],
    ],
    ';',
    '\r\n',
  ),
);
write(
  'no-desil.csv',
  join(
    [
      ['KODE_DESA', 'JUMLAH_ART'],
      ['3324012001', '4'],
      ['3324012002', '2'],
    ],
    ';',
    '\r\n',
  ),
);
write(
  'other-kabupaten.csv',
  join(
    [
      ['KODE_DESA', 'DESIL'],
      ['3325012001', '3'],
      ['3325012002', '4'],
      ['3325012003', '1'],
    ],
    ';',
    '\r\n',
  ),
);

// 12. XLSX: a title row, numeric codes and NIK as numbers, a date as period, a blank row, YA/TIDAK flags.
{
  const cell = (v: string | number | Date | null) =>
    v === null
      ? null
      : typeof v === 'number'
        ? { value: v, type: Number }
        : v instanceof Date
          ? { value: v, type: Date, format: 'yyyy-mm-dd' }
          : { value: v };
  const rows = [
    [cell('DATA SINTETIS - DTSEN UJI'), null, null, null, null, null, null, null],
    [
      cell('NIK'),
      cell('Nama Kepala Keluarga'),
      cell('Kode Wilayah'),
      cell('Desil Nasional'),
      cell('Jumlah ART'),
      cell('Latitude'),
      cell('Longitude'),
      cell('Periode'),
    ],
    ...BASE.slice(0, 6).map(([d, desil, size, lat, lon], i) => [
      cell(Number(nik(i + 1))),
      cell(name(i + 1)),
      cell(Number(DESA[d].kode_desa.replace(/\./g, ''))),
      cell(desil),
      cell(size),
      cell(lat),
      cell(lon),
      cell(new Date(Date.UTC(2025, 2, 31))),
    ]),
    [null, null, null, null, null, null, null, null],
    [
      cell(Number(nik(7))),
      cell(name(7)),
      cell('3,32401E+09'),
      cell(3),
      cell(2),
      null,
      null,
      cell(new Date(Date.UTC(2025, 2, 31))),
    ],
  ];
  const buffer = await writeXlsxFile(rows as unknown as SheetData).toBuffer();
  write('households.xlsx', new Uint8Array(buffer));
}

process.stdout.write(`fixtures written to ${path.relative(process.cwd(), DIR)}\n`);
