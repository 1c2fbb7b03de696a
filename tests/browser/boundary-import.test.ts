/**
 * A planner's own boundary file in the app: a zipped Shapefile of Kendal in UTM 49S without `.prj`, made in
 * the test from ../shared/data/kendal/desa.geojson (@mapbox/shp-write + proj4), imported through the picker:
 * the coordinate system is asked, the columns proposed, the report read, the set stored in IndexedDB and
 * opened with its 286 desa coloured by the synthetic aggregate; then removed again.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { afterAll, describe, expect } from 'vitest';
import { zippedShapefile } from '../unit/helpers/shapefile.ts';
import { appUrl, chromiumMissing, foreignHosts, it, mapSettled, screenshot } from './harness.ts';

const KENDAL = path.resolve('../shared/data/kendal/desa.geojson');
const hasKendal = existsSync(KENDAL);
if (!hasKendal) console.warn(`[skip] boundary import of Kendal: ../shared/data not found at ${KENDAL}`);
const work = mkdtempSync(path.join(tmpdir(), 'kantong-boundary-import-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe.skipIf(chromiumMissing || !hasKendal)('boundary import in the app', () => {
  it('imports a UTM 49S Shapefile without .prj and shows its 286 desa with a choropleth', async ({
    browser,
  }) => {
    const desa = JSON.parse(readFileSync(KENDAL, 'utf8')) as FeatureCollection<Polygon | MultiPolygon>;
    // As an office sends it: other column names, metres, no .prj.
    const renamed = {
      ...desa,
      features: desa.features.map((f) => ({
        ...f,
        properties: {
          KODE_DESA: f.properties!.kode_desa,
          NAMA: f.properties!.nama_desa,
          KEC: f.properties!.nama_kec,
        },
      })),
    };
    const file = path.join(work, 'batas-desa-kendal-utm.zip');
    writeFileSync(file, await zippedShapefile(renamed, { utm49s: true, prj: null }));

    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'id-ID' });
    const requests: string[] = [];
    const errors: string[] = [];
    try {
      const page = await context.newPage();
      page.on('request', (r) => requests.push(r.url()));
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(appUrl());
      await page.waitForFunction(() => document.body.dataset.mapReady === 'true', null, { timeout: 60_000 });
      await page.locator('header button.pick').click();
      await page.getByRole('button', { name: 'Impor berkas batas wilayah…' }).click();
      const dialog = page.locator('dialog.boundary-import');
      await dialog.locator('input[type="file"]').setInputFiles(file);
      // No .prj: the question, with both systems offered.
      await expect.poll(() => dialog.locator('button[data-crs]').count(), { timeout: 30_000 }).toBe(2);
      expect(await dialog.textContent()).toContain('desa.prj tidak ada');
      await dialog.locator('button[data-crs="EPSG:32749"]').click();
      await expect
        .poll(() => dialog.locator('select[name="boundary-kode"]').inputValue(), { timeout: 30_000 })
        .toBe('KODE_DESA');
      expect(await dialog.locator('select[name="boundary-nama"]').inputValue()).toBe('NAMA');
      await dialog.getByRole('button', { name: 'Bangun batas' }).click();
      const report = dialog.locator('section.report');
      await expect.poll(() => report.isVisible(), { timeout: 120_000 }).toBe(true);
      const text = (await report.textContent()) ?? '';
      expect(text).toContain('266 desa + 20 kelurahan dalam 20 kecamatan');
      expect(text).toContain('286 menurut kode');
      await screenshot(page, 'boundary-import-report');
      await report.getByRole('button', { name: 'Simpan dan buka' }).click();
      await page.waitForURL(/\?kab=user-33\.24-[0-9a-f]{8}/);
      await page.waitForFunction(() => document.body.dataset.mapReady === 'true', null, { timeout: 60_000 });
      await expect
        .poll(() => page.evaluate(() => window.__kantong.explore.classOf.filter((c) => c >= 0).length), {
          timeout: 30_000,
        })
        .toBeGreaterThan(200);
      const shown = await page.evaluate(() => {
        const { explore, map } = window.__kantong;
        const rendered = new Set(
          map.queryRenderedFeatures({ layers: ['desa-fill'] }).map((f) => f.properties.kode_desa),
        );
        return {
          units: explore.mapUnits.length,
          rendered: rendered.size,
          source: explore.district.manifest!.source.name,
          synthetic: explore.dataset.synthetic,
        };
      });
      expect(shown).toEqual({ units: 286, rendered: 286, source: 'berkas pengguna', synthetic: true });
      await mapSettled(page);
      await screenshot(page, 'boundary-import-map');

      // Back to the built Kendal: the stored set is listed, and removed.
      const folder = new URL(page.url()).searchParams.get('kab')!;
      await page.goto(`${appUrl()}?kab=33.24`);
      await page.waitForFunction(() => document.body.dataset.mapReady === 'true', null, { timeout: 60_000 });
      await page.locator('header button.pick').click();
      const picker = page.locator('dialog.district-picker');
      await expect.poll(() => picker.locator(`button[data-folder="${folder}"]`).count()).toBe(1);
      await picker.getByRole('button', { name: /Hapus batas wilayah/ }).click();
      await expect.poll(() => picker.locator(`button[data-folder="${folder}"]`).count()).toBe(0);
      expect(foreignHosts(requests)).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
