/**
 * The app's import streams the file in the Worker: a synthetic extract of a few MB, with the Worker's test
 * hook cutting the file's stream into chunks of at most 7 bytes and its parse batches to 13 bytes (so chunk
 * and batch boundaries fall inside CRLF line ends, cells and records), imports to the same join totals and
 * the same unit table as the file read as the browser hands it over. The hook counts the chunks read, which
 * shows that the bytes came through the stream (`blobSource`), not as one buffer. A file over 2 GiB is in
 * `npm run bench -- browser-import` (too slow for CI).
 */
import { describe, expect } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { chromiumMissing, it, openApp } from './harness.ts';
import { syntheticExtract } from './import-fixture.ts';

const FILE = 'sintetis-dtsen-stream.csv';
const extract = syntheticExtract(4000, ['2025-Q1', '2025-Q3'], 11);
const bytes = Buffer.from(extract.text, 'utf8');

const numberIn = (text: string | null) => Number((text ?? '').replace(/\D/g, ''));

/** Imports the extract through the dialog; with `tiny`, the Worker's hook is set before the join. */
async function importExtract(page: Page, tiny: boolean) {
  await page.getByRole('button', { name: 'Impor data' }).click();
  const dialog: Locator = page.getByRole('dialog', { name: 'Impor data' });
  await dialog.waitFor();
  await dialog.locator('input[type=file]').setInputFiles({ name: FILE, mimeType: 'text/csv', buffer: bytes });
  await dialog.getByRole('button', { name: 'Lanjut ke pemetaan kolom' }).click();
  await dialog.getByRole('heading', { name: 'Pemetaan kolom', exact: true }).waitFor();
  const worker = page.workers().find((w) => w.url().includes('import'));
  expect(worker, 'the import Worker runs').toBeDefined();
  if (tiny)
    await worker!.evaluate(() => {
      (self as unknown as { __kantongImportTest: object }).__kantongImportTest = {
        chunkBytes: 7,
        batchBytes: 13,
      };
    });
  await dialog.getByRole('button', { name: 'Gabungkan ke desa' }).click();
  await dialog.getByRole('heading', { name: 'Tinjauan penggabungan ke desa' }).waitFor({ timeout: 110_000 });
  const totals = {
    read: numberIn(await dialog.locator('[data-count="read"]').textContent()),
    joined: numberIn(await dialog.locator('[data-count="joined"]').textContent()),
    rejected: numberIn(await dialog.locator('[data-count="rejected"]').textContent()),
  };
  const hook = await worker!.evaluate(
    () =>
      (self as unknown as { __kantongImportTest?: { chunks?: number; largest?: number } })
        .__kantongImportTest ?? null,
  );
  await dialog.getByRole('button', { name: 'Selesai: tampilkan di peta' }).click();
  await dialog.getByRole('heading', { name: 'Data diimpor' }).waitFor();
  await dialog.getByRole('button', { name: 'Tutup dan lihat peta' }).click();
  await expect.poll(() => page.evaluate(() => window.__kantong.explore.dataset.source)).toBe(FILE);
  const show = page.getByRole('button', { name: 'Tampilkan tabel' });
  if (await show.isVisible()) await show.click();
  const table = await page.locator('#unit-table tbody').innerText();
  return { totals, hook, table };
}

describe.skipIf(chromiumMissing)('import: the Worker streams the file', () => {
  it('7-byte chunks and 13-byte parse batches give the same import as the whole file', async ({
    app,
    browser,
  }) => {
    const tiny = await importExtract(app.page, true);
    expect(tiny.totals).toEqual({ read: extract.rows, joined: extract.rows, rejected: 0 });
    // Every byte of the file came through the stream in chunks of at most 7 bytes.
    expect(tiny.hook?.largest).toBeLessThanOrEqual(7);
    expect(tiny.hook?.chunks).toBeGreaterThanOrEqual(Math.ceil(bytes.length / 7));

    const other = await openApp(browser);
    try {
      const whole = await importExtract(other.page, false);
      expect(whole.hook).toBeNull();
      expect(tiny.totals).toEqual(whole.totals);
      expect(tiny.table).toBe(whole.table);
    } finally {
      await other.context.close();
    }
  });
});
