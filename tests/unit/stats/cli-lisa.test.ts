/** `kantong lisa`: output files in the reference layout, and one clear error per kind of bad input. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { run } from '../../../src/cli/commands/lisa.ts';
import { CliError } from '../../../src/cli/errors.ts';
import {
  expectClose,
  num,
  readJson,
  readLocalCsv,
  requireSpatialStats,
  skipSpatialStats,
  spatialStatsDir,
} from './helpers.ts';

// These tests read the CLI's English messages; the default language is Indonesian (see `src/cli/params.ts`).
vi.stubEnv('KANTONG_LANG', 'en');

let dir: string;

/** A 3 × 3 lattice of unit squares (planar), ids "A".."I", with a value per cell. */
function lattice(values: (number | string | null)[], extra: Record<string, unknown> = {}): string {
  const features = values.map((v, i) => {
    const x = i % 3;
    const y = Math.floor(i / 3);
    return {
      type: 'Feature',
      properties: { kode: String.fromCharCode(65 + i), nilai: v, ...extra },
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [x, y],
            [x + 1, y],
            [x + 1, y + 1],
            [x, y + 1],
            [x, y],
          ],
        ],
      },
    };
  });
  return JSON.stringify({ type: 'FeatureCollection', features });
}

function write(name: string, text: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, text);
  return file;
}

async function expectCliError(argv: string[], pattern: RegExp): Promise<void> {
  const p = run(argv);
  await expect(p).rejects.toBeInstanceOf(CliError);
  await expect(p).rejects.toThrow(pattern);
}

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'kantong-lisa-'));
  vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
});

afterAll(() => {
  vi.restoreAllMocks();
  rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(skipSpatialStats)('kantong lisa on Columbus (queen, 999 permutations)', () => {
  beforeEach(requireSpatialStats);
  it('writes global.json, local.csv with the reference columns and values, and neighbors.json', async () => {
    const out = path.join(dir, 'columbus');
    await run([
      '--geo',
      path.join(spatialStatsDir, 'columbus.geojson'),
      '--id',
      'id',
      '--value',
      'CRIME',
      '--weights',
      'queen',
      '--out',
      out,
    ]);
    const ref = readLocalCsv(path.join(spatialStatsDir, 'columbus_queen/local.csv'));
    const ours = readLocalCsv(path.join(out, 'local.csv'));
    expect(ours.header).toEqual(ref.header);
    expect(ours.rows.map((r) => r.id)).toEqual(ref.rows.map((r) => r.id));
    for (const col of [
      'CRIME',
      'Ii',
      'E.Ii',
      'Var.Ii',
      'Z.Ii',
      'p_analytical',
      'p_analytical_fdr',
      'lag',
      'Gi_star_z',
      'Gi_star_p',
      'Gi_star_p_fdr',
      'Gi_z',
    ]) {
      expectClose(
        col,
        ours.rows.map((r) => num(r[col])),
        ref.rows.map((r) => num(r[col])),
      );
    }
    for (const col of ['quadrant', 'quadrant_median', 'quadrant_pysal', 'n_neighbors']) {
      expect(
        ours.rows.map((r) => r[col]),
        col,
      ).toEqual(ref.rows.map((r) => r[col]));
    }
    expect(readJson(path.join(out, 'neighbors.json'))).toEqual(
      readJson(path.join(spatialStatsDir, 'columbus_queen/neighbors.json')),
    );
    const g = readJson<{ moran: { I: number }; weights: { n_links: number }; moran_perm: { nsim: number } }>(
      path.join(out, 'global.json'),
    );
    expect(g.moran.I).toBeCloseTo(0.5001885571828611, 12);
    expect(g.weights.n_links).toBe(236);
    expect(g.moran_perm.nsim).toBe(999);
  });
});

describe('kantong lisa on small inputs', () => {
  const values = [1, 2, 3, 2, 5, 6, 3, 6, 9];

  it('reads values from a CSV joined by id (decimal commas accepted), with --perm 0 writing NA columns', async () => {
    const geo = write('grid.geojson', lattice(values));
    const csv = write(
      'values.csv',
      'kode,nilai\n' +
        values
          .map((v, i) => `${String.fromCharCode(65 + i)},"${String(v * 1.5).replace('.', ',')}"`)
          .join('\n'),
    );
    const out = path.join(dir, 'csv');
    await run([
      '--geo',
      geo,
      '--id',
      'kode',
      '--value',
      'nilai',
      '--values',
      csv,
      '--weights',
      'rook',
      '--perm',
      '0',
      '--out',
      out,
    ]);
    const local = readLocalCsv(path.join(out, 'local.csv'));
    expect(local.rows.map((r) => Number(r.nilai))).toEqual(values.map((v) => v * 1.5));
    expect(local.rows.every((r) => r.p_sim === 'NA' && r['perm_E.Ii'] === 'NA')).toBe(true);
    expect(readFileSync(path.join(out, 'local.csv'), 'utf8').split('\n')[1].startsWith('"A",')).toBe(true);
    expect(readJson(path.join(out, 'neighbors.json'))).toEqual([
      [1, 3],
      [0, 2, 4],
      [1, 5],
      [0, 4, 6],
      [1, 3, 5, 7],
      [2, 4, 8],
      [3, 7],
      [4, 6, 8],
      [5, 7],
    ]);
  });

  it('builds knn and tolerant weights', async () => {
    const geo = write('grid2.geojson', lattice(values));
    await run([
      '--geo',
      geo,
      '--id',
      'kode',
      '--value',
      'nilai',
      '--weights',
      'knn3',
      '--perm',
      '99',
      '--out',
      path.join(dir, 'knn'),
    ]);
    expect((readJson(path.join(dir, 'knn/neighbors.json')) as number[][]).every((l) => l.length === 3)).toBe(
      true,
    );
    // planar unit squares taken as metres: a 0.5 tolerance finds the queen neighbours
    await run([
      '--geo',
      geo,
      '--id',
      'kode',
      '--value',
      'nilai',
      '--weights',
      'tolerant',
      '--tolerance',
      '0.5',
      '--perm',
      '99',
      '--out',
      path.join(dir, 'tol'),
    ]);
    expect((readJson(path.join(dir, 'tol/neighbors.json')) as number[][])[4]).toEqual([
      0, 1, 2, 3, 5, 6, 7, 8,
    ]);
  });

  it('refuses a missing file', async () => {
    await expectCliError(
      [
        '--geo',
        path.join(dir, 'nope.geojson'),
        '--id',
        'kode',
        '--value',
        'nilai',
        '--weights',
        'queen',
        '--out',
        dir,
      ],
      /--geo: file not found: .*nope\.geojson/,
    );
  });

  it('refuses a missing option, naming it', async () => {
    await expectCliError(
      ['--geo', 'x.geojson', '--id', 'kode', '--weights', 'queen', '--out', dir],
      /missing --value/,
    );
  });

  it('refuses a missing id or value property, naming the feature', async () => {
    const geo = write('grid3.geojson', lattice(values));
    await expectCliError(
      ['--geo', geo, '--id', 'kode_desa', '--value', 'nilai', '--weights', 'queen', '--out', dir],
      /feature 0 of .* has no property "kode_desa"/,
    );
    await expectCliError(
      ['--geo', geo, '--id', 'kode', '--value', 'desil1', '--weights', 'queen', '--out', dir],
      /feature 0 \(id A\) of .* has no property "desil1"/,
    );
  });

  it('refuses a non-numeric or missing value, naming the feature index and id', async () => {
    const bad: (number | string)[] = [...values];
    bad[4] = 'lima';
    await expectCliError(
      [
        '--geo',
        write('bad.geojson', lattice(bad)),
        '--id',
        'kode',
        '--value',
        'nilai',
        '--weights',
        'queen',
        '--out',
        dir,
      ],
      /feature 4 \(id E\).*"nilai" = "lima" is not a number/,
    );
    const missing: (number | null)[] = [...values];
    missing[7] = null;
    await expectCliError(
      [
        '--geo',
        write('null.geojson', lattice(missing)),
        '--id',
        'kode',
        '--value',
        'nilai',
        '--weights',
        'queen',
        '--out',
        dir,
      ],
      /feature 7 \(id H\).*null is not a number/,
    );
  });

  it('refuses a CSV without a row for every feature, or with a bad cell, naming the line', async () => {
    const geo = write('grid4.geojson', lattice(values));
    const short = write('short.csv', 'kode,nilai\nA,1\nB,2\n');
    await expectCliError(
      [
        '--geo',
        geo,
        '--id',
        'kode',
        '--value',
        'nilai',
        '--values',
        short,
        '--weights',
        'queen',
        '--out',
        dir,
      ],
      /no row for 7 feature\(s\) \(id C, D, E, F, G/,
    );
    const badCell = write(
      'badcell.csv',
      `kode,nilai\n${values.map((v, i) => `${String.fromCharCode(65 + i)},${i === 2 ? 'n/a' : v}`).join('\n')}\n`,
    );
    await expectCliError(
      [
        '--geo',
        geo,
        '--id',
        'kode',
        '--value',
        'nilai',
        '--values',
        badCell,
        '--weights',
        'queen',
        '--out',
        dir,
      ],
      /line 4 \(id C\), column "nilai": "n\/a" is not a number/,
    );
  });

  it('refuses unknown weights and bad numbers', async () => {
    const geo = write('grid5.geojson', lattice(values));
    const base = ['--geo', geo, '--id', 'kode', '--value', 'nilai', '--out', dir];
    await expectCliError([...base, '--weights', 'bishop'], /unknown weights "bishop"/);
    await expectCliError(
      [...base, '--weights', 'queen', '--perm', 'many'],
      /--perm: "many" must be a whole number/,
    );
    await expectCliError([...base, '--weights', 'queen', '--tolerance', '-3'], /--tolerance/);
    await expectCliError([...base, '--weights', 'queen', '--colour', 'red'], /Unknown option '--colour'/);
  });

  it('refuses a variable with no variance and an empty geometry, naming the unit', async () => {
    await expectCliError(
      [
        '--geo',
        write('flat.geojson', lattice(values.map(() => 4))),
        '--id',
        'kode',
        '--value',
        'nilai',
        '--weights',
        'queen',
        '--out',
        dir,
      ],
      /every value equals 4/,
    );
    const fc = JSON.parse(lattice(values));
    fc.features[5].geometry = { type: 'Polygon', coordinates: [] };
    await expectCliError(
      [
        '--geo',
        write('empty.geojson', JSON.stringify(fc)),
        '--id',
        'kode',
        '--value',
        'nilai',
        '--weights',
        'queen',
        '--out',
        dir,
      ],
      /feature 5 \(id F\) has an empty geometry/,
    );
  });

  it('refuses fewer than 4 units', async () => {
    const fc = JSON.parse(lattice(values));
    fc.features = fc.features.slice(0, 3);
    await expectCliError(
      [
        '--geo',
        write('three.geojson', JSON.stringify(fc)),
        '--id',
        'kode',
        '--value',
        'nilai',
        '--weights',
        'queen',
        '--out',
        dir,
      ],
      /3 units: spatial autocorrelation needs at least 4/,
    );
  });
});
