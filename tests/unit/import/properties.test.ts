/**
 * Property tests (fast-check, fixed seeds): random damage to a valid household file never crashes the importer
 * (it returns a result or throws an `ImportError`), every row read is joined or rejected, and no output — the
 * report, the aggregates, the household columns, the CSV files, an error message — ever contains a NIK-like
 * 16-digit number or a name or address from the input.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  combineImports,
  formatAreaCsv,
  formatDesaCsv,
  ImportError,
  type FileImport,
} from '../../../src/lib/import/index.ts';
import { buildXlsx } from '../helpers/xlsx.ts';
import { BASE_HOUSEHOLDS, DESA, HEADER, importText, serialise } from './helpers.ts';

const SEP = ';';
const NAMES = BASE_HOUSEHOLDS.map(
  (_, i) => `WARGA PROPERTI ${['ANTON', 'BUDI', 'CITRA', 'DEWI', 'EKO', 'FITRI'][i % 6]} ${i}`,
);
const ADDRESSES = BASE_HOUSEHOLDS.map(
  (_, i) => `DUSUN PROPERTI ${i} RT 00${(i % 5) + 1}/RW 00${(i % 3) + 1}`,
);

function baseRows(): string[][] {
  return BASE_HOUSEHOLDS.map(([d, desil, size, pkh], i) => [
    `33249901${String(i + 1).padStart(8, '0')}`,
    `33249900${String(i + 1).padStart(8, '0')}`,
    NAMES[i],
    ADDRESSES[i],
    DESA[d].kode_desa.replace(/\./g, ''),
    DESA[d].nama_kec.toUpperCase(),
    DESA[d].nama_desa.toUpperCase(),
    String(desil),
    String(size),
    i === 2 ? '' : `-7,${1000 + i}`,
    i === 2 ? '' : `110,${2000 + i}`,
    pkh ? 'YA' : 'TIDAK',
    '2025-Q1',
  ]);
}

type RowOp =
  | { op: 'drop' | 'dup'; row: number; i: number }
  | { op: 'swap'; row: number; i: number; j: number }
  | { op: 'inject'; row: number; i: number; text: string }
  | { op: 'mangle'; row: number; how: number }
  | { op: 'leak'; row: number; from: number; to: number }
  | { op: 'blank'; row: number; i: number }
  | { op: 'replace'; row: number; i: number; text: string };

const junk = fc.oneof(
  fc.constantFrom(';', '"', '\n', '\r\n', '""', ',', '\t', '|', '#', 'E+09', '3,32401E+09', '\uFEFF', '�'),
  fc.string({ maxLength: 6 }),
);
const rowOp: fc.Arbitrary<RowOp> = fc.oneof(
  fc.record({ op: fc.constantFrom('drop' as const, 'dup' as const), row: fc.nat(11), i: fc.nat(12) }),
  fc.record({ op: fc.constant('swap' as const), row: fc.nat(11), i: fc.nat(12), j: fc.nat(12) }),
  fc.record({ op: fc.constant('inject' as const), row: fc.nat(11), i: fc.nat(12), text: junk }),
  fc.record({ op: fc.constant('mangle' as const), row: fc.nat(11), how: fc.nat(5) }),
  // An identifier cell copied into a column that is read (desa name, kecamatan, code, desil, period...).
  fc.record({
    op: fc.constant('leak' as const),
    row: fc.nat(11),
    from: fc.nat(3),
    to: fc.integer({ min: 4, max: 12 }),
  }),
  fc.record({ op: fc.constant('blank' as const), row: fc.nat(11), i: fc.constantFrom(4, 4, 5, 7, 12) }),
  fc.record({ op: fc.constant('replace' as const), row: fc.nat(11), i: fc.nat(12), text: junk }),
);
const byteOp = fc.record({
  at: fc.double({ min: 0, max: 1, noNaN: true }),
  bytes: fc.uint8Array({ minLength: 1, maxLength: 4 }),
});

function mangle(code: string, how: number): string {
  return [
    `${code[0]},${code.slice(1, 6)}E+09`,
    `${code[0]}.${code.slice(1, 6)}E+09`,
    code.slice(0, 6) + '0000',
    code.slice(1),
    `${code.slice(0, 2)}.${code.slice(2, 4)}.${code.slice(4, 6)}.${code.slice(6)}`,
    `${code}000`,
  ][how];
}

function damagedFile(ops: RowOp[], bytesOps: { at: number; bytes: Uint8Array }[]): Uint8Array {
  const rows = baseRows();
  for (const o of ops) {
    const r = rows[o.row];
    if (o.op === 'drop') r.splice(o.i, 1);
    else if (o.op === 'dup') r.splice(o.i, 0, r[o.i] ?? '');
    else if (o.op === 'swap') [r[o.i], r[o.j]] = [r[o.j] ?? '', r[o.i] ?? ''];
    else if (o.op === 'inject') r[o.i] = `${r[o.i] ?? ''}${o.text}`;
    else if (o.op === 'replace') r[o.i] = o.text;
    else if (o.op === 'leak') r[o.to] = r[o.from] ?? '';
    else if (o.op === 'blank') r[o.i] = '';
    else if (o.op === 'mangle') r[4] = mangle(r[4] ?? '3324012001', o.how);
  }
  const text = `# DATA SINTETIS - uji properti\r\n${[HEADER, ...rows].map((r) => r.join(SEP)).join('\r\n')}\r\n`;
  let bytes = new TextEncoder().encode(text);
  // Random bytes go after the header line, so the file keeps a header to find.
  const headerEnd = text.indexOf('\r\n', text.indexOf('NIK_KRT')) + 2;
  for (const b of bytesOps) {
    const at = headerEnd + Math.floor(b.at * (bytes.length - headerEnd));
    const next = new Uint8Array(bytes.length + b.bytes.length);
    next.set(bytes.subarray(0, at));
    next.set(b.bytes, at);
    next.set(bytes.subarray(at), at + b.bytes.length);
    bytes = next;
  }
  return bytes;
}

/** Every text the import can put into outputs: report, rows, columns, CSV files. */
function allOutputs(result: FileImport): string {
  const summary = combineImports([result], DESA, '33.24', 'Kabupaten Uji');
  return [
    serialise(result),
    JSON.stringify(summary.report),
    formatDesaCsv(summary.desa_rows, '33.24', true),
    formatAreaCsv(summary.kecamatan_rows, '33.24', true),
    formatAreaCsv(summary.kabupaten_rows, '33.24', true),
  ].join('\n');
}

function expectClean(text: string): void {
  expect(text).not.toMatch(/\d{16}/);
  for (const v of [...NAMES, ...ADDRESSES]) expect(text).not.toContain(v);
  expect(text).not.toMatch(/WARGA PROPERTI|DUSUN PROPERTI/);
}

async function check(ops: RowOp[], bytesOps: { at: number; bytes: Uint8Array }[]): Promise<void> {
  const bytes = damagedFile(ops, bytesOps);
  let result: FileImport;
  try {
    result = await importText(bytes, 'rusak-2025-Q1.csv');
  } catch (error) {
    expect(error).toBeInstanceOf(ImportError);
    expectClean((error as ImportError).message);
    return;
  }
  const r = result.report;
  expect(r.rows_read).toBe(r.rows_joined + r.rows_rejected);
  expect(Object.values(r.rejected_by_reason).reduce((s, e) => s + (e?.count ?? 0), 0)).toBe(r.rows_rejected);
  expect(r.joined_by.kode + r.joined_by.nama + r.joined_by.nama_diterima).toBe(r.rows_joined);
  expect(result.households?.count).toBe(r.rows_joined);
  expect(result.desa_rows.reduce((s, d) => s + d.jumlah_kk, 0)).toBe(r.rows_joined);
  for (const d of result.desa_rows) expect(d.kk_desil.reduce((a, b) => a + b, 0)).toBe(d.jumlah_kk);
  expect(r.rows_read).toBeLessThanOrEqual(12 + ops.length * 4 + bytesOps.length * 4);
  expectClean(allOutputs(result));
}

describe('random damage to a valid household file', () => {
  it('cell-level damage: never a crash, every row accounted for, nothing identifying in any output', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(rowOp, { maxLength: 8 }), async (ops) => check(ops, [])),
      { seed: 20251128, numRuns: 300 },
    );
  });

  it('random bytes anywhere after the header, with cell damage', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(rowOp, { maxLength: 4 }),
        fc.array(byteOp, { minLength: 1, maxLength: 6 }),
        async (ops, b) => check(ops, b),
      ),
      { seed: 4242, numRuns: 300 },
    );
  });

  it('the undamaged file joins every row (the property is not vacuous)', async () => {
    const result = await importText(damagedFile([], []), 'utuh-2025-Q1.csv');
    expect([result.report.rows_read, result.report.rows_joined]).toEqual([12, 12]);
    expect(result.report.identifier_columns_dropped).toEqual(['NIK_KRT', 'NO_KK', 'NAMA_KRT', 'ALAMAT']);
  });

  it('arbitrary bytes as a whole file: a result or an ImportError, never another exception', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 400 }), async (bytes) => {
        try {
          const result = await importText(bytes, 'acak.csv');
          expect(result.report.rows_read).toBe(result.report.rows_joined + result.report.rows_rejected);
        } catch (error) {
          expect(error).toBeInstanceOf(ImportError);
        }
      }),
      { seed: 7, numRuns: 300 },
    );
  });
});

/**
 * Files built from a known truth (each data line: its desa, or "no desa here" for a row of another region),
 * with the damage offices' files have — region columns naming other regions, codes contradicting names, stray
 * quotes, a block of swapped columns, identifiers in random columns — in CSV or XLSX: every line is a row, every
 * row joined or rejected, no row joined to a desa other than its truth, and no identifier value anywhere.
 */
describe('random messy files from a known truth', () => {
  const GIVEN = [
    'SITI',
    'MUHAMMAD',
    'SRI',
    'AHMAD',
    'NUR',
    'TUKIJAN',
    'MARYATI',
    'DARSONO',
    'KASIYEM',
    'PAIMIN',
  ];
  const FAMILY = ['KARTOSUWIRYO', 'WIRYOSUMARTO', 'SUPRAPTO', 'HANDAYANI', 'RAHAYU', 'SETIAWAN', 'PURWANTI'];
  const COLUMNS = [
    'NIK',
    'NAMA_KRT',
    'ALAMAT',
    'KODE_DESA',
    'DESA',
    'KECAMATAN',
    'KABUPATEN',
    'PROVINSI',
    'DESIL',
  ];
  type Damage =
    | { op: 'kabupaten'; row: number; text: string }
    | { op: 'provinsi'; row: number; text: string }
    | { op: 'contradict'; row: number; other: number }
    | { op: 'quote'; row: number; open: boolean }
    | { op: 'swap'; from: number; length: number }
    | { op: 'identifier'; row: number; column: number; which: number }
    | { op: 'nocode'; row: number };
  const damage: fc.Arbitrary<Damage> = fc.oneof(
    fc.record({
      op: fc.constant('kabupaten' as const),
      row: fc.nat(29),
      text: fc.constantFrom('KAB. BATANG', 'KOTA KENDAL', '3325', 'Kabupaten Demak'),
    }),
    fc.record({
      op: fc.constant('provinsi' as const),
      row: fc.nat(29),
      text: fc.constantFrom('JAWA TIMUR', 'Prov. Jawa Barat', '35'),
    }),
    fc.record({ op: fc.constant('contradict' as const), row: fc.nat(29), other: fc.nat(8) }),
    fc.record({ op: fc.constant('quote' as const), row: fc.nat(29), open: fc.boolean() }),
    fc.record({ op: fc.constant('swap' as const), from: fc.nat(29), length: fc.integer({ min: 2, max: 8 }) }),
    fc.record({
      op: fc.constant('identifier' as const),
      row: fc.nat(29),
      column: fc.integer({ min: 3, max: 8 }),
      which: fc.nat(2),
    }),
    fc.record({ op: fc.constant('nocode' as const), row: fc.nat(29) }),
  );
  const file = fc.record({
    rows: fc.integer({ min: 8, max: 30 }),
    desa: fc.array(fc.nat(8), { minLength: 30, maxLength: 30 }),
    names: fc.array(fc.tuple(fc.nat(GIVEN.length - 1), fc.nat(FAMILY.length - 1)), {
      minLength: 30,
      maxLength: 30,
    }),
    order: fc.shuffledSubarray(
      COLUMNS.map((_, j) => j),
      { minLength: COLUMNS.length },
    ),
    separator: fc.constantFrom(';', ',', '\t'),
    xlsx: fc.boolean(),
    damage: fc.array(damage, { maxLength: 10 }),
  });

  async function checkMessy(f: Parameters<typeof build>[0]) {
    const { bytes, truth, identifiers, name } = build(f);
    let result: FileImport;
    try {
      result = await importText(bytes, name, { namaKab: 'Kabupaten Kendal' });
    } catch (error) {
      expect(error).toBeInstanceOf(ImportError);
      const message = (error as ImportError).message;
      for (const v of identifiers) expect(message).not.toContain(v);
      return;
    }
    const r = result.report;
    expect(r.rows_read).toBe(truth.length);
    expect(r.rows_read).toBe(r.rows_joined + r.rows_rejected);
    const h = result.households!;
    for (let k = 0; k < h.count; k++) {
      const t = truth[h.source_row[k] - 2];
      expect(t, `row ${h.source_row[k]} is of another region`).not.toBeNull();
      expect(DESA[h.desa[k]].kode_desa, `row ${h.source_row[k]}`).toBe(t);
    }
    const out = allOutputs(result);
    for (const v of identifiers) expect(out).not.toContain(v);
    // 16 digits not after a decimal point (shares such as 0.3333333333333333 are not identifiers).
    expect(out).not.toMatch(/(?<![\d.])\d{16}(?!\d)/);
  }

  function build(f: {
    rows: number;
    desa: number[];
    names: [number, number][];
    order: number[];
    separator: string;
    xlsx: boolean;
    damage: Damage[];
  }) {
    const n = f.rows;
    const identifiers: string[] = [];
    const rows: string[][] = [];
    const truth: (string | null)[] = [];
    for (let i = 0; i < n; i++) {
      const d = DESA[f.desa[i]];
      const person = `${GIVEN[f.names[i][0]]} ${FAMILY[f.names[i][1]]}`;
      const nik = `33249901${String(i + 1).padStart(8, '0')}`;
      const address = `DUSUN ACAK ${i} RT 00${(i % 5) + 1}/RW 00${(i % 3) + 1}`;
      identifiers.push(nik, address);
      rows.push([
        nik,
        person,
        address,
        d.kode_desa.replace(/\./g, ''),
        d.nama_desa.toUpperCase(),
        d.nama_kec.toUpperCase(),
        'KAB. KENDAL',
        'JAWA TENGAH',
        String((i % 10) + 1),
      ]);
      truth.push(d.kode_desa);
    }
    const persons = new Set<string>();
    const renamed = new Map<number, number>();
    for (const x of f.damage) {
      if (x.op === 'swap') {
        // A block of rows whose name and desa columns were exchanged: the desa column holds a person's name.
        for (let i = x.from; i < Math.min(n, x.from + x.length); i++)
          [rows[i][1], rows[i][4]] = [rows[i][4], rows[i][1]];
        continue;
      }
      if (x.row >= n) continue;
      const row = rows[x.row];
      if (x.op === 'kabupaten') {
        row[6] = x.text;
        truth[x.row] = null;
      } else if (x.op === 'provinsi') {
        row[7] = x.text;
        truth[x.row] = null;
      } else if (x.op === 'contradict') {
        const o = DESA[x.other];
        row[4] = o.nama_desa.toUpperCase();
        row[5] = o.nama_kec.toUpperCase();
        renamed.set(x.row, x.other);
      } else if (x.op === 'quote' && !f.xlsx) {
        row[1] = x.open ? `"${row[1]}` : `"MBAH" ${row[1]}`;
      } else if (x.op === 'identifier') {
        row[x.column] = [row[0], row[1], row[2]][x.which];
      } else if (x.op === 'nocode') row[3] = '';
    }
    // A row left with names only (no code) belongs where its names say: that is all the file tells.
    for (const [i, other] of renamed)
      if (rows[i][3] === '' && truth[i] !== null) truth[i] = DESA[other].kode_desa;
    // Person names now anywhere: the truth's, whichever column they moved to (never echoed).
    for (const r of rows) persons.add(r[1].replace(/^"(MBAH" )?/, ''));
    for (const [g, s] of f.names.slice(0, n)) persons.add(`${GIVEN[g]} ${FAMILY[s]}`);
    const header = f.order.map((j) => COLUMNS[j]);
    const ordered = rows.map((r) => f.order.map((j) => r[j]));
    const values = [...identifiers, ...persons];
    if (f.xlsx)
      return {
        bytes: buildXlsx([{ name: 'Data', rows: [header, ...ordered] }]),
        truth,
        identifiers: values,
        name: 'acak-2025-Q1.xlsx',
      };
    const text = [header, ...ordered].map((r) => r.join(f.separator)).join('\r\n') + '\r\n';
    return { bytes: new TextEncoder().encode(text), truth, identifiers: values, name: 'acak-2025-Q1.csv' };
  }

  it('rows read = data lines = joined + rejected, never a wrong desa, no identifier anywhere', async () => {
    await fc.assert(
      fc.asyncProperty(file, async (f) => checkMessy(f)),
      { seed: 20261201, numRuns: 250 },
    );
  });

  it('the undamaged file joins every row, in CSV and XLSX (the property is not vacuous)', async () => {
    const f = {
      rows: 9,
      desa: Array.from({ length: 30 }, (_, i) => i % 9),
      names: Array.from({ length: 30 }, (_, i) => [i % GIVEN.length, i % FAMILY.length] as [number, number]),
      order: COLUMNS.map((_, j) => j),
      separator: ';',
      damage: [] as Damage[],
    };
    for (const xlsx of [false, true]) {
      const { bytes, name } = build({ ...f, xlsx });
      const result = await importText(bytes, name, { namaKab: 'Kabupaten Kendal' });
      expect([result.report.rows_read, result.report.rows_joined]).toEqual([9, 9]);
    }
  });
});
