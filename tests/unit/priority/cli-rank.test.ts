/** `kantong rank` end to end: ranking.csv and shortlist.xlsx from a scenario, through the publication layer. */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Papa from 'papaparse';
import readXlsxFile from 'read-excel-file/node';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { run } from '../../../src/cli/commands/rank.ts';
import { CliError } from '../../../src/cli/errors.ts';
import { generateHouseholds } from '../../../src/lib/synth/households.ts';
import { kendalProfile } from '../../../src/lib/synth/calibration.ts';
import { writeHouseholdFile } from '../../../src/node/synth-files.ts';
import { quiet, writeTestGeo } from '../helpers/cli.ts';
import { smallCounts } from '../helpers/leak-audit.ts';

vi.stubEnv('KANTONG_LANG', 'en');
vi.stubEnv('SOURCE_DATE_EPOCH', '1764547200'); // 2025-12-01: the export date is part of the files

let dir: string;
let geo: string;
let extract: string;
let weights: string;

function rankingRows(out: string) {
  const text = readFileSync(path.join(out, 'ranking.csv'), 'utf8');
  expect(text.startsWith('\uFEFF# DATA SINTETIS')).toBe(true);
  const body = text
    .replace(/^\uFEFF/, '')
    .split('\r\n')
    .filter((l) => !l.startsWith('#'))
    .join('\r\n');
  return Papa.parse<Record<string, string>>(body, { header: true, delimiter: ';', skipEmptyLines: true });
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'kantong-rank-'));
  const written = writeTestGeo(dir);
  geo = written.geo;
  const synth = generateHouseholds('33.24', written.desa, kendalProfile, {
    households: 8_000,
    seed: 12,
    periods: ['2025-Q3'],
    geotagShare: 0,
  });
  extract = path.join(dir, 'extract-2025-Q3.csv');
  await writeHouseholdFile(synth, 0, 'JAWA TENGAH', extract);
  weights = path.join(dir, 'weights.json');
  writeFileSync(
    weights,
    JSON.stringify({
      indicators: [
        { id: 'share_d1', weight: 60, direction: 'higher', normalise: 'minmax' },
        { id: 'count_d1', weight: 40, direction: 'higher', normalise: 'percentile' },
      ],
    }),
  );
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const base = () => [
  '--kab',
  '33.24',
  '--geo',
  geo,
  '--households',
  extract,
  '--weights',
  weights,
  '--draws',
  '200',
];

describe('kantong rank', () => {
  it('writes ranking.csv (one row per desa, the documented columns) and shortlist.xlsx', async () => {
    const out = path.join(dir, 'top5');
    const { stdout } = await quiet(() => run([...base(), '--select', '5', '--out', out]));
    expect(stdout).toMatch(/desa ranked, 5 on the shortlist/);
    const csv = rankingRows(out);
    expect(csv.meta.fields!.slice(0, 9)).toEqual([
      'kode_desa',
      'nama_desa',
      'kecamatan',
      'index',
      'rank',
      'kontribusi_share_d1',
      'kontribusi_count_d1',
      'in_shortlist',
      'robustness',
    ]);
    const rows = csv.data;
    expect(rows.length).toBeGreaterThan(10);
    expect(rows.filter((r) => r.in_shortlist === '1')).toHaveLength(5);
    // best rank first, index non-increasing, contributions add up to the index (rounding aside)
    for (let i = 1; i < rows.length; i++)
      expect(Number(rows[i].index)).toBeLessThanOrEqual(Number(rows[i - 1].index));
    for (const r of rows)
      if (r.kontribusi_share_d1 !== '' && r.kontribusi_count_d1 !== '')
        expect(
          Math.abs(Number(r.kontribusi_share_d1) + Number(r.kontribusi_count_d1) - Number(r.index)),
        ).toBeLessThanOrEqual(0.011);
    // no count 1 … k−1 in any count column
    expect(
      smallCounts(
        rows.flatMap((r) => [r.jumlah_kk, r.kk_desil_1, r.nilai_count_d1]),
        10,
      ),
    ).toEqual([]);
    // the workbook: shortlist, method, ranking
    const xlsx = path.join(out, 'shortlist.xlsx');
    const book = await readXlsxFile(xlsx);
    expect(book.map((s) => s.sheet)).toEqual(['Shortlist', 'Method', 'Ranking']);
    const sheet = book[0].data;
    expect(sheet[0].slice(0, 5)).toEqual(['kode_desa', 'nama_desa', 'kecamatan', 'rank', 'index']);
    expect(sheet.length).toBe(6);
    expect(sheet.slice(1).map((r) => r[0])).toEqual(
      rows.filter((r) => r.in_shortlist === '1').map((r) => r.kode_desa),
    );
    const method = book[1].data.map((r) => String(r[0]));
    expect(method[0]).toMatch(/SYNTHETIC DATA/);
    expect(method.join('\n')).toMatch(/weight 60%/);
    expect(method.join('\n')).toMatch(/Date: 2025-12-01/);
  });

  it('reach and quota rules, and a spread rule per kecamatan', async () => {
    const reach = path.join(dir, 'reach');
    await quiet(() => run([...base(), '--reach', '0.5', '--out', reach]));
    const rows = rankingRows(reach).data;
    const inList = rows.filter((r) => r.in_shortlist === '1');
    // the shortest top of the ranking: every chosen desa ranks above every other
    const last = Math.max(...inList.map((r) => Number(r.rank)));
    expect(rows.filter((r) => r.in_shortlist !== '1').every((r) => Number(r.rank) >= last)).toBe(true);
    const spread = path.join(dir, 'spread');
    await quiet(() => run([...base(), '--select', '6', '--per-kecamatan-max', '1', '--out', spread]));
    const chosen = rankingRows(spread).data.filter((r) => r.in_shortlist === '1');
    expect(new Set(chosen.map((r) => r.kecamatan)).size).toBe(chosen.length);
  });

  it('says when a rule cannot be met, and keeps the best that could be done', async () => {
    const out = path.join(dir, 'cannot');
    const { stderr } = await quiet(() =>
      run([...base(), '--reach', '0.9', '--per-kecamatan-max', '1', '--out', out]),
    );
    expect(stderr).toMatch(/rank: cannot reach 90% of the target families with this rule/);
    expect(existsSync(path.join(out, 'ranking.csv'))).toBe(true);
  });

  it.each([
    [['--select', '5', '--reach', '0.5'], /--select and --reach \/ --quota: choose one/],
    [['--reach', '1.5'], /--reach/],
    [['--select', '0'], /--select/],
  ])('refuses %j in one line, writing nothing', async (extra, pattern) => {
    const out = path.join(dir, 'bad');
    const p = quiet(() => run([...base(), ...extra, '--out', out]));
    await expect(p).rejects.toBeInstanceOf(CliError);
    await expect(p).rejects.toThrow(pattern);
    expect(existsSync(out)).toBe(false);
  });

  it('refuses a weights file that is broken or weighs nothing', async () => {
    const zero = path.join(dir, 'zero.json');
    writeFileSync(zero, '{"indicators": [{"id": "share_d1", "weight": 0}]}');
    await expect(
      quiet(() =>
        run([
          '--kab',
          '33.24',
          '--geo',
          geo,
          '--households',
          extract,
          '--weights',
          zero,
          '--out',
          path.join(dir, 'z'),
        ]),
      ),
    ).rejects.toThrow(/every weight is 0/);
    const broken = path.join(dir, 'broken.json');
    writeFileSync(broken, '{"indicators": [');
    await expect(
      quiet(() =>
        run([
          '--kab',
          '33.24',
          '--geo',
          geo,
          '--households',
          extract,
          '--weights',
          broken,
          '--out',
          path.join(dir, 'b'),
        ]),
      ),
    ).rejects.toThrow(/broken\.json: not valid JSON/);
  });
});
