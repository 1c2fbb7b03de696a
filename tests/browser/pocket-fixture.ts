/**
 * Data for the pocket browser tests, made in Node from the same generator and files as the app: where the
 * bundled synthetic data's planted pockets are, a noise version of the bundled desa table (desil drawn
 * independently of place, the same desa and household counts), and an import through the dialog.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon';
import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { parseDesaAggregateTable } from '../../src/lib/aggregate/desa-aggregate-table.ts';
import { SeededRandom } from '../../src/lib/random.ts';
import { calibrationProfile, defaultHouseholdCount } from '../../src/lib/synth/calibration.ts';
import { generateHouseholds } from '../../src/lib/synth/households.ts';
import { randomDesilCounts } from '../../src/lib/synth/null-model.ts';
import { DEFAULT_PERIODS } from '../../src/node/synth-files.ts';
import { defaultDistrict } from './import-fixture.ts';

/**
 * The desa holding the centre of each pocket the generator planted in the bundled data (the settings of
 * `writeSyntheticAggregate`: seed 1, the default household count, the default periods), deepest first.
 */
export function plantedPocketDesa(): { kode_desa: string; nama_desa: string; depth: number }[] {
  const { kodeKab, desa } = defaultDistrict();
  const profile = calibrationProfile(kodeKab);
  const synth = generateHouseholds(kodeKab, desa.features, profile, {
    households: defaultHouseholdCount(
      profile,
      desa.features.map((f) => f.properties),
    ),
    seed: 1,
    periods: DEFAULT_PERIODS,
    geotagShare: 0,
  });
  return synth.landscape.pockets
    .map((p) => {
      const f = desa.features.find((d) => booleanPointInPolygon([p.lon, p.lat], d));
      return f
        ? { kode_desa: f.properties.kode_desa, nama_desa: f.properties.nama_desa, depth: p.depth }
        : null;
    })
    .filter((p) => p !== null)
    .sort((a, b) => b.depth - a.depth);
}

/**
 * The bundled desa table of the last period with every household's desil drawn anew from the kabupaten's
 * shares (`randomDesilCounts`): the same desa and household counts, no pocket. A desa aggregate table, as the
 * import reads one.
 */
export function noiseDesaTable(seed: number): { name: string; text: string; periode: string } {
  const { folder, kodeKab, desa } = defaultDistrict();
  const names = new Map(desa.features.map((f) => [f.properties.kode_desa, f.properties]));
  const table = parseDesaAggregateTable(
    readFileSync(path.resolve(`public/data/${folder}/sintetis-agregat-desa-${kodeKab}.csv`), 'utf8'),
  );
  const periode = table.periods.at(-1)!;
  const rows = table.rows.filter((r) => r.periode === periode);
  const shares = Array.from({ length: 10 }, (_, q) => rows.reduce((s, r) => s + r.kk_desil[q], 0));
  const desil = randomDesilCounts(
    rows.map((r) => r.jumlah_kk),
    shares,
    new SeededRandom(seed),
  );
  const columns = ['periode', 'kode_desa', 'nama_desa', 'kode_kec', 'nama_kec', 'jumlah_kk'];
  const lines = [
    '# DATA SINTETIS - uji: desil diacak, tanpa kantong',
    [...columns, ...Array.from({ length: 10 }, (_, q) => `kk_desil_${q + 1}`)].join(';'),
    ...rows.map((r, d) =>
      [
        periode,
        r.kode_desa,
        names.get(r.kode_desa)?.nama_desa ?? '',
        names.get(r.kode_desa)?.kode_kec ?? '',
        names.get(r.kode_desa)?.nama_kec ?? '',
        r.jumlah_kk,
        ...Array.from(desil.subarray(d * 10, d * 10 + 10)),
      ].join(';'),
    ),
  ];
  return { name: `sintetis-acak-${seed}.csv`, text: `${lines.join('\r\n')}\r\n`, periode };
}

/** Imports one file through the dialog (detection, mapping and join as proposed) and closes it on the map. */
export async function importThroughDialog(page: Page, name: string, text: string): Promise<void> {
  const dialog: Locator = page.getByRole('dialog', { name: 'Impor data' });
  if (!(await dialog.isVisible())) await page.getByRole('button', { name: 'Impor data' }).click();
  await dialog.waitFor();
  await dialog.locator('input[type=file]').setInputFiles({
    name,
    mimeType: 'text/csv',
    buffer: Buffer.from(text, 'utf8'),
  });
  await dialog.getByRole('button', { name: 'Lanjut ke pemetaan kolom' }).click();
  await dialog.getByRole('button', { name: 'Gabungkan ke desa' }).click();
  await dialog.getByRole('button', { name: 'Selesai: tampilkan di peta' }).click({ timeout: 120_000 });
  await dialog.getByRole('heading', { name: 'Data diimpor' }).waitFor({ timeout: 120_000 });
  await dialog.getByRole('button', { name: 'Tutup dan lihat peta' }).click();
  await expect.poll(() => dialog.isVisible()).toBe(false);
  await expect
    .poll(() => page.evaluate(() => window.__kantong.explore.dataset.source), { timeout: 30_000 })
    .toBe(name);
}
