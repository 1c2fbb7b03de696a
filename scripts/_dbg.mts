import { openBenchBrowser } from './bench-browser.ts';
import { serveSets } from '../tests/browser/set-fixture.ts';
const bench = (await openBenchBrowser('dbg'))!;
const context = await bench.browser.newContext({ viewport: { width: 1366, height: 768 } });
await serveSets(context, '/work/pset');
const page = await context.newPage();
page.on('console', (m) => console.log('console', m.type(), m.text()));
page.on('pageerror', (e) => console.log('pageerror', e.message));
page.on('worker', (w) => { console.log('worker', w.url()); w.on('close', () => console.log('closed', w.url())); });
await page.goto(`${bench.url}?kab=${process.argv[2] ?? '33'}`);
await page.waitForFunction(() => document.body.dataset.mapReady === 'true', null, { timeout: 300_000 });
const t = performance.now();
await page.evaluate(() => (window as any).__kantong.explore.set({ level: 'hex', res: 9 }));
await page.waitForFunction(() => (window as any).__kantong.explore.hexLayer?.resolution === 9, null, { timeout: 300_000 });
console.log('hex', performance.now() - t);
for (const w of page.workers()) {
  console.log(w.url(), await w.evaluate(() => performance.getEntriesByType('measure').filter((m) => m.name.startsWith('kantong:')).map((m) => `${m.name} ${m.startTime.toFixed(0)}+${m.duration.toFixed(0)}`)));
}
await bench.close();
