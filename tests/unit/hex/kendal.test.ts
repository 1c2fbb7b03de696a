/** Hexbins on the real Kendal boundaries (read in place from ../shared/data/kendal; skipped without it). */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DesaCollection, KabupatenCollection } from '../../../src/lib/geo/types.ts';
import { binPoints } from '../../../src/lib/hex/bin-points.ts';
import { prepareHexDistrict } from '../../../src/lib/hex/district.ts';
import { hexbinsFromDesaCounts } from '../../../src/lib/hex/hexbins.ts';
import { desaCounts, testHouseholds } from './helpers.ts';

const KENDAL = path.resolve(import.meta.dirname, '../../../../shared/data/kendal');
const hasKendal =
  existsSync(path.join(KENDAL, 'desa.geojson')) && existsSync(path.join(KENDAL, 'kabupaten.geojson'));
if (!hasKendal)
  console.warn(`[hex tests] ${KENDAL} not found: tests on the real Kendal boundaries are skipped`);

describe.skipIf(!hasKendal)('hexbins on the real Kendal boundaries', () => {
  const desa = hasKendal
    ? (JSON.parse(readFileSync(path.join(KENDAL, 'desa.geojson'), 'utf8')) as DesaCollection).features
    : [];
  const kab = hasKendal
    ? (JSON.parse(readFileSync(path.join(KENDAL, 'kabupaten.geojson'), 'utf8')) as KabupatenCollection)
        .features[0]
    : null;

  it('allocates desa counts to res-8 hexagons: totals kept, clipped areas add up to the kabupaten', () => {
    const district = prepareHexDistrict(
      kab!.geometry,
      desa.map((d) => d.geometry),
    );
    const households = testHouseholds(desa, 60_000, 2, 0.85);
    const counts = desaCounts(households, desa.length);
    const bins = hexbinsFromDesaCounts(district, counts, 8);
    expect(bins.total).toBe(60_000);
    const area = bins.areaKm2.reduce((a, b) => a + b, 0);
    // cells cover the desa polygons, clipped to the (dissolved) outline: within 0.5% of its area
    expect(Math.abs(area - kab!.properties.luas_km2) / kab!.properties.luas_km2).toBeLessThan(0.005);
    // the cached binning equals the direct one on real, clustered household locations
    const cached = binPoints(households, 9);
    const direct = binPoints(households, 9, { method: 'direct' });
    expect(cached.cells).toEqual(direct.cells);
    expect(cached.desil).toEqual(direct.desil);
  });
});
