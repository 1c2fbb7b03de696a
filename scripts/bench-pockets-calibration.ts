/**
 * `npm run bench -- pockets-calibration`: the heavy version of the pocket calibration (the fast one, with tens
 * of replicates, is `tests/unit/pockets/calibration.test.ts`), on Kabupaten Kendal's real desa and household
 * counts (`loadCalibrationDistrict`):
 *
 * - the defaults: false-positive rate under the null (desil drawn independently of place) and detection rate
 *   of a planted 10-desa pocket at twice the kabupaten's desil-1 share, `KANTONG_CALIBRATION_REPLICATES`
 *   replicates each (default 500; the issue asks for at least 200);
 * - the same figures under harder or other conditions, for the methods page: a null with spatially
 *   independent desa differences, smaller, weaker and larger planted pockets;
 * - the settings before issue 11 and the single changes between them and the defaults, to show what each does.
 *
 * Figures and wall-clock times are printed (the numbers in docs/methods-pockets.md come from here), never
 * asserted.
 */
import path from 'node:path';
import type { PocketOptions } from '../src/lib/pockets/analysis.ts';
import { calibrateDesaPockets, type CalibrationResult } from '../src/lib/pockets/calibration.ts';
import { loadCalibrationDistrict } from '../src/node/calibration-district.ts';

const root = path.resolve(import.meta.dirname, '..');
const REPLICATES = Number(process.env.KANTONG_CALIBRATION_REPLICATES ?? 500);
const SCENARIO_REPLICATES = Math.max(50, Math.round(REPLICATES / 2));
const SEED = 20_261_101;

const t0 = performance.now();
const district = loadCalibrationDistrict(root);
if (!district) {
  console.error('bench-pockets-calibration: no Kendal boundaries (npm run geo -- --kab 33.24, or ../shared)');
  process.exit(1);
}
const total = district.households.reduce((a, b) => a + b, 0);
console.log(
  `Kendal: ${district.desa.length} desa, ${total.toLocaleString('en-US')} households, desil-1 share ${(
    district.shares[0] / district.shares.reduce((a, b) => a + b, 0)
  ).toFixed(
    4,
  )} (${path.relative(root, district.source)}); setup ${((performance.now() - t0) / 1000).toFixed(1)} s`,
);

const pct = (x: number) => (Number.isFinite(x) ? `${(100 * x).toFixed(1)}%` : '—');

function run(
  label: string,
  replicates: { null: number; planted: number },
  planted: { size: number; factor: number },
  options: PocketOptions = {},
  heterogeneity = 0,
): CalibrationResult {
  const t = performance.now();
  const r = calibrateDesaPockets({
    ...district!,
    replicates,
    seed: SEED,
    planted,
    options,
    heterogeneity,
  });
  const seconds = (performance.now() - t) / 1000;
  const parts = [label.padEnd(58)];
  if (replicates.null > 0)
    parts.push(
      `null: ${r.null.withPocket}/${r.null.replicates} with a pocket (${pct(r.null.falsePositiveRate)})`,
    );
  if (replicates.planted > 0)
    parts.push(
      `planted: ${r.planted.detected}/${r.planted.replicates} found (${pct(r.planted.detectionRate)}), ` +
        `${pct(r.planted.meanRecovered)} of its desa, ${r.planted.meanExtraDesa.toFixed(2)} other desa`,
    );
  parts.push(`${seconds.toFixed(1)} s`);
  console.log(parts.join(' | '));
  return r;
}

console.log(`\n== defaults, ${REPLICATES} null + ${REPLICATES} planted replicates ==`);
const main = run(
  '10 desa at 2× the desil-1 share',
  { null: REPLICATES, planted: REPLICATES },
  { size: 10, factor: 2 },
);
console.log(`   null replicates without a pocket, by reason: ${JSON.stringify(main.null.reasons)}`);

const n = SCENARIO_REPLICATES;
console.log(`\n== other conditions, defaults, ${n} replicates each ==`);
for (const sigma of [0.1, 0.2, 0.3])
  run(
    `null with independent desa differences (σ = ${sigma})`,
    { null: n, planted: n },
    { size: 10, factor: 2 },
    {},
    sigma,
  );
run('5 desa at 2×', { null: 0, planted: n }, { size: 5, factor: 2 });
run('10 desa at 1.5×', { null: 0, planted: n }, { size: 10, factor: 1.5 });
run('20 desa at 1.5×', { null: 0, planted: n }, { size: 20, factor: 1.5 });
run('10 desa at 3×', { null: 0, planted: n }, { size: 10, factor: 3 });

console.log(`\n== settings, 10 desa at 2×, ${n} replicates each ==`);
const before: PocketOptions = {
  criterion: { kind: 'lisa' },
  pAdjust: 'none',
  minUnits: 1,
  minHouseholds: 0,
  gate: 'indicative',
};
run(
  'before issue 11 (LISA, no correction, 1 desa, no gate, EB)',
  { null: n, planted: n },
  { size: 10, factor: 2 },
  before,
);
run('  same, raw share', { null: n, planted: n }, { size: 10, factor: 2 }, { ...before, rate: 'raw' });
run('  + FDR', { null: n, planted: n }, { size: 10, factor: 2 }, { ...before, pAdjust: 'fdr' });
run(
  '  + FDR, 9,999 permutations',
  { null: n, planted: n },
  { size: 10, factor: 2 },
  {
    ...before,
    pAdjust: 'fdr',
    permutations: 9999,
  },
);
run(
  'defaults but LISA High-High',
  { null: n, planted: n },
  { size: 10, factor: 2 },
  { criterion: { kind: 'lisa' } },
);
run(
  'defaults but any Gi* hot spot (gi95)',
  { null: n, planted: n },
  { size: 10, factor: 2 },
  {
    criterion: { kind: 'gi', confidence: 95 },
  },
);
run('defaults but no global gate', { null: n, planted: n }, { size: 10, factor: 2 }, { gate: 'indicative' });
run('defaults but no correction', { null: n, planted: n }, { size: 10, factor: 2 }, { pAdjust: 'none' });
run('defaults but raw share', { null: n, planted: n }, { size: 10, factor: 2 }, { rate: 'raw' });
run(
  'defaults but raw share, σ = 0.2 null',
  { null: n, planted: 0 },
  { size: 10, factor: 2 },
  { rate: 'raw' },
  0.2,
);
run(
  'defaults but 1 desa, 0 households',
  { null: n, planted: n },
  { size: 10, factor: 2 },
  {
    minUnits: 1,
    minHouseholds: 0,
  },
);

console.log(`\ntotal ${((performance.now() - t0) / 1000).toFixed(1)} s`);
