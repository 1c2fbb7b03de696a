/**
 * `npm run synth -- --kab … --households N --stream` (`src/node/synth-stream.ts`): seeded (the same options,
 * the same bytes), exactly N rows per period over the desa of the set, the DATA SINTETIS mark, and a file
 * the big path reads whole (every row joined).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { run as aggregate } from '../../../src/cli/commands/aggregate.ts';
import { gazetteerDesa, writeStreamedHouseholds } from '../../../src/node/synth-stream.ts';
import { quiet } from '../helpers/cli.ts';

const work = mkdtempSync(path.join(os.tmpdir(), 'kantong-synth-stream-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('streamed synthetic households', () => {
  it('are seeded, count N rows per period, and aggregate with every row joined', async () => {
    const desa = await gazetteerDesa(['33.24', '33.25']);
    expect(desa.length).toBeGreaterThan(400);
    const write = (out: string, seed: number) =>
      writeStreamedHouseholds({
        desa,
        households: 7_001,
        seed,
        periods: ['2025-Q1', '2025-Q3'],
        outDir: out,
        label: 'uji',
      });
    const a = await write(path.join(work, 'a'), 4);
    const b = await write(path.join(work, 'b'), 4);
    const c = await write(path.join(work, 'c'), 5);
    for (const [i, f] of a.entries()) {
      const text = readFileSync(f.path, 'utf8');
      expect(text).toBe(readFileSync(b[i].path, 'utf8'));
      expect(text).not.toBe(readFileSync(c[i].path, 'utf8'));
      expect(text.startsWith('# DATA SINTETIS')).toBe(true);
      expect(text.trimEnd().split('\r\n')).toHaveLength(7_001 + 2);
      expect(f.rows).toBe(7_001);
      expect(f.bytes).toBe(Buffer.byteLength(text));
    }
    const out = path.join(work, 'agg');
    await quiet(() =>
      aggregate([
        '--kab',
        '33.24,33.25',
        '--geo',
        path.join(work, 'no-geo'),
        ...a.flatMap((f) => ['--households', f.path]),
        '--out',
        out,
      ]),
    );
    const report = JSON.parse(readFileSync(path.join(out, 'join-report.json'), 'utf8'));
    expect([report.rows_read, report.rows_joined, report.rows_rejected]).toEqual([14_002, 14_002, 0]);
  }, 120_000);
});
