/**
 * The import flow in the built app: a synthetic DT-SEN extract of the default district (made here by the
 * project's generator) goes through file choice → detection → column mapping → join review → done; the map
 * and the table then show it, a reload keeps it, removing it brings back the bundled data. Also: a file without
 * a desil column, cancelling a larger import, and what ends up in IndexedDB (never a NIK or a name).
 */
import { describe, expect } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import AxeBuilder from '@axe-core/playwright';
import { chromiumMissing, foreignHosts, it, openApp, screenshot } from './harness.ts';
import { defaultDistrict, messyExtract, syntheticExtract, withoutColumn } from './import-fixture.ts';

const FILE = 'sintetis-dtsen-uji-impor.csv';
const PERIODS = ['2025-Q1', '2025-Q3'];
const extract = syntheticExtract(3000, PERIODS);
const messy = messyExtract(extract.text, extract.perPeriod[PERIODS[0]]);
/** 16 digits in a row: what a NIK or No. KK looks like. */
const SIXTEEN_DIGITS = /(?<!\d)\d{16}(?!\d)/;
/** The same, but not as the fraction of a decimal number (stored shares and areas have long fractions). */
const NIK_LIKE = /(?<![\d.])\d{16}(?!\d)/;

const numberIn = (text: string | null) => Number((text ?? '').replace(/\D/g, ''));

async function dialogOf(page: Page): Promise<Locator> {
  const dialog = page.getByRole('dialog', { name: 'Impor data' });
  if (!(await dialog.isVisible())) await page.getByRole('button', { name: 'Impor data' }).click();
  await dialog.waitFor();
  return dialog;
}

async function pick(dialog: Locator, name: string, text: string) {
  await dialog.locator('input[type=file]').setInputFiles({
    name,
    mimeType: 'text/csv',
    buffer: Buffer.from(text, 'utf8'),
  });
}

async function seriousViolations(page: Page) {
  const result = await new AxeBuilder({ page }).include('dialog[open]').analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** Everything in the page's IndexedDB databases and localStorage, as text (typed arrays as number lists). */
async function storedText(page: Page): Promise<{ text: string; databases: string[] }> {
  return page.evaluate(async () => {
    const plain = (v: unknown): unknown => {
      if (ArrayBuffer.isView(v)) return Array.from(v as unknown as ArrayLike<number>);
      if (Array.isArray(v)) return v.map(plain);
      if (v && typeof v === 'object')
        return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, plain(x)]));
      return v;
    };
    const out: unknown[] = [];
    const databases = (await indexedDB.databases()).map((d) => d.name ?? '');
    for (const name of databases) {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const req = indexedDB.open(name);
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
      for (const store of [...db.objectStoreNames]) {
        const tx = db.transaction(store, 'readonly');
        const [keys, values] = await Promise.all(
          ['getAllKeys', 'getAll'].map(
            (m) =>
              new Promise<unknown[]>((resolve, reject) => {
                const req = (tx.objectStore(store) as unknown as Record<string, () => IDBRequest>)[m]();
                req.onsuccess = () => resolve(req.result as unknown[]);
                req.onerror = () => reject(req.error);
              }),
          ),
        );
        out.push({ db: name, store, keys, values: plain(values) });
      }
      db.close();
    }
    out.push({ localStorage: { ...localStorage } });
    return { text: JSON.stringify(out), databases };
  });
}

const source = (page: Page) => page.evaluate(() => window.__kantong.explore.dataset.source);

/** The unit table's rows as text (at 1366×768 the table starts closed: it is opened first). */
async function tableText(page: Page): Promise<string> {
  const show = page.getByRole('button', { name: 'Tampilkan tabel' });
  if (await show.isVisible()) await show.click();
  return page.locator('#unit-table tbody').innerText();
}

const reviewTotals = async (dialog: Locator) => ({
  read: numberIn(await dialog.locator('[data-count="read"]').textContent()),
  joined: numberIn(await dialog.locator('[data-count="joined"]').textContent()),
  rejected: numberIn(await dialog.locator('[data-count="rejected"]').textContent()),
});

/**
 * The messy extract through the dialog up to the join review, with the misspelt desa's suggestion accepted
 * (the steps the detection/mapping/review test checks one by one). Returns the open dialog.
 */
async function reviewMessyExtract(page: Page): Promise<Locator> {
  const dialog = await dialogOf(page);
  await pick(dialog, FILE, messy.text);
  await dialog.getByRole('button', { name: 'Lanjut ke pemetaan kolom' }).click();
  await dialog.getByRole('heading', { name: 'Pemetaan kolom', exact: true }).waitFor();
  await dialog.getByRole('button', { name: 'Gabungkan ke desa' }).click();
  await dialog.getByRole('heading', { name: 'Tinjauan penggabungan ke desa' }).waitFor();
  await dialog
    .locator(`[data-suggestion="${messy.misspelt}"]`)
    .getByRole('button', { name: 'Terima' })
    .click();
  await expect.poll(async () => (await reviewTotals(dialog)).rejected).toBe(3);
  return dialog;
}

/** The messy extract imported and shown on the map, the dialog closed: where the later tests start from. */
async function importMessyExtract(page: Page): Promise<void> {
  const dialog = await reviewMessyExtract(page);
  await dialog.getByRole('button', { name: 'Selesai: tampilkan di peta' }).click();
  await dialog.getByRole('heading', { name: 'Data diimpor' }).waitFor();
  await dialog.getByRole('button', { name: 'Tutup dan lihat peta' }).click();
  await expect.poll(() => dialog.isVisible()).toBe(false);
  await expect.poll(() => source(page)).toBe(FILE);
}

// Each test opens the app in a fresh context (the `app` fixture: its own IndexedDB, no earlier import) and makes
// the state it needs itself, e.g. by importing the extract first; none relies on another test or its order.
describe.skipIf(chromiumMissing)('import: a DT-SEN extract through the dialog onto the map', () => {
  it('says in Indonesian, naming the file, that a file without a desil column cannot be imported', async ({
    app,
  }) => {
    const { page } = app;
    const bundledSource = await source(page);
    const dialog = await dialogOf(page);
    await screenshot(page, 'import-1-files');
    expect(await seriousViolations(page)).toEqual([]);
    const name = 'tanpa-desil.csv';
    await pick(dialog, name, withoutColumn(extract.text, 'DESIL_NASIONAL'));
    const warning = dialog.getByRole('alert').filter({ hasText: 'kolom desil tidak ditemukan' });
    await expect.poll(() => warning.innerText()).toContain(name);
    await dialog.getByRole('button', { name: 'Lanjut ke pemetaan kolom' }).click();
    await dialog.getByRole('button', { name: 'Gabungkan ke desa' }).click();
    const error = dialog.locator('[data-error-code="no_desil_column"]');
    await error.waitFor();
    expect(await error.innerText()).toMatch(
      new RegExp(`^${name.replace('.', '\\.')}: kolom desil tidak ditemukan`),
    );
    await screenshot(page, 'import-error-no-desil');
    // Back to the start; nothing was imported.
    await dialog.getByRole('button', { name: 'Kembali' }).click();
    await dialog.getByRole('button', { name: 'Hapus file ini' }).click();
    await dialog.getByRole('heading', { name: 'Pilih file DT-SEN' }).waitFor();
    expect(await source(page)).toBe(bundledSource);
  });

  it('reads several files at once; an empty file and a file of another kabupaten each get their own message', async ({
    app,
  }) => {
    const { page } = app;
    const bundledSource = await source(page);
    const dialog = await dialogOf(page);
    // The same extract with every desa code moved to another kabupaten (Kendal 3324 → Batang 3325; the demo
    // district 9999 → 9998).
    const own = defaultDistrict().kodeKab.replace('.', '');
    const another =
      own === '9999' ? '9998' : `${own.slice(0, 2)}${String(Number(own.slice(2)) + 1).padStart(2, '0')}`;
    const other = extract.text.replace(new RegExp(`;${own}(\\d{6});`, 'g'), `;${another}$1;`);
    await dialog.locator('input[type=file]').setInputFiles([
      { name: 'kosong.csv', mimeType: 'text/csv', buffer: Buffer.alloc(0) },
      { name: 'kabupaten-lain.csv', mimeType: 'text/csv', buffer: Buffer.from(other, 'utf8') },
    ]);
    const empty = dialog.locator('article[data-file="kosong.csv"]').getByRole('alert');
    await expect.poll(() => empty.innerText()).toBe('kosong.csv: file kosong (0 byte).');
    // Cannot go on with a file that cannot be read; removing it lets the other one through.
    const next = dialog.getByRole('button', { name: 'Lanjut ke pemetaan kolom' });
    expect(await next.isDisabled()).toBe(true);
    await dialog
      .locator('article[data-file="kosong.csv"]')
      .getByRole('button', { name: 'Hapus file ini' })
      .click();
    await next.click();
    await dialog.getByRole('button', { name: 'Gabungkan ke desa' }).click();
    const error = dialog.locator('[data-error-code="nothing_joined"]');
    await error.waitFor();
    expect(await error.innerText()).toMatch(
      /^kabupaten-lain\.csv: tidak ada baris yang dapat digabungkan.*kabupaten\/kota lain/,
    );
    expect(await source(page)).toBe(bundledSource);
    await dialog.getByRole('button', { name: 'Tutup dialog impor' }).click();
    await expect.poll(() => dialog.isVisible()).toBe(false);
  });

  it('detects the file, maps its columns without showing identifiers, and reviews the join', async ({
    app,
  }) => {
    const { page } = app;
    const dialog = await dialogOf(page);
    await pick(dialog, FILE, messy.text);
    await expect.poll(() => dialog.locator('[data-field="separator"]').innerText()).toContain(';');
    expect(await dialog.locator('[data-field="dropped"]').innerText()).toBe(
      'dibuang: NIK_KRT, NO_KK, NAMA_KRT, ALAMAT',
    );
    expect(await dialog.innerText()).toContain('DATA SINTETIS');
    await screenshot(page, 'import-2-detect');

    await dialog.getByRole('button', { name: 'Lanjut ke pemetaan kolom' }).click();
    await dialog.getByRole('heading', { name: 'Pemetaan kolom', exact: true }).waitFor();
    expect(await dialog.getByLabel('Desil (1–10)').inputValue()).toBe('DESIL_NASIONAL');
    expect(await dialog.getByLabel('Kode desa/kelurahan').inputValue()).toBe('KODE_WILAYAH');
    // The NIK column is offered for no field but the household key (which is hashed).
    expect(await dialog.getByLabel('Desil (1–10)').locator('option[value="NIK_KRT"]').isDisabled()).toBe(
      true,
    );
    const preview = dialog.getByRole('region', { name: /Pratinjau/ });
    expect(await preview.locator('tbody tr').count()).toBeGreaterThan(3);
    expect(await preview.locator('td.withheld').count()).toBeGreaterThan(0);
    const body = await page.evaluate(() => document.body.innerText);
    const html = await page.evaluate(() => document.documentElement.outerHTML);
    expect(body).not.toMatch(SIXTEEN_DIGITS);
    expect(html).not.toMatch(SIXTEEN_DIGITS);
    expect(html).not.toContain(extract.names[0]);
    expect(html).not.toContain('DUSUN SINTETIS');
    await screenshot(page, 'import-3-mapping');
    expect(await seriousViolations(page)).toEqual([]);

    await dialog.getByRole('button', { name: 'Gabungkan ke desa' }).click();
    await dialog.getByRole('heading', { name: 'Tinjauan penggabungan ke desa' }).waitFor();
    const totals = () => reviewTotals(dialog);
    const before = await totals();
    expect(before.read).toBe(extract.rows);
    expect(before.read).toBe(before.joined + before.rejected);
    // Every row of the misspelt desa (a few per period), two desil 11 rows and one Excel-mangled code.
    expect(before.rejected).toBeGreaterThan(3);
    const reasons = dialog.getByTestId('rejected-reasons');
    expect(await reasons.locator('[data-reason="desil_out_of_range"]').innerText()).toMatch(
      new RegExp(`desil di luar 1–10.*\t2\t${messy.desilLines.join(', ')}`, 's'),
    );
    expect(await reasons.locator('[data-reason="kode_excel_mangled"]').innerText()).toContain(
      `\t1\t${messy.mangledLines[0]}`,
    );
    expect(await reasons.locator('[data-reason="nama_not_found"]').innerText()).toContain(
      `\t${before.rejected - 3}\t`,
    );
    expect(await dialog.innerText()).toContain('Desa tanpa baris: 1');
    expect(await dialog.locator('[data-note="swapped"]').innerText()).toMatch(/^3 pasangan lintang\/bujur/);
    expect(await page.evaluate(() => document.documentElement.outerHTML)).not.toMatch(SIXTEEN_DIGITS);
    await screenshot(page, 'import-4-review');
    expect(await seriousViolations(page)).toEqual([]);

    // The misspelt desa is suggested; rejecting can be undone; accepting joins its rows again.
    const suggestion = dialog.locator(`[data-suggestion="${messy.misspelt}"]`);
    expect(await suggestion.innerText()).toContain(
      messy.desaName.charAt(0) + messy.desaName.slice(1).toLowerCase(),
    );
    await suggestion.getByRole('button', { name: 'Tolak' }).click();
    await dialog.getByRole('button', { name: 'Urungkan' }).click();
    await suggestion.getByRole('button', { name: 'Terima' }).click();
    await expect.poll(async () => (await totals()).rejected).toBe(3);
    const after = await totals();
    expect(after.read).toBe(after.joined + after.rejected);
    expect(after.joined).toBe(before.joined + before.rejected - 3);
    expect(await dialog.innerText()).toContain('Desa tanpa baris: 0');
    expect(await suggestion.count()).toBe(0);
    await screenshot(page, 'import-4b-review-accepted');
  });

  it('finishing shows the imported data on the map and in the table', async ({ app }) => {
    const { page } = app;
    const bundledTable = await tableText(page);
    const dialog = await reviewMessyExtract(page);
    await dialog.getByRole('button', { name: 'Selesai: tampilkan di peta' }).click();
    await dialog.getByRole('heading', { name: 'Data diimpor' }).waitFor();
    await screenshot(page, 'import-5-done');
    expect(await source(page)).toBe(FILE);
    const state = await page.evaluate(() => {
      const { dataset, explore } = {
        dataset: window.__kantong.explore.dataset,
        explore: window.__kantong.explore,
      };
      const last = dataset.periods.at(-1)!;
      const households = dataset.rows.filter((r) => r.periode === last).reduce((s, r) => s + r.jumlah_kk, 0);
      const bins = dataset.hexbins?.[last];
      return {
        periods: dataset.periods,
        synthetic: dataset.synthetic,
        households,
        explorePeriod: explore.period,
        hexTotals: bins ? [bins[7]?.total, bins[8]?.total, bins[9]?.total] : null,
        legend: [...document.querySelectorAll('section.legend li .count')].map((e) => e.textContent),
      };
    });
    expect(state.periods).toEqual(PERIODS);
    expect(state.synthetic).toBe(true);
    expect(state.explorePeriod).toBe('2025-Q3');
    expect(state.households).toBe(extract.perPeriod['2025-Q3']);
    expect(state.hexTotals).not.toBeNull();
    for (const t of state.hexTotals!) {
      expect(t).toBeGreaterThan(0.9 * extract.perPeriod['2025-Q3']);
      expect(t).toBeLessThanOrEqual(extract.perPeriod['2025-Q3']);
    }
    await dialog.getByRole('button', { name: 'Tutup dan lihat peta' }).click();
    await expect.poll(() => dialog.isVisible()).toBe(false);
    // Focus went back to the button that opened the dialog.
    expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe('Impor data');
    const table = await page.locator('#unit-table tbody').innerText();
    expect(table).not.toBe(bundledTable);
    await screenshot(page, 'import-6-map');
  });

  it('keeps the imported dataset across a reload', async ({ app }) => {
    const { page } = app;
    await importMessyExtract(page);
    await page.reload();
    await page.waitForFunction(() => document.body.dataset.mapReady === 'true', null, { timeout: 60_000 });
    await expect.poll(() => source(page), { timeout: 15_000 }).toBe(FILE);
    const hex = await page.evaluate(() => Object.keys(window.__kantong.explore.dataset.hexbins ?? {}));
    expect(hex).toEqual(PERIODS);
  });

  it('cancelling a larger import stops it and leaves the previous data in place', async ({ app }) => {
    const { page } = app;
    await importMessyExtract(page);
    const big = syntheticExtract(60_000, ['2025-Q4'], 11);
    const dialog = await dialogOf(page);
    await pick(dialog, 'sintetis-besar.csv', big.text);
    await dialog.getByRole('button', { name: 'Lanjut ke pemetaan kolom' }).click();
    await dialog.getByRole('heading', { name: 'Pemetaan kolom', exact: true }).waitFor();
    // Cancel from inside the page on the Worker's first progress report (≥ 1%), in the same task that shows it:
    // that is before the page can handle the Worker's result, and the dialog takes a cancel made before the
    // result as final even if the Worker has finished meanwhile. So the outcome does not depend on how fast
    // the machine is; the observer is in place before the join starts, and records the bar it saw.
    await page.evaluate(() => {
      const seen = new Promise<{ pct: number; text: string | null }>((resolve) => {
        const observer = new MutationObserver(() => {
          const bar = document.querySelector('[role="progressbar"]');
          const pct = Number(bar?.getAttribute('aria-valuenow') ?? 0);
          if (pct >= 1) {
            observer.disconnect();
            [...document.querySelectorAll('dialog button')]
              .find((b) => b.textContent?.trim() === 'Batalkan')
              ?.dispatchEvent(new MouseEvent('click', { bubbles: true }));
            resolve({ pct, text: bar!.getAttribute('aria-valuetext') });
          }
        });
        observer.observe(document.body, { subtree: true, childList: true, attributes: true });
      });
      (window as unknown as { cancelledAt: Promise<unknown> }).cancelledAt = seen;
    });
    await dialog.getByRole('button', { name: 'Gabungkan ke desa' }).click();
    const { pct: atPercent, text } = (await page.evaluate(
      () => (window as unknown as { cancelledAt: Promise<unknown> }).cancelledAt,
    )) as { pct: number; text: string | null };
    // a progress bar with a percentage was showing, mid-import
    expect(text).toBe(`${atPercent}%`);
    expect(atPercent).toBeGreaterThanOrEqual(1);
    expect(atPercent).toBeLessThan(100);
    await dialog.getByText('Impor dibatalkan').waitFor();
    await screenshot(page, 'import-cancelled');
    expect(await dialog.getByRole('heading', { name: 'Pemetaan kolom', exact: true }).isVisible()).toBe(true);
    expect(await source(page)).toBe(FILE);
    expect(await page.evaluate(() => window.__kantong.explore.dataset.periods)).toEqual(PERIODS);
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.isVisible()).toBe(false);
  });

  it('stores aggregates only: no NIK-like number and no name from the file in IndexedDB or localStorage', async ({
    app,
  }) => {
    await importMessyExtract(app.page);
    const { text, databases } = await storedText(app.page);
    expect(databases).toContain('kantong-data');
    expect(text).toContain(FILE);
    expect(text).not.toMatch(NIK_LIKE);
    // Not even inside a longer digit run: no 16-digit window of any run is a NIK or No. KK of the file.
    const windows = (text.match(/\d{16,}/g) ?? []).flatMap((run) =>
      Array.from({ length: run.length - 15 }, (_, i) => run.slice(i, i + 16)),
    );
    expect(windows.length).toBeGreaterThan(0);
    expect(windows.filter((w) => extract.identifiers.has(w))).toEqual([]);
    for (const name of extract.names.slice(0, 200)) expect(text).not.toContain(name);
    expect(text).not.toContain('WARGA SINTETIS');
    expect(text).not.toContain('DUSUN SINTETIS');
  });

  it('remembers the mapping for a file with the same header', async ({ app }) => {
    const { page } = app;
    await importMessyExtract(page);
    const dialog = await dialogOf(page);
    await pick(dialog, 'sintetis-lagi.csv', syntheticExtract(300, ['2025-Q1'], 3).text);
    await dialog.getByText('Pemetaan kolom diingat dari impor sebelumnya').waitFor();
    await dialog.getByRole('button', { name: 'Tutup dialog impor' }).click();
    await expect.poll(() => dialog.isVisible()).toBe(false);
  });

  it('removing the dataset (after confirming) brings back the bundled data', async ({ app }) => {
    const { page } = app;
    const bundledSource = await source(page);
    await importMessyExtract(page);
    const dialog = await dialogOf(page);
    await dialog.getByRole('button', { name: `Hapus data ${FILE}` }).click();
    // The confirmation takes the focus, on its safe answer.
    expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe('Batal');
    await screenshot(page, 'import-remove-confirm');
    expect(await seriousViolations(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Ya, hapus' }).click();
    await expect.poll(() => source(page)).toBe(bundledSource);
    expect(await dialog.locator(`[data-dataset]`).count()).toBe(1);
    await dialog.getByRole('button', { name: 'Tutup dialog impor' }).click();
    await page.reload();
    await page.waitForFunction(() => document.body.dataset.mapReady === 'true', null, { timeout: 60_000 });
    expect(await source(page)).toBe(bundledSource);
  });

  it('made no request to another host and logged no error', async ({ app }) => {
    // an import, a reload with it, and its removal (the fixture checks every other test's page too)
    const { page } = app;
    await importMessyExtract(page);
    await page.reload();
    await page.waitForFunction(() => document.body.dataset.mapReady === 'true', null, { timeout: 60_000 });
    await expect.poll(() => source(page), { timeout: 15_000 }).toBe(FILE);
    const dialog = await dialogOf(page);
    await dialog.getByRole('button', { name: `Hapus data ${FILE}` }).click();
    await dialog.getByRole('button', { name: 'Ya, hapus' }).click();
    await expect.poll(() => source(page)).not.toBe(FILE);
    expect(foreignHosts(app.requests)).toEqual([]);
    expect(app.errors).toEqual([]);
  });

  it('says on the hexagon map which share of the families was placed from their desa', async ({ app }) => {
    const { page } = app;
    await importMessyExtract(page);
    await page.getByRole('radio', { name: 'Heksagon' }).check();
    const note = page.locator('section.legend .estimate');
    await expect.poll(() => note.textContent(), { timeout: 30_000 }).toMatch(/^Sebagian perkiraan: /);
    // the extract is 80% geotagged: about a fifth has no usable coordinates, the rest is counted exactly
    const share = Number(/: (\d+,\d)% keluarga/.exec((await note.textContent()) ?? '')![1].replace(',', '.'));
    expect(share).toBeGreaterThan(10);
    expect(share).toBeLessThan(30);
    expect(await note.textContent()).not.toContain('tidak berkoordinat');
    await screenshot(page, 'import-hex-estimate-part');
  });
});

describe.skipIf(chromiumMissing)('import dialog on a phone', () => {
  it('is full-screen and usable at 390×844', async ({ browser }) => {
    const app = await openApp(browser, { viewport: { width: 390, height: 844 } });
    try {
      const { page } = app;
      const dialog = await dialogOf(page);
      const box = await dialog.boundingBox();
      expect(box?.width).toBe(390);
      expect(box?.height).toBe(844);
      await pick(dialog, FILE, extract.text);
      await dialog.getByRole('button', { name: 'Lanjut ke pemetaan kolom' }).click();
      await dialog.getByRole('heading', { name: 'Pemetaan kolom', exact: true }).waitFor();
      await screenshot(page, 'import-phone-mapping');
      expect(app.errors).toEqual([]);
    } finally {
      await app.context.close();
    }
  });
});
