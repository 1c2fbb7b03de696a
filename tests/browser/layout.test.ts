import { describe, expect } from 'vitest';
import type { Page } from 'playwright-core';
import { chromiumMissing, it, mapSettled, openApp, screenshot } from './harness.ts';

type Box = { left: number; top: number; right: number; bottom: number };
const intersects = (a: Box, b: Box) =>
  a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

/**
 * The rendered boxes of the significant High–High desa (LISA cluster 1), read from the map: each desa's
 * geometry projected to screen pixels; and the boxes of the legend and the card.
 */
async function highHigh(page: Page) {
  return page.evaluate(() => {
    const { map, explore } = window.__kantong;
    const r = explore.clusterResult!;
    const origin = map.getContainer().getBoundingClientRect();
    const codes = explore.mapUnits.filter((_, i) => r.hasValue[i] && r.clusters[i] === 1).map((u) => u.kode);
    const boxes = codes.map((kode) => {
      const f = explore.district.desa!.features.find((d) => d.properties.kode_desa === kode)!;
      const points: number[][] = [];
      const walk = (c: unknown): void => {
        if (Array.isArray(c) && typeof c[0] === 'number') points.push(c as number[]);
        else if (Array.isArray(c)) c.forEach(walk);
      };
      walk((f.geometry as { coordinates: unknown }).coordinates);
      const px = points.map((p) => map.project([p[0], p[1]]));
      return {
        kode,
        left: origin.left + Math.min(...px.map((p) => p.x)),
        right: origin.left + Math.max(...px.map((p) => p.x)),
        top: origin.top + Math.min(...px.map((p) => p.y)),
        bottom: origin.top + Math.max(...px.map((p) => p.y)),
      };
    });
    const box = (sel: string) => {
      const el = document.querySelector(sel);
      if (!el) return null;
      const b = el.getBoundingClientRect();
      return { left: b.left, top: b.top, right: b.right, bottom: b.bottom };
    };
    return { boxes, legend: box('section.legend'), card: box('aside.card'), title: box('section.title') };
  });
}

/** No panel over the app's edges, no panel scrolling sideways, the page itself not wider than the window. */
async function overflow(page: Page) {
  return page.evaluate(() => {
    const w = innerWidth;
    const h = innerHeight;
    const bad: string[] = [];
    const page = document.scrollingElement!;
    // the page cannot be scrolled: a try moves nothing
    page.scrollTo(100_000, 100_000);
    if (page.scrollLeft !== 0 || page.scrollTop !== 0)
      bad.push(`page scrolls to ${page.scrollLeft},${page.scrollTop}`);
    page.scrollTo(0, 0);
    for (const el of document.querySelectorAll<HTMLElement>(
      '.app, [data-map-panel], .side, .table-panel, header.bar, footer.source',
    )) {
      const r = el.getBoundingClientRect();
      if (r.width === 0) continue;
      if (r.right > w + 0.5 || r.bottom > h + 0.5 || r.left < -0.5 || r.top < -0.5)
        bad.push(
          `${el.className} at ${Math.round(r.left)},${Math.round(r.top)}–${Math.round(r.right)},${Math.round(r.bottom)}`,
        );
      if (el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX !== 'hidden')
        bad.push(`${el.className} scrolls sideways (${el.scrollWidth} > ${el.clientWidth})`);
    }
    return bad;
  });
}

describe.skipIf(chromiumMissing)('layout: panels never hide the finding', () => {
  it('at 1024×768 with the LISA map, no legend or card box is over a High–High desa', async ({ browser }) => {
    const app = await openApp(browser, { viewport: { width: 1024, height: 768 }, query: '?mode=lisa' });
    const { page } = app;
    try {
      await page.locator('section.legend li[data-category="cluster.1"]').waitFor({ timeout: 90_000 });
      await mapSettled(page);
      // the table waits to be asked for
      expect(await page.locator('#unit-table').count()).toBe(0);
      let s = await highHigh(page);
      expect(s.boxes.length).toBeGreaterThan(0);
      for (const b of s.boxes) expect(intersects(b, s.legend!), `legend over ${b.kode}`).toBe(false);
      expect(await overflow(page)).toEqual([]);
      await screenshot(page, 'layout-1024-lisa');

      // a High–High desa picked on the map: its card opens and the map makes room for it
      const picked = s.boxes[0].kode;
      await page.evaluate((kode) => window.__kantong.explore.select(kode, 'map'), picked);
      await page.locator('aside.card').waitFor();
      await page.waitForTimeout(300);
      await mapSettled(page);
      s = await highHigh(page);
      for (const b of s.boxes) {
        expect(intersects(b, s.legend!), `legend over ${b.kode}`).toBe(false);
        expect(intersects(b, s.card!), `card over ${b.kode}`).toBe(false);
      }
      expect(intersects(s.card!, s.title!), 'card over the title').toBe(false);
      expect(await overflow(page)).toEqual([]);
      await screenshot(page, 'layout-1024-lisa-card');

      // a desa picked in a list: the map flies to it, clear of the card and the legend
      const other = s.boxes.at(-1)!.kode;
      await page.evaluate((kode) => window.__kantong.explore.select(kode, 'list'), other);
      await page.waitForTimeout(300);
      await mapSettled(page);
      s = await highHigh(page);
      const target = s.boxes.find((b) => b.kode === other)!;
      expect(intersects(target, s.card!), 'card over the selected desa').toBe(false);
      expect(intersects(target, s.legend!), 'legend over the selected desa').toBe(false);

      // collapsing the legend and the card keeps their titles and frees the map
      const before = s.legend!.bottom - s.legend!.top;
      await page.getByRole('button', { name: 'Sembunyikan legenda' }).click();
      await page.getByRole('button', { name: 'Ciutkan kartu' }).click();
      s = await highHigh(page);
      expect(s.legend!.bottom - s.legend!.top).toBeLessThan(before / 2);
      expect(await page.locator('#legend-title').isVisible()).toBe(true);
      expect(await page.locator('#card-title').isVisible()).toBe(true);
      expect(await page.locator('#card-body').isVisible()).toBe(false);
      expect(app.errors).toEqual([]);
    } finally {
      await app.context.close();
    }
  });

  for (const viewport of [
    { width: 1024, height: 768 },
    { width: 1366, height: 768 },
  ])
    it(`no panel overflows at ${viewport.width}×${viewport.height}, with the table and a card open`, async ({
      browser,
    }) => {
      const app = await openApp(browser, { viewport });
      const { page } = app;
      try {
        expect(await overflow(page)).toEqual([]);
        await page.getByRole('button', { name: 'Tampilkan tabel' }).first().click();
        await page.locator('#unit-table tbody tr').first().getByRole('button').click();
        await page.locator('aside.card').waitFor();
        await mapSettled(page);
        expect(await overflow(page)).toEqual([]);
        await page.getByRole('button', { name: 'Prioritas', exact: true }).click();
        await mapSettled(page);
        expect(await overflow(page)).toEqual([]);
      } finally {
        await app.context.close();
      }
    });
});
