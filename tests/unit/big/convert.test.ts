/**
 * `kantong convert` (extract → Parquet of the mapped columns) on the generator's synthetic Kendal households
 * (the grid test district coded 33.24) with messy rows and lines of the wrong width added: `kantong aggregate`
 * on the Parquet file writes the same desa.csv / kecamatan.csv / kabupaten.csv and the same report counts
 * (rows read = joined + rejected, the unreadable lines as `column_count`) as on the extract; the Parquet file
 * holds no identifier column and no identifier; a file whose period is in its name only keeps it; bad input
 * is refused in one line with nothing written.
 */
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run as aggregate } from '../../../src/cli/commands/aggregate.ts';
import { run as convert } from '../../../src/cli/commands/convert.ts';
import { CliError } from '../../../src/cli/errors.ts';
import { HOUSEHOLD_COLUMNS, householdFileName } from '../../../src/lib/synth/csv-format.ts';
import { openEngine } from '../../../src/node/duckdb-aggregate.ts';
import { readConvertedParquet } from '../../../src/node/duckdb-parquet.ts';
import { runSynth } from '../../../src/node/synth-files.ts';
import { quiet, writeTestGeo } from '../helpers/cli.ts';

const IDENTIFIER_COLUMNS = ['NIK_KRT', 'NO_KK', 'NAMA_KRT', 'ALAMAT'];
/** Columns the aggregation does not map: names of the areas, coordinates. */
const OTHER_COLUMNS = ['PROVINSI', 'KABUPATEN', 'KECAMATAN', 'DESA_KELURAHAN', 'LINTANG', 'BUJUR'];
/** The generator's columns the aggregation maps, in file order. */
const KEPT = HOUSEHOLD_COLUMNS.filter((c) => !IDENTIFIER_COLUMNS.includes(c) && !OTHER_COLUMNS.includes(c));
let tmp: string;
let geo: string;
let csv: string;

beforeAll(async () => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'kantong-convert-'));
  ({ geo } = writeTestGeo(tmp));
  await runSynth({
    kodeKab: '33.24',
    geoDir: geo,
    outDir: path.join(tmp, 'synth'),
    households: 6_000,
    seed: 11,
    periods: ['2025-Q3'],
    geotagShare: 0.85,
  });
  csv = path.join(tmp, 'synth', householdFileName('33.24', '2025-Q3'));
  const lines = readFileSync(csv, 'utf8').split('\r\n');
  const header = lines[1].split(';');
  const sample = lines[2].split(';');
  const d = sample[header.indexOf('KODE_WILAYAH')];
  const row = (kode: string, desil: string, periode = '2025-Q3') => {
    const cells = [...sample];
    cells[header.indexOf('KODE_WILAYAH')] = kode;
    cells[header.indexOf('DESIL_NASIONAL')] = desil;
    cells[header.indexOf('PERIODE')] = periode;
    return cells.join(';');
  };
  const messy = [
    row('', '3'),
    row('3,32401E+09', '3'),
    row('3325012001', '4'),
    row('3324999999', '2'),
    row(d, 'sebelas'),
    row(d, '11'),
    row(d, '03'),
    row(d, '2', ''),
    row(d, '2', '2025-Q9'),
    // lines of the wrong width: DuckDB cannot read them as records (column_count)
    sample.slice(0, 10).join(';'),
    [...sample, 'EXTRA', 'CELLS'].join(';'),
  ];
  const body = lines.filter((l) => l !== '');
  // the wrong-width lines in the middle of the file, not only at its end
  body.splice(500, 0, messy[9]);
  writeFileSync(csv, [...body, ...messy].join('\r\n') + '\r\n');
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

/** The report's counts (everything but the file names and the mapping text). */
function counts(report: string) {
  const r = JSON.parse(report);
  return {
    rows_read: r.rows_read,
    rows_joined: r.rows_joined,
    rows_rejected: r.rows_rejected,
    rejected_by_reason: r.rejected_by_reason,
    rows_by_kabupaten: r.rows_by_kabupaten,
    periods: r.periods,
    synthetic: r.synthetic,
    identifier_columns_dropped: r.identifier_columns_dropped,
    files: r.files.map((f: Record<string, unknown>) => ({
      rows_read: f.rows_read,
      rows_joined: f.rows_joined,
      rows_rejected: f.rows_rejected,
      rejected_by_reason: f.rejected_by_reason,
      rows_given_periode: f.rows_given_periode,
      flags: f.flags,
    })),
  };
}

async function aggregateTo(file: string, name: string, extra: string[] = []) {
  const out = path.join(tmp, name);
  await quiet(() =>
    aggregate(['--kab', '33.24', '--geo', geo, '--households', file, '--out', out, ...extra]),
  );
  return outputs(out);
}

/** `aggregate` on the extract and on its Parquet file: the same tables and report counts; the extract's. */
async function sameAggregates(extract: string, parquet: string, name: string) {
  const direct = await aggregateTo(extract, `${name}-extract`);
  const viaParquet = await aggregateTo(parquet, `${name}-parquet`);
  for (const f of ['desa.csv', 'kecamatan.csv', 'kabupaten.csv']) expect(viaParquet[f], f).toBe(direct[f]);
  expect(counts(viaParquet['join-report.json'])).toEqual(counts(direct['join-report.json']));
  return direct;
}

/** Every cell of a Parquet file as text, and its columns. */
async function parquetCells(file: string): Promise<{ columns: string[]; text: string }> {
  const engine = await openEngine();
  const rows = await engine.connection.runAndReadAll(`SELECT * FROM read_parquet('${file}')`);
  const columns = rows.columnNames();
  const text = rows
    .getRowsJson()
    .map((r) => r.join(';'))
    .join('\n');
  engine.close();
  return { columns, text };
}

describe('kantong convert → kantong aggregate = kantong aggregate on the extract', () => {
  let parquet: string;
  let stdout: string;
  beforeAll(async () => {
    parquet = path.join(tmp, 'kendal.parquet');
    ({ stdout } = await quiet(() => convert(['--households', csv, '--out', parquet])));
  }, 120_000);

  it('the same desa, kecamatan and kabupaten tables and the same report counts', async () => {
    const direct = await sameAggregates(csv, parquet, 'agg');
    expect(direct['desa.csv']).toMatch(/SINTETIS/);
    const a = counts(direct['join-report.json']);
    expect(a.rows_read).toBe(a.rows_joined + a.rows_rejected);
    // the three wrong-width lines are rejected, not lost, on both paths
    expect(a.rejected_by_reason.column_count.count).toBe(3);
    expect(Object.keys(a.rejected_by_reason).sort()).toEqual(
      [
        'column_count',
        'desil_not_number',
        'desil_out_of_range',
        'kode_empty',
        'kode_excel_mangled',
        'kode_other_kabupaten',
        'kode_unknown',
        'periode_invalid',
      ].sort(),
    );
    expect(a.files[0].rows_given_periode).toBe(1);
    expect(stdout).toMatch(/^DATA SINTETIS: .*baris ditulis ke/);
    expect(stdout).toMatch(/3 baris dengan jumlah sel yang salah/);
  }, 120_000);

  it('the Parquet file holds only the mapped columns: no identifier column, no identifier, no name or address', async () => {
    const { columns, text } = await parquetCells(parquet);
    expect(columns).toEqual(KEPT);
    expect(KEPT).toHaveLength(11);
    for (const c of [...IDENTIFIER_COLUMNS, ...OTHER_COLUMNS]) expect(columns).not.toContain(c);
    expect(readFileSync(csv, 'utf8')).toMatch(/\d{16}/);
    expect(text).not.toMatch(/\d{16}/);
    expect(text).not.toMatch(/WARGA SINTETIS|DUSUN SINTETIS|RT 0\d\d\/RW/);
    const engine = await openEngine();
    const meta = await readConvertedParquet(engine.connection, parquet);
    engine.close();
    expect(meta?.identifier_columns_dropped).toEqual(IDENTIFIER_COLUMNS);
    expect(JSON.stringify(meta)).not.toMatch(/\d{16}|WARGA SINTETIS|DUSUN SINTETIS/);
    expect(meta?.rows_unreadable).toBe(3);
    expect(meta?.synthetic).toBe(true);
    expect(meta?.columns_dropped).toEqual(OTHER_COLUMNS);
    expect(readdirSync(tmp).filter((f) => f.includes('.part'))).toEqual([]);
  }, 60_000);

  it('a gzip extract converts to the same rows', async () => {
    const gz = path.join(tmp, 'kendal_2025-Q3.csv.gz');
    writeFileSync(gz, gzipSync(readFileSync(csv)));
    const fromGz = path.join(tmp, 'kendal-gz.parquet');
    await quiet(() => convert(['--households', gz, '--out', fromGz]));
    const sorted = (t: string) => t.split('\n').sort().join('\n');
    expect(sorted((await parquetCells(fromGz)).text)).toBe(sorted((await parquetCells(parquet)).text));
  }, 60_000);

  it("a period written only in the extract's name is kept for its rows", async () => {
    const lines = readFileSync(csv, 'utf8').split('\r\n');
    const header = lines[1].split(';');
    const at = header.indexOf('PERIODE');
    const noPeriod = path.join(tmp, 'households_2025-S1.csv');
    const drop = (l: string) =>
      l
        .split(';')
        .filter((_, j) => j !== at)
        .join(';');
    writeFileSync(noPeriod, [lines[0], ...lines.slice(1, 3000).map(drop)].join('\r\n') + '\r\n');
    const parquetNoName = path.join(tmp, 'no-period-in-this-name.parquet');
    await quiet(() => convert(['--households', noPeriod, '--out', parquetNoName]));
    const direct = await sameAggregates(noPeriod, parquetNoName, 'agg-noperiod');
    expect(JSON.parse(direct['join-report.json']).periods).toEqual(['2025-S1']);
  }, 60_000);
});

describe('bad input: one line, nothing written', () => {
  async function refused(run: typeof convert, args: string[], out: string): Promise<string> {
    const folder = path.dirname(out);
    const isFolder = existsSync(folder) && statSync(folder).isDirectory();
    const before = isFolder ? readdirSync(folder) : [];
    const error = await run(args).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(CliError);
    expect(existsSync(out)).toBe(false);
    if (isFolder) expect(readdirSync(folder)).toEqual(before);
    const message = (error as Error).message;
    expect(message.split('\n')).toHaveLength(1);
    expect(message).not.toMatch(/\d{16}/);
    return message;
  }

  it('a truncated gzip extract', async () => {
    const full = gzipSync(readFileSync(csv));
    const cut = path.join(tmp, 'cut.csv.gz');
    writeFileSync(cut, full.subarray(0, Math.floor(full.length * 0.6)));
    const dir = path.join(tmp, 'bad-gz');
    mkdirSync(dir);
    const out = path.join(dir, 'cut.parquet');
    expect(await refused(convert, ['--households', cut, '--out', out], out)).toMatch(
      /^cut\.csv\.gz: tidak dapat dibaca/,
    );
    expect(await refused(convert, ['--households', cut, '--out', out, '--lang', 'en'], out)).toMatch(
      /^cut\.csv\.gz: cannot read .*; nothing written$/,
    );
  }, 60_000);

  it('an output that cannot be written: under a file, a folder, the extract itself', async () => {
    const notDir = path.join(tmp, 'a-file');
    writeFileSync(notDir, 'x');
    const under = path.join(notDir, 'out.parquet');
    expect(await refused(convert, ['--households', csv, '--out', under], under)).toMatch(
      /^--out .*out\.parquet: tidak dapat ditulis \(ENOTDIR\); tidak ada yang ditulis$/,
    );
    const folder = path.join(tmp, 'a-folder');
    mkdirSync(folder);
    const error = await convert(['--households', csv, '--out', folder, '--lang', 'en']).catch(
      (e: Error) => e,
    );
    expect((error as Error).message).toMatch(/cannot be written \(EISDIR\)/);
    expect(readdirSync(folder)).toEqual([]);
    const self = await convert(['--households', csv, '--out', csv]).catch((e: Error) => e);
    expect((self as Error).message).toMatch(/adalah file --households itu sendiri/);
  }, 60_000);

  it('two extracts at once, a missing --out, a --kab that does not exist when aggregating the Parquet file', async () => {
    const out = path.join(tmp, 'two.parquet');
    expect(await refused(convert, ['--households', csv, '--households', csv, '--out', out], out)).toMatch(
      /satu --households FILE setiap kali \(2 diberikan\)/,
    );
    expect(await refused(convert, ['--households', csv, '--lang', 'en'], out)).toMatch(/missing --out/);
    const parquet = path.join(tmp, 'for-kab.parquet');
    await quiet(() => convert(['--households', csv, '--out', parquet]));
    const aggOut = path.join(tmp, 'kab-out', 'x');
    const run = (args: string[]) => aggregate([...args, '--geo', geo, '--out', aggOut]);
    expect(await refused(run, ['--kab', '33.99', '--households', parquet], aggOut)).toMatch(
      /--kab 33\.99: kabupaten\/kota 33\.99 tidak ada di gazetteer/,
    );
  }, 60_000);
});
