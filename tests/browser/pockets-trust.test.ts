/**
 * Pockets a planner can trust, in the built app: on the bundled synthetic Kendal data the planted pocket is
 * found, with the settings used, the global test and the stability in the list, the legend and the card; on a
 * noise dataset (desil drawn independently of place) no pocket is shown and the panel says why; on hexagons
 * spread from desa no cluster or pocket is computed, the app says why and offers the desa level.
 */
import { describe, expect } from 'vitest';
import { chromiumMissing, it, mapSettled, screenshot } from './harness.ts';
import { defaultDistrict } from './import-fixture.ts';
import { importThroughDialog, noiseDesaTable, plantedPocketDesa } from './pocket-fixture.ts';

const kendal = defaultDistrict().kodeKab === '33.24';
if (!kendal)
  console.warn('[skipped] planted-pocket browser test: the default district is not Kendal (33.24)');

describe.skipIf(chromiumMissing)('pockets a planner can trust', () => {
  it.skipIf(!kendal)(
    'finds the planted pocket in the synthetic Kendal data, with settings, global test and stability',
    async ({ app }) => {
      const { page } = app;
      const planted = plantedPocketDesa();
      expect(planted.length).toBeGreaterThan(0);
      await page.getByRole('checkbox', { name: 'Tampilkan kantong di peta' }).check();
      const panel = page.locator('fieldset.pockets');
      await panel.locator('ol.list > li').first().waitFor({ timeout: 60_000 });
      const pockets = await page.evaluate(() =>
        window.__kantong.explore.pockets!.pockets.map((p) => ({
          id: p.id,
          desa: p.desa.map((d) => d.kode_desa),
        })),
      );
      const hit = pockets.find((p) => planted.some((q) => p.desa.includes(q.kode_desa)));
      expect(hit, `a pocket holding one of ${planted.map((q) => q.nama_desa).join(', ')}`).toBeDefined();
      // the global test and the settings used, in the list and in the legend
      expect(await panel.locator('[data-outcome="found"]').innerText()).toMatch(
        /kantong ditemukan; uji global mendukung pengelompokan \(Moran's I = 0,\d+, p = 0,0\d+, α = 0,05\)/,
      );
      const settings = await panel.locator('[data-settings]').innerText();
      expect(settings).toContain('koreksi FDR (Benjamini–Hochberg)');
      expect(settings).toContain('kantong sedikitnya 3 wilayah dan 200 keluarga');
      expect(settings).toContain('kantong hanya bila uji global signifikan');
      const legend = await page.locator('section.legend [data-pockets-legend]').innerText();
      expect(legend).toContain('sedikitnya 3 desa dan 200 keluarga');
      expect(legend).toContain('koreksi FDR');
      expect(await page.locator('section.legend [data-pockets-outcome="found"]').innerText()).toMatch(
        /^Uji global mendukung pengelompokan/,
      );
      // the stability arrives after the pockets, from the analysis Worker
      const item = panel.locator('ol.list > li').nth(pockets.indexOf(hit!));
      const badge = item.locator('[data-stability="stable"], [data-stability="unstable"]');
      await badge.waitFor({ timeout: 90_000 });
      expect(await badge.innerText()).toMatch(/^(stabil|kurang stabil): ada di \d+% dari 20 ulangan$/);
      await item.getByRole('button').click();
      const members = item.locator('.detail li[data-stability]');
      expect(await members.count()).toBe(hit!.desa.length);
      // the card of a member says which pocket it is in and how stable its membership is
      const member = planted.find((q) => hit!.desa.includes(q.kode_desa))!;
      await page.evaluate((kode) => window.__kantong.explore.select(kode, 'list'), member.kode_desa);
      const card = page.locator('aside.card [data-pocket]');
      await card.waitFor();
      await expect
        .poll(() => card.innerText())
        .toMatch(/^Bagian dari Kantong .+\s+(stabil|kurang stabil): ada di \d+% dari 20 ulangan$/);
      await mapSettled(page);
      await screenshot(page, 'pockets-planted-kendal');
    },
  );

  it('finds no pocket in a noise dataset and says why', async ({ app }) => {
    const { page } = app;
    const noise = noiseDesaTable(5);
    await importThroughDialog(page, noise.name, noise.text);
    await page.getByRole('checkbox', { name: 'Tampilkan kantong di peta' }).check();
    const outcome = page.locator('fieldset.pockets [data-outcome="none"]');
    await outcome.waitFor({ timeout: 60_000 });
    expect(await outcome.innerText()).toMatch(/^Tidak ada kantong: \S/);
    expect(await page.locator('fieldset.pockets ol.list > li').count()).toBe(0);
    expect(await page.locator('fieldset.pockets [role="alert"]').count()).toBe(0);
    expect(await page.evaluate(() => window.__kantong.explore.pocketJob.status)).toBe('ready');
    // the legend says it too, with the settings used
    expect(await page.locator('section.legend [data-pockets-legend]').innerText()).toContain(
      'sedikitnya 3 desa dan 200 keluarga',
    );
    expect(await page.locator('section.legend [data-pockets-outcome="none"]').innerText()).toMatch(
      /^Tidak ada kantong: /,
    );
    await screenshot(page, 'pockets-noise-none');
  });

  it('computes no cluster or pocket on hexagons spread from desa, says why and offers the desa level', async ({
    app,
  }) => {
    const { page } = app;
    await page.getByRole('radio', { name: 'Heksagon' }).check();
    await expect
      .poll(() => page.evaluate(() => window.__kantong.explore.hexLayer?.resolution ?? null), {
        timeout: 30_000,
      })
      .toBe(8);
    await page.getByRole('checkbox', { name: 'Tampilkan kantong di peta' }).check();
    const outcome = page.locator('fieldset.pockets [data-outcome="none"]');
    await outcome.waitFor({ timeout: 60_000 });
    expect(await outcome.innerText()).toMatch(/perkiraan yang dibagi dari desa.*pakai tingkat desa/);
    // the cluster maps are not computed either: no job is posted, the panel and the legend say why
    await page.getByRole('radio', { name: 'Klaster LISA' }).check();
    const blocked = page.locator('[data-blocked]');
    await expect.poll(() => blocked.count()).toBe(2);
    expect(await page.evaluate(() => window.__kantong.explore.clusters.posted)).toBe(0);
    expect(await page.evaluate(() => window.__kantong.explore.clusterResult)).toBeNull();
    await screenshot(page, 'pockets-hex-estimated');
    // the way out: the desa level, where both are computed
    await page.getByRole('button', { name: 'Lihat di tingkat desa' }).first().click();
    await expect.poll(() => page.evaluate(() => window.__kantong.explore.level)).toBe('desa');
    await expect
      .poll(() => page.evaluate(() => window.__kantong.explore.clusters.status), { timeout: 60_000 })
      .toBe('ready');
    await page.locator('fieldset.pockets [data-outcome]').waitFor({ timeout: 60_000 });
    expect(await page.locator('[data-blocked]').count()).toBe(0);
  });
});
