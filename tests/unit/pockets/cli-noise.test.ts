/**
 * `kantong pockets` with the default settings on household files whose desil are drawn at random (the
 * households of a synthetic file with their desil shuffled among them: same desa, same counts): no pocket,
 * exit 0, one line saying why, and files that say so; on hexagons that could only be spread from desa, a
 * refusal naming `--unit desa`.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { run } from '../../../src/cli/commands/pockets.ts';
import { CliError } from '../../../src/cli/errors.ts';
import type { DesaCollection } from '../../../src/lib/geo/types.ts';
import { calibrationProfile, kendalProfile } from '../../../src/lib/synth/calibration.ts';
import { generateHouseholds } from '../../../src/lib/synth/households.ts';
import { shuffleDesil } from '../../../src/lib/synth/null-model.ts';
import { writeHouseholdFile } from '../../../src/node/synth-files.ts';
import { quiet, writeTestGeo } from '../helpers/cli.ts';

vi.stubEnv('KANTONG_LANG', 'en');

let dir: string;
let geo: string;
const noise: string[] = [];
let real: string;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'kantong-noise-'));
  const written = writeTestGeo(dir);
  geo = written.geo;
  const synth = generateHouseholds('33.24', written.desa, kendalProfile, {
    households: 30_000,
    seed: 21,
    periods: ['2025-Q3'],
    geotagShare: 0.85,
  });
  real = path.join(dir, 'real-2025-Q3.csv');
  await writeHouseholdFile(synth, 0, 'JAWA TENGAH', real);
  for (const seed of [1, 2, 3, 4, 5]) {
    const file = path.join(dir, `noise-${seed}-2025-Q3.csv`);
    await writeHouseholdFile(shuffleDesil(synth, seed), 0, 'JAWA TENGAH', file);
    noise.push(file);
  }
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const args = (file: string, out: string, extra: string[] = []) => [
  '--kab',
  '33.24',
  '--geo',
  geo,
  '--households',
  file,
  '--perm',
  '199',
  ...extra,
  '--out',
  out,
];

/** The line after the summary: the outcome in one line. */
const outcomeLine = (stdout: string) => stdout.split('\n')[2];

describe('kantong pockets on noise, with the defaults', () => {
  it('the noise files keep the households, desa and desil shares of the file they come from', () => {
    const desil = (file: string) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .slice(2)
        .filter(Boolean)
        .map((l) => l.split(';'));
    const a = desil(real);
    const b = desil(noise[0]);
    expect(b).toHaveLength(a.length);
    const header = readFileSync(real, 'utf8').split('\n')[1].split(';');
    const [kode, d] = [header.indexOf('KODE_WILAYAH'), header.indexOf('DESIL_NASIONAL')];
    const tally = (rows: string[][], j: number) =>
      rows.reduce((m, r) => m.set(r[j], (m.get(r[j]) ?? 0) + 1), new Map<string, number>());
    expect(tally(b, kode)).toEqual(tally(a, kode));
    expect(tally(b, d)).toEqual(tally(a, d));
    expect(b.map((r) => r[d])).not.toEqual(a.map((r) => r[d]));
  });

  it.each([1, 2, 3, 4, 5])(
    'noise file %i at --unit desa: 0 pockets, exit 0, a one-line reason',
    async (k) => {
      const out = path.join(dir, `desa-${k}`);
      const { stdout } = await quiet(() => run(args(noise[k - 1], out, ['--unit', 'desa'])));
      expect(stdout).toMatch(/^0 pockets \(/m);
      expect(outcomeLine(stdout)).toMatch(/^no pockets: /);
      expect(outcomeLine(stdout)).not.toMatch(/\n|Error|at /);
      const fc = JSON.parse(readFileSync(path.join(out, 'pockets.geojson'), 'utf8'));
      expect(fc.features).toEqual([]);
      expect(fc.kantong).toMatchObject({ hasil: 'none', koreksi: 'fdr', min_unit: 3, min_keluarga: 200 });
      expect(fc.kantong.alasan).toMatch(/^tidak ada kantong: /);
      // the files say which settings were used and why there is no pocket
      const csv = readFileSync(path.join(out, 'pockets.csv'), 'utf8').replace(/\r/g, '');
      expect(csv.split('\n')[0]).toMatch(/Pengaturan: .*koreksi FDR.*Hasil: tidak ada kantong: /);
      expect(csv.split('\n').filter(Boolean)).toHaveLength(2);
    },
  );

  it('noise at the default unit (geotagged hexagons): 0 pockets, exit 0', async () => {
    const out = path.join(dir, 'hex-noise');
    const { stdout, stderr } = await quiet(() => run(args(noise[0], out)));
    expect(stdout).toMatch(/hexagons at res 8/);
    expect(stdout).toMatch(/^0 pockets \(/m);
    expect(outcomeLine(stdout)).toMatch(/^no pockets: /);
    // the statistics rest on the geotagged households only, and the command says how many that is
    expect(stderr).toMatch(/hexagon statistics from geotagged households only: [\d,]+ of 30,000 households/);
    expect(existsSync(path.join(out, 'hex.csv'))).toBe(true);
  });

  it('the real synthetic file still gives its pockets, with their stability', async () => {
    const out = path.join(dir, 'real');
    const { stdout } = await quiet(() => run(args(real, out, ['--unit', 'desa', '--alpha', '0.1'])));
    expect(stdout).toMatch(/^[1-9]\d* pockets \(/m);
    expect(outcomeLine(stdout)).toMatch(/^the global test supports clustering/);
    expect(stdout).toMatch(/ {2}1\. Kantong .*; (stable|less stable): in \d+% of 20 reruns/);
    const members = readFileSync(path.join(out, 'members.csv'), 'utf8').split(/\r?\n/).filter(Boolean);
    expect(members[1]).toBe('peringkat;id_kantong;anggota;kode_desa;nama_desa;stabilitas;stabil');
    expect(members.length).toBeGreaterThan(2);
    for (const row of members.slice(2)) expect(row).toMatch(/;(0|1)\.\d\d;(ya|tidak)$/);
  });

  it('hexagons from a file without coordinates: a refusal naming --unit desa, nothing written', async () => {
    const lines = readFileSync(noise[0], 'utf8').split('\n');
    const header = lines[1].split(';');
    const drop = new Set([header.indexOf('LINTANG'), header.indexOf('BUJUR')]);
    const file = path.join(dir, 'no-coordinates-2025-Q3.csv');
    writeFileSync(
      file,
      lines
        .map((l, i) =>
          i === 0 || l === ''
            ? l
            : l
                .split(';')
                .filter((_, j) => !drop.has(j))
                .join(';'),
        )
        .join('\n'),
    );
    const out = path.join(dir, 'refused');
    const p = quiet(() => run(args(file, out)));
    await expect(p).rejects.toBeInstanceOf(CliError);
    await expect(p).rejects.toThrow(/^no household has usable coordinates: .*use --unit desa$/);
    expect(existsSync(out)).toBe(false);
    // at the desa level the same file is analysed
    const { stdout } = await quiet(() => run(args(file, path.join(dir, 'desa-ok'), ['--unit', 'desa'])));
    expect(stdout).toMatch(/^0 pockets \(/m);
  });
});

const KENDAL = path.resolve('public/geo/33.24/desa.json');
const kendal = existsSync(KENDAL);
if (!kendal)
  console.warn(
    `[skipped] kantong pockets on Kendal noise: ${KENDAL} is not built (npm run geo -- --kab 33.24)`,
  );

describe.skipIf(!kendal)('kantong pockets on noise in Kendal (its real desa)', () => {
  it('two noise files of 60,000 households: 0 pockets, exit 0, a one-line reason each', async () => {
    const fc = JSON.parse(readFileSync(KENDAL, 'utf8')) as DesaCollection;
    const synth = generateHouseholds('33.24', fc.features, calibrationProfile('33.24'), {
      households: 60_000,
      seed: 4,
      periods: ['2025-Q3'],
      geotagShare: 0,
    });
    for (const seed of [11, 12]) {
      const file = path.join(dir, `kendal-noise-${seed}-2025-Q3.csv`);
      await writeHouseholdFile(shuffleDesil(synth, seed), 0, 'JAWA TENGAH', file);
      const out = path.join(dir, `kendal-${seed}`);
      const { stdout } = await quiet(() =>
        run([
          '--kab',
          '33.24',
          '--geo',
          path.resolve('public/geo'),
          '--households',
          file,
          '--unit',
          'desa',
          '--out',
          out,
        ]),
      );
      expect(stdout).toMatch(/286 desa/);
      expect(stdout).toMatch(/^0 pockets \(/m);
      expect(outcomeLine(stdout)).toMatch(/^no pockets: /);
    }
  });
});
