/**
 * The district picker and unknown `?kab=`: a set built in the test (Kabupaten Brebes, 33.29, from
 * ../shared/data) is served beside the app's own through request routing, as a deployment with more sets
 * would; the picker finds it by name and opens it; a `?kab=` nobody built says so and offers the picker
 * instead of opening Kendal.
 */
import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { main } from '../../src/cli/geo.ts';
import type { DistrictIndex } from '../../src/lib/geo/types.ts';
import { appUrl, chromiumMissing, foreignHosts, it, screenshot } from './harness.ts';

const WILAYAH = path.resolve('../shared/data/wilayah_boundaries');
const hasShared = existsSync(path.join(WILAYAH, 'db/kel/33/wilayah_boundaries_kel_33.29.sql'));
if (!hasShared) console.warn(`[skip] district picker with Brebes: ../shared/data not found at ${WILAYAH}`);

let built: string;

beforeAll(async () => {
  if (!hasShared || chromiumMissing) return;
  built = mkdtempSync(path.join(tmpdir(), 'kantong-picker-'));
  const code = await main(
    ['--kab', '33.29', '--from', WILAYAH, '--out', built],
    { write: () => true },
    process.stderr,
  );
  expect(code).toBe(0);
}, 180_000);

afterAll(() => {
  if (built) rmSync(built, { recursive: true, force: true });
});

/** Serves `geo/33.29/*` from the test's build and adds it to the app's `geo/index.json`. */
async function serveBuilt(context: BrowserContext): Promise<void> {
  const extra = (JSON.parse(readFileSync(path.join(built, 'index.json'), 'utf8')) as DistrictIndex).districts;
  await context.route('**/geo/index.json', async (route) => {
    const response = await route.fetch();
    const index = (await response.json()) as DistrictIndex;
    index.districts = [...index.districts.filter((d) => !extra.some((e) => e.folder === d.folder)), ...extra];
    await route.fulfill({ response, json: index });
  });
  await context.route('**/geo/33.29/*', (route) => {
    const file = path.join(built, '33.29', path.basename(new URL(route.request().url()).pathname));
    return existsSync(file)
      ? route.fulfill({ path: file, contentType: 'application/json' })
      : route.fulfill({ status: 404 });
  });
}

describe.skipIf(chromiumMissing || !hasShared)('district picker', () => {
  it('finds "Brebes" by name and opens all its desa; the URL says ?kab=33.29', async ({ browser }) => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'id-ID' });
    const requests: string[] = [];
    const errors: string[] = [];
    try {
      await serveBuilt(context);
      const page = await context.newPage();
      page.on('request', (r) => requests.push(r.url()));
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(appUrl());
      await page.waitForFunction(() => document.body.dataset.mapReady === 'true', null, { timeout: 60_000 });
      // The first map needs no statistic: the analysis Worker has not been started.
      expect(page.workers().filter((w) => /analysis/.test(w.url()))).toEqual([]);
      await page.locator('header button.pick').click();
      const search = page.getByRole('searchbox', { name: 'Cari nama atau kode' });
      await search.fill('Brebes');
      const hit = page.locator('.district-picker button[data-folder="33.29"]');
      await expect.poll(() => hit.textContent()).toContain('Kabupaten Brebes');
      await screenshot(page, 'district-picker-brebes');
      // Nothing else called Brebes: the search by name leaves Kendal out.
      expect(await page.locator('.district-picker button[data-folder="33.24"]').count()).toBe(0);
      await hit.click();
      await page.waitForURL(/\?kab=33\.29/);
      await page.waitForFunction(() => document.body.dataset.mapReady === 'true', null, { timeout: 60_000 });
      const manifest = JSON.parse(readFileSync(path.join(built, '33.29', 'manifest.json'), 'utf8'));
      const shown = await page.evaluate(() => {
        const { explore } = window.__kantong;
        return { n: explore.mapUnits.length, codes: explore.mapUnits.map((u) => u.kode) };
      });
      expect(shown.n).toBe(manifest.counts.desa + manifest.counts.kelurahan);
      expect(shown.codes.every((k) => k.startsWith('33.29.'))).toBe(true);
      expect(await page.locator('header button.pick').textContent()).toContain('Kabupaten Brebes');
      expect(foreignHosts(requests)).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('an unknown ?kab= says so, offers the picker, and opens no other district', async ({ browser }) => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'id-ID' });
    try {
      await serveBuilt(context);
      const page = await context.newPage();
      const requests: string[] = [];
      page.on('request', (r) => requests.push(r.url()));
      for (const [kab, text] of [
        ['33.99', 'batas wilayah 33.99 belum tersedia di aplikasi ini'],
        ['kendal', 'kode wilayah kendal tidak dikenal'],
      ] as const) {
        requests.length = 0;
        await page.goto(`${appUrl()}?kab=${kab}`);
        const dialog = page.locator('dialog.district-picker');
        await expect.poll(() => dialog.isVisible(), { timeout: 30_000 }).toBe(true);
        expect(await dialog.getByRole('alert').textContent()).toContain(text);
        // The stray parameter is kept (nothing was opened in its place) and no boundary file was fetched.
        expect(page.url()).toContain(`?kab=${kab}`);
        expect(requests.filter((u) => /\/geo\/[^/]+\/(desa|kecamatan|kabupaten)/.test(u))).toEqual([]);
        expect(await page.evaluate(() => document.body.dataset.mapReady)).not.toBe('true');
      }
      await screenshot(page, 'district-picker-unknown');
      // The picker then opens a real set.
      await page.getByRole('searchbox').fill('3329');
      await page.locator('.district-picker button[data-folder="33.29"]').click();
      await page.waitForURL(/\?kab=33\.29/);
      await page.waitForFunction(() => document.body.dataset.mapReady === 'true', null, { timeout: 60_000 });
    } finally {
      await context.close();
    }
  });
});
