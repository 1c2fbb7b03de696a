/**
 * Frame times while panning the app in Debian's Chromium: all desa, and all res-9 hexagons. Runs on the
 * browser-test build (`npm run build:test` first), whose test hook `window.__kantong` it reads the map through.
 * Headless Chromium here draws with SwiftShader (software WebGL on the CPU), so the figures are a floor: a
 * laptop's GPU does far better. Printed, never asserted.
 */
import { openBenchBrowser } from './bench-browser.ts';
import '../tests/browser/harness-types.ts';

const bench = await openBenchBrowser('bench-map');
if (!bench) process.exit(0);
const { url, browser } = bench;

const PAN_FOR_4_SECONDS = `new Promise((resolve) => {
  const map = window.__kantong.map;
  const times = [];
  let last = performance.now();
  const start = last;
  const step = (now) => {
    times.push(now - last);
    last = now;
    map.panBy([6, 3], { animate: false });
    if (now - start < 4000) requestAnimationFrame(step);
    else resolve(times.slice(1));
  };
  requestAnimationFrame(step);
})`;

async function measure(name: string, query: string, ready: () => boolean) {
  const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  await page.goto(`${url}${query}`);
  await page.waitForFunction(ready, null, { timeout: 60_000 });
  // let the first full render finish (or go on if it already has)
  await page.evaluate(
    () =>
      new Promise<void>((r) => {
        const { map } = window.__kantong;
        if (map.loaded() && !map.isMoving()) r();
        else map.once('idle', () => r());
      }),
  );
  // Passed as text: tsx would wrap a named function in an __name() helper the page does not have.
  const frames: number[] = await page.evaluate(PAN_FOR_4_SECONDS);
  frames.sort((a, b) => a - b);
  const q = (p: number) => frames[Math.min(frames.length - 1, Math.floor(p * frames.length))];
  const units = await page.evaluate(() => window.__kantong.explore.mapUnits.length);
  console.log(
    `${name.padEnd(28)} ${String(units).padStart(6)} units  frames ${String(frames.length).padStart(4)}  ` +
      `median ${q(0.5).toFixed(1)} ms (${(1000 / q(0.5)).toFixed(0)} fps)  p95 ${q(0.95).toFixed(1)} ms`,
  );
  await page.close();
}

console.log('Panning frame times (SwiftShader software WebGL, 1366×768):');
await measure('desa, share desil 1', '', () => document.body.dataset.mapReady === 'true');
await measure(
  'hexagons res 9',
  '?level=hex&res=9',
  () => window.__kantong?.explore.hexLayer?.resolution === 9,
);
await bench.close();
