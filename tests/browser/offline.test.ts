/**
 * Offline after one visit: the service worker precaches the app, fonts, boundaries and bundled data; with the
 * network off a reload opens the app, a synthetic extract imports onto the map, and the ranking exports as CSV.
 */
import { readFileSync } from 'node:fs';
import { describe, expect } from 'vitest';
import { appUrl, chromiumMissing, it, launch } from './harness.ts';
import { syntheticExtract } from './import-fixture.ts';

const FILE = 'sintetis-dtsen-luring.csv';
const extract = syntheticExtract(1500, ['2025-Q3'], 11);

describe.skipIf(chromiumMissing)('offline (PWA)', () => {
  it('loads once, then works with the network off: reload, import, map, CSV export', async () => {
    const browser = await launch();
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'id-ID' });
    // the browser-test build registers its service worker only when asked (see OfflineState.start)
    await context.addInitScript(() => localStorage.setItem('kantong.sw', '1'));
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    try {
      await page.goto(appUrl());
      await page.waitForFunction(() => document.body.dataset.mapReady === 'true', null, { timeout: 60_000 });
      // the worker installed, precached everything and took the page
      await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, {
        timeout: 60_000,
      });
      await page.waitForFunction(() => window.__kantong.offline.offlineReady, null, { timeout: 60_000 });
      const manifest = await page.evaluate(async () => (await fetch('manifest.webmanifest')).json());
      expect(manifest).toMatchObject({ short_name: 'Kantong', lang: 'id', display: 'standalone' });
      expect(manifest.name).toMatch(/peta kantong kemiskinan/);
      expect(manifest.icons.map((i: { sizes: string }) => i.sizes)).toEqual([
        '192x192',
        '512x512',
        '512x512',
      ]);

      await context.setOffline(true);
      await page.reload();
      await page.waitForFunction(() => document.body.dataset.mapReady === 'true', null, { timeout: 60_000 });
      expect(await page.evaluate(() => navigator.onLine)).toBe(false);
      await page.getByText('Tidak ada koneksi internet').first().waitFor();

      // import the synthetic extract with no network
      await page.getByRole('button', { name: 'Impor data' }).click();
      const dialog = page.getByRole('dialog', { name: 'Impor data' });
      await dialog.waitFor();
      await dialog.locator('input[type=file]').setInputFiles({
        name: FILE,
        mimeType: 'text/csv',
        buffer: Buffer.from(extract.text, 'utf8'),
      });
      await dialog.getByRole('button', { name: 'Lanjut ke pemetaan kolom' }).click();
      await dialog.getByRole('button', { name: 'Gabungkan ke desa' }).click();
      await dialog.getByRole('button', { name: 'Selesai: tampilkan di peta' }).click();
      await dialog.getByRole('heading', { name: 'Data diimpor' }).waitFor({ timeout: 60_000 });
      await dialog.getByRole('button', { name: 'Tutup dan lihat peta' }).click();
      await expect.poll(() => page.evaluate(() => window.__kantong.explore.dataset.source)).toBe(FILE);
      // the map shows the imported data: every unit's colour is the one the state computed from it
      await page.waitForFunction(() => {
        const { map, explore } = window.__kantong;
        return (
          explore.mapUnits.length > 0 &&
          explore.mapUnits.every(
            (u, i) => map.getFeatureState({ source: 'desa', id: u.kode }).color === explore.colours[i],
          )
        );
      });
      // stored data is kept and measured
      await page.locator('[data-storage]').waitFor();

      // prioritise and export the ranking as CSV, still offline
      await page.getByRole('button', { name: 'Prioritas', exact: true }).click();
      await page.waitForFunction(() => window.__kantong.priority.ranking !== null, null, { timeout: 60_000 });
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'CSV (;)' }).click(),
      ]);
      const text = readFileSync((await download.path())!, 'utf8');
      expect(text.startsWith('\uFEFF')).toBe(true);
      expect(text.split('\r\n').filter((l) => /^\d/.test(l) || l.includes('33.24.')).length).toBeGreaterThan(
        10,
      );
      expect(errors).toEqual([]);
    } finally {
      await context.close();
      await browser.close();
    }
  });
});
