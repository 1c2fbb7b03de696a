/**
 * The whole province: Jawa Tengah (35 kabupaten/kota, 8,563 desa) built in the test from ../shared/data by
 * `npm run geo -- --kab 33`, opened in the app, switched to hexagons at resolution 8: cells in every
 * kabupaten/kota (hexagons are clipped to the whole set), their cell table built on two threads. The build takes about a minute on two free cores.
 */
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { appUrl, chromiumMissing, foreignHosts, it } from './harness.ts';
import { buildSet, hasWilayah, serveSets, WILAYAH, type BuiltSet } from './set-fixture.ts';

if (!hasWilayah) console.warn(`[skip] Jawa Tengah set in the app: ../shared/data not found at ${WILAYAH}`);

let set: BuiltSet | undefined;
beforeAll(async () => {
  if (hasWilayah && !chromiumMissing) set = await buildSet('33', 2_000);
}, 900_000);
afterAll(() => set?.remove());

describe.skipIf(chromiumMissing || !hasWilayah)('the Jawa Tengah set (33)', () => {
  it(
    'opens all 8,563 desa and has res-8 hexagons in every kabupaten/kota',
    { timeout: 600_000 },
    async ({ browser }) => {
      const s = set!;
      const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'id-ID' });
      const requests: string[] = [];
      const errors: string[] = [];
      try {
        await serveSets(context, s.dir);
        const page = await context.newPage();
        const workers: string[] = [];
        page.on('worker', (w) => workers.push(w.url()));
        page.on('request', (r) => requests.push(r.url()));
        page.on('pageerror', (e) => errors.push(e.message));
        await page.goto(`${appUrl()}?kab=33`);
        await page.waitForFunction(() => document.body.dataset.mapReady === 'true', null, {
          timeout: 180_000,
        });
        const members = s.manifest.kabupaten!.map((k) => k.kode_kab);
        expect(members).toHaveLength(35);
        expect(await page.evaluate(() => window.__kantong.explore.mapUnits.length)).toBe(8563);
        // Opened with the light overview; zoomed into Brebes, its detailed desa are fetched (with its neighbours').
        expect(await page.evaluate(() => window.__kantong.explore.district.lazyDesa)).toBe(true);
        expect(requests.some((u) => u.includes('desa.display.'))).toBe(false);
        const brebes = s.manifest.kabupaten!.find((k) => k.kode_kab === '33.29')!.bbox;
        const detail = page.waitForRequest((r) => r.url().includes('desa.display.33.29.json'));
        await page.evaluate((b) => {
          const { map } = window.__kantong;
          map.jumpTo({ center: [(b[0] + b[2]) / 2, (b[1] + b[3]) / 2], zoom: 11 });
        }, brebes);
        await detail;
        // Brebes and the neighbours in view, not the whole province.
        const fetched = new Set(requests.filter((u) => u.includes('desa.display.')));
        expect(fetched.size).toBeGreaterThan(0);
        expect(fetched.size).toBeLessThan(10);
        await page.evaluate(() => window.__kantong.explore.set({ level: 'hex', res: 8 }));
        await page.waitForFunction(() => window.__kantong.explore.hexLayer?.resolution === 8, null, {
          timeout: 400_000,
        });
        const perKab = await page.evaluate(() => {
          const { explore } = window.__kantong;
          const layer = explore.hexLayer!;
          const codes = explore.district.desa!.features.map((f) => f.properties.kode_desa);
          const n: Record<string, number> = {};
          // A cell may have no main desa (-1): it is counted in no kabupaten.
          for (const d of layer.primaryDesa) {
            const kab = codes[d]?.slice(0, 5);
            if (kab) n[kab] = (n[kab] ?? 0) + 1;
          }
          return n;
        });
        expect(Object.keys(perKab).sort()).toEqual([...members].sort());
        for (const k of members) expect(perKab[k], k).toBeGreaterThan(5);
        // A province's table is big enough to share: the second thread built its part of it, and was stopped.
        expect(workers.some((u) => u.includes('hex-cells'))).toBe(true);
        const analysis = page.workers().find((w) => w.url().includes('analysis'))!;
        expect(
          await analysis.evaluate(() => performance.getEntriesByName('kantong:hex-cells-helper-res8').length),
        ).toBe(1);
        await expect.poll(() => page.workers().some((w) => w.url().includes('hex-cells'))).toBe(false);
        expect(foreignHosts(requests)).toEqual([]);
        expect(errors).toEqual([]);
      } finally {
        await context.close();
      }
    },
  );
});
