/**
 * The import flow with the UI switched to English: the core's messages (why a column was proposed, why rows
 * were rejected, notes on the join, why a file cannot be read) are rendered in English, and no Indonesian
 * sentence is left on the mapping and review steps. The file has rows to reject, no household size column (a
 * note) and no period column with no period in its name (the dialog asks for one, and notes it).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { en as uiEn } from '../../src/i18n/en.ts';
import {
  inspectFile,
  importFile,
  reasonLabel,
  type JoinReport,
  type RejectReason,
} from '../../src/lib/import/index.ts';
import type { Message } from '../../src/lib/messages/message.ts';
import { renderMessage } from '../../src/lib/messages/render.ts';
import { chromiumMissing, launch, openApp, screenshot, type AppPage } from './harness.ts';
import { defaultDistrict, messyExtract, syntheticExtract, withoutColumn } from './import-fixture.ts';

const FILE = 'dtsen-uji-english.csv';
const PERIODE = '2025-Q3';
const extract = syntheticExtract(1500, ['2025-Q1'], 11);
const messy = messyExtract(extract.text);
const text = withoutColumn(withoutColumn(messy.text, 'PERIODE'), 'JUMLAH_ART');
const bytes = new TextEncoder().encode(text);
const district = defaultDistrict();

/**
 * Indonesian words of the UI and the core's messages that no English text uses. Data (names, codes, column
 * names) is left out of the check: it is marked `translate="no"` or removed below.
 */
const INDONESIAN = [
  'baris',
  'kolom',
  'tidak',
  'kosong',
  'berkas',
  'dibuang',
  'ditolak',
  'digabung',
  'periode',
  'keluarga',
  'pemetaan',
  'wajib',
  'dikenali',
  'kabupaten ini',
  'desa tidak',
];

/** The text of `dialog` outside `translate="no"` elements (options and visually hidden text included). */
function textOutsideData(dialog: Locator): Promise<string> {
  return dialog.evaluate((root) => {
    const parts: string[] = [];
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (!parent || parent.closest('[translate="no"], style, script')) continue;
      parts.push(node.textContent ?? '');
    }
    return parts.join(' ');
  });
}

/** Indonesian marker words in the dialog's text once data is taken out. */
async function indonesianIn(dialog: Locator): Promise<string[]> {
  let seen = await textOutsideData(dialog);
  const data = [
    FILE,
    ...district.desa.features.flatMap((f) => [f.properties.nama_desa, f.properties.nama_kec]),
  ].sort((a, b) => b.length - a.length);
  for (const d of data) seen = seen.split(d).join(' ');
  // Column names and field codes (KODE_WILAYAH, kunci_keluarga) are data and codes, not sentences.
  seen = seen.replace(/\S*_\S*/g, ' ');
  return INDONESIAN.filter((w) => new RegExp(`(^|[^\\p{L}])${w}([^\\p{L}]|$)`, 'iu').test(seen));
}

async function pick(dialog: Locator, files: { name: string; text: string }[]) {
  await dialog
    .locator('input[type=file]')
    .setInputFiles(
      files.map((f) => ({ name: f.name, mimeType: 'text/csv', buffer: Buffer.from(f.text, 'utf8') })),
    );
}

const en = (m: Message) => renderMessage(m, 'en');
const id = (m: Message) => renderMessage(m, 'id');

describe.skipIf(chromiumMissing)('import in English: core messages rendered in the UI language', () => {
  let browser: Browser;
  let app: AppPage;
  let page: Page;
  let dialog: Locator;
  /** What the core says about the file, computed here as the app's Worker computes it. */
  let proposalReasons: Message[];
  let report: JoinReport;

  beforeAll(async () => {
    const inspection = await inspectFile(bytes, FILE);
    proposalReasons = inspection.proposal.fields.map((f) => f.reason);
    report = (
      await importFile(bytes, {
        fileName: FILE,
        kodeKab: district.kodeKab,
        desa: district.desa.features.map((f) => f.properties),
        mapping: inspection.proposal.mapping,
        periode: PERIODE,
      })
    ).report;
    browser = await launch();
    app = await openApp(browser);
    page = app.page;
    await page.getByRole('button', { name: 'Ganti bahasa ke English' }).click();
    await page.getByRole('button', { name: 'Import data' }).click();
    dialog = page.getByRole('dialog', { name: 'Import data' });
    await dialog.waitFor();
  });
  afterAll(async () => {
    await app?.context.close();
    await browser?.close();
  });

  it('says in English why a file cannot be read', async () => {
    await pick(dialog, [
      { name: 'empty.csv', text: '' },
      { name: FILE, text },
    ]);
    const alert = dialog.locator('article[data-file="empty.csv"]').getByRole('alert');
    await expect.poll(() => alert.innerText()).toBe('empty.csv: empty file (0 bytes).');
    await dialog
      .locator('article[data-file="empty.csv"]')
      .getByRole('button', { name: 'Remove this file' })
      .click();
    await dialog.getByRole('button', { name: 'Continue to column mapping' }).click();
    await dialog.getByRole('heading', { name: 'Column mapping', exact: true }).waitFor();
  });

  it('shows the mapping step with English proposal reasons, asks for the period, and no Indonesian', async () => {
    const shown = await dialog.innerText();
    expect(proposalReasons.length).toBeGreaterThan(5);
    for (const reason of proposalReasons) {
      expect(shown).toContain(en(reason));
      expect(shown).not.toContain(id(reason));
    }
    // No period column and none in the file name: the dialog asks, in English.
    await dialog.getByLabel(`Period of ${FILE}`).fill(PERIODE);
    await expect.poll(() => dialog.innerText()).toContain(uiEn['import.mapping.periodeHint']);
    await screenshot(page, 'import-en-mapping');
    expect(await indonesianIn(dialog)).toEqual([]);
  });

  it('shows the review step with English reasons and notes, and no Indonesian', async () => {
    await dialog.getByRole('button', { name: 'Join to desa' }).click();
    await dialog.getByRole('heading', { name: 'Join review' }).waitFor();
    const reasons = Object.keys(report.rejected_by_reason);
    expect(reasons).toEqual(
      expect.arrayContaining(['desil_out_of_range', 'kode_excel_mangled', 'nama_not_found']),
    );
    for (const reason of reasons) {
      const row = dialog.locator(`[data-testid="rejected-reasons"] [data-reason="${reason}"] th`);
      expect((await row.innerText()).startsWith(en(reasonLabel(reason as RejectReason)))).toBe(true);
    }
    const notes = await dialog.locator('[data-warning]').allInnerTexts();
    expect(report.warnings.map((w) => w.code)).toEqual(
      expect.arrayContaining(['import.warning.noHouseholdSize', 'import.warning.periodeGiven']),
    );
    expect(notes).toEqual(report.warnings.map(en));
    expect(notes.join('\n')).toContain(`rows without a period were given period ${PERIODE}`);
    await screenshot(page, 'import-en-review');
    expect(await indonesianIn(dialog)).toEqual([]);
  });
});
