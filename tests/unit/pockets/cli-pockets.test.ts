/** `kantong pockets`: the files it writes from a household extract, and one clear error per kind of bad input. */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { run } from '../../../src/cli/commands/pockets.ts';
import { CliError } from '../../../src/cli/errors.ts';
import { kendalProfile } from '../../../src/lib/synth/calibration.ts';
import { generateHouseholds } from '../../../src/lib/synth/households.ts';
import { writeHouseholdFile } from '../../../src/node/synth-files.ts';
import { quiet, withoutColumn, writeTestGeo } from '../helpers/cli.ts';

// These tests read the CLI's English messages; the default language is Indonesian (see `src/cli/params.ts`).
vi.stubEnv('KANTONG_LANG', 'en');

let dir: string;
let geo: string;
let extract: string;
let swapped: string;

/** Rows of a `;` CSV after its leading `#` comment line. */
function readCsv(file: string): Record<string, string>[] {
  const text = readFileSync(file, 'utf8');
  expect(text.startsWith('# DATA SINTETIS')).toBe(true);
  return Papa.parse<Record<string, string>>(text.slice(text.indexOf('\n') + 1), {
    header: true,
    delimiter: ';',
    skipEmptyLines: true,
  }).data;
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'kantong-pockets-'));
  const written = writeTestGeo(dir);
  geo = written.geo;
  const desa = written.desa;
  const synth = generateHouseholds('33.24', desa, kendalProfile, {
    households: 30_000,
    seed: 21,
    periods: ['2025-Q3'],
    geotagShare: 0.85,
  });
  extract = path.join(dir, 'extract-2025-Q3.csv');
  await writeHouseholdFile(synth, 0, 'JAWA TENGAH', extract);
  swapped = path.join(dir, 'swapped-2025-Q3.csv');
  const lines = readFileSync(extract, 'utf8').split('\n');
  lines[1] = lines[1].replace('LINTANG;BUJUR', 'BUJUR;LINTANG');
  writeFileSync(swapped, lines.join('\n'));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('kantong pockets', () => {
  it('writes pockets.geojson, pockets.csv and hex.csv with no count under k and no identifier', async () => {
    const out = path.join(dir, 'hex');
    const { stdout } = await quiet(() =>
      run([
        '--kab',
        '33.24',
        '--geo',
        geo,
        '--households',
        extract,
        '--res',
        '8',
        '--perm',
        '199',
        '--out',
        out,
      ]),
    );
    expect(stdout).toMatch(/DATA SINTETIS.*hexagons at res 8/);
    // the default settings (FDR, Gi* hot spots whose own share is high, 3 hexagons and 200 households, the
    // global test required) are named in the summary line
    expect(stdout).toMatch(
      /\d+ pockets \(Gi\* hot spot 95% whose own value is above the mean, α = 0.05, FDR, at least 3 hexagons and 200 households, global test required\)/,
    );
    const fc = JSON.parse(readFileSync(path.join(out, 'pockets.geojson'), 'utf8'));
    expect(fc.type).toBe('FeatureCollection');
    expect(fc.kantong).toMatchObject({ data_sintetis: true, unit: 'hex', resolusi: 8, estimasi: true });
    const pockets = readCsv(path.join(out, 'pockets.csv'));
    expect(pockets.length).toBe(fc.features.length);
    expect(pockets.length).toBeGreaterThan(0);
    for (const [i, p] of pockets.entries()) {
      expect(p.nama).toMatch(/^Kantong .+ \d+$/);
      expect(p.id).toBe(fc.features[i].properties.id);
      expect(['Polygon', 'MultiPolygon']).toContain(fc.features[i].geometry.type);
    }
    const hex = readCsv(path.join(out, 'hex.csv'));
    expect(hex.length).toBeGreaterThan(0);
    for (const row of hex) {
      expect(Number(row.jumlah_kk)).toBeGreaterThanOrEqual(10);
      for (let d = 1; d <= 10; d++) {
        const v = row[`kk_desil_${d}`];
        expect(v === '' || v === '< 10' || v === '0' || Number(v) >= 10).toBe(true);
      }
    }
    for (const f of ['pockets.geojson', 'pockets.csv', 'hex.csv'])
      expect(readFileSync(path.join(out, f), 'utf8')).not.toMatch(/\d{16}|WARGA SINTETIS|DUSUN SINTETIS/);
  });

  it('gives the same pockets for the same seed, and desa pockets with --unit desa', async () => {
    const args = ['--kab', '33.24', '--geo', geo, '--households', extract, '--perm', '199', '--seed', '4'];
    await quiet(() => run([...args, '--out', path.join(dir, 'a')]));
    await quiet(() => run([...args, '--out', path.join(dir, 'b')]));
    expect(readFileSync(path.join(dir, 'b', 'pockets.geojson'), 'utf8')).toBe(
      readFileSync(path.join(dir, 'a', 'pockets.geojson'), 'utf8'),
    );
    const desa = path.join(dir, 'desa');
    await quiet(() => run([...args, '--unit', 'desa', '--alpha', '0.1', '--out', desa]));
    expect(existsSync(path.join(desa, 'hex.csv'))).toBe(false);
    const fc = JSON.parse(readFileSync(path.join(desa, 'pockets.geojson'), 'utf8'));
    expect(fc.features.length).toBeGreaterThan(0);
    for (const f of fc.features) expect(f.properties.id).toMatch(/^desa-/);
  });

  it('says when latitude and longitude were exchanged', async () => {
    const { stderr } = await quiet(() =>
      run([
        '--kab',
        '33.24',
        '--geo',
        geo,
        '--households',
        swapped,
        '--perm',
        '99',
        '--out',
        path.join(dir, 'sw'),
      ]),
    );
    expect(stderr).toMatch(/latitude and longitude (look )?exchanged/);
  });

  it.each([
    [['--res', '10'], /--res: H3 resolution must be 7, 8 or 9/],
    [['--res', '6'], /--res: H3 resolution must be 7, 8 or 9/],
    [['--unit', 'kecamatan'], /--unit: "kecamatan" is not desa or hex/],
    [['--min-count', '2'], /--min-count: "2" must be a whole number ≥ 3/],
    [['--alpha', '1.5'], /--alpha/],
    [['--criterion', 'gi80'], /--criterion/],
    [['--adjust', 'holm'], /--adjust: "holm" is not none, fdr or bonferroni/],
    [['--fdr'], /Unknown option '--fdr'/],
    [['--periode', '2030-Q1'], /--periode 2030-Q1: not in the file/],
  ])('rejects %j with one line', async (extra, pattern) => {
    const out = path.join(dir, 'bad');
    const p = quiet(() =>
      run(['--kab', '33.24', '--geo', geo, '--households', extract, ...extra, '--out', out]),
    );
    await expect(p).rejects.toBeInstanceOf(CliError);
    await expect(p).rejects.toThrow(pattern);
    expect(existsSync(out)).toBe(false);
  });

  it('names a missing file', async () => {
    const p = run(['--kab', '33.24', '--geo', geo, '--households', path.join(dir, 'nope.csv'), '--out', dir]);
    await expect(p).rejects.toThrow(/nope\.csv: cannot read/);
  });
});

describe('kantong pockets: periods the same way as kantong import', () => {
  let named: string;
  let unnamed: string;
  beforeAll(() => {
    // The extract without its PERIODE column (the `# DATA SINTETIS` line and the header kept).
    const text = withoutColumn(extract, 'PERIODE');
    named = path.join(dir, 'tanpa-kolom-2025-Q1.csv');
    unnamed = path.join(dir, 'tanpa-kolom.csv');
    writeFileSync(named, text);
    writeFileSync(unnamed, text);
  });
  const args = (file: string, out: string, extra: string[] = []) => [
    '--kab',
    '33.24',
    '--geo',
    geo,
    '--households',
    file,
    '--unit',
    'desa',
    '--perm',
    '99',
    ...extra,
    '--out',
    out,
  ];
  const periodeOf = (out: string) =>
    JSON.parse(readFileSync(path.join(out, 'pockets.geojson'), 'utf8')).kantong.periode;

  it('takes the period of a file without a period column from its name', async () => {
    const out = path.join(dir, 'p-name');
    const { stdout } = await quiet(() => run(args(named, out)));
    expect(periodeOf(out)).toBe('2025-Q1');
    expect(stdout).toMatch(/periode 2025-Q1/);
    // --periode selects among the file's periods: the name gave one, another is not there
    const other = quiet(() => run(args(named, path.join(dir, 'p-name-2'), ['--periode', '2025-Q3'])));
    await expect(other).rejects.toThrow(/--periode 2025-Q3: not in the file/);
  });

  it('without a period in the name, stops in one line naming --periode and writes nothing', async () => {
    const out = path.join(dir, 'p-none');
    const p = quiet(() => run(args(unnamed, out)));
    await expect(p).rejects.toBeInstanceOf(CliError);
    await expect(p).rejects.toThrow(/^tanpa-kolom\.csv: [^\n]*--periode[^\n]*$/);
    expect(existsSync(out)).toBe(false);
  });

  it('with --periode 2025-Q3, reads such a file as that period', async () => {
    const out = path.join(dir, 'p-given');
    await quiet(() => run(args(unnamed, out, ['--periode', '2025-Q3'])));
    expect(periodeOf(out)).toBe('2025-Q3');
  });

  it('prints hexagon messages and guardrails in --lang', async () => {
    const hex = ['--kab', '33.24', '--geo', geo, '--households', named, '--perm', '99'];
    const en = await quiet(() => run([...hex, '--lang', 'en', '--out', path.join(dir, 'p-en')]));
    // this file reads English by default (KANTONG_LANG is stubbed above): Indonesian by the flag
    const id = await quiet(() => run([...hex, '--lang', 'id', '--out', path.join(dir, 'p-id')]));
    expect(en.stderr).toMatch(/pockets: info: [\d,]+ of [\d,]+ households have no usable coordinates/);
    expect(id.stderr).toMatch(/pockets: info: [\d.]+ dari [\d.]+ keluarga tidak punya koordinat/);
  });
});
