/**
 * `kantong rank` with the graduation indicators (`graduation_rate`, `stuck`) when two periods are linked by a
 * household key: through the same core as the app's Prioritas mode (`src/lib/priority/linked.ts` on
 * `monitorAnalysis`), so each desa's value is the EB-smoothed graduation rate and stagnant-pocket membership
 * `kantong graduation` writes for the same files; without linked periods such a scenario stops in one line.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run as graduation } from '../../../src/cli/commands/graduation.ts';
import { run as importCmd } from '../../../src/cli/commands/import.ts';
import { run as rank } from '../../../src/cli/commands/rank.ts';
import { CliError } from '../../../src/cli/errors.ts';
import { kendalProfile } from '../../../src/lib/synth/calibration.ts';
import { generateHouseholds } from '../../../src/lib/synth/households.ts';
import { writeHouseholdFile } from '../../../src/node/synth-files.ts';
import { quiet, writeTestGeo } from '../helpers/cli.ts';
import { smallCounts } from '../helpers/leak-audit.ts';

let dir: string;
let geo: string;
let saltFile: string;
let q1: string;
let q3: string;
let weights: string;

function table(file: string): Record<string, string>[] {
  const body = readFileSync(file, 'utf8')
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .filter((l) => !l.startsWith('#'))
    .join('\n');
  return Papa.parse<Record<string, string>>(body, { header: true, delimiter: ';', skipEmptyLines: true })
    .data;
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'kantong-rank-grad-'));
  const written = writeTestGeo(dir);
  geo = written.geo;
  saltFile = path.join(dir, 'salt.txt');
  writeFileSync(saltFile, 'garam-uji\n');
  const synth = generateHouseholds('33.24', written.desa, kendalProfile, {
    households: 6_000,
    seed: 21,
    periods: ['2025-Q1', '2025-Q3'],
    geotagShare: 0,
  });
  q1 = path.join(dir, 'dtsen-2025-Q1.csv');
  q3 = path.join(dir, 'dtsen-2025-Q3.csv');
  await writeHouseholdFile(synth, 0, 'JAWA TENGAH', q1);
  await writeHouseholdFile(synth, 1, 'JAWA TENGAH', q3);
  weights = path.join(dir, 'weights.json');
  writeFileSync(
    weights,
    JSON.stringify({
      indicators: [
        { id: 'graduation_rate', weight: 50, direction: 'lower', normalise: 'minmax' },
        { id: 'stuck', weight: 20, direction: 'higher', normalise: 'minmax' },
        { id: 'share_d1', weight: 30, direction: 'higher', normalise: 'minmax' },
      ],
    }),
  );
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const common = (): string[] => ['--kab', '33.24', '--geo', geo];

describe('kantong rank with linked periods', () => {
  it('weighs graduation and stagnant pockets with the values kantong graduation gives', async () => {
    const key = ['--households', q1, '--households', q3, '--key', 'NO_KK', '--salt-file', saltFile];
    await quiet(() =>
      rank([...common(), ...key, '--weights', weights, '--draws', '0', '--out', path.join(dir, 'r')]),
    );
    await quiet(() => graduation([...common(), ...key, '--out', path.join(dir, 'g')]));
    const ranked = table(path.join(dir, 'r', 'ranking.csv'));
    const change = new Map(table(path.join(dir, 'g', 'desa-change.csv')).map((r) => [r.kode_desa, r]));
    expect(ranked.length).toBeGreaterThan(10);
    let compared = 0;
    let stuck = 0;
    for (const r of ranked) {
      const g = change.get(r.kode_desa)!;
      expect(r.nilai_stuck, r.kode_desa).toBe(g.stagnan === 'ya' ? '1' : '0');
      if (r.nilai_stuck === '1') stuck++;
      // a rate rank shows is the one graduation shows (both publish only where both counts are shown)
      if (r.nilai_graduation_rate !== '') {
        expect(g.tingkat_kelulusan_eb, r.kode_desa).not.toBe('');
        expect(Number(r.nilai_graduation_rate)).toBeCloseTo(Number(g.tingkat_kelulusan_eb), 3);
        compared++;
      }
    }
    expect(compared).toBeGreaterThanOrEqual(5);
    const summary = JSON.parse(readFileSync(path.join(dir, 'g', 'summary.json'), 'utf8'));
    expect(stuck).toBe(summary.stuck_desa);
    // the published counts pass the leak auditor
    const counts = ranked.flatMap((r) => [r.jumlah_kk, r.kk_desil_1]);
    expect(smallCounts(counts, 10)).toEqual([]);
    expect(readFileSync(path.join(dir, 'r', 'ranking.csv'), 'latin1')).not.toMatch(/\d{16}/);
  }, 180_000);

  it('without linked periods, or from an aggregate folder with --key: one line, nothing written', async () => {
    const agg = path.join(dir, 'agg');
    await quiet(() => importCmd([...common(), '--households', q1, '--households', q3, '--out', agg]));
    const cases: [string[], RegExp][] = [
      [['--households', q1, '--households', q3], /graduation_rate, stuck.*--key/],
      [['--aggregates', agg], /graduation_rate, stuck.*--key/],
      [['--aggregates', agg, '--key', 'NO_KK', '--salt-file', saltFile], /rank --aggregates with --key/],
    ];
    for (const [input, message] of cases) {
      const out = path.join(dir, 'bad');
      const error = await rank([
        ...common(),
        ...input,
        '--weights',
        weights,
        '--out',
        out,
        '--lang',
        'en',
      ]).catch((e: unknown) => e);
      expect(error, input.join(' ')).toBeInstanceOf(CliError);
      expect((error as Error).message).toMatch(message);
      expect((error as Error).message.split('\n')).toHaveLength(1);
      expect(existsSync(out)).toBe(false);
    }
  }, 120_000);
});
