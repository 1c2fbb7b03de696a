/**
 * Files as offices send them, through the built app's import dialog: a workbook with one sheet per part of the
 * extract and a hidden lookup sheet placed first (the visible sheet is read, the others with the same columns
 * are offered, the hidden one is listed as not read), and a file whose desa codes contradict their names on a
 * few rows (listed on the review, rejected until the user decides, then joined by the code), in Indonesian and
 * in English. No household value appears on any step.
 */
import { describe, expect } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { chromiumMissing, it, openApp, screenshot, foreignHosts } from './harness.ts';
import { syntheticExtract } from './import-fixture.ts';
import { buildXlsx } from '../unit/helpers/xlsx.ts';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const numberIn = (text: string | null) => Number((text ?? '').replace(/\D/g, ''));

function rowsOf(text: string): { header: string[]; rows: string[][] } {
  const lines = text.split('\r\n');
  return {
    header: lines[1].split(';'),
    rows: lines
      .slice(2)
      .filter(Boolean)
      .map((l) => l.split(';')),
  };
}

const workbookExtract = syntheticExtract(800, ['2025-Q1'], 21);
const workbook = (() => {
  const { header, rows } = rowsOf(workbookExtract.text);
  return buildXlsx(
    [
      {
        name: 'Daftar',
        state: 'hidden',
        rows: [
          ['KODE', 'NAMA'],
          ['3324012001', 'Blumah'],
        ],
      },
      { name: 'Bagian 1', rows: [header, ...rows.slice(0, 500)] },
      { name: 'Bagian 2', rows: [header, ...rows.slice(500)] },
    ],
    { active: 0 },
  );
})();

/** A `;` extract in which four rows keep their desa code but carry another desa's desa and kecamatan names. */
const conflictExtract = syntheticExtract(600, ['2025-Q1'], 23);
const conflictText = (() => {
  const lines = conflictExtract.text.split('\r\n');
  const header = lines[1].split(';');
  const d = header.indexOf('DESA_KELURAHAN');
  const k = header.indexOf('KECAMATAN');
  const first = lines[2].split(';');
  const other = lines
    .slice(3)
    .map((l) => l.split(';'))
    .find((c) => c.length > 1 && c[k] !== first[k])!;
  return lines
    .map((line, i) => {
      if (i < 2 || i > 5 || line === '') return line;
      const cells = line.split(';');
      cells[d] = other[d];
      cells[k] = other[k];
      return cells.join(';');
    })
    .join('\r\n');
})();

async function dialogOf(page: Page, name: string, open: string): Promise<Locator> {
  const dialog = page.getByRole('dialog', { name });
  if (!(await dialog.isVisible())) await page.getByRole('button', { name: open }).click();
  await dialog.waitFor();
  return dialog;
}

const totals = async (dialog: Locator) => ({
  read: numberIn(await dialog.locator('[data-count="read"]').textContent()),
  joined: numberIn(await dialog.locator('[data-count="joined"]').textContent()),
  rejected: numberIn(await dialog.locator('[data-count="rejected"]').textContent()),
});

/** No NIK, No. KK or name of the extract in `text`. */
function expectNoHousehold(text: string, extract: { names: string[]; identifiers: Set<string> }) {
  for (const name of extract.names) expect(text).not.toContain(name);
  for (const id of extract.identifiers) expect(text).not.toContain(id);
}

describe.skipIf(chromiumMissing)('import: workbooks with several sheets, codes that contradict names', () => {
  it('reads the visible sheet, imports the sheets with the same columns on request, lists the hidden one', async ({
    app,
  }) => {
    const { page } = app;
    const dialog = await dialogOf(page, 'Impor data', 'Impor data');
    await dialog.locator('input[type=file]').setInputFiles({
      name: 'dtsen-per-lembar-2025-Q1.xlsx',
      mimeType: XLSX_TYPE,
      buffer: Buffer.from(workbook),
    });
    const first = dialog.locator('article[data-file="dtsen-per-lembar-2025-Q1.xlsx [Bagian 1]"]');
    await first.waitFor();
    await expect
      .poll(() => first.locator('[data-field="sheet"]').innerText())
      .toContain('Daftar (tersembunyi)');
    await first.getByTestId('same-sheets').check();
    await dialog.locator('article[data-file="dtsen-per-lembar-2025-Q1.xlsx [Bagian 2]"]').waitFor();
    await screenshot(page, 'import-xlsx-sheets');
    expectNoHousehold(await dialog.innerText(), workbookExtract);
    await dialog.getByRole('button', { name: 'Lanjut ke pemetaan kolom' }).click();
    await dialog.getByRole('heading', { name: 'Pemetaan kolom', exact: true }).waitFor();
    expectNoHousehold(await dialog.innerText(), workbookExtract);
    await dialog.getByRole('button', { name: 'Gabungkan ke desa' }).click();
    await dialog.getByRole('heading', { name: 'Tinjauan penggabungan ke desa' }).waitFor();
    expect(await totals(dialog)).toEqual({ read: 800, joined: 800, rejected: 0 });
    const unread = dialog.getByTestId('sheets-not-read');
    await expect.poll(() => unread.innerText()).toContain('dtsen-per-lembar-2025-Q1.xlsx: Daftar');
    expect(await unread.locator('li').count()).toBe(1);
    expect(await dialog.innerText()).toContain('dtsen-per-lembar-2025-Q1.xlsx [Bagian 2]');
    await screenshot(page, 'import-xlsx-review');
    expectNoHousehold(await dialog.innerText(), workbookExtract);
    await dialog.getByRole('button', { name: 'Selesai: tampilkan di peta' }).click();
    await dialog.getByRole('heading', { name: 'Data diimpor' }).waitFor();
  });

  it('lists contradictions on the review, rejects them until the user says the code is right', async ({
    app,
  }) => {
    const { page } = app;
    const dialog = await dialogOf(page, 'Impor data', 'Impor data');
    await dialog.locator('input[type=file]').setInputFiles({
      name: 'dtsen-bertentangan-2025-Q1.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(conflictText, 'utf8'),
    });
    await dialog.getByRole('button', { name: 'Lanjut ke pemetaan kolom' }).click();
    await dialog.getByRole('button', { name: 'Gabungkan ke desa' }).click();
    await dialog.getByRole('heading', { name: 'Tinjauan penggabungan ke desa' }).waitFor();
    expect(await totals(dialog)).toEqual({ read: 600, joined: 596, rejected: 4 });
    const conflicts = dialog.getByTestId('conflicts');
    await conflicts.getByRole('heading', { name: 'Kode dan nama yang bertentangan' }).waitFor();
    expect(await conflicts.innerText()).toContain('4 baris punya kode desa yang tidak cocok');
    expect(await dialog.locator('[data-reason="kode_nama_conflict"]').count()).toBe(1);
    await screenshot(page, 'import-conflicts');
    await conflicts.getByLabel('Kode yang benar: gabung menurut kode').check();
    await conflicts.getByRole('button', { name: 'Terapkan' }).click();
    await expect.poll(async () => (await totals(dialog)).rejected).toBe(0);
    await expect
      .poll(() => conflicts.locator('[data-resolution]').getAttribute('data-resolution'))
      .toBe('code');
    expectNoHousehold(await dialog.innerText(), conflictExtract);
  });

  it('says the same in English', async ({ browser }) => {
    const app = await openApp(browser);
    try {
      const { page } = app;
      await page.getByRole('button', { name: 'Ganti bahasa ke English' }).click();
      const dialog = await dialogOf(page, 'Import data', 'Import data');
      await dialog.locator('input[type=file]').setInputFiles([
        {
          name: 'dtsen-bertentangan-2025-Q1.csv',
          mimeType: 'text/csv',
          buffer: Buffer.from(conflictText, 'utf8'),
        },
        { name: 'dtsen-per-lembar-2025-Q1.xlsx', mimeType: XLSX_TYPE, buffer: Buffer.from(workbook) },
      ]);
      const book = dialog.locator('article[data-file="dtsen-per-lembar-2025-Q1.xlsx [Bagian 1]"]');
      await expect.poll(() => book.locator('[data-field="sheet"]').innerText()).toContain('Daftar (hidden)');
      expect(await book.innerText()).toContain(
        'Also import the 1 other sheets with the same columns (Bagian 2)',
      );
      await dialog.getByRole('button', { name: 'Continue to column mapping' }).click();
      await dialog.getByRole('button', { name: 'Join to desa' }).click();
      await dialog.getByRole('heading', { name: 'Join review' }).waitFor();
      const conflicts = dialog.getByTestId('conflicts');
      await conflicts.getByRole('heading', { name: 'Codes and names that disagree' }).waitFor();
      expect(await conflicts.innerText()).toContain('4 rows have a desa code that does not fit');
      await conflicts.getByLabel('The names are right: join by the names').waitFor();
      expect(await dialog.getByTestId('sheets-not-read').innerText()).toContain('Bagian 2');
      await screenshot(page, 'import-conflicts-en');
      expect(foreignHosts(app.requests)).toEqual([]);
      expect(app.errors).toEqual([]);
    } finally {
      await app.context.close();
    }
  });
});
