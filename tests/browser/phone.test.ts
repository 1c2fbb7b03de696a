/**
 * The camat's phone: taps with touch enabled at 390×844 and 360×740. Focus, the settings sheet, the table and
 * a card open by taps; nothing ever scrolls sideways (the page and every container keep scrollLeft 0); every
 * control is at least 44×44 px; no tooltip stays after a tap; sheets close with Esc, a tap outside, a swipe.
 */
import { describe, expect } from 'vitest';
import type { Page } from 'playwright-core';
import AxeBuilder from '@axe-core/playwright';
import { appUrl, chromiumMissing, it, launch, mapSettled, screenshot } from './harness.ts';

/** Containers that scrolled sideways, the page first. */
async function shifted(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    const root = document.scrollingElement!;
    if (root.scrollLeft !== 0) out.push(`page ${root.scrollLeft}`);
    for (const el of document.querySelectorAll<HTMLElement>('*'))
      if (el.scrollLeft !== 0) out.push(`${el.tagName}.${el.className} ${el.scrollLeft}`);
    if (document.querySelector('#app')!.getBoundingClientRect().left !== 0) out.push('app moved');
    return out;
  });
}

/**
 * Visible interactive elements smaller than 44×44 px. A radio or checkbox counts by its label (the label is
 * what a finger taps); the table's scrolling body only counts what is on screen.
 */
async function smallTargets(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    const w = innerWidth;
    const h = innerHeight;
    const sel = 'button, a[href], select, input, textarea, summary, [role="button"], [tabindex="0"]';
    for (const el of document.querySelectorAll<HTMLElement>(sel)) {
      if (el.closest('.print-brief, .maplibregl-canvas-container, [hidden]')) continue;
      const style = getComputedStyle(el);
      if (style.visibility === 'hidden' || style.display === 'none') continue;
      let target: Element = el;
      if (el instanceof HTMLInputElement && (el.type === 'radio' || el.type === 'checkbox'))
        target = el.closest('label') ?? el;
      if (el instanceof HTMLInputElement && el.type === 'file') continue; // opened by its labelled button
      const r = target.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) continue;
      if (r.bottom <= 0 || r.top >= h || r.right <= 0 || r.left >= w) continue;
      // partly scrolled out of a sheet: measured where it is fully in view
      const parent = el.closest('.scroll, .side');
      if (parent) {
        const p = parent.getBoundingClientRect();
        if (r.top < p.top || r.bottom > p.bottom) continue;
      }
      if (r.width < 43.5 || r.height < 43.5)
        out.push(
          `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''} "${(el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 24)}" ${Math.round(r.width)}×${Math.round(r.height)}`,
        );
    }
    return out;
  });
}

async function axe(page: Page) {
  const result = await new AxeBuilder({ page }).exclude('.maplibregl-canvas').analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`);
}

describe.skipIf(chromiumMissing)('phone layout', () => {
  for (const viewport of [
    { width: 390, height: 844 },
    { width: 360, height: 740 },
  ])
    it(`at ${viewport.width}×${viewport.height}: taps open focus, table and card; no shift; 44 px targets`, async () => {
      const browser = await launch();
      const context = await browser.newContext({
        viewport,
        hasTouch: true,
        isMobile: true,
        deviceScaleFactor: 2,
        locale: 'id-ID',
      });
      // count every request for the position: "Lokasi saya" asks only when pressed
      await context.addInitScript(() => {
        const w = window as unknown as { __geoCalls: number };
        w.__geoCalls = 0;
        for (const name of ['getCurrentPosition', 'watchPosition'] as const) {
          const original = navigator.geolocation?.[name]?.bind(navigator.geolocation);
          if (original)
            (navigator.geolocation as unknown as Record<string, unknown>)[name] = (...args: unknown[]) => {
              w.__geoCalls++;
              return (original as (...a: unknown[]) => unknown)(...args);
            };
        }
      });
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      try {
        await page.goto(appUrl());
        await page.waitForFunction(() => document.body.dataset.mapReady === 'true', null, {
          timeout: 60_000,
        });
        await mapSettled(page);
        const tag = `${viewport.width}`;
        expect(await shifted(page)).toEqual([]);
        expect(await smallTargets(page)).toEqual([]);
        expect(await page.evaluate(() => (window as unknown as { __geoCalls: number }).__geoCalls)).toBe(0);
        expect(await page.getByRole('button', { name: 'Lokasi saya' }).count()).toBe(1);

        // the kecamatan focus, one tap from the first screen
        const kec = await page.evaluate(
          () => window.__kantong.explore.district.kecamatan!.features[1].properties.kode_kec,
        );
        await page.locator('select.focus-quick').tap();
        await page.locator('select.focus-quick').selectOption(kec);
        await expect.poll(() => page.evaluate(() => window.__kantong.explore.view.focus)).toBe(kec);
        await mapSettled(page);
        expect(await shifted(page)).toEqual([]);
        await screenshot(page, `phone-${tag}-focus`);

        // the table: a sheet opened by a tap; a desa in it opens its card
        await page.getByRole('button', { name: 'Tampilkan tabel' }).tap();
        await page.locator('#unit-table tbody tr').first().waitFor();
        expect(await shifted(page)).toEqual([]);
        expect(await smallTargets(page)).toEqual([]);
        await page.locator('#unit-table tbody tr').nth(3).getByRole('button').tap();
        await page.locator('aside.card').waitFor();
        expect(await shifted(page)).toEqual([]);
        // Esc closes the table sheet; the card stays
        await page.keyboard.press('Escape');
        await expect.poll(() => page.locator('#unit-table').count()).toBe(0);
        await page.waitForFunction(() => !window.__kantong.map.isMoving());
        expect(await shifted(page)).toEqual([]);
        expect(await smallTargets(page)).toEqual([]);
        // the card is a bottom sheet clear of the title; the legend stepped aside
        const boxes = await page.evaluate(() => {
          const b = (s: string) => document.querySelector(s)?.getBoundingClientRect() ?? null;
          return {
            card: b('aside.card'),
            title: b('section.title'),
            legend: b('section.legend'),
            stage: b('.stage'),
          };
        });
        expect(Math.abs(boxes.card!.bottom - boxes.stage!.bottom)).toBeLessThan(2);
        expect(boxes.card!.width).toBeGreaterThanOrEqual(viewport.width - 2);
        expect(boxes.card!.top).toBeGreaterThan(boxes.title!.bottom);
        expect(boxes.legend!.height).toBe(0);
        await screenshot(page, `phone-${tag}-card`);
        expect(await axe(page)).toEqual([]);

        // a tap on the map leaves no tooltip behind
        const centre = await page.evaluate(() => {
          const { map, explore } = window.__kantong;
          const kode = explore.mapUnits.find((u) => explore.inScope[explore.unitIndex.get(u.kode)!])!.kode;
          const f =
            explore.district.desaLabels!.features.find((d) => d.properties.kode === kode) ??
            explore.district.desaLabels!.features[0];
          const p = map.project(f.geometry.coordinates as [number, number]);
          const box = map.getContainer().getBoundingClientRect();
          return { x: box.left + p.x, y: box.top + p.y };
        });
        await page.touchscreen.tap(centre.x, centre.y);
        await page.waitForTimeout(300);
        expect(await page.locator('[role="tooltip"]').count()).toBe(0);

        // the settings sheet: opened by ☰; closed by Esc, by a tap outside, by a swipe down on its handle
        await page.keyboard.press('Escape'); // closes the card
        const menu = page.getByRole('button', { name: 'Pengaturan peta' });
        await menu.tap();
        await page.locator('aside.side.open').waitFor();
        expect(await shifted(page)).toEqual([]);
        expect(await smallTargets(page)).toEqual([]);
        await screenshot(page, `phone-${tag}-settings`);
        expect(await axe(page)).toEqual([]);
        await page.keyboard.press('Escape');
        await expect.poll(() => page.locator('aside.side.open').count()).toBe(0);
        await menu.tap();
        await page.locator('.sheet-backdrop').tap({ position: { x: 20, y: 20 } });
        await expect.poll(() => page.locator('aside.side.open').count()).toBe(0);
        await menu.tap();
        const sheet = await page.locator('aside.side.open').boundingBox();
        await page.mouse.move(sheet!.x + sheet!.width / 2, sheet!.y + 10);
        await page.mouse.down();
        await page.mouse.move(sheet!.x + sheet!.width / 2, sheet!.y + 200, { steps: 5 });
        await page.mouse.up();
        await expect.poll(() => page.locator('aside.side.open').count()).toBe(0);
        expect(await shifted(page)).toEqual([]);
        expect(errors).toEqual([]);
      } finally {
        await context.close();
        await browser.close();
      }
    });
});
