import { describe, expect, it } from 'vitest';
import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon';
import { centroid } from '@turf/centroid';
import type { DesaFeature } from '../../../src/lib/geo/types.ts';
import { SeededRandom } from '../../../src/lib/random.ts';
import { calibrationProfile, kendalProfile } from '../../../src/lib/synth/calibration.ts';
import { generateHouseholds, type SyntheticDistrict } from '../../../src/lib/synth/households.ts';
import { distanceKm } from '../../../src/lib/synth/placement.ts';
import { aggregatePeriods } from '../../../src/lib/synth/summary.ts';
import {
  GENERIC_GRID,
  gridDistrict,
  gridNeighbours,
  hasKendal,
  KENDAL_GRID,
  kendalDesa,
  moranI,
} from './fixture.ts';

/** Counts geotagged households outside their desa polygon (boundary counts as outside). */
function pointsOutside(district: SyntheticDistrict): { geotagged: number; outside: number } {
  const { registry, desa } = district;
  let geotagged = 0;
  let outside = 0;
  for (let key = 0; key < registry.count; key++) {
    if (Number.isNaN(registry.lon[key])) continue;
    geotagged++;
    if (
      !booleanPointInPolygon([registry.lon[key], registry.lat[key]], desa[registry.desa[key]], {
        ignoreBoundary: true,
      })
    )
      outside++;
  }
  return { geotagged, outside };
}

function desil1Shares(district: SyntheticDistrict, period = 0): number[] {
  const agg = aggregatePeriods(district)[period];
  return district.desa.map((_, i) => (agg.households[i] ? agg.perDesil[i * 10] / agg.households[i] : 0));
}

describe('coordinates', () => {
  it('every geotagged point lies inside its desa polygon (holes and multipolygons included)', () => {
    const desa = gridDistrict('33.24', KENDAL_GRID);
    const district = generateHouseholds('33.24', desa, kendalProfile, {
      households: 8_000,
      seed: 11,
      periods: ['2025-Q1', '2025-Q3'],
      geotagShare: 1,
    });
    const { geotagged, outside } = pointsOutside(district);
    expect(geotagged).toBe(district.registry.count);
    expect(outside).toBe(0);
  });

  it('points cluster around a few hamlet centres per desa', () => {
    const desa = gridDistrict('91.71', GENERIC_GRID);
    const district = generateHouseholds('91.71', desa, calibrationProfile('91.71'), {
      households: 8_000,
      seed: 5,
      periods: ['2025'],
      geotagShare: 1,
    });
    const { registry, landscape } = district;
    let near = 0;
    for (let key = 0; key < registry.count; key++) {
      const h = landscape.hamletStart[registry.desa[key]] + registry.hamlet[key];
      if (
        distanceKm(registry.lon[key], registry.lat[key], landscape.hamletLon[h], landscape.hamletLat[h]) <
        3 * landscape.hamletSpreadKm[h]
      )
        near++;
    }
    expect(near / registry.count).toBeGreaterThan(0.95);
    for (let i = 0; i < desa.length; i++) {
      const hamlets = landscape.hamletStart[i + 1] - landscape.hamletStart[i];
      expect(hamlets).toBeGreaterThanOrEqual(3);
      expect(hamlets).toBeLessThanOrEqual(6);
    }
  });

  it('the geotag share is honoured, and coordinates do not change desil, sizes or flags', () => {
    const desa = gridDistrict('91.71', GENERIC_GRID);
    const options = { households: 10_000, seed: 9, periods: ['2025-Q1', '2025-Q3'] };
    const tagged = generateHouseholds('91.71', desa, calibrationProfile('91.71'), {
      ...options,
      geotagShare: 0.85,
    });
    const untagged = generateHouseholds('91.71', desa, calibrationProfile('91.71'), {
      ...options,
      geotagShare: 0,
    });
    const { geotagged } = pointsOutside(tagged);
    expect(geotagged / tagged.registry.count).toBeGreaterThan(0.83);
    expect(geotagged / tagged.registry.count).toBeLessThan(0.87);
    expect(pointsOutside(untagged).geotagged).toBe(0);
    tagged.periods.forEach((p, t) => {
      expect(untagged.periods[t].key).toEqual(p.key);
      expect(untagged.periods[t].desil).toEqual(p.desil);
      expect(untagged.periods[t].size).toEqual(p.size);
      expect(untagged.periods[t].pkh).toEqual(p.pkh);
    });
  });
});

describe('spatial pattern', () => {
  it("desil-1 shares are spatially clustered (Moran's I, pseudo p ≤ 0.025 over 199 permutations), unlike the generator without spatial terms", () => {
    // 12 kecamatan of 9 desa: a 24 × 18 km district of 108 desa.
    const kecamatan = [0, 1, 2].flatMap((copy) =>
      GENERIC_GRID.map((k) => ({ ...k, kode: k.kode.replace('91.71.0', `91.71.${copy}`) })),
    );
    const desa = gridDistrict('91.71', kecamatan, { perRow: 4 });
    const neighbours = gridNeighbours(desa);
    expect(neighbours.every((js) => js.length >= 2)).toBe(true);
    const flat = {
      pocketCount: [0, 0] as [number, number],
      trendDepth: 0,
      desaEffectSd: 0,
      hamletEffectSd: 0,
      kelurahanLift: 0,
    };
    const rng = new SeededRandom(42);
    /** How many of 199 random relabellings reach the observed I (a pseudo p-value is (that + 1) / 200). */
    const reached = (x: number[]) => {
      const observed = moranI(x, neighbours);
      let count = 0;
      for (let r = 0; r < 199; r++) {
        const y = [...x];
        for (let i = y.length - 1; i > 0; i--) {
          const j = rng.int(0, i);
          [y[i], y[j]] = [y[j], y[i]];
        }
        if (moranI(y, neighbours) >= observed) count++;
      }
      return { observed, count };
    };
    let controlSum = 0;
    for (const seed of [1, 2, 3]) {
      const options = { households: 40_000, seed, periods: ['2025'], geotagShare: 0 };
      const clustered = generateHouseholds('91.71', desa, calibrationProfile('91.71'), options);
      const control = generateHouseholds('91.71', desa, calibrationProfile('91.71'), {
        ...options,
        landscape: flat,
      });
      expect(clustered.landscape.pockets.length).toBeGreaterThanOrEqual(1);
      const c = reached(desil1Shares(clustered));
      expect(c.observed, `seed ${seed}`).toBeGreaterThan(0.2);
      expect(c.count, `seed ${seed}: permutations reaching I = ${c.observed.toFixed(3)}`).toBeLessThanOrEqual(
        4,
      ); // pseudo p ≤ 0.025
      controlSum += moranI(desil1Shares(control), neighbours);
    }
    expect(Math.abs(controlSum / 3)).toBeLessThan(0.1);
  });
});

/** Desa whose centroid lies within one σ of a pocket centre. */
function pocketCore(district: SyntheticDistrict): boolean[] {
  return district.desa.map((f: DesaFeature) => {
    const [lon, lat] = centroid(f).geometry.coordinates;
    return district.landscape.pockets.some((p) => distanceKm(lon, lat, p.lon, p.lat) < p.sigmaKm);
  });
}

describe.skipIf(!hasKendal)('real Kendal boundaries (../shared/data/kendal)', () => {
  it('geotagged points lie inside their desa polygons', () => {
    const district = generateHouseholds('33.24', kendalDesa(), kendalProfile, {
      households: 20_000,
      seed: 1,
      periods: ['2025-Q1', '2025-Q3'],
      geotagShare: 0.85,
    });
    const { geotagged, outside } = pointsOutside(district);
    expect(geotagged).toBeGreaterThan(0.8 * district.registry.count);
    expect(outside).toBe(0);
  });

  it('4–6 pockets; desil-1 share in pocket desa well above the rest; the southern hill kecamatan poorer', () => {
    const desa = kendalDesa();
    for (const seed of [1, 2, 3]) {
      const district = generateHouseholds('33.24', desa, kendalProfile, {
        households: 60_000,
        seed,
        periods: ['2025-Q1'],
        geotagShare: 0,
      });
      expect(district.landscape.pockets.length).toBeGreaterThanOrEqual(4);
      expect(district.landscape.pockets.length).toBeLessThanOrEqual(6);
      const agg = aggregatePeriods(district)[0];
      const core = pocketCore(district);
      const share = (pick: (i: number) => boolean) => {
        let d1 = 0;
        let all = 0;
        district.desa.forEach((_, i) => {
          if (!pick(i)) return;
          d1 += agg.perDesil[i * 10];
          all += agg.households[i];
        });
        return d1 / all;
      };
      expect(core.filter(Boolean).length, `seed ${seed}: pocket desa`).toBeGreaterThanOrEqual(8);
      expect(
        share((i) => core[i]),
        `seed ${seed}`,
      ).toBeGreaterThan(1.5 * share((i) => !core[i]));
      const hills = new Set(kendalProfile.poorerKecamatan);
      const inHills = (i: number) => hills.has(district.desa[i].properties.kode_kec);
      expect(share(inHills), `seed ${seed}`).toBeGreaterThan(1.4 * share((i) => !inHills(i)));
      const kelurahan = (i: number) => district.desa[i].properties.jenis === 'kelurahan';
      expect(share(kelurahan), `seed ${seed}`).toBeLessThan(share((i) => !kelurahan(i)));
    }
  });
});
