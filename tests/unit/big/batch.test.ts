/**
 * One import for many commands: `pockets --aggregates DIR` and `rank --aggregates DIR` read the folder
 * `kantong import` / `kantong aggregate` wrote and give what they give from the household files, and
 * `kantong run --config` chains import (or aggregate) → pockets → rank from one file.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run as importCmd } from '../../../src/cli/commands/import.ts';
import { run as pockets } from '../../../src/cli/commands/pockets.ts';
import { run as rank } from '../../../src/cli/commands/rank.ts';
import { run as batch } from '../../../src/cli/commands/run.ts';
import { CliError } from '../../../src/cli/errors.ts';
import { householdFileName } from '../../../src/lib/synth/csv-format.ts';
import { runSynth } from '../../../src/node/synth-files.ts';
import { quiet, writeTestGeo } from '../helpers/cli.ts';

let tmp: string;
let geo: string;
let file: string;
let weights: string;

beforeAll(async () => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'kantong-batch-'));
  ({ geo } = writeTestGeo(tmp));
  await runSynth({
    kodeKab: '33.24',
    geoDir: geo,
    outDir: path.join(tmp, 'synth'),
    households: 8_000,
    seed: 12,
    periods: ['2025-Q3'],
    geotagShare: 0,
  });
  file = path.join(tmp, 'synth', householdFileName('33.24', '2025-Q3'));
  weights = path.join(tmp, 'weights.json');
  writeFileSync(
    weights,
    JSON.stringify({
      indicators: [
        { id: 'share_d1', weight: 60, direction: 'higher', normalise: 'minmax' },
        { id: 'count_d1', weight: 40, direction: 'higher', normalise: 'percentile' },
      ],
    }),
  );
}, 120_000);
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const data = (f: string) =>
  readFileSync(f, 'utf8')
    .split('\n')
    .filter((l) => !l.startsWith('#'))
    .join('\n');

describe('the aggregate directory feeds pockets and rank', () => {
  it('pockets --aggregates and rank --aggregates give what --households gives', async () => {
    const agg = path.join(tmp, 'import');
    await quiet(() => importCmd(['--kab', '33.24', '--geo', geo, '--households', file, '--out', agg]));
    const common = ['--kab', '33.24', '--geo', geo, '--unit', 'desa', '--stability', '0'];
    await quiet(() => pockets([...common, '--households', file, '--out', path.join(tmp, 'p-h')]));
    await quiet(() => pockets([...common, '--aggregates', agg, '--out', path.join(tmp, 'p-a')]));
    for (const f of ['pockets.csv', 'members.csv'])
      expect(data(path.join(tmp, 'p-a', f)), f).toBe(data(path.join(tmp, 'p-h', f)));
    const r = ['--kab', '33.24', '--geo', geo, '--weights', weights, '--select', '10', '--draws', '0'];
    await quiet(() => rank([...r, '--households', file, '--out', path.join(tmp, 'r-h')]));
    await quiet(() => rank([...r, '--aggregates', agg, '--out', path.join(tmp, 'r-a')]));
    expect(data(path.join(tmp, 'r-a', 'ranking.csv'))).toBe(data(path.join(tmp, 'r-h', 'ranking.csv')));
  }, 120_000);

  it('pockets on hexagons refuses an aggregate directory in one line', async () => {
    const error = await pockets([
      '--kab',
      '33.24',
      '--geo',
      geo,
      '--aggregates',
      path.join(tmp, 'import'),
      '--unit',
      'hex',
      '--out',
      path.join(tmp, 'p-x'),
    ]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CliError);
    expect((error as Error).message).toMatch(/hexagons need the households' own coordinates/);
    expect(existsSync(path.join(tmp, 'p-x'))).toBe(false);
  });
});

describe('--kab sets on every command, boundaries not built', () => {
  it('import, pockets, rank, needs and graduation accept a set, and say in one line which command builds its boundaries, writing nothing', async () => {
    const { run: needs } = await import('../../../src/cli/commands/needs.ts');
    const { run: graduation } = await import('../../../src/cli/commands/graduation.ts');
    const build: Record<string, RegExp> = {
      '33.24,33.25': /"npm run geo -- --kab 33\.24,33\.25"/,
      '33': /"npm run geo -- --kab 33"/,
      all: /^--kab all: .*kantong aggregate --kab all/,
    };
    for (const [name, cmd] of [
      ['import', importCmd],
      ['pockets', pockets],
      ['rank', rank],
      ['needs', needs],
      ['graduation', graduation],
    ] as const)
      for (const kab of ['33.24,33.25', '33', 'all']) {
        const out = path.join(tmp, `set-${name}`);
        const extra = name === 'rank' ? ['--weights', weights] : [];
        const args = [
          '--kab',
          kab,
          '--geo',
          geo,
          '--households',
          file,
          ...extra,
          '--out',
          out,
          '--lang',
          'en',
        ];
        const error = await cmd(args).catch((e: unknown) => e);
        expect(error, `${name} ${kab}`).toBeInstanceOf(CliError);
        const message = (error as Error).message;
        expect(message, `${name} ${kab}`).toMatch(build[kab]);
        expect(message.split('\n')).toHaveLength(1);
        expect(existsSync(out)).toBe(false);
      }
  });
});
describe('kantong run --config', () => {
  it('chains aggregate → pockets → rank from one file, into one folder per step', async () => {
    const config = path.join(tmp, 'batch.json');
    writeFileSync(
      config,
      JSON.stringify({
        kab: '33.24',
        geo: path.relative(tmp, geo),
        households: [path.relative(tmp, file)],
        out: 'hasil',
        engine: 'aggregate',
        pockets: { unit: 'desa', stability: 0 },
        rank: { weights: 'weights.json', select: 10, draws: 0 },
      }),
    );
    const { stdout } = await quiet(() => batch(['--config', config]));
    expect(stdout).toMatch(/== aggregate[\s\S]*== pockets[\s\S]*== rank[\s\S]*batch done/);
    for (const f of [
      'aggregate/desa.csv',
      'aggregate/join-report.json',
      'pockets/pockets.csv',
      'rank/ranking.csv',
    ])
      expect(existsSync(path.join(tmp, 'hasil', f)), f).toBe(true);
    expect(data(path.join(tmp, 'hasil', 'rank', 'ranking.csv'))).toBe(
      data(path.join(tmp, 'r-a', 'ranking.csv')),
    );
  }, 120_000);

  it('a bad config or a failing step ends in one line naming it', async () => {
    const config = path.join(tmp, 'bad.json');
    writeFileSync(config, JSON.stringify({ kab: '33.24', geo, households: ['missing.csv'], out: 'x' }));
    const error = await batch(['--config', config]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CliError);
    expect((error as Error).message).toMatch(/^import: .*missing\.csv: cannot read \(ENOENT\)/);
    writeFileSync(config, '{"kab": 3324}');
    expect(String(await batch(['--config', config]).catch((e: unknown) => (e as Error).message))).toMatch(
      /"kab" \(e\.g\. "33\.24"\) is required/,
    );
  });
});
