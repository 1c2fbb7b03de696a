/**
 * The district the pocket calibration runs on (`tests/unit/pockets/calibration.test.ts`,
 * `npm run bench -- pockets-calibration`): Kabupaten Kendal's real desa polygons and household counts per desa
 * as the project's generator calibrates them (300,000 households over the census kecamatan weights), with the
 * kabupaten's desil shares and the tolerant contiguity the app uses. Kendal's polygons come from the built
 * district (`public/geo/33.24/desa.json`) or the shared copy (`../shared/data/kendal/desa.geojson`).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { DesaCollection, DesaFeature } from '../lib/geo/types.ts';
import { DESIL_COUNT } from '../lib/hex/types.ts';
import { calibrationProfile, defaultHouseholdCount } from '../lib/synth/calibration.ts';
import { generateHouseholds } from '../lib/synth/households.ts';
import { aggregatePeriods } from '../lib/synth/summary.ts';
import { tolerantContiguityWeights } from '../lib/weights/tolerant.ts';
import type { SpatialWeights } from '../lib/weights/types.ts';

/** What `calibrateDesaPockets` needs of the district. */
export interface CalibrationDistrict {
  /** The file the polygons were read from. */
  source: string;
  desa: DesaFeature[];
  households: Uint32Array;
  /** Households per desil over the kabupaten. */
  shares: number[];
  weights: SpatialWeights;
}

/** Where Kendal's desa polygons are looked for, in order (relative to the repository). */
export function kendalDesaFiles(root: string): string[] {
  return [
    path.join(root, 'public/geo/33.24/desa.json'),
    path.join(root, '../shared/data/kendal/desa.geojson'),
  ];
}

/**
 * Kendal as the calibration sees it, or null when neither polygon file exists (callers skip with a message).
 * Household counts: the generator's desa split for Kendal (seed 1, the default household count, one period),
 * i.e. the desa sizes of the bundled synthetic data.
 */
export function loadCalibrationDistrict(root: string): CalibrationDistrict | null {
  const source = kendalDesaFiles(root).find((f) => existsSync(f));
  if (!source) return null;
  const fc = JSON.parse(readFileSync(source, 'utf8')) as DesaCollection;
  const profile = calibrationProfile('33.24');
  const district = generateHouseholds('33.24', fc.features, profile, {
    households: defaultHouseholdCount(
      profile,
      fc.features.map((f) => f.properties),
    ),
    seed: 1,
    periods: ['2025-Q3'],
    geotagShare: 0,
  });
  const aggregate = aggregatePeriods(district)[0];
  const shares = Array.from({ length: DESIL_COUNT }, (_, q) => {
    let s = 0;
    for (let d = 0; d < district.desa.length; d++) s += aggregate.perDesil[d * DESIL_COUNT + q];
    return s;
  });
  return {
    source,
    desa: district.desa,
    households: Uint32Array.from(aggregate.households),
    shares,
    weights: tolerantContiguityWeights(district.desa.map((f) => f.geometry)).weights,
  };
}
