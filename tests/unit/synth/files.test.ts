import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon';
import { AGGREGATE_COLUMNS, HOUSEHOLD_COLUMNS } from '../../../src/lib/synth/csv-format.ts';
import { runSynth, writeSyntheticAggregate, type SynthRun } from '../../../src/node/synth-files.ts';
import { loadDesaBoundaries, resolveKodeKab } from '../../../src/node/synth-geo.ts';
import { CliError } from '../../../src/cli/errors.ts';
import { GENERIC_GRID, gridDistrict, hasKendal, KENDAL_DESA, KENDAL_GRID } from './fixture.ts';

const REPO = path.resolve(import.meta.dirname, '../../..');
let tmp: string;
let geoDir: string;
const desa = gridDistrict('33.24', KENDAL_GRID);
const periods = ['2025-Q1', '2025-Q3'];

function run(outName: string, overrides: Partial<SynthRun> = {}) {
  return runSynth({
    kodeKab: '33.24',
    geoDir,
    outDir: path.join(tmp, outName),
    households: 6_000,
    seed: 1,
    periods,
    geotagShare: 0.85,
    ...overrides,
  });
}

function sha256(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

/** Lines of a CRLF file without the line ends (the last, empty piece dropped). */
function lines(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  expect(text.endsWith('\r\n')).toBe(true);
  expect(/[^\r]\n/.test(text)).toBe(false); // no bare LF anywhere
  return text.split('\r\n').slice(0, -1);
}

beforeAll(() => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'kantong-synth-'));
  geoDir = path.join(tmp, 'geo');
  mkdirSync(path.join(geoDir, '33.24'), { recursive: true });
  writeFileSync(
    path.join(geoDir, '33.24', 'desa.json'),
    JSON.stringify({ type: 'FeatureCollection', features: desa }),
  );
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('household extract files', () => {
  it('are named and marked as synthetic, in an Excel-like ; / CRLF / decimal-comma layout', async () => {
    const result = await run('format');
    const names = readdirSync(path.join(tmp, 'format')).sort();
    expect(names).toEqual([
      'sintetis-agregat-desa-33.24.csv',
      'sintetis-dtsen-33.24-2025-Q1.csv',
      'sintetis-dtsen-33.24-2025-Q3.csv',
    ]);
    expect(result.files.map((f) => path.basename(f.path)).sort()).toEqual(names);
    for (const [t, periode] of periods.entries()) {
      const rows = lines(path.join(tmp, 'format', `sintetis-dtsen-33.24-${periode}.csv`));
      expect(rows[0]).toBe(
        `# DATA SINTETIS - bukan data DT-SEN asli. Dibuat oleh generator Kantong (seed 1, periode ${periode}). Semua NIK, No. KK, nama dan alamat palsu.`,
      );
      expect(rows[1].split(';')).toEqual([...HOUSEHOLD_COLUMNS]);
      const body = rows.slice(2);
      expect(body).toHaveLength(result.district.periods[t].count);
      // One pattern for a whole row: fake 16-digit NIK/No. KK with region 3324-99, 10-digit KODE_WILAYAH, caps
      // names, size 1–12, desil 1–10, decimal-comma coordinates or two empty cells, YA/TIDAK flags, the period.
      const row = new RegExp(
        '^332499\\d{10};332499\\d{10};WARGA SINTETIS \\d{6,};DUSUN SINTETIS \\d+ RT \\d{3}/RW \\d{3};3324\\d{6};JAWA TENGAH;KABUPATEN UJI 33\\.24;' +
          `[^;a-z]+;[^;a-z]+;([1-9]|1[0-2]);([1-9]|10);(-\\d+,\\d{7};\\d+,\\d{7}|;);(YA|TIDAK)(;(YA|TIDAK)){6};${periode}$`,
      );
      const byCode = new Map(desa.map((f) => [f.properties.kode_desa.replace(/\./g, ''), f]));
      const problems: string[] = [];
      let geotagged = 0;
      for (const [r, line] of body.entries()) {
        if (!row.test(line)) problems.push(`row ${r + 3}: ${line}`);
        const cells = line.split(';');
        const feature = byCode.get(cells[4]);
        if (!feature) {
          problems.push(`row ${r + 3}: unknown KODE_WILAYAH ${cells[4]}`);
          continue;
        }
        if (
          cells[7] !== feature.properties.nama_kec.toUpperCase() ||
          cells[8] !== feature.properties.nama_desa.toUpperCase()
        )
          problems.push(`row ${r + 3}: names`);
        if (cells[11] === '') continue;
        geotagged++;
        const point = [Number(cells[12].replace(',', '.')), Number(cells[11].replace(',', '.'))];
        if (!booleanPointInPolygon(point, feature, { ignoreBoundary: true }))
          problems.push(`row ${r + 3}: point outside ${feature.properties.kode_desa}`);
      }
      expect(problems.slice(0, 5)).toEqual([]);
      expect(geotagged / body.length).toBeGreaterThan(0.8);
      expect(geotagged / body.length).toBeLessThan(0.9);
    }
  });

  it('keep NO_KK, NIK, name and address of a household across periods', async () => {
    await run('keys');
    const read = (periode: string) =>
      new Map(
        lines(path.join(tmp, 'keys', `sintetis-dtsen-33.24-${periode}.csv`))
          .slice(2)
          .map((r) => r.split(';'))
          .map((c) => [c[1], c] as const),
      );
    const before = read('2025-Q1');
    const after = read('2025-Q3');
    expect(before.size).toBe(6_000); // NO_KK unique within a period
    let common = 0;
    let desilChanged = 0;
    for (const [kk, cells] of after) {
      const old = before.get(kk);
      if (!old) continue;
      common++;
      expect([cells[0], cells[2], cells[3], cells[4], cells[11], cells[12]]).toEqual([
        old[0],
        old[2],
        old[3],
        old[4],
        old[11],
        old[12],
      ]);
      if (cells[10] !== old[10]) desilChanged++;
    }
    expect(common).toBe(6_000 - 120);
    expect(desilChanged / common).toBeGreaterThan(0.25);
  });

  it('same seed → byte-identical files; another seed → different files', async () => {
    await run('same-a');
    await run('same-b');
    await run('other', { seed: 2 });
    for (const name of readdirSync(path.join(tmp, 'same-a'))) {
      expect(sha256(path.join(tmp, 'same-b', name)), name).toBe(sha256(path.join(tmp, 'same-a', name)));
      expect(sha256(path.join(tmp, 'other', name)), name).not.toBe(sha256(path.join(tmp, 'same-a', name)));
    }
  });
});

describe('desa-level aggregate file', () => {
  it('has the comment line, the header, one row per desa per period, dotted codes, integers that add up', async () => {
    const result = await run('aggregate', { households: 3_000 });
    const rows = lines(path.join(tmp, 'aggregate', 'sintetis-agregat-desa-33.24.csv'));
    expect(rows[0]).toMatch(
      /^# DATA SINTETIS - bukan data DT-SEN asli\. Dibuat oleh generator Kantong \(seed 1, periode 2025-Q1, 2025-Q3\)/,
    );
    expect(rows[1]).toBe(
      'periode;kode_desa;nama_desa;kode_kec;nama_kec;jumlah_kk;kk_desil_1;kk_desil_2;kk_desil_3;kk_desil_4;kk_desil_5;kk_desil_6;kk_desil_7;kk_desil_8;kk_desil_9;kk_desil_10;jumlah_jiwa;kk_pkh;kk_bpnt;kk_pbi_jk;kk_miskin_ekstrem;kk_pkh_desil_1_4;kk_bpnt_desil_1_4;kk_pbi_jk_desil_1_4',
    );
    expect(rows[1].split(';')).toEqual([...AGGREGATE_COLUMNS]);
    const body = rows.slice(2).map((r) => r.split(';'));
    expect(body).toHaveLength(desa.length * periods.length);
    for (const [t, periode] of periods.entries()) {
      const part = body.filter((c) => c[0] === periode);
      expect(new Set(part.map((c) => c[1]))).toEqual(new Set(desa.map((f) => f.properties.kode_desa)));
      let households = 0;
      for (const c of part) {
        expect(c[1]).toMatch(/^\d{2}\.\d{2}\.\d{2}\.\d{4}$/);
        expect(c[3]).toMatch(/^\d{2}\.\d{2}\.\d{2}$/);
        for (const v of c.slice(5)) expect(v).toMatch(/^\d+$/);
        const numbers = c.slice(5).map(Number);
        expect(numbers.slice(1, 11).reduce((a, b) => a + b, 0)).toBe(numbers[0]);
        expect(numbers[11]).toBeGreaterThanOrEqual(numbers[0]); // persons ≥ households
        // programme recipients in desil 1–4: at most all recipients, at most all desil 1–4 households
        const desil14 = numbers.slice(1, 5).reduce((a, b) => a + b, 0);
        for (const [all, low] of [
          [numbers[12], numbers[16]],
          [numbers[13], numbers[17]],
          [numbers[14], numbers[18]],
        ]) {
          expect(low).toBeLessThanOrEqual(all);
          expect(low).toBeLessThanOrEqual(desil14);
        }
        households += numbers[0];
      }
      expect(households).toBe(result.district.periods[t].count);
    }
  });

  it('writeSyntheticAggregate writes only the aggregate, identical to the CLI one with the same options', async () => {
    await run('cli', { households: 3_000 });
    const out = path.join(tmp, 'public-data', '33.24', 'sintetis-agregat-desa-33.24.csv');
    const written = await writeSyntheticAggregate('33.24', out, { geoDir, households: 3_000, seed: 1 });
    expect(written.households).toBe(3_000);
    expect(readdirSync(path.dirname(out))).toEqual(['sintetis-agregat-desa-33.24.csv']);
    expect(sha256(out)).toBe(sha256(path.join(tmp, 'cli', 'sintetis-agregat-desa-33.24.csv')));
  });

  it('the default household count is the profile one (300,000 for Kendal)', async () => {
    const written = await writeSyntheticAggregate('33.24', path.join(tmp, 'default', 'a.csv'), {
      geoDir,
      periods: ['2025'],
    });
    expect(written.households).toBe(300_000);
    expect(written.summaries[0].households).toBe(300_000);
  });
});

describe('district folders', () => {
  it('a district listed in index.json under another folder (like the demo) is found by code or folder name', async () => {
    const contoh = path.join(tmp, 'geo-index');
    mkdirSync(path.join(contoh, 'contoh'), { recursive: true });
    writeFileSync(
      path.join(contoh, 'contoh', 'desa.json'),
      JSON.stringify({ type: 'FeatureCollection', features: gridDistrict('91.71', GENERIC_GRID) }),
    );
    writeFileSync(
      path.join(contoh, 'index.json'),
      JSON.stringify({
        default: 'contoh',
        districts: [{ kode_kab: '91.71', nama_kab: 'Uji', demo: true, folder: 'contoh' }],
      }),
    );
    expect(await resolveKodeKab(contoh, 'contoh')).toBe('91.71');
    expect(await resolveKodeKab(contoh, '9171')).toBe('91.71');
    expect(await resolveKodeKab(contoh, 'elsewhere')).toBeNull();
    expect(await loadDesaBoundaries(contoh, '91.71')).toHaveLength(GENERIC_GRID.length * 9);
    const out = path.join(tmp, 'contoh-out', 'agregat.csv');
    const written = await writeSyntheticAggregate('91.71', out, { geoDir: contoh });
    const area = gridDistrict('91.71', GENERIC_GRID).reduce((a, f) => a + f.properties.luas_km2, 0);
    expect(written.households).toBe(Math.round(300 * area)); // generic profile: ~300 households per km²
  });
});

describe('bad input', () => {
  it('a missing boundary file is one CliError that says how to build it', async () => {
    const error = await loadDesaBoundaries(path.join(tmp, 'nowhere'), '33.99').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CliError);
    expect((error as Error).message).toContain('npm run geo -- --kab 33.99');
    expect((error as Error).message).toContain(path.join(tmp, 'nowhere', '33.99', 'desa.json'));
  });

  it('a boundary file of another kabupaten or without properties is refused with the feature named', async () => {
    mkdirSync(path.join(geoDir, '33.25'), { recursive: true });
    writeFileSync(
      path.join(geoDir, '33.25', 'desa.json'),
      JSON.stringify({ type: 'FeatureCollection', features: desa }),
    );
    await expect(loadDesaBoundaries(geoDir, '33.25')).rejects.toThrow(
      /feature 0: kode_kab is 33\.24, expected 33\.25/,
    );
    mkdirSync(path.join(geoDir, '33.26'), { recursive: true });
    writeFileSync(
      path.join(geoDir, '33.26', 'desa.json'),
      '{"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":null}]}',
    );
    await expect(loadDesaBoundaries(geoDir, '33.26')).rejects.toThrow(
      /feature 0: property kode_desa, .* missing/,
    );
    writeFileSync(path.join(geoDir, '33.26', 'desa.json'), '{"type":"Feature');
    await expect(loadDesaBoundaries(geoDir, '33.26')).rejects.toThrow(/not valid JSON/);
  });

  it('the CLI exits non-zero with one clear line for a missing boundary file, a bad code, a bad period', () => {
    const cli = (...args: string[]) =>
      spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/synth.ts', ...args], {
        cwd: REPO,
        encoding: 'utf8',
      });
    const missing = cli(
      '--kab',
      '33.99',
      '--geo',
      path.join(tmp, 'nowhere'),
      '--out',
      path.join(tmp, 'never'),
    );
    expect(missing.status).not.toBe(0);
    expect(missing.stderr.trim().split('\n')).toHaveLength(1);
    expect(missing.stderr).toContain('npm run geo -- --kab 33.99');
    expect(existsSync(path.join(tmp, 'never'))).toBe(false);
    const badKab = cli('--kab', 'Kendal');
    expect(badKab.status).not.toBe(0);
    expect(badKab.stderr).toMatch(/--kab "Kendal" is not a kabupaten\/kota code/);
    const badPeriod = cli('--kab', '33.24', '--geo', geoDir, '--periods', '2025-Q5');
    expect(badPeriod.status).not.toBe(0);
    expect(badPeriod.stderr).toMatch(/"2025-Q5" is not a period/);
    const ok = cli(
      '--kab',
      '3324',
      '--geo',
      geoDir,
      '--out',
      path.join(tmp, 'cli-ok'),
      '--households',
      '500',
      '--geotag-share',
      '0',
    );
    expect(ok.status, ok.stderr).toBe(0);
    expect(ok.stdout).toContain('DATA SINTETIS');
    expect(readdirSync(path.join(tmp, 'cli-ok'))).toHaveLength(3);
    expect(readFileSync(path.join(tmp, 'cli-ok', 'sintetis-dtsen-33.24-2025-Q1.csv'), 'utf8')).not.toMatch(
      /;-?\d+,\d{7};/,
    );
  });
});

describe.skipIf(!hasKendal)('real Kendal boundaries (../shared/data/kendal)', () => {
  it('same seed → byte-identical files on the 286 real desa', async () => {
    const kendalGeo = path.join(tmp, 'kendal-geo');
    mkdirSync(path.join(kendalGeo, '33.24'), { recursive: true });
    writeFileSync(path.join(kendalGeo, '33.24', 'desa.json'), readFileSync(KENDAL_DESA));
    const a = await runSynth({
      kodeKab: '33.24',
      geoDir: kendalGeo,
      outDir: path.join(tmp, 'kendal-a'),
      households: 10_000,
      seed: 1,
      periods,
      geotagShare: 0.85,
    });
    await runSynth({
      kodeKab: '33.24',
      geoDir: kendalGeo,
      outDir: path.join(tmp, 'kendal-b'),
      households: 10_000,
      seed: 1,
      periods,
      geotagShare: 0.85,
    });
    expect(a.district.desa).toHaveLength(286);
    for (const f of a.files) expect(sha256(f.path.replace('kendal-a', 'kendal-b'))).toBe(sha256(f.path));
    const header = lines(a.files[0].path)[2];
    expect(header.split(';')[6]).toBe('KABUPATEN KENDAL');
  });
});
