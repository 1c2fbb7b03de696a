import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect } from 'vitest';
import { chromiumMissing, foreignHosts, it, openApp, screenshot } from './harness.ts';
import type { DistrictIndex } from '../../src/lib/geo/types.ts';

/** What the built app will open: the default district written by `npm run geo` / prepare-default. */
function defaultDistrict(): { folder: string; kode: string; desaCount: number } {
  const indexFile = path.resolve('public/geo/index.json');
  const index: DistrictIndex = existsSync(indexFile)
    ? JSON.parse(readFileSync(indexFile, 'utf8'))
    : { default: 'demo', districts: [] };
  const folder =
    index.districts.find((d) => d.kode_kab === index.default || d.folder === index.default)?.folder ?? 'demo';
  const manifest = JSON.parse(readFileSync(path.resolve(`public/geo/${folder}/manifest.json`), 'utf8'));
  return { folder, kode: manifest.kode_kab, desaCount: manifest.counts.desa + manifest.counts.kelurahan };
}

interface MapProbe {
  renderedDesa: string[];
  title: string;
}

// Each test that looks at the app gets it freshly opened (the `app` fixture), which also fails the test on any
// request to another host or any logged error.
describe.skipIf(chromiumMissing)('first open: the default district on a map, offline', () => {
  const expected = defaultDistrict();
  const sharedData = existsSync(path.resolve('../shared/data/wilayah_boundaries'));

  it.skipIf(!sharedData)('opens on Kendal (33.24) when its boundaries were built from ../shared', () => {
    expect(
      expected.kode,
      'run `npm run geo -- --kab 33.24 --from ../shared/data/wilayah_boundaries` first',
    ).toBe('33.24');
    expect(expected.desaCount).toBe(286);
  });

  it('renders every desa of the district (read from the map, not pixels)', async ({ app }) => {
    const probe: MapProbe = await app.page.evaluate(() => {
      const { map } = window.__kantong;
      const features = map.queryRenderedFeatures({ layers: ['desa-fill'] });
      return {
        renderedDesa: [...new Set(features.map((f) => String(f.properties.kode_desa)))],
        title: document.querySelector('h1')?.textContent ?? '',
      };
    });
    await screenshot(app.page, 'first-open-1366x768');
    expect(probe.renderedDesa.length).toBe(expected.desaCount);
    expect(probe.renderedDesa.every((k) => k.startsWith(`${expected.kode}.`))).toBe(true);
  });

  it('colours each desa with its class colour from the legend', async ({ app }) => {
    const check = await app.page.evaluate(() => {
      const { map, explore } = window.__kantong;
      let mismatches = 0;
      let coloured = 0;
      explore.mapUnits.forEach((u, i) => {
        const c = explore.classOf[i];
        if (c < 0) return;
        coloured++;
        if (map.getFeatureState({ source: 'desa', id: u.kode }).color !== explore.palette[c]) mismatches++;
      });
      const k = explore.classification;
      // every desa is in one legend row: a class, out of range, no data, or withheld (small-number suppression)
      const counted =
        k.counts.reduce((a, b) => a + b, 0) + k.noDataCount + k.outOfRange + explore.hiddenInScope;
      return { mismatches, coloured, counted, desa: explore.mapUnits.length };
    });
    expect(check.coloured).toBeGreaterThan(0);
    expect(check.mismatches).toBe(0);
    expect(check.counted).toBe(check.desa);
  });

  it('shows a title, a legend with counts, the source line and the DATA SINTETIS mark', async ({ app }) => {
    const { page } = app;
    await expect.poll(() => page.locator('h1').textContent()).toContain('desil 1');
    expect(await page.locator('h1 + p').textContent()).toMatch(/Periode \d{4}-Q\d/);
    expect(await page.locator('h1').isVisible()).toBe(true);
    const legend = page.locator('section.legend');
    expect(await page.locator('h1').textContent()).toContain('Persentase keluarga desil 1');
    expect(await legend.isVisible()).toBe(true);
    const legendText = (await legend.textContent()) ?? '';
    expect(legendText).toMatch(/\d+ desa/);
    expect(legendText).toMatch(/%/);
    expect(await page.getByText('DATA SINTETIS', { exact: true }).isVisible()).toBe(true);
    expect(await page.locator('footer.source').textContent()).toContain('wilayah');
    // id-ID number format: decimal comma in percentages.
    expect(legendText).toMatch(/\d,\d%/);
  });

  it('shows the desa name and value on hover, and a card on click', async ({ app }) => {
    const { page } = app;
    const target = await page.evaluate(() => {
      const { map, explore } = window.__kantong;
      const label = explore.district.desaLabels!.features.find(
        (f) => explore.valueOf(f.properties.kode) !== null,
      )!;
      const p = map.project(label.geometry.coordinates as [number, number]);
      const rect = map.getCanvas().getBoundingClientRect();
      return {
        x: rect.left + p.x,
        y: rect.top + p.y,
        kode: String(label.properties!.kode),
        nama: String(label.properties!.nama),
      };
    });
    await page.mouse.move(target.x, target.y);
    const tip = page.getByRole('tooltip');
    await tip.waitFor({ state: 'visible' });
    expect(await tip.textContent()).toContain(target.nama);
    expect(await tip.textContent()).toMatch(/%/);
    await page.mouse.click(target.x, target.y);
    const card = page.locator('aside.card');
    await card.waitFor({ state: 'visible' });
    expect(await card.locator('h2').textContent()).toBe(target.nama);
    await screenshot(page, 'card-open');
    await page.keyboard.press('Escape');
    await card.waitFor({ state: 'detached' });
  });

  it('switches to English and back', async ({ app }) => {
    const { page } = app;
    await page.getByRole('button', { name: 'Ganti bahasa ke English' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toContain('Share of families in desil 1');
    expect(await page.locator('h1 + p').textContent()).toMatch(/Period \d{4}-Q\d/);
    expect(await page.getByText('SYNTHETIC DATA', { exact: true }).isVisible()).toBe(true);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    await screenshot(page, 'english');
    await page.getByRole('button', { name: 'Switch language to Bahasa Indonesia' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toContain('Persentase keluarga desil 1');
  });

  it('made no request to any host other than localhost, and logged no errors', async ({ app }) => {
    // a first open, up to the map's first full render (the fixture checks every other test's page too)
    expect(foreignHosts(app.requests)).toEqual([]);
    expect(app.errors).toEqual([]);
  });

  it('opens the demo district with ?kab=demo, clearly marked as made up', async ({ browser }) => {
    const demoManifest = JSON.parse(readFileSync(path.resolve('public/geo/demo/manifest.json'), 'utf8'));
    const demo = await openApp(browser, { query: '?kab=demo' });
    try {
      await screenshot(demo.page, 'demo-district');
      const rendered = await demo.page.evaluate(
        () =>
          new Set(
            window.__kantong.map
              .queryRenderedFeatures({ layers: ['desa-fill'] })
              .map((f) => f.properties.kode_desa),
          ).size,
      );
      expect(rendered).toBe(demoManifest.counts.desa + demoManifest.counts.kelurahan);
      expect(await demo.page.getByText('WILAYAH CONTOH', { exact: true }).isVisible()).toBe(true);
      expect(await demo.page.locator('h1 + p').textContent()).toContain('DEMO');
      expect(demo.errors).toEqual([]);
    } finally {
      await demo.context.close();
    }
  });

  it('fits a phone screen (390×844)', async ({ browser }) => {
    const phone = await openApp(browser, { viewport: { width: 390, height: 844 } });
    try {
      await screenshot(phone.page, 'first-open-phone-390x844');
      const boxes = await phone.page.evaluate(() =>
        ['section.title', 'section.legend', 'footer.source'].map((s) => {
          const r = document.querySelector(s)!.getBoundingClientRect();
          return { top: r.top, bottom: r.bottom, left: r.left, right: r.right };
        }),
      );
      const [title, legend, footer] = boxes;
      expect(title.bottom).toBeLessThanOrEqual(legend.top);
      expect(legend.bottom).toBeLessThanOrEqual(footer.top);
      expect(footer.bottom).toBeLessThanOrEqual(844);
      for (const b of boxes) expect(b.right).toBeLessThanOrEqual(390);
      expect(phone.errors).toEqual([]);
      expect(foreignHosts(phone.requests)).toEqual([]);
    } finally {
      await phone.context.close();
    }
  });
});
