/**
 * The big path's two queries give the same groups: `aggregate-texts.sql` (the size and flag texts of a
 * sample counted per group, read by the core's parseSize and flagValue) and `aggregate.sql` (every cell read
 * by the rule written in SQL), on seeded random files whose cells mix the forms DT-SEN extracts write with
 * rarer ones; and when a text outside the sample turns up (a sample forced small), the runner falls back to
 * the general query rather than miscounting. Rows with the wrong number of cells are counted once whatever
 * the number of scans.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import type { RawGroup } from '../../../src/lib/big/raw-groups.ts';
import { aggregateFile, openEngine, type FileRead } from '../../../src/node/duckdb-aggregate.ts';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'kantong-agg-paths-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const FLAG_WORDS = [
  'YA',
  'TIDAK',
  'ya',
  'Tidak',
  ' YA ',
  '1',
  '0',
  '',
  '-',
  'x',
  '2',
  '0,0',
  'penerima',
  '√',
];
const SIZES = ['1', '2', '3', '4', '5', '8', '12', '99', '100', '', 'x', '0'];
const KODE = ['3324012001', '3324012002', '33.24.01.2003', '3324', ''];

/** A random file of `rows` records: code;desil;size;flag a;flag b;period (one record a line, `;`). */
function writeFile(
  name: string,
  seed: number,
  rows: number,
  common: number,
): { file: string; read: FileRead } {
  const cell = (words: string[]) =>
    fc.oneof({ weight: 8, arbitrary: fc.constantFrom(...words.slice(0, common)) }, fc.constantFrom(...words));
  const records = fc.sample(
    fc.tuple(
      cell(KODE),
      fc.constantFrom('1', '4', '10', '11', ''),
      cell(SIZES),
      cell(FLAG_WORDS),
      cell(FLAG_WORDS),
    ),
    { seed, numRuns: rows },
  );
  const lines = ['kode;desil;art;pkh;bpnt;periode', ...records.map((r) => `${r.join(';')};2025-Q1`)];
  // Two records with the wrong number of cells, to be counted once as column_count.
  lines.splice(3, 0, '3324012001;1;2');
  lines.push('3324012001;1;2;YA;TIDAK;2025-Q1;extra');
  const file = path.join(tmp, name);
  writeFileSync(file, `${lines.join('\n')}\n`);
  const read: FileRead = {
    format: 'csv',
    file,
    separator: ';',
    encoding: 'utf-8',
    skip: 1,
    width: 6,
    columns: { kode: 0, desil: 1, art: 2, periode: 5, flags: { pkh: 3, bpnt: 4 } },
  };
  return { file, read };
}

const key = (g: RawGroup) => `${g.kode_raw}|${g.desil_raw}|${g.periode_raw}`;
const sorted = (groups: RawGroup[]) => [...groups].sort((a, b) => (key(a) < key(b) ? -1 : 1));

describe('aggregate-texts.sql = aggregate.sql', () => {
  it('on seeded random files, through the fast path, the fallback and the general query', async () => {
    const engine = await openEngine();
    try {
      for (const seed of [1, 2, 3, 4]) {
        // common = 2: most cells are the two usual forms, a few rarer ones; sample of 20 rows misses some.
        const { read } = writeFile(`f${seed}.csv`, seed, 600, 2 + (seed % 3));
        const rule = await aggregateFile(engine.connection, read, { query: 'rule' });
        const fast = await aggregateFile(engine.connection, read);
        const fallback = await aggregateFile(engine.connection, read, { sampleRows: 3 });
        expect(rule.query).toBe('rule');
        expect(fast.query).toBe('texts');
        expect(fallback.query).toBe('rule');
        expect(sorted(fast.groups)).toEqual(sorted(rule.groups));
        expect(sorted(fallback.groups)).toEqual(sorted(rule.groups));
        for (const r of [rule, fast, fallback]) {
          expect(r.columnCountRows).toBe(2);
          expect(r.groups.reduce((s, g) => s + g.households, 0)).toBe(600);
        }
      }
    } finally {
      engine.close();
    }
  });
});
