/**
 * The Kebutuhan mode on a planted synthetic extract of the default district, imported through the dialog with
 * the family-card number as household key: the targeting map (colours from published rates) and table, the
 * needs list of one agency, the verification worklist of one kecamatan (the planted duplicates, with source
 * row numbers) — each exported (CSV, XLSX, the A4 print) and read back; no identifier or small count in any of
 * it. Bad input: a file without programme or condition columns explains what the views need, and the rest of
 * the app keeps working.
 */
import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import readXlsxFile from 'read-excel-file/node';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { Locator, Page } from 'playwright-core';
import type { GeoJSONSource } from 'maplibre-gl';
import type { FeatureCollection } from 'geojson';
import { describe, expect } from 'vitest';
import { calibrationProfile } from '../../src/lib/synth/calibration.ts';
import { householdFileHead, HouseholdRowFormatter } from '../../src/lib/synth/csv-format.ts';
import { generateHouseholds } from '../../src/lib/synth/households.ts';
import { plantNeedsPatterns } from '../../src/lib/synth/needs-patterns.ts';
import { chromiumMissing, it, mapSettled, screenshot } from './harness.ts';
import { defaultDistrict } from './import-fixture.ts';

const PERIODE = '2025-Q3';
const FILE = `dtsen-${PERIODE}.csv`;
const NIK_LIKE = /(?<![\d.,])\d{16}(?!\d)/;

/** One period of a planted extract of the default district (fake NIK, No. KK, names, addresses). */
function plantedExtract(columnsOut: readonly string[] = []) {
  const { kodeKab, desa } = defaultDistrict();
  const district = generateHouseholds(kodeKab, desa.features, calibrationProfile(kodeKab), {
    households: 15_000,
    seed: 14,
    periods: [PERIODE],
    geotagShare: 0.85,
  });
  const planted = plantNeedsPatterns(district);
  const f = new HouseholdRowFormatter(planted.district, 0, 'JAWA TENGAH');
  let text = householdFileHead(14, PERIODE) + f.rows(0, f.count);
  if (columnsOut.length > 0) {
    const lines = text.split('\r\n');
    const header = lines[1].split(';');
    const drop = new Set(columnsOut.map((c) => header.indexOf(c)));
    text = lines
      .map((l, i) =>
        i === 0 || l === ''
          ? l
          : l
              .split(';')
              .filter((_, j) => !drop.has(j))
              .join(';'),
      )
      .join('\r\n');
  }
  const names = text
    .split('\r\n')
    .slice(2, 200)
    .map((l) => l.split(';')[2])
    .filter(Boolean);
  return { text, planted: planted.planted, names, desa: desa.features.map((d) => d.properties) };
}

async function importExtract(page: Page, text: string, key: boolean): Promise<void> {
  await page.getByRole('button', { name: 'Impor data' }).click();
  const dialog: Locator = page.getByRole('dialog', { name: 'Impor data' });
  await dialog.waitFor();
  await dialog.locator('input[type=file]').setInputFiles({
    name: FILE,
    mimeType: 'text/csv',
    buffer: Buffer.from(text, 'utf8'),
  });
  await dialog.getByRole('button', { name: 'Lanjut ke pemetaan kolom' }).click();
  await dialog.getByRole('heading', { name: 'Pemetaan kolom', exact: true }).waitFor();
  if (key)
    await dialog.getByLabel('Kunci keluarga untuk menautkan periode (disamarkan)').selectOption('NO_KK');
  await dialog.getByRole('button', { name: 'Gabungkan ke desa' }).click();
  await dialog.getByRole('heading', { name: 'Tinjauan penggabungan ke desa' }).waitFor({ timeout: 60_000 });
  await dialog.getByRole('button', { name: 'Selesai: tampilkan di peta' }).click();
  await dialog.getByRole('heading', { name: 'Data diimpor' }).waitFor({ timeout: 60_000 });
  await dialog.getByRole('button', { name: 'Tutup dan lihat peta' }).click();
  await expect.poll(() => dialog.isVisible()).toBe(false);
}

async function openNeeds(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Kebutuhan', exact: true }).click();
  await page.getByTestId('needs-tab-targeting').waitFor();
  const toggle = page.locator('[data-testid=needs-table] .bar button');
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
}

async function downloaded(page: Page, testId: string): Promise<{ name: string; bytes: Buffer }> {
  const [d] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()]);
  return { name: d.suggestedFilename(), bytes: readFileSync((await d.path())!) };
}

function csvRows(bytes: Buffer) {
  const text = bytes.toString('utf8');
  expect(text.startsWith('\uFEFF# DATA SINTETIS')).toBe(true);
  const body = text
    .replace(/^\uFEFF/, '')
    .split('\r\n')
    .filter((l) => !l.startsWith('#'))
    .join('\r\n');
  return {
    text,
    rows: Papa.parse<Record<string, string>>(body, { header: true, delimiter: ';', skipEmptyLines: true })
      .data,
  };
}

/** Integer counts 1 … k−1 among cells (`id-ID` thousands dots allowed). */
const small = (cells: string[], k = 10) =>
  cells.filter(
    (t) =>
      /^\d[\d.]*$/.test(t.trim()) && Number(t.replace(/\./g, '')) >= 1 && Number(t.replace(/\./g, '')) < k,
  );

describe.skipIf(chromiumMissing)('Kebutuhan: targeting, needs per agency, verification worklist', () => {
  it('targeting map, one agency list and one kecamatan worklist, exported and read back', async ({ app }) => {
    const { page } = app;
    const extract = plantedExtract();
    await importExtract(page, extract.text, true);
    await openNeeds(page);
    await mapSettled(page);

    // targeting map: the desa coloured from the published exclusion rates of PKH, the table beside it
    const state = await page.evaluate(() => {
      const n = window.__kantong.needs;
      return {
        programmes: n.views!.programmes,
        colours: n.colours,
        rows: n.targetingRows.length,
        first: window.__kantong.explore.mapUnits[0].kode,
      };
    });
    expect(state.programmes).toEqual(['pkh', 'bpnt', 'pbi_jk']);
    expect(state.rows).toBe(extract.desa.length);
    expect(new Set(state.colours).size).toBeGreaterThan(2);
    const painted = await page.evaluate(
      (kode) => window.__kantong.map.getFeatureState({ source: 'desa', id: kode }).color as string,
      state.first,
    );
    expect(painted).toBe(state.colours[0]);
    await expect
      .poll(() => page.locator('[data-testid=needs-targeting-table] tbody tr').count())
      .toBe(extract.desa.length);
    expect(await page.getByTestId('needs-legend').innerText()).toMatch(
      /Eksklusi: keluarga pada desil layak \(1–4\)/,
    );
    // kabupaten and kecamatan lines in the panel
    const kecCount = new Set(extract.desa.map((d) => d.kode_kec)).size;
    expect(await page.locator('[data-testid=needs-areas] tbody tr').count()).toBe(1 + kecCount);
    expect(await page.locator('[data-testid=needs-areas] tbody tr').first().innerText()).toMatch(/Kendal/);
    await screenshot(page, 'needs-1-targeting');
    const targeting = csvRows((await downloaded(page, 'needs-csv')).bytes);
    expect(targeting.rows).toHaveLength(extract.desa.length * 3);
    expect(
      small(targeting.rows.flatMap((r) => [r.eligible_households, r.excluded_households, r.recipients])),
    ).toEqual([]);

    // the needs list of one agency (Perkim: earth floor), on screen and downloaded
    await page.getByTestId('needs-tab-needs').click();
    await page.getByTestId('needs-agency').selectOption('Perkim');
    const table = page.locator('[data-testid=needs-needs-table] tbody tr');
    await expect.poll(() => table.count()).toBeGreaterThan(10);
    const needsOnScreen = await table.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-need')));
    expect(new Set(needsOnScreen)).toEqual(new Set(['lantai_tanah']));
    await screenshot(page, 'needs-2-agency');
    const agency = await downloaded(page, 'needs-csv');
    expect(agency.name).toMatch(/^perkim-33\.24/);
    const agencyRows = csvRows(agency.bytes).rows;
    expect(agencyRows).toHaveLength(needsOnScreen.length);
    expect(new Set(agencyRows.map((r) => r.agency))).toEqual(new Set(['Perkim']));
    expect(small(agencyRows.flatMap((r) => [r.base_households, r.households_with_need]))).toEqual([]);

    // the verification worklist of the kecamatan holding the planted duplicate block
    const dupDesa = extract.planted.duplicate_desa;
    const kec = dupDesa.slice(0, 8);
    await page.getByTestId('needs-tab-verification').click();
    await page.getByTestId('needs-kecamatan').selectOption(kec);
    const worklist = page.locator('[data-testid=needs-worklist-table] tbody tr');
    await expect
      .poll(() =>
        page
          .locator(`[data-testid=needs-worklist-table] tr[data-kode="${dupDesa}"][data-issue=duplicate_key]`)
          .count(),
      )
      .toBe(1);
    const lines = await worklist.count();
    const dupText = await page.locator(`tr[data-kode="${dupDesa}"][data-issue=duplicate_key]`).innerText();
    const expectedRows = extract.planted.duplicate_rows[PERIODE].flatMap((r) => [r + 2, r + 3]);
    for (const r of expectedRows) expect(dupText).toContain(String(r));
    // the desa with something to check are coloured on the map, the worklist's desa outlined
    await expect
      .poll(() =>
        page.evaluate(async (kode) => {
          const { map } = window.__kantong;
          const outlined = (await (
            map.getSource('shortlist') as GeoJSONSource
          ).getData()) as FeatureCollection;
          return {
            color: map.getFeatureState({ source: 'desa', id: kode }).color as string,
            marked: outlined.features.some((f) => f.properties!.kode === kode),
          };
        }, dupDesa),
      )
      .toEqual({ color: '#d95f0e', marked: true });
    await mapSettled(page);
    await screenshot(page, 'needs-3-worklist');
    const csv = csvRows((await downloaded(page, 'needs-csv')).bytes);
    expect(csv.rows).toHaveLength(lines);
    expect(new Set(csv.rows.map((r) => r.kode_kec))).toEqual(new Set([kec]));
    const dup = csv.rows.find((r) => r.issue === 'duplicate_key')!;
    expect(
      dup.source_rows
        .split(' ')
        .map(Number)
        .sort((a, b) => a - b),
    ).toEqual(expectedRows.sort((a, b) => a - b));
    const xlsx = await downloaded(page, 'needs-xlsx');
    const book = await readXlsxFile(xlsx.bytes);
    expect(book.map((s) => s.sheet)).toEqual(['Verifikasi', 'Catatan']);
    expect(book[0].data.length - 1).toBe(lines);
    expect(book[0].data.map((r) => String(r[1]))).toContain('duplicate_key');

    // the A4 worklist of that kecamatan, printed to PDF and read back
    await page.evaluate(() => {
      window.print = () => void (document.body.dataset.printed = 'true');
    });
    await page.getByTestId('needs-print').click();
    await page.waitForFunction(() => document.body.dataset.printed === 'true');
    const pdf = await page.pdf({ format: 'A4' });
    const doc = await getDocument({ data: new Uint8Array(pdf), isEvalSupported: false }).promise;
    const pdfText: string[] = [];
    for (let i = 1; i <= doc.numPages; i++)
      pdfText.push(
        (await (await doc.getPage(i)).getTextContent()).items
          .map((it) => ('str' in it ? it.str : ''))
          .join(' '),
      );
    await doc.destroy();
    const kecName = extract.desa.find((d) => d.kode_desa === dupDesa)!.nama_kec;
    expect(pdfText.join(' ')).toContain(`Kecamatan ${kecName}`);
    expect(pdfText.join(' ')).toContain('Kunci keluarga ganda');
    expect(pdfText[0]).toContain('DATA SINTETIS');

    // privacy: nothing shown or exported holds a name or a 16-digit number
    const everything = [
      await page.locator('body').innerText(),
      targeting.text,
      agency.bytes.toString('utf8'),
      csv.text,
      book.flatMap((s) => s.data.map((r) => r.join(';'))).join('\n'),
      pdfText.join('\n'),
    ];
    for (const text of everything) {
      expect(text).not.toMatch(NIK_LIKE);
      for (const name of extract.names.slice(0, 50)) expect(text).not.toContain(name);
      expect(text).not.toMatch(/DUSUN SINTETIS/);
    }
  });

  it('a file without programme or condition columns: the views say what they need, the rest works', async ({
    app,
  }) => {
    const { page } = app;
    // the bundled aggregate first: no household file at all
    await page.getByRole('button', { name: 'Kebutuhan', exact: true }).click();
    await expect
      .poll(() => page.getByTestId('needs-problem').innerText())
      .toMatch(/memerlukan berkas data keluarga/);
    await page.getByRole('button', { name: 'Jelajah', exact: true }).click();
    const extract = plantedExtract([
      'PKH',
      'BPNT',
      'PBI_JK',
      'LANTAI_TANAH',
      'AIR_TIDAK_LAYAK',
      'SANITASI_TIDAK_LAYAK',
      'MISKIN_EKSTREM',
    ]);
    await importExtract(page, extract.text, false);
    await page.getByRole('button', { name: 'Kebutuhan', exact: true }).click();
    const problem = await page.getByTestId('needs-problem').innerText();
    expect(problem).toMatch(/tidak punya kolom program/);
    expect(problem).toMatch(/Peta dan peringkat lain tetap dapat dipakai/);
    await screenshot(page, 'needs-4-no-columns');
    // the explore view still maps the imported data
    await page.getByRole('button', { name: 'Jelajah', exact: true }).click();
    await mapSettled(page);
    const shown = await page.evaluate(() => window.__kantong.explore.dataset.source);
    expect(shown).toBe(FILE);
    expect(await page.evaluate(() => window.__kantong.explore.units.length)).toBe(extract.desa.length);
  });
});
