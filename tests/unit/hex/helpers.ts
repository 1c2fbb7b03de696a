import { unionAll } from '../../../src/lib/geo/dissolve.ts';
import type { AreaGeometry, DesaFeature } from '../../../src/lib/geo/types.ts';
import { prepareHexDistrict, type HexDistrict } from '../../../src/lib/hex/district.ts';
import { kendalProfile } from '../../../src/lib/synth/calibration.ts';
import { generateHouseholds } from '../../../src/lib/synth/households.ts';
import { gridDistrict, KENDAL_GRID } from '../synth/fixture.ts';

/** A small in-memory district (6 kecamatan × 9 square desa of 2 km, one holed desa, one exclave). */
export interface TestDistrict {
  desa: DesaFeature[];
  outline: AreaGeometry;
  district: HexDistrict;
}

let cached: TestDistrict | null = null;

/** The grid district coded as Kendal, with its outline dissolved from the desa (built once per test file). */
export function testDistrict(): TestDistrict {
  if (cached) return cached;
  const desa = gridDistrict('33.24', KENDAL_GRID);
  const outline = unionAll(desa.map((d) => d.geometry));
  cached = {
    desa,
    outline,
    district: prepareHexDistrict(
      outline,
      desa.map((d) => d.geometry),
    ),
  };
  return cached;
}

/** Synthetic households of the grid district: coordinates (NaN when not geotagged), desil and desa index. */
export interface TestHouseholds {
  lon: Float64Array;
  lat: Float64Array;
  desil: Uint8Array;
  desa: Uint32Array;
}

/** Households of one period from the project's generator, on the grid district's desa order. */
export function testHouseholds(
  desa: DesaFeature[],
  households: number,
  seed: number,
  geotagShare = 1,
): TestHouseholds {
  const synth = generateHouseholds('33.24', desa, kendalProfile, {
    households,
    seed,
    periods: ['2025-Q1'],
    geotagShare,
  });
  // the generator sorts desa by code: map its desa index back to ours
  const position = new Map(desa.map((d, i) => [d.properties.kode_desa, i]));
  const p = synth.periods[0];
  const lon = new Float64Array(p.count);
  const lat = new Float64Array(p.count);
  const desaIndex = new Uint32Array(p.count);
  for (let k = 0; k < p.count; k++) {
    lon[k] = synth.registry.lon[p.key[k]];
    lat[k] = synth.registry.lat[p.key[k]];
    desaIndex[k] = position.get(synth.desa[p.desa[k]].properties.kode_desa) as number;
  }
  return { lon, lat, desil: p.desil, desa: desaIndex };
}

/** Desil counts per desa, row-major (desa × 10). */
export function desaCounts(h: TestHouseholds, nDesa: number): Uint32Array {
  const out = new Uint32Array(nDesa * 10);
  for (let k = 0; k < h.desil.length; k++) out[h.desa[k] * 10 + h.desil[k] - 1]++;
  return out;
}
