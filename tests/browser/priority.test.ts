/**
 * The Prioritas mode as a planner uses it: weights that move the ranking and the map, a shortlist with pins
 * and notes, downloads read back (CSV, XLSX) with no count 1 … k−1, a scenario that survives a reload, and
 * clear messages for set-ups that cannot work.
 */
import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import readXlsxFile from 'read-excel-file/node';
import { describe, expect } from 'vitest';
import type { Page } from 'playwright-core';
import type { GeoJSONSource } from 'maplibre-gl';
import type { FeatureCollection } from 'geojson';
import { chromiumMissing, it, mapSettled, openApp, screenshot } from './harness.ts';

/** Opens the Prioritas mode and waits for the ranking. */
async function openPriority(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Prioritas' }).click();
  await openTable(page);
}

/** The ranking table (closed by default where the window is not tall enough), with its first rows. */
async function openTable(page: Page): Promise<void> {
  const toggle = page.locator('section.table-panel .bar button');
  await toggle.waitFor();
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
  await page.locator('#ranking-table tbody tr').first().waitFor({ timeout: 30_000 });
}

const topCodes = (page: Page, n = 10) =>
  page.evaluate((n) => window.__kantong.priority.rows.slice(0, n).map((r) => r.kode_desa), n);

/** The counts shown in a CSV that may not be 1 … k−1. */
function smallCounts(cells: string[], k: number): string[] {
  return cells.filter((t) => /^\d+$/.test(t.trim()) && Number(t) >= 1 && Number(t) < k);
}

describe.skipIf(chromiumMissing)('Prioritas: rank, shortlist, hand over', () => {
  it('a weight change moves the ranking and the map; weights always sum to 100', async ({ app }) => {
    const { page } = app;
    await openPriority(page);
    await mapSettled(page);
    const before = await topCodes(page);
    const coloursBefore = await page.evaluate(() => window.__kantong.priority.colours.join());
    // the first indicator's slider all the way down: the other takes all the weight
    const slider = page.locator('.indicators input[type=range]').first();
    await slider.fill('0');
    await expect
      .poll(() => page.evaluate(() => window.__kantong.priority.scenario.indicators.map((i) => i.weight)))
      .toEqual([0, 100]);
    const after = await topCodes(page);
    expect(after).not.toEqual(before);
    expect(await page.evaluate(() => window.__kantong.priority.colours.join())).not.toBe(coloursBefore);
    // typing a number works too, and the sum stays 100
    await page.locator('.indicators input[type=number]').first().fill('35');
    await page.locator('.indicators input[type=number]').first().press('Enter');
    await expect
      .poll(() => page.evaluate(() => window.__kantong.priority.scenario.indicators.map((i) => i.weight)))
      .toEqual([35, 65]);
    expect(await page.locator('.indicators + .note').textContent()).toContain('100%');
    // the shortlist is outlined on the map: its desa, and only those, are in the outline's source
    await expect
      .poll(() =>
        page.evaluate(async () => {
          const { map, priority } = window.__kantong;
          const data = (await (map.getSource('shortlist') as GeoJSONSource).getData()) as FeatureCollection;
          const codes = data.features.map((f) => f.properties!.kode as string).sort();
          return codes.join() === [...priority.shortlistCodes].sort().join() ? codes.length : -1;
        }),
      )
      .toBe(20);
  });

  it('builds a shortlist by hand (add, pin, note), selected in the table and on the map alike', async ({
    app,
  }) => {
    const { page } = app;
    await openPriority(page);
    const row = page.locator('#ranking-table tbody tr').nth(25);
    const kode = (await row.getAttribute('data-kode'))!;
    await row.locator('input[type=checkbox]').check();
    await row.locator('button.pin').click();
    await row.locator('input.note').fill('cek lapangan minggu depan');
    await row.locator('input.note').press('Tab');
    const state = await page.evaluate((kode) => {
      const p = window.__kantong.priority;
      return {
        inList: p.shortlistCodes.has(kode),
        size: p.shortlistCodes.size,
        entry: p.scenario.shortlist?.find((e) => e.kode_desa === kode),
      };
    }, kode);
    expect(state).toEqual({
      inList: true,
      size: 21,
      entry: { kode_desa: kode, pinned: true, note: 'cek lapangan minggu depan' },
    });
    // applying the rule again keeps the pinned desa
    await page.getByRole('button', { name: 'Isi daftar pendek dari aturan' }).click();
    expect(await page.evaluate((k) => window.__kantong.priority.shortlistCodes.has(k), kode)).toBe(true);
    // a click on the name selects it: the map selection and the card follow
    await row.locator('button.name').click();
    await expect.poll(() => page.evaluate(() => window.__kantong.explore.selected)).toBe(kode);
    await page.locator('aside.card .priority').waitFor();
    expect(await page.locator('aside.card .priority').textContent()).toMatch(
      /Peringkat prioritas \d+ dari \d+/,
    );
  });

  it('downloads the ranking as CSV and XLSX: headers, rows, the method, no count 1 … k−1', async ({
    app,
  }) => {
    const { page } = app;
    await openPriority(page);
    await expect
      .poll(() => page.evaluate(() => window.__kantong.priority.robustness !== null), { timeout: 60_000 })
      .toBe(true);
    const k = await page.evaluate(() => window.__kantong.explore.view.minCount);
    const [csvDownload] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'CSV (;)' }).click(),
    ]);
    expect(csvDownload.suggestedFilename()).toMatch(/^prioritas-(33\.24|99\.99)-.*\.csv$/);
    const text = readFileSync((await csvDownload.path())!, 'utf8');
    expect(text.startsWith('\uFEFF')).toBe(true);
    expect(text).toMatch(/# DATA SINTETIS/);
    const body = text
      .replace(/^\uFEFF/, '')
      .split('\r\n')
      .filter((l) => !l.startsWith('#'))
      .join('\r\n');
    const csv = Papa.parse<Record<string, string>>(body, {
      header: true,
      delimiter: ';',
      skipEmptyLines: true,
    });
    const rows = await page.evaluate(() => window.__kantong.priority.rows.length);
    expect(csv.data).toHaveLength(rows);
    expect(csv.meta.fields!.slice(0, 5)).toEqual(['kode_desa', 'nama_desa', 'kecamatan', 'index', 'rank']);
    expect(csv.data.filter((r) => r.in_shortlist === '1')).toHaveLength(20);
    expect(csv.data.every((r) => r.robustness !== '')).toBe(true);
    expect(
      smallCounts(
        csv.data.flatMap((r) => [r.jumlah_kk, r.kk_desil_1, r.nilai_count_d1 ?? '']),
        k,
      ),
    ).toEqual([]);

    const [xlsxDownload] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Excel (XLSX)' }).click(),
    ]);
    const book = await readXlsxFile((await xlsxDownload.path())!);
    expect(book.map((s) => s.sheet)).toEqual(['Daftar pendek', 'Metode', 'Peringkat']);
    expect(book[0].data).toHaveLength(21);
    expect(book[0].data[0].slice(0, 3)).toEqual(['kode_desa', 'nama_desa', 'kecamatan']);
    const method = book[1].data.map((r) => String(r[0])).join('\n');
    expect(method).toMatch(/DATA SINTETIS/);
    expect(method).toMatch(/bobot 50%/);
    const counts = book[2].data.slice(1).flatMap((r) => r.slice(5, 7).map((c) => String(c ?? '')));
    expect(smallCounts(counts, k)).toEqual([]);
  });

  it('keeps a saved scenario and the one being worked on across a reload', async ({ browser }) => {
    const { page, context } = await openApp(browser, { query: '?task=priority' });
    try {
      await openTable(page);
      await page.getByRole('button', { name: 'Bansos desil 1–4' }).click();
      await page.locator('#pr-name').fill('Bansos 2026');
      await page.getByRole('button', { name: 'Simpan skenario' }).click();
      await expect
        .poll(() => page.evaluate(() => window.__kantong.priority.saved.map((s) => s.name)))
        .toEqual(['Bansos 2026']);
      await page.locator('.indicators input[type=range]').first().fill('70');
      const weights = await page.evaluate(() =>
        window.__kantong.priority.scenario.indicators.map((i) => i.weight),
      );
      await page.waitForTimeout(300); // the working scenario is written to IndexedDB after the change
      await page.reload();
      await page.waitForFunction(() => document.body.dataset.mapReady === 'true', null, { timeout: 60_000 });
      await openTable(page);
      await expect
        .poll(() => page.evaluate(() => window.__kantong.priority.scenario.indicators.map((i) => i.weight)))
        .toEqual(weights);
      expect(await page.evaluate(() => window.__kantong.priority.saved.map((s) => s.name))).toEqual([
        'Bansos 2026',
      ]);
      expect(await page.locator('.saved').textContent()).toContain('Bansos 2026');
    } finally {
      await context.close();
    }
  });

  it('says why when every weight is 0, and when a rule cannot be met', async ({ app }) => {
    const { page } = app;
    await openPriority(page);
    // remove both indicators but one, then weigh it 0 by removing it too: nothing to weigh
    await page
      .getByRole('button', { name: /^Hapus / })
      .first()
      .click();
    await page
      .getByRole('button', { name: /^Hapus / })
      .first()
      .click();
    await expect
      .poll(() =>
        page
          .getByRole('alert')
          .filter({ hasText: /semua bobot 0/ })
          .count(),
      )
      .toBe(1);
    expect(await page.evaluate(() => window.__kantong.priority.ranking)).toBeNull();
    // back to a preset, then a reach that five desa per kecamatan at most cannot give
    await page.getByRole('button', { name: 'Kemiskinan ekstrem' }).click();
    await page.getByRole('radio', { name: 'Sampai X% keluarga sasaran terjangkau' }).check();
    await page.locator('#pr-rule-value').fill('95');
    await page.locator('#pr-rule-value').press('Enter');
    await page.locator('#pr-max').fill('1');
    await page.locator('#pr-max').press('Enter');
    await expect
      .poll(() =>
        page
          .getByRole('alert')
          .filter({ hasText: /tidak dapat menjangkau 95%/ })
          .count(),
      )
      .toBe(1);
  });

  for (const [w, h] of [
    [1366, 768],
    [1920, 1080],
  ])
    it(`is readable at ${w}×${h}: panel, map with shortlist, ranking table`, async ({ browser }) => {
      const { page, context } = await openApp(browser, {
        viewport: { width: w, height: h },
        query: '?task=priority',
      });
      try {
        await openTable(page);
        await mapSettled(page);
        // nothing overflows the window sideways
        expect(await page.evaluate(() => document.scrollingElement!.scrollWidth <= window.innerWidth)).toBe(
          true,
        );
        await screenshot(page, `priority-${w}x${h}`);
      } finally {
        await context.close();
      }
    });
});
