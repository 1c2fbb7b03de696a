/**
 * `kantong aggregate` (DuckDB, `aggregate.sql`) against `kantong import` (the core) on the generator's
 * synthetic Kendal households (the grid test district coded 33.24), with messy rows added: the same desa
 * rows (counts per desa × desil × period, persons, flags), the same rejections by reason, the invariant rows
 * read = joined + rejected, no identifier in any output; `--kab` sets counted per kabupaten; the SQL's flag
 * rule equal to the core's `flagValue` on seeded random cells; bad input refused in one line with nothing
 * written.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run as aggregate } from '../../../src/cli/commands/aggregate.ts';
import { run as importCmd } from '../../../src/cli/commands/import.ts';
import { CliError } from '../../../src/cli/errors.ts';
import { flagValue } from '../../../src/lib/import/households.ts';
import { householdFileName } from '../../../src/lib/synth/csv-format.ts';
import { aggregateSql, openEngine } from '../../../src/node/duckdb-aggregate.ts';
import { runSynth } from '../../../src/node/synth-files.ts';
import { quiet, writeTestGeo } from '../helpers/cli.ts';

const PERIODS = ['2025-Q1', '2025-Q3'];
let tmp: string;
let geo: string;
let files: string[];
let desaCodes: string[];

beforeAll(async () => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'kantong-aggregate-'));
  ({ geo } = writeTestGeo(tmp));
  await runSynth({
    kodeKab: '33.24',
    geoDir: geo,
    outDir: path.join(tmp, 'synth'),
    households: 6_000,
    seed: 5,
    periods: PERIODS,
    geotagShare: 0.85,
  });
  files = PERIODS.map((p) => path.join(tmp, 'synth', householdFileName('33.24', p)));
  const lines = readFileSync(files[1], 'utf8').split('\r\n');
  const header = lines[1].split(';');
  const sample = lines[2].split(';');
  desaCodes = [
    ...new Set(lines.slice(2, 400).map((l) => l.split(';')[header.indexOf('KODE_WILAYAH')])),
  ].filter((c) => c);
  // Messy rows in the second file: every kind of code and desil problem, another kabupaten, a dotted code.
  const row = (kode: string, desil: string) => {
    const cells = [...sample];
    // the big path joins by code only: a row without a code has no names either here (import would try them)
    if (kode === '') for (const c of ['KECAMATAN', 'DESA_KELURAHAN']) cells[header.indexOf(c)] = '';
    cells[header.indexOf('KODE_WILAYAH')] = kode;
    cells[header.indexOf('DESIL_NASIONAL')] = desil;
    return cells.join(';');
  };
  const d = desaCodes[0];
  const messy = [
    row('', '3'),
    row('3,32401E+09', '3'),
    row('3324010001', '3'),
    row('3325012001', '3'),
    row('3325012001', '4'),
    row('3324999999', '2'),
    row(`${d.slice(0, 2)}.${d.slice(2, 4)}.${d.slice(4, 6)}.${d.slice(6)}`, '1'),
    row(d, ''),
    row(d, 'sebelas'),
    row(d, '2,5'),
    row(d, '11'),
    row(d, '03'),
  ];
  const body = lines.filter((l) => l !== '');
  writeFileSync(files[1], [...body, ...messy].join('\r\n') + '\r\n');
}, 120_000);
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function outputs(dir: string): Record<string, string> {
  return Object.fromEntries(
    ['desa.csv', 'kecamatan.csv', 'kabupaten.csv', 'join-report.json'].map((f) => [
      f,
      readFileSync(path.join(dir, f), 'utf8'),
    ]),
  );
}

async function both(extra: string[] = []) {
  const a = path.join(tmp, `agg-${extra.join('-') || 'plain'}`);
  const b = path.join(tmp, `imp-${extra.join('-') || 'plain'}`);
  const args = ['--geo', geo, ...files.flatMap((f) => ['--households', f])];
  await quiet(() => aggregate(['--kab', '33.24', ...args, '--out', a, ...extra]));
  await quiet(() => importCmd(['--kab', '33.24', ...args, '--out', b, ...extra]));
  return { agg: outputs(a), imp: outputs(b) };
}

describe('kantong aggregate (DuckDB) = kantong import (core)', () => {
  let agg: Record<string, string>;
  let imp: Record<string, string>;
  beforeAll(async () => {
    ({ agg, imp } = await both());
  }, 120_000);

  it('writes the same desa, kecamatan and kabupaten tables', () => {
    for (const f of ['desa.csv', 'kecamatan.csv', 'kabupaten.csv']) expect(agg[f], f).toBe(imp[f]);
    expect(agg['desa.csv'].split('\n').length).toBeGreaterThan(100);
  });

  it('rejects the same rows for the same reasons; rows read = joined + rejected, per file and per kabupaten', () => {
    const a = JSON.parse(agg['join-report.json']);
    const b = JSON.parse(imp['join-report.json']);
    expect([a.rows_read, a.rows_joined, a.rows_rejected]).toEqual([
      b.rows_read,
      b.rows_joined,
      b.rows_rejected,
    ]);
    const counts = (r: Record<string, { count: number }>) =>
      Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v.count]));
    // The one difference: the big path joins by code only, so a row without a code is `kode_empty` there, where
    // import, which then tries the desa names (empty too here), says `nama_empty`.
    const ca = counts(a.rejected_by_reason);
    const cb = counts(b.rejected_by_reason);
    expect(ca.kode_empty).toBe(cb.nama_empty);
    delete ca.kode_empty;
    delete cb.nama_empty;
    expect(ca).toEqual(cb);
    expect(Object.keys(a.rejected_by_reason).sort()).toEqual(
      [
        'desil_missing',
        'desil_not_integer',
        'desil_not_number',
        'desil_out_of_range',
        'kode_bps',
        'kode_empty',
        'kode_excel_mangled',
        'kode_other_kabupaten',
        'kode_unknown',
      ].sort(),
    );
    expect(a.rows_read).toBe(a.rows_joined + a.rows_rejected);
    for (const f of a.files) expect(f.rows_read).toBe(f.rows_joined + f.rows_rejected);
    const kab = a.rows_by_kabupaten;
    expect(kab['33.25']).toEqual({ rows_read: 2, rows_joined: 0, rows_rejected: 2, outside_set: 2 });
    const sum = (k: string) =>
      Object.values(kab as Record<string, Record<string, number>>).reduce((s, c) => s + c[k], 0);
    expect([sum('rows_read'), sum('rows_joined'), sum('rows_rejected')]).toEqual([
      a.rows_read,
      a.rows_joined,
      a.rows_rejected,
    ]);
  });

  it('no output holds an identifier: no 16-digit number, name or address; the identifier columns were never read', () => {
    const input = readFileSync(files[0], 'utf8');
    expect(input).toMatch(/\d{16}/);
    for (const [name, text] of Object.entries(agg)) {
      expect(text, name).not.toMatch(/\d{16}/);
      expect(text, name).not.toMatch(/WARGA SINTETIS|DUSUN SINTETIS|RT 0\d\d\/RW/);
    }
    expect(JSON.parse(agg['join-report.json']).identifier_columns_dropped).toEqual([
      'NIK_KRT',
      'NO_KK',
      'NAMA_KRT',
      'ALAMAT',
    ]);
  });
});

describe('kantong aggregate inputs', () => {
  it('reads gzip and Parquet files to the same tables as the CSV', async () => {
    const gz = path.join(tmp, 'households_2025-Q1.csv.gz');
    writeFileSync(gz, gzipSync(readFileSync(files[0])));
    const parquet = path.join(tmp, 'households_2025-Q1.parquet');
    const engine = await openEngine();
    await engine.connection.run(
      `COPY (SELECT * FROM read_csv('${files[0]}', delim = ';', header = true, skip = 1, all_varchar = true)) TO '${parquet}' (FORMAT parquet)`,
    );
    engine.close();
    const outs: Record<string, string>[] = [];
    for (const f of [files[0], gz, parquet]) {
      const out = path.join(tmp, `in-${path.basename(f)}`);
      await quiet(() => aggregate(['--kab', '33.24', '--geo', geo, '--households', f, '--out', out]));
      outs.push(outputs(out));
    }
    const body = (t: string) =>
      t
        .split('\n')
        .filter((l) => !l.startsWith('#'))
        .join('\n');
    expect(body(outs[1]['desa.csv'])).toBe(body(outs[0]['desa.csv']));
    expect(body(outs[2]['desa.csv'])).toBe(body(outs[0]['desa.csv']));
  }, 120_000);

  it('--kab with a list: rows of kabupaten outside it are rejected and counted per kabupaten', async () => {
    const out = path.join(tmp, 'kab-list');
    const { stdout } = await quiet(() =>
      aggregate(['--kab', '33.24,33.25', '--geo', geo, '--households', files[1], '--out', out]),
    );
    const report = JSON.parse(readFileSync(path.join(out, 'join-report.json'), 'utf8'));
    // 33.25 is in the set now (its desa from the gazetteer): its two rows are joined, none is outside the set
    expect(report.rows_by_kabupaten['33.25']).toEqual({
      rows_read: 2,
      rows_joined: 2,
      rows_rejected: 0,
      outside_set: 0,
    });
    expect(report.rejected_by_reason.kode_other_kabupaten).toBeUndefined();
    expect(stdout).toMatch(/--kab 33.24,33.25 \(2 kabupaten\/kota/);
  }, 60_000);
});

describe('bad input: one line, nothing written', () => {
  async function refused(args: string[]): Promise<string> {
    const out = path.join(tmp, `bad-${Math.random().toString(36).slice(2)}`);
    const error = await aggregate([...args, '--geo', geo, '--out', out]).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(CliError);
    expect(existsSync(out)).toBe(false);
    const message = (error as Error).message;
    expect(message.split('\n')).toHaveLength(1);
    expect(message).not.toMatch(/\d{16}/);
    return message;
  }

  it('a truncated gzip file', async () => {
    const full = gzipSync(readFileSync(files[0]));
    const cut = path.join(tmp, 'cut.csv.gz');
    writeFileSync(cut, full.subarray(0, Math.floor(full.length * 0.6)));
    expect(await refused(['--kab', '33.24', '--households', cut])).toMatch(
      /^cut\.csv\.gz: tidak dapat dibaca/,
    );
    expect(await refused(['--kab', '33.24', '--households', cut, '--lang', 'en'])).toMatch(
      /^cut\.csv\.gz: cannot read .*; nothing written$/,
    );
  }, 60_000);

  it('a truncated CSV: the cut last row is rejected by its reason, the rest is read', async () => {
    const text = readFileSync(files[0], 'utf8');
    const cut = path.join(tmp, 'cut_2025-Q1.csv');
    writeFileSync(cut, text.slice(0, text.length - 40));
    const out = path.join(tmp, 'cut-out');
    await quiet(() => aggregate(['--kab', '33.24', '--geo', geo, '--households', cut, '--out', out]));
    const report = JSON.parse(readFileSync(path.join(out, 'join-report.json'), 'utf8'));
    expect(report.rows_read).toBe(report.rows_joined + report.rows_rejected);
    expect(report.rows_rejected).toBe(1);
  }, 60_000);

  it('a Parquet file without the needed columns', async () => {
    const parquet = path.join(tmp, 'no-desil.parquet');
    const engine = await openEngine();
    await engine.connection.run(
      `COPY (SELECT '3324012001' AS KODE_WILAYAH, '2025-Q1' AS PERIODE) TO '${parquet}' (FORMAT parquet)`,
    );
    engine.close();
    expect(await refused(['--kab', '33.24', '--households', parquet])).toMatch(/no-desil\.parquet/);
  }, 60_000);

  it('a --kab that does not exist, and one that is not a code: in Indonesian, or English with --lang en', async () => {
    expect(await refused(['--kab', '33.99', '--households', files[0]])).toMatch(
      /--kab 33\.99: kabupaten\/kota 33\.99 tidak ada di gazetteer/,
    );
    expect(await refused(['--kab', '98', '--households', files[0]])).toMatch(/kabupaten\/kota 98 tidak ada/);
    expect(await refused(['--kab', 'Kendal', '--households', files[0]])).toMatch(
      /"Kendal" bukan kode kabupaten/,
    );
    const en = ['--lang', 'en', '--households', files[0]];
    expect(await refused(['--kab', '33.99', ...en])).toMatch(/33\.99 not in the gazetteer/);
    expect(await refused(['--kab', 'Kendal', ...en])).toMatch(/"Kendal" is not a kabupaten\/kota code/);
  });
});

describe('aggregate.sql flag rule = the core flagValue', () => {
  it('on seeded random cells', async () => {
    const words = [
      'ya',
      'YA',
      ' Ya ',
      'tidak',
      'T',
      'n',
      '0',
      '1',
      '2',
      '0,0',
      '1.5',
      '-',
      '',
      'penerima',
      'bukan penerima',
      'x',
      '✓',
      'v',
      'ada',
      'tidak ada',
      '.',
      '3,',
      ',5',
    ];
    const cells = fc.sample(fc.oneof(fc.constantFrom(...words), fc.stringMatching(/^[0-9.,a-z ]{0,4}$/)), {
      seed: 17,
      numRuns: 300,
    });
    const engine = await openEngine();
    const values = cells.map((c, i) => `(${i}, '${c.replace(/'/g, "''")}')`).join(', ');
    await engine.connection.run(
      `CREATE TEMP TABLE households AS SELECT '3324012001' AS kode_raw, CAST(i AS VARCHAR) AS desil_raw, '' AS periode_raw, CAST(NULL AS VARCHAR) AS art_raw, f AS flag_x FROM (VALUES ${values}) t(i, f)`,
    );
    const rows = (await engine.connection.runAndReadAll(aggregateSql(['x']))).getRowObjectsJson();
    engine.close();
    for (const r of rows) {
      const cell = cells[Number(r.desil_raw)];
      const v = flagValue(cell);
      expect([Number(r.yes_x), Number(r.odd_x)], JSON.stringify(cell)).toEqual([
        v === 1 ? 1 : 0,
        v === 2 ? 1 : 0,
      ]);
    }
    expect(rows).toHaveLength(cells.length);
  });
});
