/**
 * What every browser benchmark starts with: the browser-test build served on a loopback port and Debian's
 * Chromium with software WebGL (STACK.md's flags, as the browser tests use), or a one-line skip when either
 * is missing. The benches measure the app as a user's machine runs it, so GPU compositing stays on.
 */
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { preview } from 'vite';
import type { DistrictIndex } from '../src/lib/geo/types.ts';
import { setsIn, withSets } from '../tests/browser/set-fixture.ts';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface BenchBrowser {
  url: string;
  browser: Browser;
  close(): Promise<void>;
}

/**
 * A folder served like `dist-test/` with the boundary sets of `setsDir` (written by `npm run geo -- --out
 * DIR`, their synthetic aggregates in `DIR/data/<folder>/`) added beside the built ones, as a deployment
 * holding more sets serves them: links to the files, and `geo/index.json` listing all. Browser tests route
 * such sets through Playwright instead (`serveSets`), which passes every body through the DevTools protocol
 * and so slows big files down; a benchmark must not measure that.
 */
function servedWithSets(setsDir: string): { dir: string; remove: () => void } {
  const dir = mkdtempSync(path.join(tmpdir(), 'kantong-bench-'));
  const built = path.resolve('dist-test');
  const sets = setsIn(setsDir);
  for (const entry of readdirSync(built))
    if (entry !== 'geo' && entry !== 'data') symlinkSync(path.join(built, entry), path.join(dir, entry));
  for (const [kind, from] of [
    ['geo', setsDir],
    ['data', path.join(setsDir, 'data')],
  ] as const) {
    mkdirSync(path.join(dir, kind));
    for (const entry of readdirSync(path.join(built, kind)))
      if (entry !== 'index.json') symlinkSync(path.join(built, kind, entry), path.join(dir, kind, entry));
    for (const { folder } of sets)
      if (existsSync(path.join(from, folder)) && !existsSync(path.join(dir, kind, folder)))
        symlinkSync(path.join(from, folder), path.join(dir, kind, folder));
  }
  const index = JSON.parse(readFileSync(path.join(built, 'geo', 'index.json'), 'utf8')) as DistrictIndex;
  writeFileSync(path.join(dir, 'geo', 'index.json'), JSON.stringify(withSets(index, sets)));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * The served app and a Chromium, or null (after saying why) when `dist-test/` or Chromium is missing, or
 * `needs` names something else missing. With `setsDir`, the boundary sets in it are served too
 * ({@link servedWithSets}).
 */
export async function openBenchBrowser(
  bench: string,
  needs: { ok: boolean; what: string } = { ok: true, what: '' },
  setsDir?: string,
): Promise<BenchBrowser | null> {
  if (!existsSync('dist-test/index.html') || !existsSync(CHROMIUM) || !needs.ok) {
    const what = ['dist-test/ (npm run build:test)', 'Chromium', needs.what].filter(Boolean).join(', ');
    console.log(`${bench}: needs ${what}; skipped`);
    return null;
  }
  const served = setsDir ? servedWithSets(setsDir) : null;
  const server = await preview({
    build: { outDir: served?.dir ?? 'dist-test' },
    preview: { host: '127.0.0.1', port: 0 },
    logLevel: 'silent',
  });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--enable-unsafe-swiftshader',
      '--use-angle=swiftshader',
      '--disable-background-networking',
      '--no-first-run',
    ],
  });
  return {
    url: server.resolvedUrls!.local[0],
    browser,
    async close() {
      await browser.close();
      await server.close();
      served?.remove();
    },
  };
}
