/**
 * The exports a planner hands over: the map as PNG (screen and poster width, with the legend shown on
 * screen drawn in), the A4 brief printed to PDF by Chromium (shortlist and one kecamatan; Ctrl+P gives the
 * brief, never the app screen), and the project file — saved, opened in a fresh browser, refused with its
 * message when it is bad. No count of 1 … k−1 households in any of them.
 */
import { readFileSync } from 'node:fs';
import { PNG } from 'pngjs';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { describe, expect } from 'vitest';
import type { Page } from 'playwright-core';
import { sha256Hex } from '../../src/lib/project/checksum.ts';
import { chromiumMissing, it, mapSettled, openApp, SCREENSHOT_DIR, screenshot } from './harness.ts';

/** Opens the ranking table of the Prioritas mode and waits for its rows (and the robustness run). */
async function openPriority(page: Page, robustness = true): Promise<void> {
  if ((await page.evaluate(() => window.__kantong.explore.view.task)) !== 'priority')
    await page.getByRole('button', { name: 'Prioritas' }).click();
  const toggle = page.locator('section.table-panel .bar button');
  await toggle.waitFor();
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
  await page.locator('#ranking-table tbody tr').first().waitFor({ timeout: 30_000 });
  if (robustness)
    await page.waitForFunction(() => window.__kantong.priority.robustness !== null, null, {
      timeout: 60_000,
    });
}

/** Clicks a button and returns the bytes of the download it starts. */
async function downloaded(page: Page, name: string | RegExp): Promise<{ name: string; bytes: Buffer }> {
  const [d] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name }).click()]);
  return { name: d.suggestedFilename(), bytes: readFileSync((await d.path())!) };
}

/** Width and height from a PNG's IHDR chunk (bytes 16–23, after the signature and the chunk head). */
function pngSize(bytes: Buffer): { width: number; height: number } {
  expect(bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  expect(bytes.subarray(12, 16).toString('latin1')).toBe('IHDR');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/** Spread of the image's luminance and its number of distinct colours: a blank or one-colour image has neither. */
function pixelSpread(bytes: Buffer): { sd: number; colours: number } {
  const png = PNG.sync.read(bytes);
  let n = 0;
  let sum = 0;
  let sq = 0;
  const colours = new Set<number>();
  // every 7th pixel is plenty for a map of millions
  for (let i = 0; i < png.data.length; i += 4 * 7) {
    const [r, g, b] = [png.data[i], png.data[i + 1], png.data[i + 2]];
    const y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
    n++;
    sum += y;
    sq += y * y;
    colours.add((r << 16) | (g << 8) | b);
  }
  const mean = sum / n;
  return { sd: Math.sqrt(sq / n - mean * mean), colours: colours.size };
}

/** Page count and the text of each page of a PDF (pdf.js, the parser Firefox uses). */
async function pdfText(bytes: Buffer): Promise<{ pages: number; text: string[] }> {
  const doc = await getDocument({ data: new Uint8Array(bytes), isEvalSupported: false }).promise;
  const text: string[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const content = await (await doc.getPage(i)).getTextContent();
    text.push(content.items.map((item) => ('str' in item ? item.str : '')).join(' '));
  }
  await doc.destroy();
  return { pages: doc.numPages, text };
}

/** Prints with the "Cetak ringkasan A4" button (the print dialog stubbed) and returns the PDF Chromium makes. */
async function printBrief(page: Page, name = 'Cetak ringkasan A4'): Promise<Buffer> {
  await page.evaluate(() => {
    delete document.body.dataset.printed;
    window.print = () => void (document.body.dataset.printed = 'true');
  });
  await page.getByRole('button', { name }).click();
  await page.waitForFunction(() => document.body.dataset.printed === 'true', null, { timeout: 60_000 });
  return page.pdf({ format: 'A4' });
}

/** Screenshot of the print view as laid out on A4 (186 mm between the margins ≈ 703 CSS px). */
async function printScreenshot(page: Page, name: string): Promise<void> {
  const viewport = page.viewportSize()!;
  await page.emulateMedia({ media: 'print' });
  await page.setViewportSize({ width: 703, height: 1000 });
  await page.screenshot({ path: `${SCREENSHOT_DIR}/${name}.png`, fullPage: true });
  await page.emulateMedia({ media: null });
  await page.setViewportSize(viewport);
}

/** The counts of the brief's household columns that are 1 … k−1 (there must be none). */
async function smallBriefCounts(page: Page, k: number): Promise<string[]> {
  const cells = await page.$$eval('.print-brief td.households, .print-brief td.target', (tds) =>
    tds.map((td) => td.textContent!.trim()),
  );
  expect(cells.length).toBeGreaterThan(0);
  return cells.filter(
    (t) => /^[\d.]+$/.test(t) && Number(t.replace(/\./g, '')) >= 1 && Number(t.replace(/\./g, '')) < k,
  );
}

describe.skipIf(chromiumMissing)('exports: map PNG, A4 brief, project file', () => {
  it('downloads the Prioritas map as PNG at screen and poster width, with its legend, not blank', async ({
    app,
  }) => {
    const { page } = app;
    await openPriority(page);
    await mapSettled(page);
    const screen = await downloaded(page, 'PNG (layar)');
    expect(screen.name).toMatch(/^peta-(33\.24|99\.99)-prioritas-.*\.png$/);
    const canvasWidth = await page.evaluate(() => window.__kantong.map.getCanvas().width);
    const s = pngSize(screen.bytes);
    expect(s.width).toBe(canvasWidth);
    // the footer (date, sources) is drawn under the map
    expect(s.height).toBeGreaterThan(await page.evaluate(() => window.__kantong.map.getCanvas().height));
    const poster = await downloaded(page, 'PNG (poster 3000 px)');
    expect(poster.name).toMatch(/^peta-poster-/);
    const p = pngSize(poster.bytes);
    expect(p.width).toBe(3000);
    expect(p.height / p.width).toBeCloseTo(s.height / s.width, 1);
    for (const bytes of [screen.bytes, poster.bytes]) {
      const spread = pixelSpread(bytes);
      expect(spread.sd).toBeGreaterThan(20);
      expect(spread.colours).toBeGreaterThan(200);
    }
    // the map gets its own pixel ratio back
    expect(await page.evaluate(() => window.__kantong.map.getCanvas().width)).toBe(canvasWidth);
    // the legend drawn is the ranking's legend on screen, row for row
    const drawn = await page.evaluate(() =>
      window.__kantong.exporter.decorations(true).legend.rows.map((r) => `${r.label}|${r.count}`),
    );
    const shown = await page.$$eval('section.legend li', (lis) =>
      lis.map(
        (li) =>
          `${li.querySelector('.range')!.textContent!.trim()}|${li.querySelector('.count')!.textContent!.trim()}`,
      ),
    );
    expect(drawn).toEqual(shown);
    expect(drawn[0]).toMatch(/^peringkat 1–\d+\|\d+ desa$/);
    expect(
      await page
        .getByRole('status')
        .filter({ hasText: /3000 × \d+ px/ })
        .count(),
    ).toBe(1);
  });

  it('draws the explore legend into a PNG from the explore view, in English too', async ({ app }) => {
    const { page } = app;
    await mapSettled(page);
    const png = await downloaded(page, 'PNG (layar)');
    expect(pixelSpread(png.bytes).sd).toBeGreaterThan(20);
    const legend = await page.evaluate(() => window.__kantong.exporter.decorations(true));
    expect(legend.legend.title).toBe(await page.locator('section.legend h2').textContent());
    const h1 = (await page.locator('#map-title').textContent())!.replace(/\s+/g, ' ').trim();
    expect(`${legend.title.heading} ${legend.title.unit}`).toBe(h1);
    expect(legend.title.marks.map((m) => m.text)).toContain('DATA SINTETIS');
    expect(legend.footer[0]).toMatch(/^Tanggal: \d{4}-\d\d-\d\d · Batas wilayah: /);
    expect(legend.north).toBe('U');
    await page.getByRole('button', { name: 'Ganti bahasa ke English' }).click();
    const en = await page.evaluate(() => window.__kantong.exporter.decorations(true));
    expect(en.footer[0]).toMatch(/^Date: \d{4}-\d\d-\d\d · Boundaries: /);
    expect(en.north).toBe('N');
    expect(en.legend.title).toBe(await page.locator('section.legend h2').textContent());
    const poster = await downloaded(page, 'PNG (poster 3000 px)');
    expect(pngSize(poster.bytes).width).toBe(3000);
  });

  it('prints the shortlist brief to an A4 PDF of 1–3 pages with the table, the method and the robustness', async ({
    app,
  }) => {
    const { page } = app;
    await openPriority(page);
    const listed = await page.evaluate(() =>
      window.__kantong.priority.rows.filter((r) => r.inShortlist).map((r) => r.nama_desa),
    );
    expect(listed).toHaveLength(20);
    const pdf = await printBrief(page);
    const { pages, text } = await pdfText(pdf);
    expect(pages).toBeGreaterThanOrEqual(1);
    expect(pages).toBeLessThanOrEqual(3);
    const all = text.join(' ');
    expect(text[0]).toMatch(
      /Ringkasan desa prioritas: Kabupaten Kendal \(33\.24\)|Ringkasan desa prioritas: .*\(99\.99\)/,
    );
    expect(text[0]).toContain('DATA SINTETIS');
    expect(all).toContain('Daftar pendek: 20 desa');
    for (const name of listed) expect(all).toContain(name);
    expect(all).toMatch(/masuk daftar pada \d+% variasi bobot/);
    expect(all).toContain('Ketahanan terhadap bobot');
    expect(all).toMatch(/Aturan: 20 desa teratas/);
    expect(all).toMatch(/Tanggal: \d{4}-\d\d-\d\d/);
    // the brief's map was drawn at print resolution
    expect(
      await page.evaluate(() => document.querySelector<HTMLCanvasElement>('.print-brief canvas')!.width),
    ).toBe(1800);
    const k = await page.evaluate(() => window.__kantong.explore.view.minCount);
    expect(await smallBriefCounts(page, k)).toEqual([]);
    await printScreenshot(page, 'brief-shortlist-a4');
  });

  it('prints the brief of one kecamatan: its desa, its map in focus', async ({ app }) => {
    const { page } = app;
    await openPriority(page);
    const kec = await page.evaluate(() => {
      const { priority } = window.__kantong;
      const r = priority.rows.find((x) => x.inShortlist)!;
      return {
        kode: r.kode_kec,
        nama: r.nama_kec,
        desa: priority.rows.filter((x) => x.kode_kec === r.kode_kec).map((x) => x.nama_desa),
      };
    });
    await page.locator('#brief-of').selectOption(kec.kode);
    const { pages, text } = await pdfText(await printBrief(page));
    expect(pages).toBeGreaterThanOrEqual(1);
    expect(pages).toBeLessThanOrEqual(3);
    const all = text.join(' ');
    expect(all).toContain(`Ringkasan desa prioritas Kecamatan ${kec.nama}`);
    expect(all).toContain(`Desa di Kecamatan ${kec.nama} menurut peringkat: ${kec.desa.length} desa`);
    for (const name of kec.desa) expect(all).toContain(name);
    expect(await page.evaluate(() => window.__kantong.explore.view.focus)).toBe(kec.kode);
    expect(await page.locator('.print-brief tbody tr').count()).toBe(kec.desa.length);
    await printScreenshot(page, 'brief-kecamatan-a4');
  });

  it('shows no count of 1 … k−1 in the brief at a high k', async ({ browser }) => {
    const { page, context } = await openApp(browser, { query: '?task=priority&min-count=50' });
    try {
      await openPriority(page);
      expect(await page.evaluate(() => window.__kantong.explore.view.minCount)).toBe(50);
      const { text } = await pdfText(await printBrief(page));
      expect(text.join(' ')).toMatch(/< 50/);
      expect(await smallBriefCounts(page, 50)).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('Ctrl+P prints the brief, not the app screen; the explore view prints a map sheet', async ({ app }) => {
    const { page } = app;
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.app').isVisible()).toBe(false);
    expect(await page.locator('.print-brief').isVisible()).toBe(true);
    await page.emulateMedia({ media: null });
    expect(await page.locator('.app').isVisible()).toBe(true);
    expect(await page.locator('.print-brief').isVisible()).toBe(false);
    // the browser's own print (Ctrl+P) fires beforeprint: the map is drawn into the brief at once
    await mapSettled(page);
    const spread = await page.evaluate(() => {
      window.dispatchEvent(new Event('beforeprint'));
      const c = document.querySelector<HTMLCanvasElement>('.print-brief canvas')!;
      const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
      const seen = new Set<number>();
      for (let i = 0; i < d.length; i += 4 * 11) seen.add((d[i] << 16) | (d[i + 1] << 8) | d[i + 2]);
      return { width: c.width, colours: seen.size };
    });
    expect(spread.width).toBe(await page.evaluate(() => window.__kantong.map.getCanvas().width));
    expect(spread.colours).toBeGreaterThan(100);
    const sheet = await pdfText(await page.pdf({ format: 'A4' }));
    expect(sheet.pages).toBe(1);
    expect(sheet.text[0]).toMatch(/^Peta Persentase keluarga desil 1/);
    expect(sheet.text[0]).toContain('Batas wilayah:');
    await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
    await printScreenshot(page, 'print-explore-map-sheet');
    // in the Prioritas mode Ctrl+P gives the shortlist brief
    await openPriority(page, false);
    await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
    const brief = await pdfText(await page.pdf({ format: 'A4' }));
    expect(brief.pages).toBeLessThanOrEqual(3);
    expect(brief.text[0]).toContain('Ringkasan desa prioritas');
    expect(brief.text.join(' ')).toContain('Daftar pendek: 20 desa');
  });
});

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the tests edit parsed JSON at any depth
type Json = any;

/** What a project restores, read from the page. */
function projectState(page: Page) {
  return page.evaluate(() => {
    const { explore, priority } = window.__kantong;
    const plain = <T>(v: T): T => JSON.parse(JSON.stringify(v));
    return {
      view: plain(explore.view),
      scenario: plain(priority.scenario),
      saved: plain(priority.saved),
      rows: explore.dataset.rows.map((r) => [r.periode, r.kode_desa, r.jumlah_kk, ...r.kk_desil].join(',')),
      periods: [...explore.dataset.periods],
      synthetic: explore.dataset.synthetic,
      shortlist: [...priority.shortlistCodes].sort(),
      top: priority.rows.slice(0, 30).map((r) => r.kode_desa),
    };
  });
}

describe.skipIf(chromiumMissing)('exports: the project file', () => {
  it('saves a project and opens it in a fresh browser: same data, view, scenarios, shortlist and notes', async ({
    browser,
  }) => {
    const a = await openApp(browser, { query: '?task=priority&min-count=12&indicator=share_d1_4' });
    let saved!: { name: string; bytes: Buffer };
    let before!: Awaited<ReturnType<typeof projectState>>;
    try {
      await openPriority(a.page, false);
      await a.page.getByRole('button', { name: 'Bansos desil 1–4' }).click();
      await a.page.locator('.indicators input[type=range]').first().fill('60');
      const row = a.page.locator('#ranking-table tbody tr').nth(25);
      await row.locator('input[type=checkbox]').check();
      await row.locator('button.pin').click();
      await row.locator('input.note').fill('cek lapangan; jalan rusak');
      await row.locator('input.note').press('Tab');
      await a.page.locator('#pr-name').fill('Bansos uji');
      await a.page.getByRole('button', { name: 'Simpan skenario' }).click();
      await expect.poll(() => a.page.evaluate(() => window.__kantong.priority.saved.length)).toBe(1);
      await a.page.locator('.indicators input[type=range]').nth(1).fill('10');
      before = await projectState(a.page);
      saved = await downloaded(a.page, 'Simpan proyek');
    } finally {
      await a.context.close();
    }
    expect(saved.name).toMatch(/^proyek-(33\.24|99\.99)-bansos-uji-\d{4}-\d\d-\d\d\.json$/);
    const text = saved.bytes.toString('utf8');
    expect(text.startsWith('{\n  "kantong-project": 1,\n  "note": "BERKAS KERJA INTERNAL')).toBe(true);
    const file = JSON.parse(text);
    expect(Object.keys(file.content)).toEqual([
      'boundary',
      'dataset',
      'view',
      'scenarios',
      'targets',
      'slides',
    ]);
    // no slide was made in this test
    expect(file.content.slides).toEqual([]);
    // the Pemantauan mode's targets (the defaults here)
    expect(file.content.targets).toEqual([
      { id: 'extreme', year: 2026, value: 0 },
      { id: 'poverty', year: 2029, value: 0.045 },
    ]);
    expect(file.content.boundary.desa_sha256).toMatch(/^[0-9a-f]{64}$/);
    // aggregates only: the fields of a desa row, nothing from a household
    const fields = new Set(file.content.dataset.rows.flatMap((r: object) => Object.keys(r)));
    expect([...fields].sort()).toEqual([
      'jumlah_jiwa',
      'jumlah_kk',
      'kk_desil',
      'kode_desa',
      'periode',
      'programmes',
    ]);
    expect(before.scenario.shortlist?.some((e) => e.note === 'cek lapangan; jalan rusak')).toBe(true);

    const b = await openApp(browser);
    try {
      expect((await projectState(b.page)).view.task).toBe('explore');
      await b.page.locator('input[data-project-file]').setInputFiles({
        name: saved.name,
        mimeType: 'application/json',
        buffer: saved.bytes,
      });
      await b.page
        .getByRole('status')
        .filter({ hasText: /Proyek .* dibuka/ })
        .waitFor({ timeout: 30_000 });
      await openPriority(b.page, false);
      const after = await projectState(b.page);
      expect(after).toEqual(before);
      expect(await b.page.locator('.saved').textContent()).toContain('Bansos uji');
      expect(
        await b.page
          .locator('#ranking-table input.note')
          .evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value).filter(Boolean)),
      ).toEqual(['cek lapangan; jalan rusak']);
      // stored like an import: the data, the view's scenario and the saved one survive a reload
      await b.page.waitForTimeout(300);
      await b.page.reload();
      await b.page.waitForFunction(() => document.body.dataset.mapReady === 'true', null, {
        timeout: 60_000,
      });
      await openPriority(b.page, false);
      const reloaded = await projectState(b.page);
      expect(reloaded.rows).toEqual(before.rows);
      expect(reloaded.scenario).toEqual(before.scenario);
      expect(reloaded.saved).toEqual(before.saved);
      expect(await b.page.evaluate(() => window.__kantong.explore.dataset.active)).toMatch(/^proyek-/);
      await screenshot(b.page, 'project-opened');
    } finally {
      await b.context.close();
    }
  });

  it('refuses bad project files with their message in the UI language, and changes nothing', async ({
    app,
  }) => {
    const { page } = app;
    const good = (await downloaded(page, 'Simpan proyek')).bytes.toString('utf8');
    const edit = (change: (content: Json) => void) => {
      const data = JSON.parse(good);
      change(data.content);
      data.checksum = `sha256:${sha256Hex(JSON.stringify(data.content))}`;
      return JSON.stringify(data);
    };
    const kab = JSON.parse(good).content.boundary.kode_kab as string;
    const cases: [string, string, RegExp][] = [
      [
        'lain.json',
        edit((c) => {
          c.boundary.kode_kab = '33.25';
          c.boundary.nama_kab = 'Kabupaten Batang';
          c.dataset.rows.forEach(
            (r: { kode_desa: string }) => (r.kode_desa = r.kode_desa.replace(kab, '33.25')),
          );
        }),
        /lain\.json: proyek untuk Kabupaten Batang \(33\.25\), bukan wilayah yang terbuka/,
      ],
      [
        'baru.json',
        good.replace('"kantong-project": 1', '"kantong-project": 7'),
        /dibuat oleh versi Kantong yang lebih baru \(format 7\)/,
      ],
      [
        'bukan.json',
        'kode_desa;jumlah_kk\n33.24.01.2001;40\n',
        /bukan.json: bukan berkas proyek Kantong \(JSON tidak sah\)/,
      ],
      ['potong.json', good.slice(0, Math.floor(good.length / 2)), /berkas proyek rusak \(terpotong/],
      [
        'rusak.json',
        good.replace(/"jumlah_kk":(\d+)/, '"jumlah_kk":9$1'),
        /berkas proyek rusak \(isinya tidak cocok dengan checksum/,
      ],
      [
        'bentuk.json',
        edit((c) => delete c.dataset.rows),
        /berkas proyek rusak \(bagian "dataset\.rows" tidak sah\)/,
      ],
      [
        'nik.json',
        edit((c) =>
          c.dataset.rows.forEach(
            (r: Record<string, string>, i: number) => (r.NIK = `33240112038500${10 + (i % 90)}`),
          ),
        ),
        /nik\.json: berisi kolom data pribadi \(NIK\); tidak dibuka/,
      ],
    ];
    const state = await projectState(page);
    const active = await page.evaluate(() => window.__kantong.explore.dataset.active);
    for (const [name, text, message] of cases) {
      await page.locator('input[data-project-file]').setInputFiles({
        name,
        mimeType: 'application/json',
        buffer: Buffer.from(text),
      });
      const alert = page.getByRole('alert').filter({ hasText: name });
      await alert.waitFor();
      expect(await alert.textContent(), name).toMatch(message);
      expect(await projectState(page), name).toEqual(state);
      expect(await page.evaluate(() => window.__kantong.explore.dataset.active)).toBe(active);
    }
    await screenshot(page, 'project-refused');
    await page.getByRole('button', { name: 'Ganti bahasa ke English' }).click();
    await page.locator('input[data-project-file]').setInputFiles({
      name: 'new.json',
      mimeType: 'application/json',
      buffer: Buffer.from(good.replace('"kantong-project": 1', '"kantong-project": 2')),
    });
    await page.getByRole('alert').filter({ hasText: 'new.json' }).waitFor();
    expect(await page.getByRole('alert').filter({ hasText: 'new.json' }).textContent()).toMatch(
      /new\.json: made by a newer version of Kantong \(format 2\); this version reads up to format 1/,
    );
  });
});
