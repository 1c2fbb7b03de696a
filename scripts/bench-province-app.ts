/**
 * `npm run bench -- province-app`: the Jawa Tengah set (35 kabupaten/kota, 8,563 desa) in the app beside
 * Kendal, in Debian's Chromium with software WebGL (SwiftShader), on the browser-test build. The set is built
 * into a temporary folder from ../shared/data (or read from `KANTONG_PROVINCE_DIR`, a folder written by
 * `npm run geo -- --kab 33 --out DIR` plus the synthetic aggregate of `tests/browser/set-fixture.ts`).
 * Prints, per district: first render (navigation → map idle), the longest main-thread task (Long Tasks API)
 * before and after the first render, median pan frame time, LISA time, res-9 hexagon time. Never asserted.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { preview } from 'vite';
import '../tests/browser/harness-types.ts';
import { buildSet, hasWilayah, serveSets } from '../tests/browser/set-fixture.ts';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!existsSync('dist-test/index.html') || !existsSync(CHROMIUM) || !hasWilayah) {
  console.log(
    'bench-province-app: needs dist-test/ (npm run build:test), Chromium and ../shared/data; skipped',
  );
  process.exit(0);
}
const given = process.env.KANTONG_PROVINCE_DIR;
const t0 = performance.now();
const set = given ? null : await buildSet('33', 2_000);
const dir = given ? path.resolve(given) : set!.dir;
if (set)
  console.log(
    `set built in ${((performance.now() - t0) / 1000).toFixed(1)} s (geo --kab 33 + synthetic aggregate)`,
  );

const server = await preview({
  build: { outDir: 'dist-test' },
  preview: { host: '127.0.0.1', port: 0 },
  logLevel: 'silent',
});
const url = server.resolvedUrls!.local[0];
const browser = await chromium.launch({
  executablePath: CHROMIUM,
  args: ['--no-sandbox', '--enable-unsafe-swiftshader', '--use-angle=swiftshader', '--no-first-run'],
});

// Passed as text: tsx would wrap named functions in an __name() helper the page does not have.
const LONG_TASKS = `window.__longTasks = [];
new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__longTasks.push([e.startTime, e.duration]); })
  .observe({ type: 'longtask', buffered: true });`;
const PAN = `new Promise((resolve) => {
  const map = window.__kantong.map; const times = []; let last = performance.now(); const start = last;
  const step = (now) => { times.push(now - last); last = now; map.panBy([6, 3], { animate: false });
    if (now - start < 4000) requestAnimationFrame(step); else resolve(times.slice(1)); };
  requestAnimationFrame(step);
})`;
const IDLE = `new Promise((r) => { const { map } = window.__kantong; if (map.loaded() && !map.isMoving()) r(); else map.once('idle', () => r()); })`;

async function measure(name: string, kab: string, context: BrowserContext) {
  const page = await context.newPage();
  await page.addInitScript(LONG_TASKS);
  const start = performance.now();
  await page.goto(`${url}?kab=${kab}`);
  await page.waitForFunction(() => document.body.dataset.mapReady === 'true', null, { timeout: 300_000 });
  await page.evaluate(IDLE);
  const firstRender = performance.now() - start;
  const renderedAt: number = await page.evaluate(() => performance.now());
  const frames: number[] = await page.evaluate(PAN);
  frames.sort((a, b) => a - b);
  const median = frames[Math.floor(frames.length / 2)];
  console.log(
    `${name}: first render ${(firstRender / 1000).toFixed(2)} s, pan median ${median.toFixed(1)} ms`,
  );
  // A step that does not finish in its time is printed as n/a; the others are still measured.
  const timed = async (
    step: () => Promise<unknown>,
    ready: () => Promise<unknown>,
  ): Promise<number | null> => {
    const t = performance.now();
    try {
      await step();
      await ready();
      return performance.now() - t;
    } catch {
      return null;
    }
  };
  const lisa = await timed(
    () => page.evaluate(() => window.__kantong.explore.set({ mode: 'lisa' })),
    () =>
      page.waitForFunction(() => window.__kantong.explore.clusterResult != null, null, { timeout: 120_000 }),
  );
  await page.evaluate(() => window.__kantong.explore.set({ mode: 'value' }));
  const hex = await timed(
    () => page.evaluate(() => window.__kantong.explore.set({ level: 'hex', res: 9 })),
    () =>
      page.waitForFunction(() => window.__kantong.explore.hexLayer?.resolution === 9, null, {
        timeout: 300_000,
      }),
  );
  const secs = (ms: number | null) => (ms === null ? 'n/a' : `${(ms / 1000).toFixed(2)} s`);
  const tasks: [number, number][] = await page.evaluate('window.__longTasks');
  const longest = (f: (s: number) => boolean) =>
    Math.max(0, ...tasks.filter(([s]) => f(s)).map(([, d]) => d));
  const units = await page.evaluate(() => window.__kantong.explore.district.desa!.features.length);
  console.log(
    `${name.padEnd(22)} ${String(units).padStart(5)} desa  first render ${(firstRender / 1000).toFixed(2)} s  ` +
      `longest task ${longest((s) => s < renderedAt).toFixed(0)} ms before / ${longest((s) => s >= renderedAt).toFixed(0)} ms after  ` +
      `pan median ${median.toFixed(1)} ms  LISA ${secs(lisa)}  res-9 hexagons ${secs(hex)}`,
  );
  await page.close();
  return median;
}

const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
await serveSets(context, dir);
console.log('Kendal and Jawa Tengah (SwiftShader software WebGL, 1366×768):');
const kendal = await measure('Kendal (33.24)', '33.24', context);
const province = await measure('Jawa Tengah (33)', '33', context);
console.log(`pan frame time, province / Kendal: ${(province / kendal).toFixed(2)}× (target ≤ 1.5×)`);
await browser.close();
server.httpServer.close();
set?.remove();
