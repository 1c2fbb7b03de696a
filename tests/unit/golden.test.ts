/**
 * Golden outputs of the CLI commands `import`, `lisa` and `pockets`: a fixed synthetic input → the files each
 * command writes, compared byte for byte with the ones committed in `tests/fixtures/golden/<command>/`.
 *
 * Input (needs nothing outside the repository): the committed demo district (`public/geo/demo`, code 99.99) and
 * synthetic households from the project's generator (`runSynth`, as `npm run synth` writes them), fixed seed,
 * two periods. `golden/input/inputs.json` records what was generated (name, bytes, SHA-256), so a change of the
 * generator shows up there rather than only as changed outputs.
 *
 * One normalisation: the temporary folder the commands run in (it appears in `lisa`'s `global.json`, which
 * records its command line) is written as `<tmp>`. Nothing else is volatile in these files.
 *
 * A difference fails with the first differing line. When the change is intended, regenerate the files and
 * review them in the diff:
 *
 *   KANTONG_UPDATE_GOLDEN=1 npx vitest run tests/unit/golden.test.ts
 *
 * (refused under CI, which must compare, never rewrite).
 */
import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run as runImport } from '../../src/cli/commands/import.ts';
import { run as runLisa } from '../../src/cli/commands/lisa.ts';
import { run as runPockets } from '../../src/cli/commands/pockets.ts';
import { parseDesaAggregateTable } from '../../src/lib/aggregate/desa-aggregate-table.ts';
import { runSynth } from '../../src/node/synth-files.ts';
import { quiet } from './helpers/cli.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const GOLDEN = path.join(ROOT, 'tests/fixtures/golden');
const UPDATE_FLAG = 'KANTONG_UPDATE_GOLDEN';
const REGENERATE = `${UPDATE_FLAG}=1 npx vitest run tests/unit/golden.test.ts`;
const update = process.env[UPDATE_FLAG] === '1';
const onCI = !['', '0', 'false'].includes((process.env.CI ?? '').toLowerCase());
if (update && onCI)
  throw new Error(`${UPDATE_FLAG}=1 under CI: golden files are rewritten on purpose, locally`);

const KAB = '99.99';
const SEED = 20260901;
const HOUSEHOLDS = 20_000;
const PERIODS = ['2025-Q1', '2025-Q3'];
const PERMUTATIONS = '199';

let tmp: string;
let geo: string;
let households: string[];
let aggregateFile: string;

function normalise(text: string): string {
  return text.split(tmp).join('<tmp>');
}

/** The first line where two texts differ, for a readable failure. */
function firstDifference(actual: string, expected: string): string {
  const a = actual.split('\n');
  const e = expected.split('\n');
  for (let i = 0; i < Math.max(a.length, e.length); i++)
    if (a[i] !== e[i])
      return `line ${i + 1}:\n  expected: ${JSON.stringify(e[i]?.slice(0, 300))}\n  actual:   ${JSON.stringify(a[i]?.slice(0, 300))}`;
  return 'same lines, different bytes';
}

/**
 * Compares the files of `produced` (name → text, normalised) with `golden/<name>/`: the same file names and
 * the same bytes. With the update flag, first rewrites `golden/<name>/` from them (stale files removed).
 */
function expectGolden(name: string, produced: Record<string, string>): void {
  const dir = path.join(GOLDEN, name);
  if (update) {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    for (const [file, text] of Object.entries(produced)) writeFileSync(path.join(dir, file), text);
    console.info(`golden files rewritten: ${path.relative(ROOT, dir)}/{${Object.keys(produced).join(',')}}`);
  }
  let committed: string[] = [];
  try {
    committed = readdirSync(dir).sort();
  } catch {
    // no folder: reported as missing files below
  }
  expect(committed, `files in ${path.relative(ROOT, dir)} (to accept a change: ${REGENERATE})`).toEqual(
    Object.keys(produced).sort(),
  );
  for (const [file, text] of Object.entries(produced)) {
    const expected = readFileSync(path.join(dir, file));
    const actual = Buffer.from(text, 'utf8');
    if (!actual.equals(expected))
      expect.fail(
        `${path.relative(ROOT, path.join(dir, file))} differs at ${firstDifference(text, expected.toString('utf8'))}\n` +
          `If the change is intended: ${REGENERATE}`,
      );
  }
}

/** Every file a command wrote into `dir`, by name, normalised. */
function written(dir: string): Record<string, string> {
  return Object.fromEntries(
    readdirSync(dir)
      .sort()
      .map((f) => [f, normalise(readFileSync(path.join(dir, f), 'utf8'))]),
  );
}

beforeAll(async () => {
  tmp = mkdtempSync(path.join(tmpdir(), 'kantong-golden-'));
  // The demo district as `--geo` folders hold districts: <geo>/<kode_kab>/{desa,kabupaten}.json.
  geo = path.join(tmp, 'geo');
  mkdirSync(path.join(geo, KAB), { recursive: true });
  for (const f of ['desa.json', 'kabupaten.json'])
    cpSync(path.join(ROOT, 'public/geo/demo', f), path.join(geo, KAB, f));
  const synth = await runSynth({
    geoDir: geo,
    kodeKab: KAB,
    households: HOUSEHOLDS,
    seed: SEED,
    periods: PERIODS,
    geotagShare: 0.85,
    outDir: path.join(tmp, 'synth'),
  });
  households = synth.files.map((f) => f.path).filter((f) => path.basename(f).startsWith('sintetis-dtsen-'));
  aggregateFile = synth.files
    .map((f) => f.path)
    .find((f) => path.basename(f).startsWith('sintetis-agregat-'))!;
  expect(households).toHaveLength(PERIODS.length);
});

afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

describe('golden outputs of the CLI (demo district, synthetic households, fixed seed)', () => {
  it('generates the same synthetic input (input/inputs.json)', () => {
    const files = [...households, aggregateFile].map((f) => {
      const bytes = readFileSync(f);
      return {
        name: path.basename(f),
        bytes: bytes.length,
        sha256: createHash('sha256').update(bytes).digest('hex'),
      };
    });
    const inputs = { kode_kab: KAB, seed: SEED, households: HOUSEHOLDS, periods: PERIODS, files };
    expectGolden('input', { 'inputs.json': `${JSON.stringify(inputs, null, 2)}\n` });
  });

  it('kantong import: join report and desa/kecamatan/kabupaten aggregates', async () => {
    const out = path.join(tmp, 'import');
    await quiet(() =>
      runImport([
        '--kab',
        KAB,
        '--geo',
        geo,
        ...households.flatMap((h) => ['--households', h]),
        '--out',
        out,
      ]),
    );
    expectGolden('import', written(out));
  });

  it('kantong lisa: global.json, local.csv, neighbors.json of the desil-1 share (tolerant weights)', async () => {
    // The last period's desil-1 share per desa, from the generator's own desa aggregate (not from `import`, so
    // that a change of the import's output leaves this golden alone).
    const table = parseDesaAggregateTable(readFileSync(aggregateFile, 'utf8'));
    const last = PERIODS.at(-1);
    const rows = table.rows.filter((r) => r.periode === last);
    expect(rows.length).toBeGreaterThan(100);
    const values = path.join(tmp, 'share-desil-1.csv');
    writeFileSync(
      values,
      ['kode_desa,share_desil_1', ...rows.map((r) => `${r.kode_desa},${r.kk_desil[0] / r.jumlah_kk}`)].join(
        '\n',
      ),
    );
    const out = path.join(tmp, 'lisa');
    await quiet(() =>
      runLisa([
        '--geo',
        path.join(geo, KAB, 'desa.json'),
        '--id',
        'kode_desa',
        '--values',
        values,
        '--value',
        'share_desil_1',
        '--weights',
        'tolerant',
        '--perm',
        PERMUTATIONS,
        '--seed',
        '7',
        '--adjust',
        'fdr',
        '--out',
        out,
      ]),
    );
    expectGolden('lisa', written(out));
  });

  it.each([
    ['hex-res7', ['--res', '7']],
    // the made-up demo district's pockets cover about one desa each: one-desa pockets are allowed here so that
    // the golden keeps a pocket (the default is 3 desa)
    ['desa', ['--unit', 'desa', '--alpha', '0.1', '--min-units', '1']],
  ])('kantong pockets (%s): pockets.geojson, pockets.csv and, for hexagons, hex.csv', async (name, extra) => {
    const out = path.join(tmp, `pockets-${name}`);
    await quiet(() =>
      runPockets([
        '--kab',
        KAB,
        '--geo',
        geo,
        ...households.flatMap((h) => ['--households', h]),
        ...extra,
        '--perm',
        PERMUTATIONS,
        '--seed',
        '3',
        '--out',
        out,
      ]),
    );
    const files = written(out);
    // a golden without a pocket would not show a change in how pockets are written
    expect(JSON.parse(files['pockets.geojson']).features.length).toBeGreaterThan(0);
    expectGolden(`pockets/${name}`, files);
  });
});
