/**
 * A boundary set of several kabupaten/kota in the app (Kendal + Batang, built in the test from
 * ../shared/data): every desa of both on the map, a kabupaten level, and hexagons at resolution 8 in every
 * kabupaten of the set (clipped to the whole set, not to its first kabupaten).
 */
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { appUrl, chromiumMissing, foreignHosts, it, mapSettled, screenshot } from './harness.ts';
import { buildSet, hasWilayah, serveSets, WILAYAH, type BuiltSet } from './set-fixture.ts';

if (!hasWilayah) console.warn(`[skip] boundary sets in the app: ../shared/data not found at ${WILAYAH}`);

let set: BuiltSet | undefined;
beforeAll(async () => {
  if (hasWilayah && !chromiumMissing) set = await buildSet('33.24,33.25');
}, 300_000);
afterAll(() => set?.remove());

describe.skipIf(chromiumMissing || !hasWilayah)('a set of two kabupaten (33.24 + 33.25)', () => {
  it('opens with every desa, a kabupaten level, and res-8 hexagons in both kabupaten', async ({
    browser,
  }) => {
    const s = set!;
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'id-ID' });
    const requests: string[] = [];
    const errors: string[] = [];
    try {
      await serveSets(context, s.dir);
      const page = await context.newPage();
      page.on('request', (r) => requests.push(r.url()));
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(`${appUrl()}?kab=${encodeURIComponent(s.folder)}`);
      await page.waitForFunction(() => document.body.dataset.mapReady === 'true', null, { timeout: 90_000 });
      const total = s.manifest.counts.desa + s.manifest.counts.kelurahan;
      await expect
        .poll(() => page.evaluate(() => window.__kantong.explore.classOf.filter((c) => c >= 0).length), {
          timeout: 30_000,
        })
        .toBeGreaterThan(0);
      const desa = await page.evaluate(() => window.__kantong.explore.mapUnits.map((u) => u.kode));
      expect(desa).toHaveLength(total);
      expect(new Set(desa.map((k) => k.slice(0, 5)))).toEqual(new Set(['33.24', '33.25']));

      // The kabupaten level: two units, coloured from the summed desa.
      await page.getByRole('radio', { name: 'Kab/Kota' }).check();
      const kab = await page.evaluate(() => {
        const { explore } = window.__kantong;
        return {
          codes: explore.mapUnits.map((u) => u.kode),
          coloured: explore.classOf.filter((c) => c >= 0).length,
        };
      });
      expect(kab.codes).toEqual(['33.24', '33.25']);
      expect(kab.coloured).toBe(2);
      await mapSettled(page);
      await screenshot(page, 'set-kabupaten-level');

      // Hexagons at res 8 across the kabupaten border: cells whose main desa is in each kabupaten.
      await page.getByRole('radio', { name: 'Heksagon' }).check();
      await page.locator('#hex-res').selectOption('8');
      await expect
        .poll(() => page.evaluate(() => window.__kantong.explore.hexLayer?.resolution ?? null), {
          timeout: 120_000,
        })
        .toBe(8);
      // Hexagons are the first statistic asked for: the analysis Worker runs now.
      expect(page.workers().filter((w) => /analysis/.test(w.url()))).toHaveLength(1);
      const hex = await page.evaluate(() => {
        const { explore, district } = window.__kantong as unknown as {
          explore: typeof window.__kantong.explore;
          district?: unknown;
        };
        void district;
        const layer = explore.hexLayer!;
        const desaCodes = explore.district.desa!.features.map((f) => f.properties.kode_desa);
        const perKab: Record<string, number> = {};
        for (const d of layer.primaryDesa) {
          const k = desaCodes[d]?.slice(0, 5);
          if (k) perKab[k] = (perKab[k] ?? 0) + 1;
        }
        return { cells: layer.cells.length, perKab };
      });
      expect(Object.keys(hex.perKab).sort()).toEqual(['33.24', '33.25']);
      // Each kabupaten holds a share of the cells near its share of the area (res 8 ≈ 0.74 km² a cell).
      for (const k of ['33.24', '33.25']) expect(hex.perKab[k]).toBeGreaterThan(300);
      await mapSettled(page);
      await screenshot(page, 'set-hex-res8');
      expect(foreignHosts(requests)).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
