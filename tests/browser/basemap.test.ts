import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { chromiumMissing, foreignHosts, launch, mapSettled, openApp, screenshot } from './harness.ts';
import { onePixelWorldPmtiles } from './pmtiles-fixture.ts';

describe.skipIf(chromiumMissing)(
  'basemap: none by default, online only when chosen, or a local PMTiles file',
  () => {
    let browser: Browser;
    beforeAll(async () => {
      browser = await launch();
    });
    afterAll(async () => {
      await browser?.close();
    });

    it('asks another host for tiles only after the user turns the online basemap on', async () => {
      const app = await openApp(browser);
      try {
        const { page } = app;
        expect(foreignHosts(app.requests)).toEqual([]);
        await page.getByRole('radio', { name: 'OpenStreetMap (perlu internet)' }).check();
        await expect.poll(() => foreignHosts(app.requests)).toEqual(['tile.openstreetmap.org']);
        expect(await page.locator('footer.source').textContent()).toContain('OpenStreetMap');
        await page.getByRole('radio', { name: 'Tanpa peta dasar (offline)' }).check();
        await expect
          .poll(() => page.evaluate(() => window.__kantong.map.getSource('basemap') === undefined))
          .toBe(true);
        expect(await page.locator('footer.source').textContent()).not.toContain('OpenStreetMap');
      } finally {
        await app.context.close();
      }
    });

    it('shows a PMTiles file picked from disk, with no request leaving the machine', async () => {
      const app = await openApp(browser);
      try {
        const { page } = app;
        await page.getByRole('radio', { name: 'Berkas PMTiles di komputer ini' }).check();
        await page.locator('input[type=file][accept=".pmtiles"]').setInputFiles({
          name: 'dunia.pmtiles',
          mimeType: 'application/octet-stream',
          buffer: onePixelWorldPmtiles(),
        });
        await expect
          .poll(() => page.evaluate(() => window.__kantong.map.getLayer('basemap-raster')?.type ?? null))
          .toBe('raster');
        await expect.poll(() => page.locator('footer.source').textContent()).toContain('Uji PMTiles');
        await mapSettled(page);
        await screenshot(page, 'basemap-pmtiles');
        expect(foreignHosts(app.requests)).toEqual([]);
        expect(app.errors).toEqual([]);
      } finally {
        await app.context.close();
      }
    });
  },
);
