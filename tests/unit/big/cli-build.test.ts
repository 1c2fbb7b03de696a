/**
 * The bundled CLI (`scripts/build-cli.mjs`): the same sources give the same files, and `npm run kantong`'s
 * launcher runs the bundle, rebuilding it on demand (a fresh clone has no `dist-cli/`).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
// @ts-expect-error: plain JavaScript module without types
import { buildCli, ROOT } from '../../../scripts/build-cli.mjs';

const work = mkdtempSync(path.join(os.tmpdir(), 'kantong-cli-build-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('CLI bundle', () => {
  it('is deterministic: two builds give the same file names and bytes, with no machine path in them', async () => {
    const a = path.join(work, 'a');
    const b = path.join(work, 'b');
    await buildCli(a);
    await buildCli(b);
    const files = readdirSync(a)
      .filter((f) => f.endsWith('.mjs'))
      .sort();
    expect(
      readdirSync(b)
        .filter((f) => f.endsWith('.mjs'))
        .sort(),
    ).toEqual(files);
    expect(files).toContain('kantong.mjs');
    for (const f of files) {
      const text = readFileSync(path.join(a, f), 'utf8');
      expect(readFileSync(path.join(b, f), 'utf8')).toBe(text);
      expect(text.includes(ROOT)).toBe(false);
    }
  }, 60_000);

  it('the launcher prints the usage from the bundle and lists every command', () => {
    const r = spawnSync(process.execPath, ['scripts/kantong.mjs', '--help'], { cwd: ROOT, encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^usage: npm run kantong -- <command>/);
    for (const name of ['import', 'lisa', 'pockets', 'rank'])
      expect(r.stdout).toMatch(new RegExp(`\\n  ${name} `));
    const bad = spawnSync(process.execPath, ['scripts/kantong.mjs', 'nope'], { cwd: ROOT, encoding: 'utf8' });
    expect(bad.status).toBe(1);
    expect(bad.stderr.trim().split('\n').at(-1)).toMatch(/^kantong: unknown command "nope"/);
  }, 60_000);
});
