/**
 * `npm run bench -- province-app`: the Jawa Tengah set (35 kabupaten/kota, 8,563 desa) in the app beside
 * Kendal, in Debian's Chromium with software WebGL (SwiftShader), on the browser-test build. The set is built
 * into a temporary folder from ../shared/data (or read from `KANTONG_PROVINCE_DIR`, a folder written by
 * `npm run geo -- --kab 33 --out DIR` plus the synthetic aggregate of `tests/browser/set-fixture.ts`).
 * Prints, per district: first render (navigation → map idle), the longest main-thread task (Long Tasks API)
 * before and after the first render, median pan frame time, LISA time, res-9 hexagon time (the Worker's own
 * `kantong:hex-layer-res9` measure, and from asking to the layer in the app), and whether every
 * kabupaten has cells), whether the analysis Worker started before it was needed, and the steps of the first
 * LISA in the Worker (its `kantong:` performance measures); then each figure of issue 16 against its target.
 * Never asserted.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { openBenchBrowser } from './bench-browser.ts';
import '../tests/browser/harness-types.ts';
import { buildSet, hasWilayah } from '../tests/browser/set-fixture.ts';

if (!hasWilayah) {
  console.log('bench-province-app: needs ../shared/data; skipped');
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
// The set is served over HTTP beside the app, as a deployment serves it (not routed through Playwright).
const bench = await openBenchBrowser('bench-province-app', undefined, dir);
if (!bench) process.exit(0);
const { url, browser } = bench;

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

/** One district's figures (milliseconds; null where the step did not finish in its time). */
interface Figures {
  desa: number;
  firstRender: number;
  longestBefore: number;
  longestAfter: number;
  panMedian: number;
  lisa: number | null;
  /** Asking for res-9 hexagons → the layer in the explore state (Worker, transfer, page). */
  hex: number | null;
  /** Of it, the Worker's own `kantong:hex-layer-res9` measure (district, hexbins of every period, layer). */
  hexWorker: number | null;
  /** Of it, the cell table (`kantong:hex-cells-res9`). */
  hexCells: number | null;
  /** Its steps (ms inside it), as one line. */
  hexSteps: string;
  /** Member kabupaten with res-9 cells whose main desa is theirs, of all members. */
  hexKabupaten: [number, number] | null;
  /** Whether the analysis Worker had started before the first statistic was asked for. */
  workerBeforeUse: boolean;
  /** The first LISA's steps: Worker start, then the Worker's `kantong:` measures (ms). */
  lisaSteps: string;
}

/** The Worker's start (page's `new Worker` → its script run) and its `kantong:` measures, as one line. */
const LISA_STEPS = `(() => [performance.timeOrigin, performance.getEntriesByName('kantong:worker-ready')[0]?.startTime ?? NaN,
  performance.getEntriesByType('measure').filter((m) => m.name.startsWith('kantong:')).map((m) => [m.name.slice(8), m.duration])])()`;

async function measure(name: string, kab: string, context: BrowserContext): Promise<Figures> {
  const page = await context.newPage();
  await page.addInitScript(LONG_TASKS);
  // The analysis Worker is a module script named analysis.worker-<hash>.js in the build.
  const workers: string[] = [];
  page.on('worker', (w) => workers.push(w.url()));
  const start = performance.now();
  await page.goto(`${url}?kab=${kab}`);
  await page.waitForFunction(() => document.body.dataset.mapReady === 'true', null, { timeout: 300_000 });
  await page.evaluate(IDLE);
  const firstRender = performance.now() - start;
  const renderedAt: number = await page.evaluate(() => performance.now());
  const frames: number[] = await page.evaluate(PAN);
  frames.sort((a, b) => a - b);
  const panMedian = frames[Math.floor(frames.length / 2)];
  // Back to the whole district before the statistics (a pan far out would hide the layers).
  await page.evaluate(() => {
    const { map, explore } = window.__kantong;
    const b = explore.district.manifest!.bbox;
    map.fitBounds(
      [
        [b[0], b[1]],
        [b[2], b[3]],
      ],
      { animate: false },
    );
  });
  const workerBeforeUse = workers.some((u) => u.includes('analysis'));
  // A step that does not finish in its time is printed as n/a (with the reason); the others are measured.
  const timed = async (
    label: string,
    step: () => Promise<unknown>,
    ready: () => Promise<unknown>,
  ): Promise<number | null> => {
    const t = performance.now();
    try {
      await step();
      await ready();
      return performance.now() - t;
    } catch (error) {
      console.log(`  ${name}: ${label} did not finish: ${(error as Error).message.split('\n')[0]}`);
      return null;
    }
  };
  await page.evaluate(() => window.__kantong.explore.set({ level: 'desa', mode: 'value' }));
  const lisa = await timed(
    'LISA',
    () => page.evaluate(() => window.__kantong.explore.set({ mode: 'lisa' })),
    () =>
      page.waitForFunction(() => window.__kantong.explore.clusterResult != null, null, { timeout: 120_000 }),
  );
  const worker = page.workers().find((w) => w.url().includes('analysis'));
  const [origin, ready, measures] = worker
    ? ((await worker.evaluate(LISA_STEPS)) as [number, number, [string, number][]])
    : [NaN, NaN, []];
  const created: number = await page.evaluate(
    () =>
      performance.timeOrigin + (performance.getEntriesByName('kantong:analysis-worker')[0]?.startTime ?? NaN),
  );
  const lisaSteps = [
    `Worker start ${(origin + ready - created).toFixed(0)}`,
    ...measures.map(([n, d]) => `${n} ${d.toFixed(0)}`),
  ].join(', ');
  await page.evaluate(() => window.__kantong.explore.set({ mode: 'value' }));
  const hex = await timed(
    'res-9 hexagons',
    () => page.evaluate(() => window.__kantong.explore.set({ level: 'hex', res: 9 })),
    () =>
      page.waitForFunction(() => window.__kantong.explore.hexLayer?.resolution === 9, null, {
        timeout: 300_000,
      }),
  );
  // The Worker's res-9 figure, and its steps (the cell table, on two threads for a province, is part of it).
  const steps =
    hex === null
      ? []
      : (((await page
          .workers()
          .find((w) => w.url().includes('analysis'))
          ?.evaluate(() =>
            [
              'hex-layer-res9',
              'geometry',
              'hex-district',
              'hex-cells-res9',
              'hex-bins-res9',
              'hex-layer-build-res9',
            ]
              .map((name) => [name, performance.getEntriesByName(`kantong:${name}`).at(-1)] as const)
              .map(([name, m]) => [name, m?.startTime ?? NaN, m?.duration ?? NaN]),
          )) as [string, number, number][] | undefined) ?? []);
  const hexWorker = steps[0]?.[2] ?? null;
  const hexCells = steps[3]?.[2] ?? null;
  // the steps inside the Worker's res-9 figure (geometry only for the part after the request)
  const hexSteps = steps
    .slice(1)
    .map(([name, start, duration]) => {
      const inside = Math.min(start + duration, steps[0][1] + steps[0][2]) - Math.max(start, steps[0][1]);
      return `${name} ${Number.isNaN(inside) ? 'n/a' : Math.max(0, inside).toFixed(0)}`;
    })
    .join(', ');
  // Correct in every kabupaten: each member has cells whose main desa is one of its own.
  const hexKabupaten: [number, number] | null =
    hex === null
      ? null
      : await page.evaluate(() => {
          const { explore } = window.__kantong;
          const codes = explore.district.desa!.features.map((f) => f.properties.kode_desa);
          const members = explore.district.manifest!.kabupaten?.map((k) => k.kode_kab) ?? [
            codes[0].slice(0, 5),
          ];
          const seen = new Set<string>();
          for (const d of explore.hexLayer!.primaryDesa) if (d >= 0) seen.add(codes[d].slice(0, 5));
          return [members.filter((k) => seen.has(k)).length, members.length];
        });
  const tasks: [number, number][] = await page.evaluate('window.__longTasks');
  const longest = (f: (s: number) => boolean) =>
    Math.max(0, ...tasks.filter(([s]) => f(s)).map(([, d]) => d));
  const desa = await page.evaluate(() => window.__kantong.explore.district.desa!.features.length);
  await page.close();
  return {
    desa,
    firstRender,
    longestBefore: longest((s) => s < renderedAt),
    longestAfter: longest((s) => s >= renderedAt),
    panMedian,
    lisa,
    hex,
    hexWorker,
    hexCells,
    hexSteps,
    hexKabupaten,
    workerBeforeUse,
    lisaSteps,
  };
}

const secs = (ms: number | null) => (ms === null ? 'n/a' : `${(ms / 1000).toFixed(2)} s`);
/** One figure against its target: value, target, reached or not (a figure without a target: the value). */
function line(label: string, value: string, target: string, reached: boolean | null): string {
  const mark = reached === null ? 'n/a' : reached ? 'reached' : 'NOT reached';
  if (!target) return `  ${label.padEnd(52)} ${value.padStart(12)}`;
  return `  ${label.padEnd(52)} ${value.padStart(12)}   target ${target.padEnd(10)} ${mark}`;
}

const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
const load = (await import('node:os')).loadavg()[0];
console.log(
  `Kendal and Jawa Tengah (SwiftShader software WebGL, 1366×768), load average ${load.toFixed(1)}:`,
);
const kendal = await measure('Kendal (33.24)', '33.24', context);
const province = await measure('Jawa Tengah (33)', '33', context);
for (const [name, f] of [
  ['Kendal (33.24)', kendal],
  ['Jawa Tengah (33)', province],
] as const)
  console.log(
    `${name.padEnd(18)} ${String(f.desa).padStart(5)} desa  first render ${secs(f.firstRender)}  longest task ` +
      `${f.longestBefore.toFixed(0)} ms before / ${f.longestAfter.toFixed(0)} ms after it  pan median ` +
      `${f.panMedian.toFixed(1)} ms  LISA ${secs(f.lisa)}  res-9 hexagons ${secs(f.hex)} ` +
      `(Worker ${secs(f.hexWorker)}, of it cell table ${secs(f.hexCells)})`,
  );
for (const [name, f] of [
  ['Kendal (33.24)', kendal],
  ['Jawa Tengah (33)', province],
] as const)
  console.log(
    `${name.padEnd(18)} first LISA, ms: ${f.lisaSteps}\n${''.padEnd(18)} res-9 in the Worker, ms: ${f.hexSteps}`,
  );
if (!existsSync(path.join(dir, '33', 'contiguity.json')))
  console.log(
    `  (${dir}/33 has no contiguity.json, built before it existed: the Worker builds the weights from the geometry)`,
  );
const ratio = province.panMedian / kendal.panMedian;
const hk = province.hexKabupaten;
console.log('figures of issue 16:');
for (const l of [
  line('Jawa Tengah first map render', secs(province.firstRender), '< 3 s', province.firstRender < 3000),
  line(
    'Jawa Tengah longest main-thread task after first render',
    `${province.longestAfter.toFixed(0)} ms`,
    '≤ 200 ms',
    province.longestAfter <= 200,
  ),
  line('panning frame time, Jawa Tengah / Kendal', `${ratio.toFixed(2)}×`, '≤ 1.5×', ratio <= 1.5),
  line(
    'Jawa Tengah LISA',
    secs(province.lisa),
    '< 2 s',
    province.lisa === null ? null : province.lisa < 2000,
  ),
  line(
    'Jawa Tengah res-9 hexagons in the Worker',
    secs(province.hexWorker),
    '< 10 s',
    province.hexWorker === null ? null : province.hexWorker < 10_000,
  ),
  line('  (the layer in the app, from asking: Worker, transfer, page)', secs(province.hex), '', null),
  line(
    'res-9 hexagons: kabupaten with cells of their own desa',
    hk ? `${hk[0]} / ${hk[1]}` : 'n/a',
    'all',
    hk ? hk[0] === hk[1] : null,
  ),
  line(
    'Kendal first load: longest main-thread task',
    `${kendal.longestBefore.toFixed(0)} ms`,
    '≤ 300 ms',
    kendal.longestBefore <= 300,
  ),
  line(
    'analysis Worker started before first needed (Kendal, JT)',
    `${kendal.workerBeforeUse ? 'yes' : 'no'}, ${province.workerBeforeUse ? 'yes' : 'no'}`,
    'no',
    !kendal.workerBeforeUse && !province.workerBeforeUse,
  ),
])
  console.log(l);
await bench.close();
set?.remove();
