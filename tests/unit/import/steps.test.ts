/** The small steps of the importer: codes, names, periods, numbers, coordinates, identifiers, keys, mapping. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderMessage } from '../../../src/lib/messages/render.ts';
import { parseKodeDesa, parseKodeKecamatan } from '../../../src/lib/import/desa-code.ts';
import {
  nameSimilarity,
  normaliseDesaName,
  normaliseKecamatanName,
} from '../../../src/lib/import/desa-name.ts';
import { buildDesaLookup, matchDesaName, suggestDesa } from '../../../src/lib/import/desa-lookup.ts';
import { comparePeriode, parsePeriode, periodeFromFileName } from '../../../src/lib/import/periode.ts';
import { detectNumberFormat, parseCount, parseLocaleNumber } from '../../../src/lib/import/numbers.ts';
import {
  CoordinateStatus,
  INDONESIA_EXTENT,
  extentFromBbox,
  parseCoordinate,
  parseCoordinatePair,
  placeCoordinates,
} from '../../../src/lib/import/coordinates.ts';
import {
  detectIdentifierColumns,
  identifierFromContent,
  redactForReport,
} from '../../../src/lib/import/identifiers.ts';
import { identifierFromName, recogniseColumn } from '../../../src/lib/import/column-names.ts';
import {
  createHouseholdKeyHasher,
  KEY_HASH_BYTES,
  normaliseHouseholdKey,
} from '../../../src/lib/import/household-key.ts';
import { headerSignature, proposeMapping, validateMapping } from '../../../src/lib/import/mapping.ts';
import { flagValue, parseDesil } from '../../../src/lib/import/households.ts';
import { ImportError } from '../../../src/lib/import/errors.ts';
import { DESA } from './helpers.ts';

describe('parseKodeDesa', () => {
  const ok = (text: string) => parseKodeDesa(text, '33.24');
  it('accepts the common forms and normalises them to Kemendagri form', () => {
    for (const text of [
      '33.24.01.2001',
      '3324012001',
      '33 24 01 2001',
      '33-24-01-2001',
      '33/24/01/2001',
      ' 33.24.01.2001 ',
      "'3324012001",
      '33.24.1.2001',
      '3324012001.0',
      '3324012001,00',
      '3.324.012.001',
      '33240120010',
      '3324012001000',
    ])
      expect(ok(text), text).toEqual({ status: 'ok', kode: '33.24.01.2001' });
  });
  it('detects Excel-mangled codes and never guesses them', () => {
    for (const text of [
      '3,32401E+09',
      '3.32401E+09',
      '3.324012001E+09',
      '3.32401e9',
      '3324010000',
      '3324012000',
    ])
      expect(ok(text).status, text).toBe('excel_mangled');
  });
  it('tells BPS codes, other kabupaten and junk apart', () => {
    expect(ok('3324010001').status).toBe('bps');
    expect(ok('3325012001')).toEqual({ status: 'other_kabupaten', kode: '33.25.01.2001' });
    for (const text of ['332401', '3324990100000001', 'BLUMAH', '33.24.01', '3324012001001', '0324012001'])
      expect(ok(text).status, text).toBe('invalid');
    expect(ok('  ').status).toBe('empty');
  });
  it('reads kecamatan codes relative to the kabupaten', () => {
    expect(parseKodeKecamatan('33.24.08', '33.24')).toBe('33.24.08');
    expect(parseKodeKecamatan('332408', '33.24')).toBe('33.24.08');
    expect(parseKodeKecamatan('8', '33.24')).toBe('33.24.08');
    expect(parseKodeKecamatan('33.25.08', '33.24')).toBeNull();
    expect(parseKodeKecamatan('Kaliwungu', '33.24')).toBeNull();
  });
});

describe('desa names', () => {
  it('fold prefixes, case, spaces, punctuation, old spellings and doubled letters', () => {
    expect(normaliseDesaName('Desa Tlogo Payoeng')).toBe(normaliseDesaName('Tlogopayung'));
    expect(normaliseDesaName('Kel. Kutoharjo')).toBe('kutoharjo');
    expect(normaliseDesaName('DS. BLUMAH')).toBe('blumah');
    expect(normaliseDesaName('Tjepiring')).toBe(normaliseDesaName('Cepiring'));
    expect(normaliseDesaName('Djuwiring')).toBe(normaliseDesaName('Juwiring'));
    expect(normaliseDesaName('Kedditen')).toBe(normaliseDesaName('Kediten'));
    expect(normaliseDesaName('Desa')).toBe('desa');
    expect(normaliseKecamatanName('Kec. Kaliwungu')).toBe('kaliwungu');
    expect(normaliseDesaName('Blumah')).not.toBe(normaliseDesaName('Kediten'));
  });
  it('similarity is 1 − Levenshtein / longer length', () => {
    expect(nameSimilarity('protomulya', 'protomulyo')).toBeCloseTo(0.9, 12);
    expect(nameSimilarity('abc', 'abc')).toBe(1);
    expect(nameSimilarity('', '')).toBe(1);
    expect(nameSimilarity('abc', 'xyz')).toBe(0);
  });
  it('match within kecamatan, report ambiguity, and rank suggestions', () => {
    const lookup = buildDesaLookup(DESA, '33.24');
    expect(matchDesaName(lookup, 'Sukodadi', null)).toEqual({ status: 'ambiguous', count: 2 });
    expect(matchDesaName(lookup, 'Sukodadi', ['33.24.12'])).toEqual({ status: 'ok', index: 7 });
    expect(matchDesaName(lookup, 'Sukodadi', [])).toEqual({ status: 'kecamatan_not_found' });
    expect(matchDesaName(lookup, 'Protomulya', ['33.24.08'])).toEqual({ status: 'not_found' });
    const s = suggestDesa(lookup, 'Protomulya', ['33.24.08']);
    expect(s[0]).toEqual({
      kode_desa: '33.24.08.2003',
      nama_desa: 'Protomulyo',
      nama_kec: 'Kaliwungu',
      score: 0.9,
    });
    expect(suggestDesa(lookup, 'Zzzzzz', null)).toEqual([]);
  });
});

describe('parsePeriode', () => {
  it('normalises the usual spellings', () => {
    const cases: [string, string][] = [
      ['2025-Q1', '2025-Q1'],
      ['2025q3', '2025-Q3'],
      ['Q3 2025', '2025-Q3'],
      ['TW III 2025', '2025-Q3'],
      ['Triwulan 2 2025', '2025-Q2'],
      ['Semester I 2025', '2025-S1'],
      ['2025-S2', '2025-S2'],
      ['2025/07', '2025-07'],
      ['07-2025', '2025-07'],
      ['Juli 2025', '2025-07'],
      ['Agt-2025', '2025-08'],
      ['2025-03-31', '2025-03'],
      ['31/03/2025', '2025-03'],
      ['2025', '2025'],
    ];
    for (const [text, want] of cases) expect(parsePeriode(text), text).toBe(want);
  });
  it('refuses free text and impossible values', () => {
    for (const text of ['', 'kuartal kelima', '2025-Q5', '2025-13', '1999', 'WARGA UJI', '3324990100000001'])
      expect(parsePeriode(text), text).toBeNull();
  });
  it('reads a period from a file name and sorts periods in time order', () => {
    expect(periodeFromFileName('sintetis-dtsen-33.24-2025-Q1.csv')).toBe('2025-Q1');
    expect(periodeFromFileName('dtsen_2025_07.xlsx')).toBe('2025-07');
    expect(periodeFromFileName('DTSEN 2025 S1.csv')).toBe('2025-S1');
    expect(periodeFromFileName('dtsen-2025.csv')).toBe('2025');
    expect(periodeFromFileName('households-names.csv')).toBeNull();
    expect(['2025-Q3', '2025-07', '2024', '2025-Q1', '2025-S1'].sort(comparePeriode)).toEqual([
      '2024',
      '2025-Q1',
      '2025-S1',
      '2025-07',
      '2025-Q3',
    ]);
  });
});

describe('numbers', () => {
  it('detects the decimal and thousands separators of a column', () => {
    expect(detectNumberFormat(['-7,1469177', '109,95', null, ''])).toEqual({ decimal: ',', thousands: null });
    expect(detectNumberFormat(['-7.1469177', '109.95'])).toEqual({ decimal: '.', thousands: null });
    expect(detectNumberFormat(['1.234.567,50', '12.000,00'])).toEqual({ decimal: ',', thousands: '.' });
    expect(detectNumberFormat(['1,234,567.50'])).toEqual({ decimal: '.', thousands: ',' });
    expect(detectNumberFormat(['1.234', '12.500'], true)).toEqual({ decimal: ',', thousands: '.' });
    expect(detectNumberFormat(['1,234', '12,500'], true)).toEqual({ decimal: '.', thousands: ',' });
  });
  it('reads numbers with a format and counts in any grouping', () => {
    expect(parseLocaleNumber('1.234.567,5', { decimal: ',', thousands: '.' })).toBe(1234567.5);
    expect(parseLocaleNumber('1,234,567.5', { decimal: '.', thousands: ',' })).toBe(1234567.5);
    expect(parseLocaleNumber('-7,25', { decimal: ',', thousands: null })).toBe(-7.25);
    expect(parseLocaleNumber('abc', { decimal: ',', thousands: null })).toBeNaN();
    expect(parseCount('1.045')).toBe(1045);
    expect(parseCount('1,045')).toBe(1045);
    expect(parseCount('12,0')).toBe(12);
    expect(parseCount('12')).toBe(12);
    expect(parseCount('1.5')).toBeNull();
    expect(parseCount('-3')).toBeNull();
    expect(parseCount('')).toBeNull();
  });
  it('reads desil and flags', () => {
    expect(parseDesil('3')).toBe(3);
    expect(parseDesil('10')).toBe(10);
    expect(parseDesil(' 03 ')).toBe(3);
    expect(parseDesil('3,0')).toBe(3);
    expect(parseDesil('Desil 4')).toBe(4);
    expect(parseDesil('')).toBe('desil_missing');
    expect(parseDesil('0')).toBe('desil_out_of_range');
    expect(parseDesil('11')).toBe('desil_out_of_range');
    expect(parseDesil('3,5')).toBe('desil_not_integer');
    expect(parseDesil('tinggi')).toBe('desil_not_number');
    expect([
      flagValue('YA'),
      flagValue('tidak'),
      flagValue('1'),
      flagValue('0'),
      flagValue(''),
      flagValue('mungkin'),
    ]).toEqual([1, 0, 1, 0, 0, 2]);
  });
});

describe('coordinates', () => {
  it('parses single values and pairs', () => {
    expect(parseCoordinate('-7,1469177')).toBe(-7.1469177);
    expect(parseCoordinate(' 110.25 ')).toBe(110.25);
    expect(parseCoordinate("'-6.9")).toBe(-6.9);
    for (const t of ['', '-', '1,2,3', '1.2.3', '1,2.3', '1e5', 'utara'])
      expect(parseCoordinate(t), t).toBeNaN();
    expect(parseCoordinatePair('-6.98, 110.12')).toEqual([-6.98, 110.12]);
    expect(parseCoordinatePair('-6,98, 110,12')).toEqual([-6.98, 110.12]);
    expect(parseCoordinatePair('-6,98;110,12')).toEqual([-6.98, 110.12]);
    expect(parseCoordinatePair('-6.98,110.12')).toEqual([-6.98, 110.12]);
    expect(parseCoordinatePair('(-6.98 110.12)')).toEqual([-6.98, 110.12]);
    expect(parseCoordinatePair('-6.98')).toBeNull();
  });
  it('keeps valid pairs, swaps back swapped ones, drops the rest', () => {
    const extent = extentFromBbox([109.9, -7.2, 110.4, -6.9]);
    const out = new Float64Array(2);
    expect(placeCoordinates(-7.0, 110.0, extent, out)).toBe(CoordinateStatus.Valid);
    expect(Array.from(out)).toEqual([-7.0, 110.0]);
    expect(placeCoordinates(110.1, -7.1, extent, out)).toBe(CoordinateStatus.Swapped);
    expect(Array.from(out)).toEqual([-7.1, 110.1]);
    expect(placeCoordinates(-6.2, 106.8, extent, out)).toBe(CoordinateStatus.Outside);
    expect(placeCoordinates(48.8, 2.3, extent, out)).toBe(CoordinateStatus.Invalid);
    expect(placeCoordinates(Number.NaN, Number.NaN, extent, out)).toBe(CoordinateStatus.Missing);
    expect(placeCoordinates(-7.0, Number.NaN, INDONESIA_EXTENT, out)).toBe(CoordinateStatus.Invalid);
  });
});

describe('identifiers', () => {
  it('are recognised by header', () => {
    for (const name of [
      'NIK',
      'NIK_KRT',
      'nik kepala keluarga',
      'No. KK',
      'NOMOR_KK',
      'NAMA',
      'NAMA_KRT',
      'Nama Kepala Keluarga',
      'ALAMAT',
      'alamat_lengkap',
      'RT/RW',
      'JALAN',
      'TGL_LAHIR',
      'NO_HP',
      'No Peserta BPJS',
    ])
      expect(identifierFromName(name), name).toBeDefined();
    for (const name of [
      'NAMA_DESA',
      'Nama Kecamatan',
      'KODE_DESA',
      'DESIL',
      'JUMLAH_KK',
      'KK_PKH',
      'PKH',
      'STATUS_NIKAH',
      'KECAMATAN',
    ])
      expect(identifierFromName(name), name).toBeUndefined();
  });
  it('are recognised by content under innocent headers', () => {
    expect(identifierFromContent(['3324990100000001', '3324990100000002', ' 3324 9901 0000 0003 ', ''])).toBe(
      'nik',
    );
    expect(identifierFromContent(['3.32499E+15', '3,32499E+15', '3.32499E+15'])).toBe('nik');
    expect(identifierFromContent(['081234567890', '+6281234567891', '0812345678'])).toBe('kontak');
    expect(identifierFromContent(['JL. MAWAR 3', 'DUSUN KRAJAN RT 2 RW 1', 'GANG BUNTU'])).toBe('alamat');
    expect(identifierFromContent(['3324012001', '3324012002', '3324012003'])).toBeUndefined();
    expect(identifierFromContent(['3324990100000001', null, null])).toBeUndefined();
    const cols = detectIdentifierColumns(
      ['ID', 'DESIL', 'NAMA'],
      [
        ['3324990100000001', '3', null],
        ['3324990100000002', '4', null],
        ['3324990100000003', '5', null],
      ],
    );
    expect(cols).toEqual([
      { column: 'ID', kind: 'nik', detected_by: 'content' },
      { column: 'NAMA', kind: 'nama', detected_by: 'header' },
    ]);
  });
  it('are masked when echoed', () => {
    expect(redactForReport('kode 3324990100000001 salah')).toBe('kode [angka disamarkan] salah');
    expect(redactForReport('3324012001000')).toBe('3324012001000');
    expect(redactForReport('a\u0000b')).toBe('a b');
    expect(redactForReport('x'.repeat(100))).toHaveLength(60);
  });
});

describe('household key hashing', () => {
  it('is salted, stable across periods, and never the raw key', () => {
    const a = createHouseholdKeyHasher('rahasia-proyek-1');
    const b = createHouseholdKeyHasher('rahasia-proyek-1');
    const c = createHouseholdKeyHasher('rahasia-proyek-2');
    const out = new Uint8Array(3 * KEY_HASH_BYTES);
    expect(a.hashInto('3324990000000001', out, 0)).toBe(true);
    expect(b.hashInto(" '3324 9900 0000 0001", out, KEY_HASH_BYTES)).toBe(true);
    expect(c.hashInto('3324990000000001', out, 2 * KEY_HASH_BYTES)).toBe(true);
    const hex = (k: number) =>
      Buffer.from(out.subarray(k * KEY_HASH_BYTES, (k + 1) * KEY_HASH_BYTES)).toString('hex');
    expect(hex(0)).toBe(hex(1));
    expect(hex(0)).not.toBe(hex(2));
    expect(hex(0)).not.toContain('3324990000000001');
    expect(hex(0)).toMatch(/^[0-9a-f]{32}$/);
  });
  it('refuses unusable keys and short salts', () => {
    for (const k of ['', '0000', '3,32499E+15', '3.32499E+15'])
      expect(normaliseHouseholdKey(k), k).toBeNull();
    const out = new Uint8Array(KEY_HASH_BYTES);
    expect(createHouseholdKeyHasher('rahasia-proyek').hashInto('3.32499E+15', out, 0)).toBe(false);
    expect(Array.from(out).every((x) => x === 0)).toBe(true);
    expect(() => createHouseholdKeyHasher('pendek')).toThrow(RangeError);
  });
});

describe('column mapping', () => {
  it('recognises DT-SEN, DTKS and P3KE names case- and punctuation-insensitively', () => {
    const cases: [string, string][] = [
      ['KODE_WILAYAH', 'kode_desa'],
      ['Kode Desa/Kel.', 'kode_desa'],
      ['kodeDesaKelurahan', 'kode_desa'],
      ['NAMA DESA', 'nama_desa'],
      ['Desa/Kelurahan', 'nama_desa'],
      ['KEC', 'nama_kec'],
      ['Desil Nasional', 'desil'],
      ['Jumlah Anggota Keluarga', 'jumlah_art'],
      ['JML_ART', 'jumlah_art'],
      ['Lintang', 'lintang'],
      ['longitude', 'bujur'],
      ['Koordinat', 'koordinat'],
      ['ID_KELUARGA_P3KE', 'kunci_keluarga'],
      ['Periode', 'periode'],
    ];
    for (const [name, field] of cases) expect(recogniseColumn(name).field?.name, name).toBe(field);
    expect(recogniseColumn('PBI-JK').flag).toBe('pbi_jk');
    expect(recogniseColumn('Status PKH').flag).toBe('pkh');
    expect(recogniseColumn('kk_desil_3').desilCount).toBe(3);
    expect(recogniseColumn('Jumlah Desil 10').desilCount).toBe(10);
  });
  it('proposes a mapping with confidence and reasons, never on identifier columns', () => {
    const header = ['NIK', 'NAMA', 'Kode Wilayah', 'Desa', 'DESIL', 'Desil (lama)', 'PKH'];
    const sample = [
      ['3324990100000001', 'A', '3324012001', 'BLUMAH', '3', 'x', 'YA'],
      ['3324990100000002', 'B', '3324012002', 'KEDITEN', '10', 'y', 'TIDAK'],
      ['3324990100000003', 'C', '3324012003', 'TLOGOPAYUNG', '1', 'z', 'YA'],
    ];
    const p = proposeMapping(header, sample);
    expect(p.kind).toBe('households');
    expect(p.mapping.fields).toEqual({ kode_desa: 'Kode Wilayah', nama_desa: 'Desa', desil: 'DESIL' });
    expect(p.mapping.flags).toEqual({ pkh: 'PKH' });
    const desil = p.fields.find((f) => f.field === 'desil');
    expect(desil?.confidence).toBe(0.95);
    expect(desil && renderMessage(desil.reason, 'id')).toMatch(/"DESIL".*juga cocok: "Desil \(lama\)"/);
    expect(p.identifiers.map((i) => i.column)).toEqual(['NIK', 'NAMA']);
    expect(p.missing_required).toEqual([]);
    const bad = proposeMapping(['DESIL'], [['tinggi'], ['rendah'], ['sedang']]);
    expect(bad.fields.find((f) => f.field === 'desil')?.confidence).toBeLessThan(0.5);
    expect(bad.missing_required).toEqual(['kode_desa']);
  });
  it('finds a code column by content under an unexpected name', () => {
    const p = proposeMapping(
      ['WIL', 'DESIL'],
      [
        ['3324012001', '1'],
        ['3324012002', '2'],
        ['33.24.01.2003', '3'],
      ],
    );
    expect(p.mapping.fields.kode_desa).toBe('WIL');
    expect(p.fields.find((f) => f.field === 'kode_desa')?.confidence).toBe(0.6);
  });
  it('has a signature that ignores order, case and punctuation but not the set of columns', () => {
    const s = headerSignature(['KODE_DESA', 'DESIL', 'PKH']);
    expect(headerSignature(['pkh', 'Kode Desa', 'desil'])).toBe(s);
    expect(headerSignature(['KODE_DESA', 'DESIL'])).not.toBe(s);
    expect(s).toMatch(/^[0-9a-f]{16}$/);
  });
  it('validates a user mapping against the columns', () => {
    const columns = ['NIK', 'KODE', 'DESIL', 'Jumlah ART'];
    const ids = [{ column: 'NIK', kind: 'nik' as const, detected_by: 'header' as const }];
    const m = validateMapping(
      { fields: { kode_desa: 'kode', desil: 'DESIL', jumlah_art: 'JUMLAH_ART' }, flags: {} },
      columns,
      ids,
      'f.csv',
    );
    expect(m.fields).toEqual({ kode_desa: 'KODE', desil: 'DESIL', jumlah_art: 'Jumlah ART' });
    expect(
      validateMapping({ fields: { kunci_keluarga: 'NIK', kode_desa: 'KODE' } }, columns, ids, 'f.csv').fields
        .kunci_keluarga,
    ).toBe('NIK');
    const err = (input: unknown) => {
      try {
        validateMapping(input, columns, ids, 'f.csv');
      } catch (e) {
        return e as ImportError;
      }
      throw new Error('no error');
    };
    expect(err({ fields: { desil: 'NIK' } }).code).toBe('mapping_uses_identifier');
    expect(err({ fields: { desil: 'NIK' } }).message).toMatch(/^f\.csv: kolom "NIK" berisi data pribadi/);
    expect(err({ fields: { desil: 'TIDAK_ADA' } }).code).toBe('mapping_invalid');
    expect(err({ fields: { warna: 'KODE' } }).code).toBe('mapping_invalid');
    expect(err({ flags: { 'Bad Key': 'KODE' } }).code).toBe('mapping_invalid');
    expect(err([]).code).toBe('mapping_invalid');
    expect(err({ kind: 'desa_aggregate', fields: {} }).code).toBe('mapping_invalid');
  });
});

describe('parseCoordinate reads exactly what Number() reads', () => {
  it('for decimal points and decimal commas (fast-check)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -200, max: 200, noNaN: true }),
        fc.integer({ min: 0, max: 12 }),
        (x, k) => {
          const text = x.toFixed(k);
          expect(parseCoordinate(text)).toBe(Number(text));
          expect(parseCoordinate(text.replace('.', ','))).toBe(Number(text));
        },
      ),
      { seed: 99, numRuns: 3000 },
    );
  });
});
