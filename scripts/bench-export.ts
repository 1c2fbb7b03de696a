/**
 * Map exports in Debian's Chromium: the PNG at screen width and at poster width (3000 px), from the click's
 * work to the encoded file (render at the pixel ratio, compose title/legend/scale/north/footer, PNG encode),
 * in the explore view and the Prioritas mode; and the A4 brief's PDF. Runs on the browser-test build
 * (`npm run build:test` first), whose test hook `window.__kantong` it calls. SwiftShader (software WebGL)
 * draws the map on the CPU here, so the figures are a ceiling for a laptop with a GPU. Printed, never asserted.
 */
import type { Page } from 'playwright-core';
import { openBenchBrowser } from './bench-browser.ts';
import '../tests/browser/harness-types.ts';

const bench = await openBenchBrowser('bench-export');
if (!bench) process.exit(0);
const { url, browser } = bench;

// Passed as text: tsx would wrap a named function in an __name() helper the page does not have. The time to
// the encoded PNG is what counts: WebGL and canvas drawing are queued, and SwiftShader rasterises the large
// map frame when the PNG encoder first reads the pixels.
const EXPORT = (width: number | null) => `(async () => {
  const { exporter } = window.__kantong;
  const t0 = performance.now();
  const canvas = await exporter.mapImage(${width});
  const laidOut = performance.now() - t0;
  const blob = await new Promise((resolve) => canvas.toBlob(resolve, 'image/png'));
  return { ms: performance.now() - t0, laidOut, width: canvas.width, height: canvas.height, bytes: blob.size };
})()`;

async function open(query: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  await page.goto(`${url}${query}`);
  await page.waitForFunction(() => document.body.dataset.mapReady === 'true', null, { timeout: 60_000 });
  // let the first full render (and in the Prioritas mode the robustness run) finish
  await page.waitForFunction(
    () => {
      const { map, priority, explore } = window.__kantong;
      const ranked = explore.view.task !== 'priority' || priority.robustness !== null;
      return ranked && map.loaded() && !map.isMoving();
    },
    null,
    { timeout: 120_000 },
  );
  return page;
}

const RUNS = 3;
console.log(`Map PNG export (SwiftShader software WebGL, window 1366×768), best of ${RUNS}:`);
for (const [name, query] of [
  ['explore, share desil 1', ''],
  ['Prioritas', '?task=priority'],
] as const) {
  const page = await open(query);
  for (const width of [null, 3000]) {
    const runs: { ms: number; laidOut: number; width: number; height: number; bytes: number }[] = [];
    for (let i = 0; i < RUNS; i++) runs.push(await page.evaluate(EXPORT(width)));
    runs.sort((a, b) => a.ms - b.ms);
    const r = runs[0];
    console.log(
      `${name.padEnd(24)} ${(width === null ? 'screen' : 'poster').padEnd(7)} ${`${r.width}×${r.height}`.padStart(10)} px  ` +
        `${(r.bytes / 1024).toFixed(0).padStart(5)} KiB  ${(r.ms / 1000).toFixed(2)} s ` +
        `(drawing issued ${(r.laidOut / 1000).toFixed(2)} s; median ${(runs[1].ms / 1000).toFixed(2)} s)`,
    );
  }
  if (query) {
    const t0 = performance.now();
    await page.evaluate(() => (window.print = () => (document.body.dataset.printed = 'true')));
    await page.evaluate(() => window.__kantong.exporter.printBrief());
    await page.emulateMedia({ media: 'print' });
    const pdf = await page.pdf({ format: 'A4' });
    const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page\b(?!s)/g) ?? []).length;
    console.log(
      `A4 brief (shortlist)     PDF ${pages} page(s), ${(pdf.length / 1024).toFixed(0)} KiB, ${((performance.now() - t0) / 1000).toFixed(2)} s`,
    );
  }
  await page.close();
}
await bench.close();
