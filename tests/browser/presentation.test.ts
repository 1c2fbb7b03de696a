import { describe, expect } from 'vitest';
import type { Page } from 'playwright-core';
import AxeBuilder from '@axe-core/playwright';
import { chromiumMissing, it, mapSettled, openApp, screenshot } from './harness.ts';
import type { ViewParams } from '../../src/lib/params/view.ts';

type Rect = { left: number; top: number; right: number; bottom: number };
const overlap = (a: Rect, b: Rect, slack = 2) =>
  a.left < b.right - slack &&
  b.left < a.right - slack &&
  a.top < b.bottom - slack &&
  b.top < a.bottom - slack;

/** Sets the view through the state (as the controls do) and waits for the map to show it. */
async function setView(page: Page, patch: Partial<ViewParams>) {
  await page.evaluate((p) => window.__kantong.explore.set(p), patch);
  await mapSettled(page);
}

async function addSlide(page: Page, caption: string) {
  const details = page.locator('details.slides');
  if (!(await details.evaluate((d) => (d as HTMLDetailsElement).open)))
    await details.locator('summary').click();
  await page.locator('#slide-caption').fill(caption);
  await page.getByRole('button', { name: 'Tambahkan tampilan ini' }).click();
}

/** What the map shows and where the panels over it are, in page pixels. */
async function mapState(page: Page) {
  return page.evaluate(() => {
    const { map, explore, presentation } = window.__kantong;
    const slide = presentation.slides.list[presentation.index];
    const box = map.getContainer().getBoundingClientRect();
    const [w, s, e, n] = slide.bounds!;
    const sw = map.project([w, s]);
    const ne = map.project([e, n]);
    const fitted = {
      left: box.left + sw.x,
      top: box.top + ne.y,
      right: box.left + ne.x,
      bottom: box.top + sw.y,
    };
    const panels = [...document.querySelectorAll('[data-map-panel]')].map((el) => {
      const r = el.getBoundingClientRect();
      return { name: el.className, left: r.left, top: r.top, right: r.right, bottom: r.bottom };
    });
    return {
      index: presentation.index,
      caption: document.querySelector('.present-bar .caption')?.textContent?.trim(),
      view: {
        task: explore.view.task,
        mode: explore.view.mode,
        level: explore.view.level,
        focus: explore.view.focus,
      },
      fitted,
      panels,
      box: { left: box.left, top: box.top, right: box.right, bottom: box.bottom },
    };
  });
}

async function step(page: Page, key: string) {
  await page.keyboard.press(key);
  // the fly is short (900 ms); wait until it has landed and the tiles are drawn
  await page.waitForFunction(() => !window.__kantong.map.isMoving());
  await mapSettled(page);
}

describe.skipIf(chromiumMissing)('presentation mode and slides', () => {
  it('at 1920×1080: full screen, projector type sizes, three slides stepped with the keys, Esc leaves', async ({
    browser,
  }) => {
    const app = await openApp(browser, { viewport: { width: 1920, height: 1080 } });
    const { page } = app;
    try {
      // three slides in three modes: the value map of a kecamatan, the LISA clusters, the Prioritas ranking
      const kecamatan = await page.evaluate(() =>
        window.__kantong.explore.district.kecamatan!.features.map((f) => f.properties.kode_kec),
      );
      await setView(page, { focus: kecamatan[2] });
      await addSlide(page, 'Nilai desil 1 di satu kecamatan');
      await setView(page, { focus: null, mode: 'lisa' });
      await page.locator('section.legend li[data-category="cluster.1"]').waitFor();
      await addSlide(page, 'Klaster LISA seluruh kabupaten');
      await page.getByRole('button', { name: 'Prioritas', exact: true }).click();
      await mapSettled(page);
      await addSlide(page, 'Daftar prioritas');
      const slides = await page.evaluate(() => window.__kantong.slides.list.map((s) => ({ ...s })));
      expect(slides.map((s) => s.caption)).toEqual([
        'Nilai desil 1 di satu kecamatan',
        'Klaster LISA seluruh kabupaten',
        'Daftar prioritas',
      ]);
      expect(slides[2].scenario).not.toBeNull();
      // back to a plain view, so each slide must bring its own
      await page.getByRole('button', { name: 'Jelajah', exact: true }).click();
      await setView(page, { mode: 'value', level: 'kecamatan' });

      await page.locator('body').focus();
      await page.keyboard.press('p');
      await page.waitForFunction(() => document.documentElement.classList.contains('presenting'));
      await mapSettled(page);
      const shown = await page.evaluate(() => {
        const px = (sel: string) => parseFloat(getComputedStyle(document.querySelector(sel)!).fontSize);
        const visible = (sel: string) => {
          const el = document.querySelector(sel);
          return !!el && getComputedStyle(el).display !== 'none' && el.getBoundingClientRect().height > 0;
        };
        return {
          fullscreen: document.fullscreenElement !== null,
          title: px('#map-title'),
          legendRows: [...document.querySelectorAll('section.legend li')].map((li) =>
            parseFloat(getComputedStyle(li).fontSize),
          ),
          legendTitle: px('#legend-title'),
          source: px('footer.source'),
          caption: px('.present-bar .caption'),
          header: visible('header.bar'),
          side: visible('.side'),
          table: visible('.table-panel'),
          titleVisible: visible('section.title'),
          legendVisible: visible('section.legend'),
          sourceVisible: visible('footer.source'),
        };
      });
      expect(shown.fullscreen).toBe(true);
      expect(shown.title).toBeGreaterThanOrEqual(32);
      expect(shown.legendRows.length).toBeGreaterThan(0);
      for (const size of shown.legendRows) expect(size).toBeGreaterThanOrEqual(24);
      expect(shown.legendTitle).toBeGreaterThanOrEqual(24);
      expect(shown.source).toBeGreaterThanOrEqual(24);
      expect(shown.caption).toBeGreaterThanOrEqual(24);
      expect(shown).toMatchObject({ header: false, side: false, table: false });
      expect(shown).toMatchObject({ titleVisible: true, legendVisible: true, sourceVisible: true });
      // the map's labels follow the projector theme
      expect(
        await page.evaluate(() => window.__kantong.map.getLayoutProperty('kecamatan-label', 'text-size')),
      ).toBeGreaterThanOrEqual(24);

      const expected = [
        { task: 'explore', mode: 'value', level: 'desa', focus: kecamatan[2] },
        { task: 'explore', mode: 'lisa', level: 'desa', focus: null },
        { task: 'priority', mode: 'lisa', level: 'desa', focus: null },
      ];
      const check = async (i: number) => {
        const s = await mapState(page);
        expect(s.index).toBe(i);
        expect(s.caption).toBe(slides[i].caption);
        expect(s.view).toEqual(expected[i]);
        // fitted, not merely somewhere on screen: the area fills the free space along one axis
        const share = Math.max(
          (s.fitted.right - s.fitted.left) / (s.box.right - s.box.left),
          (s.fitted.bottom - s.fitted.top) / (s.box.bottom - s.box.top),
        );
        expect(share).toBeGreaterThan(0.4);
        expect(s.fitted.top).toBeGreaterThanOrEqual(s.box.top - 2);
        expect(s.fitted.bottom).toBeLessThanOrEqual(s.box.bottom + 2);
        // the slide's area is inside the map and clear of every panel (title, legend, caption bar)
        expect(s.fitted.left).toBeGreaterThanOrEqual(s.box.left - 2);
        expect(s.fitted.right).toBeLessThanOrEqual(s.box.right + 2);
        for (const p of s.panels)
          expect(
            overlap(s.fitted, p),
            `${p.name} over the slide ${JSON.stringify([s.fitted, p, s.box])}`,
          ).toBe(false);
      };
      await check(0);
      await screenshot(page, 'presentation-1920-slide1');
      await step(page, 'ArrowRight');
      await check(1);
      await page.locator('section.legend li[data-category="cluster.1"]').waitFor();
      await screenshot(page, 'presentation-1920-slide2');
      await step(page, 'ArrowRight');
      await check(2);
      await step(page, 'ArrowRight'); // past the end: stays
      await check(2);
      await step(page, 'ArrowLeft');
      await check(1);
      await step(page, 'Home');
      await check(0);
      await step(page, 'End');
      await check(2);
      await step(page, 'PageUp');
      await check(1);
      await step(page, ' ');
      await check(2);
      await screenshot(page, 'presentation-1920-slide3');

      // axe in the projector theme
      const result = await new AxeBuilder({ page }).exclude('.maplibregl-canvas').analyze();
      const bad = result.violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`);
      expect(bad).toEqual([]);

      await page.keyboard.press('Escape');
      await page.waitForFunction(() => !document.documentElement.classList.contains('presenting'));
      await page.waitForFunction(() => document.fullscreenElement === null);
      expect(await page.evaluate(() => window.__kantong.presentation.active)).toBe(false);
      expect(await page.locator('header.bar').isVisible()).toBe(true);

      // the slides are kept: a reload finds them
      await page.reload();
      await page.waitForFunction(() => document.body.dataset.mapReady === 'true');
      await page.waitForFunction(() => window.__kantong.slides.list.length === 3);
      expect(app.errors).toEqual([]);
    } finally {
      await app.context.close();
    }
  });

  it('the slide list reorders, renames and deletes', async ({ app }) => {
    const { page } = app;
    for (const c of ['A', 'B', 'C']) await addSlide(page, c);
    const captions = () => page.evaluate(() => window.__kantong.slides.list.map((s) => s.caption));
    await page.getByRole('button', { name: 'Turunkan slide 1' }).click();
    expect(await captions()).toEqual(['B', 'A', 'C']);
    await page.getByRole('button', { name: 'Naikkan slide 3' }).click();
    expect(await captions()).toEqual(['B', 'C', 'A']);
    await page.getByRole('textbox', { name: 'Judul slide 2' }).fill('C baru');
    await page.getByRole('textbox', { name: 'Judul slide 2' }).press('Tab');
    expect(await captions()).toEqual(['B', 'C baru', 'A']);
    await page.getByRole('button', { name: 'Hapus slide 1' }).click();
    expect(await captions()).toEqual(['C baru', 'A']);
  });

  it('at 1024×768 the projector theme fits too: screenshot, nothing overflows', async ({ browser }) => {
    const app = await openApp(browser, { viewport: { width: 1024, height: 768 }, query: '?mode=lisa' });
    const { page } = app;
    try {
      await page.locator('section.legend li[data-category="cluster.1"]').waitFor();
      await page
        .getByRole('button', { name: /Mode presentasi/ })
        .first()
        .click();
      await page.waitForFunction(() => document.documentElement.classList.contains('presenting'));
      await mapSettled(page);
      const boxes = await page.evaluate(() =>
        [...document.querySelectorAll('[data-map-panel], footer.source')].map((el) => {
          const r = el.getBoundingClientRect();
          return {
            name: el.className,
            right: r.right,
            bottom: r.bottom,
            over: el.scrollHeight > el.clientHeight + 1,
          };
        }),
      );
      for (const b of boxes) {
        expect(b.right, b.name).toBeLessThanOrEqual(1024);
        expect(b.bottom, b.name).toBeLessThanOrEqual(768);
      }
      await screenshot(page, 'presentation-1024');

      // a question from the room: the selected desa's card shows, clear of the title, legend and caption bar
      const kode = await page.evaluate(
        () => window.__kantong.explore.district.desa!.features[40].properties.kode_desa,
      );
      await page.evaluate((k) => window.__kantong.explore.select(k, 'list'), kode);
      await page.locator('aside.card').waitFor();
      await mapSettled(page);
      const panels = await page.evaluate(() =>
        [...document.querySelectorAll('[data-map-panel]')].map((el) => {
          const r = el.getBoundingClientRect();
          return { name: el.className, left: r.left, top: r.top, right: r.right, bottom: r.bottom };
        }),
      );
      const card = panels.find((p) => p.name.includes('card'))!;
      expect(card.bottom).toBeLessThanOrEqual(768);
      expect(card.right).toBeLessThanOrEqual(1024);
      for (const p of panels.filter((p) => p !== card && !p.name.includes('tip')))
        expect(overlap(card, p), `card over ${p.name}`).toBe(false);
      expect(await page.locator('aside.card h2').textContent()).toBeTruthy();
      await screenshot(page, 'presentation-1024-card');
    } finally {
      await app.context.close();
    }
  });
});
