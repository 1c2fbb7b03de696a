/**
 * `--kab` sets on every command, end to end on real boundaries: the set 33.24,33.25 (Kendal, Batang) built
 * once by `npm run geo -- --kab 33.24,33.25 --from ../shared/data/wilayah_boundaries` into a temporary
 * folder, and streamed synthetic households of 33.24, 33.25 and 33.26 (Pekalongan, outside the set) from
 * the generator. Checks: rows read = joined + rejected in total and per kabupaten, the rows of 33.26 rejected
 * and counted under it; the set's desa table is the union of each member's own import; import → pockets,
 * rank, graduation read the set's aggregate folder; `needs` reads the households of the set; `run --config`
 * chains them on a set; every file written passes the leak auditor; a set whose boundaries are not built
 * stops in one line naming the command that builds them. Skips with a message without `../shared/data`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run as graduation } from '../../../src/cli/commands/graduation.ts';
import { run as importCmd } from '../../../src/cli/commands/import.ts';
import { run as needs } from '../../../src/cli/commands/needs.ts';
import { run as pockets } from '../../../src/cli/commands/pockets.ts';
import { run as rank } from '../../../src/cli/commands/rank.ts';
import { run as batch } from '../../../src/cli/commands/run.ts';
import { CliError } from '../../../src/cli/errors.ts';
import { WORKING_FILE_NOTE } from '../../../src/lib/import/output-csv.ts';
import { gazetteerDesa, writeStreamedHouseholds } from '../../../src/node/synth-stream.ts';
import { HAS_WILAYAH, noteSkip, WILAYAH_DIR } from '../geo/helpers.ts';
import { quiet } from '../helpers/cli.ts';
import { smallCounts } from '../helpers/leak-audit.ts';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const SET = '33.24,33.25';
const K = 10;
let tmp: string;
let geo: string;
let files: string[];
let weights: string;
/** Rows of each kabupaten in the household files. */
const rowsOf = new Map<string, number>();

/** The data lines of a CSV (comments dropped), sorted. */
const dataLines = (file: string) =>
  readFileSync(file, 'utf8')
    .split(/\r?\n/)
    .filter((l) => l !== '' && !l.startsWith('#'));

/**
 * The leak audit of every file in `dir`: no 16-digit number and no invented identifier of the input
 * anywhere; in every published CSV no count of 1 … k−1 households; the exact desa.csv says it is internal.
 */
function audit(dir: string, identifiers: string[]): void {
  for (const name of readdirSync(dir)) {
    const file = path.join(dir, name);
    const bytes = readFileSync(file);
    const text = bytes.toString('latin1');
    expect(/\d{16}/.test(text), `${name}: 16-digit number`).toBe(false);
    for (const id of identifiers) expect(text.includes(id), `${name}: identifier ${id}`).toBe(false);
    if (!name.endsWith('.csv')) continue;
    const utf8 = bytes.toString('utf8').replace(/^\uFEFF/, '');
    if (name === 'desa.csv') {
      expect(utf8.split(/\r?\n/)[0]).toContain(WORKING_FILE_NOTE);
      continue;
    }
    const body = utf8
      .split(/\r?\n/)
      .filter((l) => !l.startsWith('#'))
      .join('\n');
    const rows = Papa.parse<Record<string, string>>(body, {
      header: true,
      delimiter: ';',
      skipEmptyLines: true,
    }).data;
    const counts = rows.flatMap((r) =>
      Object.entries(r).flatMap(([c, v]) =>
        /^(jumlah_kk|kk_.*|households.*|keluarga.*|jumlah_keluarga.*)$/i.test(c) ? [v ?? ''] : [],
      ),
    );
    expect(smallCounts(counts, K), `${name}: counts below ${K}`).toEqual([]);
  }
}

/** A few invented identifiers (NIK, KK, names) of the household files, which no output may carry. */
let identifiers: string[] = [];

describe.skipIf(!noteSkip(HAS_WILAYAH, '--kab sets on real boundaries'))(
  '--kab 33.24,33.25 end to end',
  () => {
    beforeAll(async () => {
      tmp = mkdtempSync(path.join(os.tmpdir(), 'kantong-kabset-'));
      geo = path.join(tmp, 'geo');
      const built = spawnSync(
        'npx',
        ['tsx', 'src/cli/geo.ts', '--kab', SET, '--from', WILAYAH_DIR, '--out', geo],
        { cwd: ROOT, encoding: 'utf8', env: { ...process.env, KANTONG_GEO_THREADS: '1' } },
      );
      if (built.status !== 0) throw new Error(`geo build failed: ${built.stderr}`);
      const written = await writeStreamedHouseholds({
        desa: await gazetteerDesa(['33.24', '33.25', '33.26']),
        households: 30_000,
        seed: 17,
        periods: ['2025-Q1', '2025-Q3'],
        outDir: path.join(tmp, 'synth'),
        label: '33.24+33.25+33.26',
      });
      files = written.map((w) => w.path);
      const first = readFileSync(files[0], 'utf8').split(/\r?\n/);
      const header = first.find((l) => l.startsWith('NIK_KRT'))!.split(';');
      const wilayah = header.indexOf('KODE_WILAYAH');
      for (const f of files)
        for (const line of readFileSync(f, 'utf8').split(/\r?\n/)) {
          if (line === '' || line.startsWith('#') || line.startsWith('NIK_KRT')) continue;
          const code = line.split(';')[wilayah].replace(/\D/g, '');
          const kab = `${code.slice(0, 2)}.${code.slice(2, 4)}`;
          rowsOf.set(kab, (rowsOf.get(kab) ?? 0) + 1);
        }
      identifiers = first
        .filter((l) => /^\d/.test(l))
        .slice(0, 5)
        .flatMap((l) => l.split(';').slice(0, 3));
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
    }, 300_000);
    afterAll(() => (process.env.KEEP ? undefined : rmSync(tmp, { recursive: true, force: true })));

    const households = () => files.flatMap((f) => ['--households', f]);

    it('import: rows per kabupaten add up, 33.26 rejected and counted; the set is the union of its members', async () => {
      const out = (name: string) => path.join(tmp, name);
      await quiet(() =>
        importCmd(['--kab', SET, '--geo', geo, ...households(), '--out', out('import-set'), '--lang', 'en']),
      );
      for (const kab of ['33.24', '33.25'])
        await quiet(() =>
          importCmd(['--kab', kab, '--geo', geo, ...households(), '--out', out(`import-${kab}`)]),
        );
      const report = JSON.parse(readFileSync(path.join(out('import-set'), 'join-report.json'), 'utf8'));
      expect(report.rows_read).toBe([...rowsOf.values()].reduce((a, b) => a + b, 0));
      expect(report.rows_joined + report.rows_rejected).toBe(report.rows_read);
      const byKab = report.rows_by_kabupaten as Record<string, Record<string, number>>;
      const sum = (f: string) => Object.values(byKab).reduce((s, c) => s + c[f], 0);
      expect(sum('rows_read')).toBe(report.rows_read);
      expect(sum('rows_joined')).toBe(report.rows_joined);
      expect(sum('rows_rejected')).toBe(report.rows_rejected);
      expect(byKab['33.26']).toEqual({
        rows_read: rowsOf.get('33.26'),
        rows_joined: 0,
        rows_rejected: rowsOf.get('33.26'),
        outside_set: rowsOf.get('33.26'),
      });
      // the file names its kabupaten: the region column rejects them first (else their code would)
      const other = (r: string) => report.rejected_by_reason[r]?.count ?? 0;
      expect(other('kabupaten_other') + other('kode_other_kabupaten')).toBe(rowsOf.get('33.26'));
      for (const kab of ['33.24', '33.25']) {
        expect(byKab[kab].rows_read).toBe(rowsOf.get(kab));
        expect(byKab[kab].outside_set).toBe(0);
        const own = JSON.parse(readFileSync(path.join(out(`import-${kab}`), 'join-report.json'), 'utf8'));
        expect(own.rows_by_kabupaten[kab]).toEqual(byKab[kab]);
      }
      const header = (f: string) => dataLines(f)[0];
      const union = ['33.24', '33.25'].flatMap((k) =>
        dataLines(path.join(out(`import-${k}`), 'desa.csv')).slice(1),
      );
      const setDesa = path.join(out('import-set'), 'desa.csv');
      expect(dataLines(setDesa).slice(1).sort()).toEqual(union.sort());
      expect(header(setDesa)).toBe(header(path.join(out('import-33.24'), 'desa.csv')));
      const kabLines = dataLines(path.join(out('import-set'), 'kabupaten.csv')).slice(1);
      expect(kabLines).toHaveLength(4); // 2 kabupaten × 2 periods
      audit(out('import-set'), identifiers);
    }, 300_000);

    it('pockets, rank and graduation read the set’s aggregate folder; needs its households; files pass the audit', async () => {
      const agg = path.join(tmp, 'import-set');
      const common = ['--kab', SET, '--geo', geo, '--lang', 'en'];
      const p = await quiet(() =>
        pockets([
          ...common,
          '--aggregates',
          agg,
          '--unit',
          'desa',
          '--stability',
          '0',
          '--out',
          path.join(tmp, 'p'),
        ]),
      );
      expect(p.stdout).toMatch(/Kabupaten Kendal.*\(33\.24\+33\.25\)/);
      // every desa of both kabupaten is a unit of the analysis (the streamed data has no planted pockets)
      const setDesa = JSON.parse(readFileSync(path.join(geo, '33.24+33.25', 'desa.json'), 'utf8')).features;
      expect(
        new Set(setDesa.map((f: { properties: { kode_kab: string } }) => f.properties.kode_kab)),
      ).toEqual(new Set(['33.24', '33.25']));
      expect(p.stdout).toContain(`${setDesa.length.toLocaleString('en-US')} desa`);
      audit(path.join(tmp, 'p'), identifiers);

      await quiet(() =>
        rank([
          ...common,
          '--aggregates',
          agg,
          '--weights',
          weights,
          '--select',
          '20',
          '--draws',
          '0',
          '--out',
          path.join(tmp, 'r'),
        ]),
      );
      const ranking = dataLines(path.join(tmp, 'r', 'ranking.csv'));
      expect(ranking.some((l) => l.includes('33.24.'))).toBe(true);
      expect(ranking.some((l) => l.includes('33.25.'))).toBe(true);
      audit(path.join(tmp, 'r'), identifiers);

      await quiet(() =>
        graduation([...common, '--aggregates', agg, '--perm', '99', '--out', path.join(tmp, 'g')]),
      );
      const summary = JSON.parse(readFileSync(path.join(tmp, 'g', 'summary.json'), 'utf8'));
      expect(summary.kode_kab).toBe('33.24+33.25');
      expect(summary.periods).toEqual(['2025-Q1', '2025-Q3']);
      audit(path.join(tmp, 'g'), identifiers);
      // the same from the household files: the aggregate folder gives what the rows give
      await quiet(() =>
        graduation([...common, ...households(), '--perm', '99', '--out', path.join(tmp, 'g-h')]),
      );
      expect(readFileSync(path.join(tmp, 'g-h', 'desa-change.csv'), 'utf8')).toBe(
        readFileSync(path.join(tmp, 'g', 'desa-change.csv'), 'utf8'),
      );

      const n = await quiet(() => needs([...common, ...households(), '--out', path.join(tmp, 'n')]));
      expect(n.stderr).toMatch(/rows of kabupaten\/kota outside --kab 33\.24,33\.25 rejected.*33\.26/);
      audit(path.join(tmp, 'n'), identifiers);
    }, 300_000);

    it('one member read from the set’s aggregate folder: the other member’s rows are left out and counted', async () => {
      const r = await quiet(() =>
        pockets([
          '--kab',
          '33.25',
          '--geo',
          geo,
          '--aggregates',
          path.join(tmp, 'import-set'),
          '--unit',
          'desa',
          '--stability',
          '0',
          '--out',
          path.join(tmp, 'p-25'),
          '--lang',
          'en',
        ]),
      );
      expect(r.stderr).toMatch(/desa rows of kabupaten\/kota outside --kab 33\.25 not used \(33\.24: \d+\)/);
      audit(path.join(tmp, 'p-25'), identifiers);
    }, 120_000);

    it('run --config chains import → pockets → rank → graduation → needs on a set', async () => {
      const config = path.join(tmp, 'batch.json');
      writeFileSync(
        config,
        JSON.stringify({
          kab: SET,
          geo: path.relative(tmp, geo),
          households: files.map((f) => path.relative(tmp, f)),
          out: 'hasil',
          pockets: { unit: 'desa', stability: 0 },
          rank: { weights: 'weights.json', select: 10, draws: 0 },
          graduation: { perm: 99 },
          needs: {},
        }),
      );
      const b = await quiet(() => batch(['--config', config]));
      expect(b.stdout).toContain('batch done');
      for (const step of ['import', 'pockets', 'rank', 'graduation', 'needs']) {
        expect(existsSync(path.join(tmp, 'hasil', step)), step).toBe(true);
        audit(path.join(tmp, 'hasil', step), identifiers);
      }
      expect(dataLines(path.join(tmp, 'hasil', 'import', 'desa.csv'))).toEqual(
        dataLines(path.join(tmp, 'import-set', 'desa.csv')),
      );
      // graduation read the batch's aggregate folder: what it gives from the rows
      expect(readFileSync(path.join(tmp, 'hasil', 'graduation', 'desa-change.csv'), 'utf8')).toBe(
        readFileSync(path.join(tmp, 'g', 'desa-change.csv'), 'utf8'),
      );
    }, 300_000);

    it('a set whose boundaries are not built, or a kabupaten that does not exist: one line, nothing written', async () => {
      for (const [kab, message] of [
        ['33.24,33.26', /"npm run geo -- --kab 33\.24,33\.26"/],
        ['33', /"npm run geo -- --kab 33"/],
        ['33.24,33.98', /33\.98 not in the gazetteer/],
      ] as const)
        for (const [name, cmd] of [
          ['import', importCmd],
          ['pockets', pockets],
          ['graduation', graduation],
        ] as const) {
          const out = path.join(tmp, `bad-${name}`);
          const error = await cmd([
            '--kab',
            kab,
            '--geo',
            geo,
            ...households(),
            '--out',
            out,
            '--lang',
            'en',
          ]).catch((e: unknown) => e);
          expect(error, `${name} ${kab}`).toBeInstanceOf(CliError);
          expect((error as Error).message).toMatch(message);
          expect((error as Error).message.split('\n')).toHaveLength(1);
          expect(existsSync(out)).toBe(false);
        }
    });
  },
);
