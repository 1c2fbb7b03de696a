/**
 * Periods that accumulate and the Pemantauan mode in the built app: one period's DT-SEN extract is imported,
 * then the next period's as a separate file (its household key, No. KK, mapped: it is hashed); the app asks to
 * add it as a period, shows both periods in one dataset, the change map and the transition matrix — and their
 * totals equal `kantong graduation` on the same two files. Importing a period it already holds asks to
 * replace or cancel.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Papa from 'papaparse';
import { PNG } from 'pngjs';
import { describe, expect, vi } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { chromiumMissing, it, screenshot } from './harness.ts';
import { defaultDistrict } from './import-fixture.ts';
import { calibrationProfile } from '../../src/lib/synth/calibration.ts';
import { householdFileHead, HouseholdRowFormatter } from '../../src/lib/synth/csv-format.ts';
import { generateHouseholds } from '../../src/lib/synth/households.ts';
import { run as graduation } from '../../src/cli/commands/graduation.ts';

const PERIODS = ['2025-Q1', '2025-Q3'] as const;
const FILES = PERIODS.map((p) => `dtsen-uji-${p}.csv`);

/** One file per period of the same synthetic district (the generator's households, linked by No. KK). */
function periodFiles(households: number): string[] {
  const { kodeKab, desa } = defaultDistrict();
  const district = generateHouseholds(kodeKab, desa.features, calibrationProfile(kodeKab), {
    households,
    seed: 11,
    periods: [...PERIODS],
    geotagShare: 0,
  });
  return PERIODS.map((p, t) => {
    const f = new HouseholdRowFormatter(district, t, 'JAWA TENGAH');
    return householdFileHead(11, p) + f.rows(0, f.count);
  });
}
const texts = periodFiles(6000);

async function dialogOf(page: Page): Promise<Locator> {
  const dialog = page.getByRole('dialog', { name: 'Impor data' });
  if (!(await dialog.isVisible())) await page.getByRole('button', { name: 'Impor data' }).click();
  await dialog.waitFor();
  return dialog;
}

/** Picks one file, maps No. KK as the household key, joins it: the dialog is left on the review. */
async function reviewOne(page: Page, name: string, text: string): Promise<Locator> {
  const dialog = await dialogOf(page);
  await dialog.locator('input[type=file]').setInputFiles({
    name,
    mimeType: 'text/csv',
    buffer: Buffer.from(text, 'utf8'),
  });
  await dialog.getByRole('button', { name: 'Lanjut ke pemetaan kolom' }).click();
  await dialog.getByRole('heading', { name: 'Pemetaan kolom', exact: true }).waitFor();
  await dialog.locator('select[id$="-kunci_keluarga"]').selectOption('NO_KK');
  await dialog.getByRole('button', { name: 'Gabungkan ke desa' }).click();
  await dialog.getByRole('heading', { name: 'Tinjauan penggabungan ke desa' }).waitFor();
  await dialog.getByRole('button', { name: 'Selesai: tampilkan di peta' }).click();
  return dialog;
}

async function closeDone(dialog: Locator) {
  await dialog.getByRole('heading', { name: 'Data diimpor' }).waitFor();
  await dialog.getByRole('button', { name: 'Tutup dan lihat peta' }).click();
  await expect.poll(() => dialog.isVisible()).toBe(false);
}

const number = (text: string) => Number(text.replace(/[^\d,]/g, '').replace(',', '.'));

describe.skipIf(chromiumMissing)('periods that accumulate, change map and transitions', () => {
  it('imports one period, then the next as a separate file, and shows the same totals as the CLI', async ({
    app,
  }) => {
    const { page } = app;
    // first period: the district had only the bundled aggregate, so this is a dataset of its own
    await closeDone(await reviewOne(page, FILES[0], texts[0]));
    expect(await page.evaluate(() => window.__kantong.explore.dataset.periods)).toEqual(['2025-Q1']);

    // second period: the app asks to add it to the district's data
    const dialog = await reviewOne(page, FILES[1], texts[1]);
    const confirm = dialog.locator('[data-period-confirm]');
    await confirm.waitFor();
    expect(await confirm.innerText()).toContain('Tambahkan sebagai periode 2025-Q3');
    await screenshot(page, 'graduation-1-add-period');
    await confirm.getByRole('button', { name: 'Tambahkan periode' }).click();
    await closeDone(dialog);
    const ds = await page.evaluate(() => ({
      periods: window.__kantong.explore.dataset.periods,
      stored: window.__kantong.explore.dataset.stored.length,
      source: window.__kantong.explore.dataset.source,
      panels: window.__kantong.explore.dataset.panels.map((p) => p.periode),
    }));
    expect(ds).toEqual({
      periods: ['2025-Q1', '2025-Q3'],
      stored: 1,
      source: FILES.join(', '),
      panels: ['2025-Q1', '2025-Q3'],
    });

    // the Pemantauan mode: change map and transition matrix
    await page.getByRole('button', { name: 'Pemantauan' }).click();
    const panel = page.locator('aside.monitor');
    await panel.locator('[data-transition-table]').waitFor({ timeout: 60_000 });
    expect(await page.evaluate(() => window.__kantong.explore.indicator.id)).toBe('change_share_d1');
    const colours = await page.evaluate(() => window.__kantong.monitor.colours);
    expect(new Set(colours).size).toBeGreaterThan(2);
    await screenshot(page, 'graduation-2-change-map');

    // the CLI on the same two files (its own salt: hashes differ, links do not)
    const dir = mkdtempSync(path.join(tmpdir(), 'kantong-grad-browser-'));
    try {
      const files = FILES.map((f, i) => {
        const file = path.join(dir, f);
        writeFileSync(file, texts[i]);
        return file;
      });
      writeFileSync(path.join(dir, 'salt.txt'), 'garam-uji-peramban');
      const { kodeKab } = defaultDistrict();
      vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
      vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
      try {
        await graduation([
          '--kab',
          kodeKab,
          '--geo',
          'public/geo',
          ...files.flatMap((f) => ['--households', f]),
          '--key',
          'NO_KK',
          '--salt-file',
          path.join(dir, 'salt.txt'),
          '--out',
          path.join(dir, 'out'),
        ]);
      } finally {
        vi.restoreAllMocks();
      }
      const summary = JSON.parse(readFileSync(path.join(dir, 'out', 'summary.json'), 'utf8'));
      const figure = async (name: string) => panel.locator(`[data-figure="${name}"]`).innerText();
      expect(number(await figure('households_t0'))).toBe(summary.households_t0);
      expect(number(await figure('households_t1'))).toBe(summary.households_t1);
      expect(number(await figure('matched'))).toBe(summary.matched);
      expect(number(await figure('only_t0'))).toBe(summary.only_t0);
      expect(number(await figure('only_t1'))).toBe(summary.only_t1);
      expect(number((await figure('graduation_rate')).split('%')[0])).toBeCloseTo(
        100 * summary.graduation_rate,
        1,
      );
      // every cell of the heat table as the CLI's transitions.csv writes it
      const csv = readFileSync(path.join(dir, 'out', 'transitions.csv'), 'utf8')
        .replace(/^\uFEFF/, '')
        .split('\r\n')
        .filter((l) => !l.startsWith('#'))
        .join('\r\n');
      const rows = Papa.parse<Record<string, string>>(csv, {
        header: true,
        delimiter: ';',
        skipEmptyLines: true,
      }).data;
      const cells = await panel
        .locator('[data-transition-table] tbody tr')
        .evaluateAll((trs) =>
          trs.map((tr) => [...tr.querySelectorAll('td')].slice(0, 10).map((td) => td.textContent ?? '')),
        );
      const shown = (t: string) =>
        t === '×' ? '' : t.replace(/\./g, '').replace(/\s/g, '').replace('<', '< ');
      expect(cells.flat().map(shown)).toEqual(rows.map((r) => r.households));
      expect(number(await panel.locator('[data-matched]').innerText())).toBe(summary.matched);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    await screenshot(page, 'graduation-3-transitions');

    // the stuck-desa map draws from the same analysis
    await panel.getByLabel('Kantong stagnan (kelulusan rendah berkelompok)').check();
    await panel.locator('[data-stuck-outcome]').waitFor();
    // its key is on the map (it stays there in presentation mode) and counts every desa drawn once
    const legend = page.locator('section.legend');
    await legend.locator('li[data-category="stuck"]').waitFor();
    expect(await legend.locator('#legend-title').innerText()).toBe(
      'Kantong stagnan (kelulusan rendah berkelompok)',
    );
    const counted = await legend
      .locator('li .count')
      .evaluateAll((els) => els.map((el) => Number((el.textContent ?? '').replace(/\D/g, ''))));
    const desaCount = await page.evaluate(() => window.__kantong.explore.mapUnits.length);
    expect(counted.reduce((a, b) => a + b, 0)).toBe(desaCount);
    await screenshot(page, 'graduation-4-stuck');
    // the exported map carries that key: the stagnant swatch's purple is drawn, and the file says which map
    const [png] = await Promise.all([
      page.waitForEvent('download'),
      panel.getByRole('button', { name: 'PNG (layar)' }).click(),
    ]);
    expect(png.suggestedFilename()).toMatch(/stuck.*\.png$/);
    const image = PNG.sync.read(readFileSync((await png.path())!));
    let purple = 0;
    for (let i = 0; i < image.data.length; i += 4)
      if (image.data[i] === 0x54 && image.data[i + 1] === 0x27 && image.data[i + 2] === 0x8f) purple++;
    expect(purple, 'pixels of the stagnant-pocket swatch').toBeGreaterThan(50);
    await panel.getByLabel('Tingkat kelulusan per desa (dihaluskan)').check();
    await legend.locator('li[data-category="graduation.0"]').waitFor();
    const graduationCounts = await legend
      .locator('li .count')
      .evaluateAll((els) => els.map((el) => Number((el.textContent ?? '').replace(/\D/g, ''))));
    expect(graduationCounts.reduce((a, b) => a + b, 0)).toBe(desaCount);
  });

  it('importing a period the dataset already holds asks to replace or cancel', async ({ app }) => {
    const { page } = app;
    await closeDone(await reviewOne(page, FILES[0], texts[0]));
    const dialog = await reviewOne(page, 'lagi-2025-Q1.csv', texts[0]);
    const confirm = dialog.locator('[data-period-confirm]');
    await confirm.waitFor();
    expect(await confirm.innerText()).toMatch(/Periode 2025-Q1 sudah ada/);
    await confirm.getByRole('button', { name: 'Batal' }).click();
    await expect.poll(() => confirm.isVisible()).toBe(false);
    expect(await page.evaluate(() => window.__kantong.explore.dataset.source)).toBe(FILES[0]);
    // asked again, replacing keeps one period (never its rows twice)
    await dialog.getByRole('button', { name: 'Selesai: tampilkan di peta' }).click();
    await confirm.getByRole('button', { name: 'Ganti periode' }).click();
    await closeDone(dialog);
    const after = await page.evaluate(() => ({
      periods: window.__kantong.explore.dataset.periods,
      source: window.__kantong.explore.dataset.source,
      rows: window.__kantong.explore.dataset.rows.length,
    }));
    expect(after.periods).toEqual(['2025-Q1']);
    expect(after.source).toBe('lagi-2025-Q1.csv');
  });
});
