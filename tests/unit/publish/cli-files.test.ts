/**
 * Every file a CLI command publishes passes the independent leak auditor: no count of 1 … k−1 households,
 * and no withheld count recoverable from a published total. The one exact file, the import's `desa.csv`,
 * says on its first line that it is an internal working file.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run as pockets } from '../../../src/cli/commands/pockets.ts';
import { run as importCommand } from '../../../src/cli/commands/import.ts';
import { WORKING_FILE_NOTE } from '../../../src/lib/import/output-csv.ts';
import { kendalProfile } from '../../../src/lib/synth/calibration.ts';
import { generateHouseholds } from '../../../src/lib/synth/households.ts';
import { writeHouseholdFile } from '../../../src/node/synth-files.ts';
import { quiet, writeTestGeo } from '../helpers/cli.ts';
import { recoverable, seen, smallCounts, type SeenFigure } from '../helpers/leak-audit.ts';

const K = 40; // high, so that many desa, hexagons and desil counts fall under it
let dir: string;
let geo: string;
let extract: string;

function table(file: string): { comments: string[]; rows: Record<string, string>[] } {
  const text = readFileSync(file, 'utf8');
  const lines = text.split('\r\n');
  const comments = lines.filter((l) => l.startsWith('#'));
  const rows = Papa.parse<Record<string, string>>(lines.filter((l) => !l.startsWith('#')).join('\r\n'), {
    header: true,
    delimiter: ';',
    skipEmptyLines: true,
  }).data;
  return { comments, rows };
}

const COUNT_COLUMN = /^(jumlah_kk|kk_.*)$/;

/** Count cells of a published table that break the primary rule. */
function primaryLeaks(rows: Record<string, string>[]): string[] {
  return rows.flatMap((r) =>
    smallCounts(
      Object.entries(r).flatMap(([c, v]) => (COUNT_COLUMN.test(c) ? [v] : [])),
      K,
    ),
  );
}

/** Rows whose desil counts let a reader recover a withheld one from the row's shown total. */
function rowLeaks(rows: Record<string, string>[]): number[] {
  return rows.flatMap((r, i) => {
    const total = seen(r.jumlah_kk);
    if (!total || total.kind !== 'value') return [];
    const figures = Array.from({ length: 10 }, (_, d) => seen(r[`kk_desil_${d + 1}`]) as SeenFigure);
    return recoverable(figures, total.value, K).length > 0 ? [i] : [];
  });
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'kantong-publish-'));
  const written = writeTestGeo(dir);
  geo = written.geo;
  const desa = written.desa;
  const synth = generateHouseholds('33.24', desa, kendalProfile, {
    households: 6_000,
    seed: 4,
    periods: ['2025-Q3'],
    geotagShare: 0.7,
  });
  extract = path.join(dir, 'extract-2025-Q3.csv');
  await writeHouseholdFile(synth, 0, 'JAWA TENGAH', extract);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('published CLI files', () => {
  it('pockets: pockets.csv and hex.csv show no count under k and no recoverable one', async () => {
    const out = path.join(dir, 'pockets');
    await quiet(() =>
      pockets([
        '--kab',
        '33.24',
        '--geo',
        geo,
        '--households',
        extract,
        '--res',
        '8',
        '--perm',
        '99',
        '--min-count',
        String(K),
        '--out',
        out,
      ]),
    );
    const hex = table(path.join(out, 'hex.csv'));
    expect(hex.rows.length).toBeGreaterThan(10);
    expect(primaryLeaks(hex.rows)).toEqual([]);
    expect(rowLeaks(hex.rows)).toEqual([]);
    // the audit is not vacuous: small counts exist and are written as "< k"
    expect(hex.rows.some((r) => Object.values(r).includes(`< ${K}`))).toBe(true);
    const list = table(path.join(out, 'pockets.csv'));
    expect(primaryLeaks(list.rows)).toEqual([]);
    const fc = JSON.parse(readFileSync(path.join(out, 'pockets.geojson'), 'utf8'));
    for (const f of fc.features) {
      for (const key of ['jumlah_kk', 'kk_desil_1']) {
        const v = f.properties[key];
        expect(v === null || v === 0 || v >= K, `${key} = ${v}`).toBe(true);
      }
    }
  });

  it('import: kecamatan.csv and kabupaten.csv are published; desa.csv is marked as the internal working table', async () => {
    const out = path.join(dir, 'import');
    await quiet(() =>
      importCommand([
        '--kab',
        '33.24',
        '--geo',
        geo,
        '--households',
        extract,
        '--min-count',
        String(K),
        '--out',
        out,
      ]),
    );
    const desa = readFileSync(path.join(out, 'desa.csv'), 'utf8');
    expect(desa.split('\r\n')[0]).toBe(`# ${WORKING_FILE_NOTE}`);
    const kec = table(path.join(out, 'kecamatan.csv'));
    const kab = table(path.join(out, 'kabupaten.csv'));
    for (const t of [kec, kab]) {
      expect(t.comments.join(' ')).toMatch(/disamarkan/);
      expect(primaryLeaks(t.rows)).toEqual([]);
      expect(rowLeaks(t.rows)).toEqual([]);
    }
    // each desil column of the kecamatan adds up to the kabupaten's: no withheld kecamatan count follows
    expect(kec.rows.some((r) => Object.values(r).includes(`< ${K}`))).toBe(true);
    const total = kab.rows[0];
    for (let d = 1; d <= 10; d++) {
      const col = `kk_desil_${d}`;
      const figures = kec.rows.map((r) => seen(r[col]) as SeenFigure);
      const t = seen(total[col]);
      if (t?.kind === 'value') expect(recoverable(figures, t.value, K)).toEqual([]);
    }
  });
});
