/**
 * The screen follows the publication layer: with a high threshold k, no household count of 1 … k−1 is shown
 * in the card, the desil bars, the table or the pocket list; the analysis Worker reads the full-precision
 * boundaries; and settings changed while a long LISA job runs never leave the map in error.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { chromiumMissing, launch, openApp, screenshot } from './harness.ts';

const K = 50;
const RACE_ROUNDS = Number(process.env.KANTONG_RACE_ROUNDS ?? 3);

/** A count as written on screen (id-ID or en: thousands separators) → number; null for "< k", "×", "–". */
function parseCount(text: string): number | null {
  const t = text.trim();
  return /^\d{1,3}([.,]\d{3})*$/.test(t) ? Number(t.replace(/[.,]/g, '')) : null;
}

async function countsOnScreen(page: Page): Promise<string[]> {
  return page.$$eval('[data-count]', (els) =>
    els.map((e) => (e.getAttribute('data-count') || e.textContent || '').trim()),
  );
}

describe.skipIf(chromiumMissing)('publication on screen, statistics geometry, job races', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it(`shows no count of 1 … ${K - 1} households in the card, bars, table or pocket list (k = ${K})`, async () => {
    const { page, context } = await openApp(browser, { query: `?min-count=${K}&pockets=1` });
    try {
      // a desa with households ≥ k and a desil-1 count under k: the case the card used to show raw
      const target = await page.evaluate((k) => {
        const { explore } = window.__kantong;
        const t = explore.published!;
        for (let i = 0; i < explore.mapUnits.length; i++) {
          const d1 = t.desil[i * 10];
          if (explore.hidden[i] === 0 && t.households[i] >= k && d1 > 0 && d1 < k)
            return explore.mapUnits[i].kode;
        }
        return null;
      }, K);
      expect(target, 'the data has a desa with a small desil-1 count').not.toBeNull();
      await page.evaluate((kode) => window.__kantong.explore.select(kode, 'list'), target!);
      await page.locator('aside.card').waitFor();
      const tableButton = page.locator('section.table-panel .bar button');
      if ((await tableButton.getAttribute('aria-expanded')) !== 'true') await tableButton.click();
      await page.locator('#unit-table tbody tr').first().waitFor();
      await page.locator('.pockets ol.list li').first().waitFor({ timeout: 60_000 });
      const texts = await countsOnScreen(page);
      const numbers = texts.map(parseCount).filter((n): n is number => n !== null);
      expect(numbers.length).toBeGreaterThan(100); // the audit looks at real counts
      expect(numbers.filter((n) => n >= 1 && n < K)).toEqual([]);
      expect(texts.filter((t) => t === `< ${K}`).length).toBeGreaterThan(0);
      // the card itself says "< k" for the small desil-1 count
      expect(await page.locator('aside.card').textContent()).toContain(`< ${K}`);
      // pocket totals: a pocket whose desil-1 households are under k shows "< k", never the number
      const pocketTexts = await page.$$eval('.pockets ol.list li .facts', (els) =>
        els.map((e) => e.textContent ?? ''),
      );
      const raw = await page.evaluate(() => window.__kantong.explore.pockets!.pockets.map((p) => p.desil1));
      raw.forEach((d1, i) => {
        if (d1 > 0 && d1 < K) expect(pocketTexts[i]).toContain(`< ${K}`);
      });
      await screenshot(page, 'publication-k50-card-table');
    } finally {
      await context.close();
    }
  });

  it('computes statistics on the full-precision boundary files, not the display copies', async () => {
    const { page, context, requests } = await openApp(browser, { query: '?mode=lisa&perm=99' });
    try {
      await expect
        .poll(() => page.evaluate(() => window.__kantong.explore.clusters.status), { timeout: 60_000 })
        .toBe('ready');
      const folder = await page.evaluate(() => window.__kantong.explore.district.folder);
      const fetched = (name: string) => requests.some((u) => u.endsWith(`/geo/${folder}/${name}`));
      // the desa and the outline, fetched after the first answer for what comes next
      for (const name of ['desa.json', 'kabupaten.json'])
        await expect.poll(() => fetched(name), { message: name, timeout: 30_000 }).toBe(true);
      // kecamatan: only when kecamatan weights are built from the geometry (queen is not in contiguity.json)
      expect(fetched('kecamatan.json')).toBe(false);
      await page.evaluate(() => window.__kantong.explore.set({ level: 'kecamatan', weights: 'queen' }));
      await expect
        .poll(() => page.evaluate(() => window.__kantong.explore.clusterResult?.clusters.length ?? 0), {
          timeout: 60_000,
        })
        .toBe(await page.evaluate(() => window.__kantong.explore.district.kecamatan!.features.length));
      expect(fetched('kecamatan.json'), 'kecamatan.json').toBe(true);
    } finally {
      await context.close();
    }
  });

  it(`survives settings changed while a 9,999-permutation LISA job runs (${RACE_ROUNDS} rounds)`, async () => {
    const { page, context, errors } = await openApp(browser, { query: '?mode=lisa&perm=9999' });
    try {
      for (let round = 0; round < RACE_ROUNDS; round++) {
        // a new seed: a new cluster job; then pocket and cluster settings change while it runs
        await page.evaluate((seed) => window.__kantong.explore.set({ seed: 100 + seed }), round);
        await expect
          .poll(() => page.evaluate(() => window.__kantong.explore.clusters.status))
          .toBe('running');
        const postedBefore = await page.evaluate(() => window.__kantong.explore.clusters.posted);
        for (const step of [
          { pockets: true },
          { criterion: 'gi95' as const },
          { minUnits: 2 },
          { criterion: 'lisa' as const },
          { alpha: 0.01 },
          { alpha: 0.05 },
          { minUnits: null },
        ])
          await page.evaluate((patch) => window.__kantong.explore.set(patch), step);
        await expect
          .poll(() => page.evaluate(() => window.__kantong.explore.clusters.status), { timeout: 90_000 })
          .toBe('ready');
        const state = await page.evaluate(() => {
          const e = window.__kantong.explore;
          return {
            posted: e.clusters.posted,
            error: e.clusters.error,
            answersCurrent: e.clusterResult !== null && e.clusters.resultKey === e.clusterRequest?.key,
            legend: e.clusterLegend.reduce((n, r) => n + r.count, 0),
            units: e.mapUnits.length,
          };
        });
        expect(state.error).toBeNull();
        expect(state.answersCurrent).toBe(true);
        expect(state.legend).toBe(state.units);
        // the seed's job, plus at most the α = 0.01 variant the user passed through: never the same key twice
        expect(state.posted - postedBefore).toBeLessThanOrEqual(2);
        await expect
          .poll(() => page.evaluate(() => window.__kantong.explore.pocketJob.status), { timeout: 90_000 })
          .toBe('ready');
        await page.evaluate(() => window.__kantong.explore.set({ pockets: false }));
      }
      expect(await page.locator('section.legend [role=alert], .pockets .error').count()).toBe(0);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
