import { describe, expect } from 'vitest';
import type { Page } from 'playwright-core';
import { chromiumMissing, foreignHosts, it, mapSettled, screenshot } from './harness.ts';
import { syntheticExtract } from './import-fixture.ts';
import { importThroughDialog } from './pocket-fixture.ts';

/**
 * Hexagon statistics rest on households counted at their own coordinates (issue 11): the bundled desa table
 * gives none, so the tests of hexagon pockets and clusters first import a geotagged household extract (80% of
 * households with coordinates), as a planner with such a file would.
 */
const GEOTAGGED = 'sintetis-dtsen-berkoordinat-2025-Q3.csv';
const geotagged = syntheticExtract(40_000, ['2025-Q3']);

/** From the default view to hexagons at resolution 8, as a user does it, until the map has drawn them. */
async function showHexagonsRes8(page: Page): Promise<void> {
  await page.getByRole('radio', { name: 'Heksagon' }).check();
  await page.locator('#hex-res').selectOption('8');
  await expect
    .poll(() => page.evaluate(() => window.__kantong.explore.hexLayer?.resolution ?? null), {
      timeout: 30_000,
    })
    .toBe(8);
  await mapSettled(page);
}

// Each test opens the app afresh (the `app` fixture) and goes to hexagons itself.
describe.skipIf(chromiumMissing)('hexagons and poverty pockets', () => {
  it('switches to hexagons at resolution 8, says when counts are an estimate, hides small cells', async ({
    app,
  }) => {
    const { page } = app;
    await showHexagonsRes8(page);
    const state = await page.evaluate(() => {
      const { map, explore } = window.__kantong;
      const rendered = new Set(
        map.queryRenderedFeatures({ layers: ['hex-fill'] }).map((f) => f.properties.cell),
      );
      const k = explore.view.minCount;
      const period = explore.period!;
      const smallShown = explore.mapUnits.filter((u, i) => {
        const h = explore.units[i].byPeriod.get(period)?.jumlah_kk ?? 0;
        return h > 0 && h < k && !explore.hidden[i];
      }).length;
      const hiddenColoured = explore.mapUnits.filter(
        (u, i) =>
          explore.hidden[i] && map.getFeatureState({ source: 'hex', id: u.kode }).color !== 'rgba(0,0,0,0)',
      ).length;
      return {
        cells: explore.mapUnits.length,
        rendered: rendered.size,
        smallShown,
        hiddenColoured,
        estimate: explore.hexLayer!.estimate,
      };
    });
    expect(state.cells).toBeGreaterThan(500);
    expect(state.rendered).toBeGreaterThan(state.cells * 0.9);
    expect(state.smallShown).toBe(0);
    expect(state.hiddenColoured).toBe(0);
    expect(state.estimate).toBe(true);
    expect(await page.locator('section.legend').textContent()).toContain('Perkiraan');
    // the bundled data are a desa table: every count is spread from the desa, and the legend says why
    expect(await page.locator('section.legend .estimate').textContent()).toContain(
      'karena data tidak berkoordinat',
    );
    expect(await page.locator('h1').textContent()).toContain('per heksagon (res 8)');
    await screenshot(page, 'hex-res8');
  });

  it('turns the pocket layer on, clicks the first pocket and the map zooms to it', async ({ app }) => {
    const { page } = app;
    await importThroughDialog(page, GEOTAGGED, geotagged.text);
    await showHexagonsRes8(page);
    await page.getByRole('checkbox', { name: 'Tampilkan kantong di peta' }).check();
    const first = page.locator('fieldset.pockets ol.list > li').first();
    await first.waitFor({ timeout: 30_000 });
    const before = await page.evaluate(() => window.__kantong.map.getZoom());
    const pocket = await page.evaluate(() => window.__kantong.explore.pockets!.pockets[0]);
    // sorted by desil-1 households
    const order = await page.evaluate(() => window.__kantong.explore.pockets!.pockets.map((p) => p.desil1));
    expect(order).toEqual([...order].sort((a, b) => b - a));
    expect(await first.locator('.name').textContent()).toBe(pocket.name);
    expect(pocket.name).toMatch(/^Kantong /);
    await first.getByRole('button').click();
    await page.waitForFunction(() => !window.__kantong.map.isMoving());
    await mapSettled(page);
    const view = await page.evaluate(() => {
      const { map } = window.__kantong;
      const b = map.getBounds();
      return { zoom: map.getZoom(), bounds: [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()] };
    });
    const [w, s, e, n] = pocket.bbox;
    expect(view.zoom).toBeGreaterThan(before);
    expect(view.bounds[0]).toBeLessThanOrEqual(w);
    expect(view.bounds[1]).toBeLessThanOrEqual(s);
    expect(view.bounds[2]).toBeGreaterThanOrEqual(e);
    expect(view.bounds[3]).toBeGreaterThanOrEqual(n);
    // the pocket outline is drawn and its desa are listed
    const drawn = await page.evaluate(
      (id) =>
        window.__kantong.map
          .queryRenderedFeatures({ layers: ['pocket-line'] })
          .some((f) => f.properties.id === id),
      pocket.id,
    );
    expect(drawn).toBe(true);
    expect(await first.locator('.detail li').count()).toBe(pocket.desa.length);
    expect(page.url()).toContain(`pocket=${pocket.id}`);
    await screenshot(page, 'hex-pocket-zoomed');
  });

  it('hexagon LISA uses H3 neighbours and fills the legend', async ({ app }) => {
    const { page } = app;
    await importThroughDialog(page, GEOTAGGED, geotagged.text);
    await showHexagonsRes8(page);
    await page.getByRole('radio', { name: 'Klaster LISA' }).check();
    await page.locator('section.legend li[data-category="cluster.1"]').waitFor({ timeout: 30_000 });
    const description = await page.evaluate(
      () => window.__kantong.explore.clusterResult?.weightsDescription.type,
    );
    expect(description).toBe('h3-ring-1');
    // only the geotagged households enter the statistics, and the legend says how many that is
    expect(await page.locator('section.legend [data-points-used]').innerText()).toMatch(
      /^Statistik heksagon hanya dari keluarga berkoordinat: \d+,\d% keluarga dipakai\.$/,
    );
    expect(foreignHosts(app.requests)).toEqual([]);
    expect(app.errors).toEqual([]);
  });
});
