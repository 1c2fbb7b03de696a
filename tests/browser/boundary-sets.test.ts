/**
 * A boundary set of several kabupaten/kota in the app (Kendal + Batang, built in the test from
 * ../shared/data): every desa of both on the map, a kabupaten level, and hexagons at resolution 8 in every
 * kabupaten of the set (clipped to the whole set, not to its first kabupaten).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { appUrl, chromiumMissing, foreignHosts, it, mapSettled, screenshot } from './harness.ts';
import { buildSet, hasWilayah, serveSets, WILAYAH, type BuiltSet } from './set-fixture.ts';
import { calibrationProfile } from '../../src/lib/synth/calibration.ts';
import { householdFileHead, HouseholdRowFormatter } from '../../src/lib/synth/csv-format.ts';
import { generateHouseholds } from '../../src/lib/synth/households.ts';
import type { DesaCollection } from '../../src/lib/geo/types.ts';

if (!hasWilayah) console.warn(`[skip] boundary sets in the app: ../shared/data not found at ${WILAYAH}`);

let set: BuiltSet | undefined;
beforeAll(async () => {
  if (hasWilayah && !chromiumMissing) set = await buildSet('33.24,33.25');
}, 300_000);
afterAll(() => set?.remove());

describe.skipIf(chromiumMissing || !hasWilayah)('a set of two kabupaten (33.24 + 33.25)', () => {
  it('opens with every desa, a kabupaten level, and res-8 hexagons in both kabupaten', async ({
    browser,
  }) => {
    const s = set!;
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'id-ID' });
    const requests: string[] = [];
    const errors: string[] = [];
    try {
      await serveSets(context, s.dir);
      const page = await context.newPage();
      page.on('request', (r) => requests.push(r.url()));
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(`${appUrl()}?kab=${encodeURIComponent(s.folder)}`);
      await page.waitForFunction(() => document.body.dataset.mapReady === 'true', null, { timeout: 90_000 });
      const total = s.manifest.counts.desa + s.manifest.counts.kelurahan;
      await expect
        .poll(() => page.evaluate(() => window.__kantong.explore.classOf.filter((c) => c >= 0).length), {
          timeout: 30_000,
        })
        .toBeGreaterThan(0);
      const desa = await page.evaluate(() => window.__kantong.explore.mapUnits.map((u) => u.kode));
      expect(desa).toHaveLength(total);
      expect(new Set(desa.map((k) => k.slice(0, 5)))).toEqual(new Set(['33.24', '33.25']));

      // The kabupaten level: two units, coloured from the summed desa.
      await page.getByRole('radio', { name: 'Kab/Kota' }).check();
      const kab = await page.evaluate(() => {
        const { explore } = window.__kantong;
        return {
          codes: explore.mapUnits.map((u) => u.kode),
          coloured: explore.classOf.filter((c) => c >= 0).length,
        };
      });
      expect(kab.codes).toEqual(['33.24', '33.25']);
      expect(kab.coloured).toBe(2);
      await mapSettled(page);
      await screenshot(page, 'set-kabupaten-level');

      // Hexagons at res 8 across the kabupaten border: cells whose main desa is in each kabupaten.
      await page.getByRole('radio', { name: 'Heksagon' }).check();
      await page.locator('#hex-res').selectOption('8');
      await expect
        .poll(() => page.evaluate(() => window.__kantong.explore.hexLayer?.resolution ?? null), {
          timeout: 120_000,
        })
        .toBe(8);
      // Hexagons are the first statistic asked for: the analysis Worker runs now.
      expect(page.workers().filter((w) => /analysis/.test(w.url()))).toHaveLength(1);
      const hex = await page.evaluate(() => {
        const { explore, district } = window.__kantong as unknown as {
          explore: typeof window.__kantong.explore;
          district?: unknown;
        };
        void district;
        const layer = explore.hexLayer!;
        const desaCodes = explore.district.desa!.features.map((f) => f.properties.kode_desa);
        const perKab: Record<string, number> = {};
        for (const d of layer.primaryDesa) {
          const k = desaCodes[d]?.slice(0, 5);
          if (k) perKab[k] = (perKab[k] ?? 0) + 1;
        }
        return { cells: layer.cells.length, perKab };
      });
      expect(Object.keys(hex.perKab).sort()).toEqual(['33.24', '33.25']);
      // Each kabupaten holds a share of the cells near its share of the area (res 8 ≈ 0.74 km² a cell).
      for (const k of ['33.24', '33.25']) expect(hex.perKab[k]).toBeGreaterThan(300);
      await mapSettled(page);
      await screenshot(page, 'set-hex-res8');
      expect(foreignHosts(requests)).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
  it('imports one household file covering both kabupaten; rows of a third are rejected with their reason', async ({
    browser,
  }) => {
    const s = set!;
    // One extract of the whole set: each member's synthetic households under one header, then rows whose
    // desa codes are moved to 33.26 (Pemalang), a kabupaten outside the set.
    const desa = JSON.parse(readFileSync(path.join(s.dir, s.folder, 'desa.json'), 'utf8')) as DesaCollection;
    let text = householdFileHead(16, '2025-Q3');
    const perKab: Record<string, number> = {};
    for (const kab of ['33.24', '33.25']) {
      const features = desa.features.filter((f) => f.properties.kode_desa.startsWith(`${kab}.`));
      const district = generateHouseholds(kab, features, calibrationProfile(kab), {
        households: 1_500,
        seed: 16,
        periods: ['2025-Q3'],
        geotagShare: 0.8,
      });
      const formatter = new HouseholdRowFormatter(district, 0, 'JAWA TENGAH');
      text += formatter.rows(0, formatter.count);
      perKab[kab] = formatter.count;
    }
    const lines = text.split('\r\n').filter(Boolean);
    const outside = lines
      .slice(2, 9)
      .map((l) => l.replace(/(^|;)3324(\d{6})(;|$)/, '$13326$2$3').replace(/;KENDAL;/, ';PEMALANG;'));
    expect(outside.every((l) => l.includes('3326'))).toBe(true);
    text = [...lines, ...outside].join('\r\n') + '\r\n';

    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'id-ID' });
    try {
      await serveSets(context, s.dir);
      const page = await context.newPage();
      await page.goto(`${appUrl()}?kab=${encodeURIComponent(s.folder)}`);
      await page.waitForFunction(() => document.body.dataset.mapReady === 'true', null, { timeout: 90_000 });
      await page.getByRole('button', { name: 'Impor data' }).click();
      const dialog = page.getByRole('dialog', { name: 'Impor data' });
      await dialog.locator('input[type=file]').setInputFiles({
        name: 'dtsen-kendal-batang.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from(text, 'utf8'),
      });
      await dialog.getByRole('button', { name: 'Lanjut ke pemetaan kolom' }).click();
      await dialog.getByRole('heading', { name: 'Pemetaan kolom', exact: true }).waitFor();
      await dialog.getByRole('button', { name: 'Gabungkan ke desa' }).click();
      await dialog.getByRole('heading', { name: 'Tinjauan penggabungan ke desa' }).waitFor();
      const count = async (what: string) =>
        Number(((await dialog.locator(`[data-count="${what}"]`).textContent()) ?? '').replace(/\D/g, ''));
      const rows = perKab['33.24'] + perKab['33.25'];
      await expect.poll(() => count('read')).toBe(rows + outside.length);
      expect(await count('joined')).toBe(rows);
      expect(await count('rejected')).toBe(outside.length);
      // the reason names the other kabupaten (by its code or the kabupaten column), not a missing desa
      expect(await dialog.innerText()).toMatch(/kabupaten\/kota lain/);
      await dialog.getByRole('button', { name: 'Selesai: tampilkan di peta' }).click();
      await dialog.getByRole('heading', { name: 'Data diimpor' }).waitFor();
      await dialog.getByRole('button', { name: 'Tutup dan lihat peta' }).click();
      // Both kabupaten hold their own households on the map.
      const held = await page.evaluate(() => {
        const { explore } = window.__kantong;
        const byKab: Record<string, number> = {};
        for (const r of explore.dataset.rows)
          byKab[r.kode_desa.slice(0, 5)] = (byKab[r.kode_desa.slice(0, 5)] ?? 0) + r.jumlah_kk;
        return byKab;
      });
      expect(held).toEqual(perKab);
    } finally {
      await context.close();
    }
  });
});
