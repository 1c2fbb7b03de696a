/**
 * Calibration of the default pocket analysis by simulation, the fast version (the heavy one is
 * `npm run bench -- pockets-calibration`; figures in docs/methods-pockets.md): on Kendal's real desa and
 * household counts, random desil (independent of place) give no pocket in at least 95% of replicates, and a
 * planted pocket of 10 desa at twice the kabupaten's desil-1 share is found (one pocket holding at least 80% of
 * its desa) in at least 90% of replicates. Seeded: the same figures on every run.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { calibrateDesaPockets } from '../../../src/lib/pockets/calibration.ts';
import { loadCalibrationDistrict, kendalDesaFiles } from '../../../src/node/calibration-district.ts';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const district = loadCalibrationDistrict(ROOT);
if (!district)
  console.warn(
    `[skipped] pocket calibration: no Kendal desa polygons (${kendalDesaFiles(ROOT).join(' or ')}; npm run geo -- --kab 33.24)`,
  );

const REPLICATES = { null: 40, planted: 40 };
const PLANTED = { size: 10, factor: 2 };

describe.skipIf(!district)('pocket calibration on Kendal (fast: 40 + 40 seeded replicates)', () => {
  it('the defaults: no pocket in ≥ 95% of null replicates, the planted pocket found in ≥ 90%', () => {
    const r = calibrateDesaPockets({ ...district!, replicates: REPLICATES, seed: 11, planted: PLANTED });
    expect(r.null.replicates).toBe(40);
    expect(r.planted.replicates).toBe(40);
    expect(r.null.falsePositiveRate).toBeLessThanOrEqual(0.05);
    expect(r.planted.detectionRate).toBeGreaterThanOrEqual(0.9);
    // the pocket is found as itself, not as a blot over its surroundings
    expect(r.planted.meanRecovered).toBeGreaterThan(0.85);
    expect(r.planted.meanExtraDesa).toBeLessThan(5);
  });

  it('tells calibrated settings from the settings before issue 11, which find pockets in noise', () => {
    // LISA High-High on the raw share, no correction, one-desa pockets, no global test: the 3–5
    // pockets per noise file
    const r = calibrateDesaPockets({
      ...district!,
      replicates: { null: 20, planted: 0 },
      seed: 11,
      planted: PLANTED,
      options: {
        criterion: { kind: 'lisa' },
        pAdjust: 'none',
        minUnits: 1,
        minHouseholds: 0,
        gate: 'indicative',
        rate: 'raw',
      },
    });
    expect(r.null.falsePositiveRate).toBeGreaterThan(0.5);
  });

  it('stays calibrated when desa differ for reasons unrelated to place', () => {
    // spatially independent desa differences (σ = 0.2 of the log share) survive EB smoothing: the gate and
    // FDR, not the smoothing, must keep the map clean
    const r = calibrateDesaPockets({
      ...district!,
      replicates: { null: 30, planted: 0 },
      seed: 12,
      planted: PLANTED,
      heterogeneity: 0.2,
    });
    expect(r.null.falsePositiveRate).toBeLessThanOrEqual(0.05);
    expect(r.null.reasons['pockets.none.noVarianceEb'] ?? 0).toBeLessThan(30);
  });
});
