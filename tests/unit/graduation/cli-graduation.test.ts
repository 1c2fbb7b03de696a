/**
 * `kantong graduation` end to end: a hand-made panel whose matrix and rates are computed by hand, the
 * synthetic generator's two periods against the core's exact matrix, and the bad inputs (another kabupaten,
 * the same period twice, duplicate keys, a NIK-like key without a salt).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { run } from '../../../src/cli/commands/graduation.ts';
import { CliError } from '../../../src/cli/errors.ts';
import { createHouseholdKeyHasher, KEY_HASH_BYTES } from '../../../src/lib/import/household-key.ts';
import type { PeriodPanel } from '../../../src/lib/graduation/panel.ts';
import { kabupatenMatrix, transitionCounts } from '../../../src/lib/graduation/transitions.ts';
import { graduationOf } from '../../../src/lib/graduation/rates.ts';
import { kendalProfile } from '../../../src/lib/synth/calibration.ts';
import { generateHouseholds, type SyntheticDistrict } from '../../../src/lib/synth/households.ts';
import { fakeNoKK } from '../../../src/lib/synth/identifiers.ts';
import { writeHouseholdFile } from '../../../src/node/synth-files.ts';
import { gridDistrict, KENDAL_GRID } from '../synth/fixture.ts';
import { quiet, writeTestGeo } from '../helpers/cli.ts';
import { smallCounts } from '../helpers/leak-audit.ts';

vi.stubEnv('KANTONG_LANG', 'en');

const SALT = 'garam-uji-kelulusan';
let dir: string;
let geo: string;
let codes: string[];
let saltFile: string;
let synth: SyntheticDistrict;
let q1: string;
let q3: string;

function csvRows(file: string) {
  const text = readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
  const body = text
    .split('\r\n')
    .filter((l) => !l.startsWith('#'))
    .join('\r\n');
  return Papa.parse<Record<string, string>>(body, { header: true, delimiter: ';', skipEmptyLines: true })
    .data;
}

const summaryOf = (out: string) => JSON.parse(readFileSync(path.join(out, 'summary.json'), 'utf8'));

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'kantong-graduation-'));
  const written = writeTestGeo(dir);
  geo = written.geo;
  codes = written.desa.map((d) => d.properties.kode_desa);
  saltFile = path.join(dir, 'salt.txt');
  writeFileSync(saltFile, `${SALT}\n`);
  synth = generateHouseholds('33.24', written.desa, kendalProfile, {
    households: 6_000,
    seed: 21,
    periods: ['2025-Q1', '2025-Q3'],
    geotagShare: 0,
  });
  q1 = path.join(dir, 'dtsen-2025-Q1.csv');
  q3 = path.join(dir, 'dtsen-2025-Q3.csv');
  await writeHouseholdFile(synth, 0, 'JAWA TENGAH', q1);
  await writeHouseholdFile(synth, 1, 'JAWA TENGAH', q3);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const args = (out: string, ...rest: string[]) => ['--kab', '33.24', '--geo', geo, '--out', out, ...rest];

/** A hand-made household file: `[key, desa index, desil]` rows, no period column (the name has it). */
function handFile(name: string, rows: [string, number, number][]): string {
  const file = path.join(dir, name);
  writeFileSync(
    file,
    ['kode_desa;desil;id_keluarga', ...rows.map(([key, d, q]) => `${codes[d]};${q};${key}`)].join('\r\n'),
  );
  return file;
}
const keys = (prefix: string, from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => `${prefix}${String(from + i).padStart(6, '0')}`);

describe('kantong graduation on a hand-made panel', () => {
  // desa 0: 20 households in desil 1–2, of which 7 graduate; desa 1: 10 in desil 5 (3 fall back) and 5 in
  // desil 1 that leave; 6 new households at t1
  const t0: [string, number, number][] = [
    ...keys('A', 1, 10).map((k): [string, number, number] => [k, 0, 1]),
    ...keys('A', 11, 20).map((k): [string, number, number] => [k, 0, 2]),
    ...keys('B', 1, 10).map((k): [string, number, number] => [k, 1, 5]),
    ...keys('B', 11, 15).map((k): [string, number, number] => [k, 1, 1]),
  ];
  const t1: [string, number, number][] = [
    ...keys('A', 1, 4).map((k): [string, number, number] => [k, 0, 3]),
    ...keys('A', 5, 10).map((k): [string, number, number] => [k, 0, 1]),
    ...keys('A', 11, 13).map((k): [string, number, number] => [k, 0, 4]),
    ...keys('A', 14, 20).map((k): [string, number, number] => [k, 0, 2]),
    ...keys('B', 1, 3).map((k): [string, number, number] => [k, 1, 2]),
    ...keys('B', 4, 10).map((k): [string, number, number] => [k, 1, 5]),
    ...keys('N', 1, 6).map((k): [string, number, number] => [k, 1, 1]),
  ];

  it('the matrix totals the matched households; rates and one-period counts as computed by hand', async () => {
    const a = handFile('tangan-2025-Q1.csv', t0);
    const b = handFile('tangan-2025-Q3.csv', t1);
    const out = path.join(dir, 'hand');
    const { stdout } = await quiet(() =>
      run(
        args(
          out,
          '--households',
          a,
          '--households',
          b,
          '--key',
          'id_keluarga',
          '--salt-file',
          saltFile,
          '--min-count',
          '3',
        ),
      ),
    );
    expect(stdout).toMatch(/matched 30/);
    const s = summaryOf(out);
    expect(s).toMatchObject({
      base: '2025-Q1',
      comparison: '2025-Q3',
      households_t0: 35,
      households_t1: 36,
      matched: 30,
      only_t0: 5,
      only_t1: 6,
      graduation_denominator: 20,
      graduated: 7,
      graduation_rate: 0.35,
      fallback_denominator: 10,
      fell_back: 3,
      fallback_rate: 0.3,
      duplicate_rows_t0: 0,
    });
    const m = csvRows(path.join(out, 'transitions.csv'));
    expect(m).toHaveLength(100);
    const cell = (i: number, j: number) =>
      Number(m.find((r) => r.from_desil === `${i}` && r.to_desil === `${j}`)!.households);
    expect(m.reduce((acc, r) => acc + Number(r.households), 0)).toBe(30);
    expect([cell(1, 3), cell(1, 1), cell(2, 4), cell(2, 2), cell(5, 2), cell(5, 5)]).toEqual([
      4, 6, 3, 7, 3, 7,
    ]);
    const desa = csvRows(path.join(out, 'desa-change.csv'));
    const d0 = desa.find((r) => r.kode_desa === codes[0])!;
    expect([d0.kk_miskin_t0, d0.kk_lulus, Number(d0.tingkat_kelulusan)]).toEqual(['20', '7', 0.35]);
    const d1 = desa.find((r) => r.kode_desa === codes[1])!;
    expect([d1.hanya_t0, d1.hanya_t1, d1.jumlah_kk_t0, d1.jumlah_kk_t1]).toEqual(['5', '6', '15', '16']);
    // desil 1 of desa 1: 5 → 6 (the leavers replaced by new households), +20%
    expect([d1.kk_desil_1_t0, d1.kk_desil_1_t1, d1.change_count_d1, Number(d1.change_rel_d1)]).toEqual([
      '5',
      '6',
      '1',
      0.2,
    ]);
    // no raw key anywhere
    for (const f of ['transitions.csv', 'summary.json', 'desa-change.csv', 'pockets-over-time.csv'])
      expect(readFileSync(path.join(out, f), 'utf8')).not.toMatch(/[ABN]0000\d\d/);
  });

  it('the same period twice is refused, naming both files', async () => {
    const a = handFile('satu-2025-Q1.csv', t0);
    const b = handFile('dua-2025-Q1.csv', t1);
    const out = path.join(dir, 'twice');
    await expect(
      quiet(() =>
        run(args(out, '--households', a, '--households', b, '--key', 'id_keluarga', '--salt-file', saltFile)),
      ),
    ).rejects.toThrow(/2025-Q1 appears twice \(satu-2025-Q1\.csv and dua-2025-Q1\.csv\)/);
    expect(existsSync(out)).toBe(false);
  });

  it('--periode once per file gives files without a period their own', async () => {
    const a = handFile('tanpa-periode-a.csv', t0);
    const b = handFile('tanpa-periode-b.csv', t1);
    const out = path.join(dir, 'periods');
    await quiet(() =>
      run(
        args(
          out,
          '--households',
          a,
          '--households',
          b,
          '--periode',
          '2024-Q4',
          '--periode',
          '2025-Q2',
          '--min-count',
          '3',
        ),
      ),
    );
    const s = summaryOf(out);
    expect([s.base, s.comparison, s.households_t0, s.households_t1]).toEqual(['2024-Q4', '2025-Q2', 35, 36]);
    // without --key only the counts change
    expect([s.key, s.matched, s.graduation_rate, s.only_t0]).toEqual([false, null, null, null]);
    expect(csvRows(path.join(out, 'transitions.csv'))).toHaveLength(0);
    await expect(
      quiet(() =>
        run(
          args(
            out,
            '--households',
            a,
            '--households',
            b,
            '--periode',
            '2024-Q4',
            '--periode',
            '2025-Q2',
            '--periode',
            '2025-Q3',
          ),
        ),
      ),
    ).rejects.toThrow(/--periode given 3 times for 2 files/);
  });
});

describe('kantong graduation on the synthetic generator', () => {
  /** The core's exact matrix on the generator's own panels, hashed with the same salt as the CLI. */
  function exactMatrix(): Uint32Array {
    const hasher = createHouseholdKeyHasher(SALT);
    const genCodes = synth.desa.map((f) => f.properties.kode_desa);
    const panels: PeriodPanel[] = synth.periods.map((p) => {
      const keyHash = new Uint8Array(p.count * KEY_HASH_BYTES);
      for (let k = 0; k < p.count; k++)
        hasher.hashInto(fakeNoKK('33.24', p.key[k]), keyHash, k * KEY_HASH_BYTES);
      return {
        periode: p.periode,
        desaCodes: genCodes,
        count: p.count,
        keyHash,
        desa: Uint16Array.from(p.desa),
        desil: Uint8Array.from(p.desil),
        withoutKey: 0,
      };
    });
    return kabupatenMatrix(transitionCounts(panels[0], panels[1], codes));
  }

  it('writes the matrix of the linked households, every count published, the stayers all matched', async () => {
    const out = path.join(dir, 'synth');
    await quiet(() =>
      run(args(out, '--households', q1, '--households', q3, '--key', 'NO_KK', '--salt-file', saltFile)),
    );
    const s = summaryOf(out);
    const [a, b] = synth.periods;
    expect(s.households_t0).toBe(a.count);
    expect(s.households_t1).toBe(b.count);
    expect(s.matched).toBe(a.count - b.leavers);
    expect(s.only_t0).toBe(b.leavers);
    expect(s.only_t1).toBe(b.joiners);
    const exact = exactMatrix();
    const g = graduationOf(exact);
    expect(s.graduation_denominator).toBe(g.poor);
    expect(s.graduation_rate).toBeCloseTo(g.rate!, 6);
    expect(s.fallback_rate).toBeCloseTo(g.fallbackRate!, 6);
    const m = csvRows(path.join(out, 'transitions.csv'));
    m.forEach((r, c) => {
      if (/^\d+$/.test(r.households)) expect(Number(r.households)).toBe(exact[c]);
      else expect(exact[c] < 10 || r.households === '').toBe(true);
    });
    expect(
      smallCounts(
        m.map((r) => r.households),
        10,
      ),
    ).toEqual([]);
    const desa = csvRows(path.join(out, 'desa-change.csv'));
    expect(desa).toHaveLength(codes.length);
    expect(
      smallCounts(
        desa.flatMap((r) => [
          r.jumlah_kk_t0,
          r.kk_desil_1_t0,
          r.kk_desil_1_t1,
          r.kk_miskin_t0,
          r.kk_lulus,
          r.hanya_t0,
          r.hanya_t1,
        ]),
        10,
      ),
    ).toEqual([]);
    const pockets = csvRows(path.join(out, 'pockets-over-time.csv'));
    expect(
      smallCounts(
        pockets.flatMap((r) => [r.jumlah_kk, r.kk_desil_1]),
        10,
      ),
    ).toEqual([]);
    expect(s.pockets.map((p: { periode: string }) => p.periode)).toEqual(['2025-Q1', '2025-Q3']);
    // no NIK or No. KK of the file in any output
    for (const f of ['transitions.csv', 'summary.json', 'desa-change.csv', 'pockets-over-time.csv'])
      expect(readFileSync(path.join(out, f), 'utf8')).not.toMatch(/\d{16}/);
  });

  it('duplicate keys within a period are reported with their counts and not linked', async () => {
    const lines = readFileSync(q3, 'utf8').split('\r\n');
    // the first 12 households of t1 appear twice
    const copy = path.join(dir, 'ganda-2025-Q3.csv');
    writeFileSync(copy, [...lines.slice(0, 14), ...lines.slice(2, 14), ...lines.slice(14)].join('\r\n'));
    const out = path.join(dir, 'dup');
    const plain = summaryOf(path.join(dir, 'synth'));
    const { stderr } = await quiet(() =>
      run(args(out, '--households', q1, '--households', copy, '--key', 'NO_KK', '--salt-file', saltFile)),
    );
    const s = summaryOf(out);
    expect([s.duplicate_keys_t1, s.duplicate_rows_t1, s.duplicate_keys_t0]).toEqual([12, 24, 0]);
    expect(s.households_t1).toBe(plain.households_t1 + 12);
    expect(plain.matched - s.matched).toBeLessThanOrEqual(12);
    expect(plain.matched - s.matched).toBeGreaterThan(0);
    expect(stderr).toMatch(/period 2025-Q3: 12 household keys are used by more than one row \(24 rows\)/);
  });

  it('a key that looks like NIK or No. KK is refused without a salt; so is a key column not in the file', async () => {
    const out = path.join(dir, 'nosalt');
    for (const column of ['NIK_KRT', 'NO_KK'])
      await expect(
        quiet(() => run(args(out, '--households', q1, '--households', q3, '--key', column))),
      ).rejects.toThrow(new RegExp(`--key ${column}: this column holds identity numbers .*--salt-file`));
    await expect(
      quiet(() =>
        run(
          args(out, '--households', q1, '--households', q3, '--key', 'ID_TIDAK_ADA', '--salt-file', saltFile),
        ),
      ),
    ).rejects.toThrow(/no column "ID_TIDAK_ADA" \(--key\)/);
    expect(existsSync(out)).toBe(false);
  });

  it('a file of another kabupaten is refused, and nothing is written', async () => {
    const other = generateHouseholds('33.25', gridDistrict('33.25', KENDAL_GRID), kendalProfile, {
      households: 500,
      seed: 2,
      periods: ['2025-Q3'],
      geotagShare: 0,
    });
    const file = path.join(dir, 'lain-2025-Q3.csv');
    await writeHouseholdFile(other, 0, 'JAWA TENGAH', file);
    const out = path.join(dir, 'other');
    const error = await quiet(() => run(args(out, '--households', q1, '--households', file))).catch((e) => e);
    expect(error).toBeInstanceOf(CliError);
    expect(String(error.message)).toMatch(
      /no row could be joined to a desa of 33\.24.*another kabupaten\/kota/,
    );
    expect(existsSync(out)).toBe(false);
  });
});
