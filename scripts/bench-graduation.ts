/**
 * `npm run bench -- graduation`: what the Pemantauan mode and `kantong graduation` cost on a Kendal-size
 * synthetic district (its 286 desa when `public/geo/33.24` is present, else the demo district):
 *
 * - linking two periods (`transitionCounts`: key index and per-desa matrices) for 100,000 and 300,000
 *   households a period (Kendal's DT-SEN has about 300,000 families);
 * - the whole monitoring step the Worker runs (`monitorAnalysis`: report through the publication layer, stuck
 *   desa with 999 permutations, the desa pocket analysis of both periods).
 *
 * Medians of a few runs after a warm-up; printed, never asserted.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { DesaCollection } from '../src/lib/geo/types.ts';
import type { DesaAggregateRow } from '../src/lib/aggregate/desa-aggregate-table.ts';
import { calibrationProfile } from '../src/lib/synth/calibration.ts';
import { generateHouseholds, type SyntheticDistrict } from '../src/lib/synth/households.ts';
import { fakeNoKK } from '../src/lib/synth/identifiers.ts';
import { createHouseholdKeyHasher, KEY_HASH_BYTES } from '../src/lib/import/household-key.ts';
import type { PeriodPanel } from '../src/lib/graduation/panel.ts';
import { transitionCounts } from '../src/lib/graduation/transitions.ts';
import { monitorAnalysis } from '../src/lib/graduation/monitor.ts';
import { DEFAULT_ANALYSIS, pocketOptionsOf } from '../src/lib/params/analysis.ts';
import { buildWeights } from '../src/lib/weights/build.ts';
import { DEFAULT_TOLERANCE_M } from '../src/lib/weights/tolerant.ts';

const root = path.resolve(import.meta.dirname, '..');
const folder = existsSync(path.join(root, 'public/geo/33.24/desa.json')) ? '33.24' : 'demo';
const desa: DesaCollection = JSON.parse(
  readFileSync(path.join(root, `public/geo/${folder}/desa.json`), 'utf8'),
);
const kab = desa.features[0].properties.kode_kab;

function median(fn: () => void, repeats: number): number {
  fn();
  const runs: number[] = [];
  for (let r = 0; r < repeats; r++) {
    const t = performance.now();
    fn();
    runs.push(performance.now() - t);
  }
  runs.sort((a, b) => a - b);
  return runs[Math.floor(runs.length / 2)];
}

function panels(d: SyntheticDistrict): PeriodPanel[] {
  const hasher = createHouseholdKeyHasher('garam-bench-kelulusan');
  const codes = d.desa.map((f) => f.properties.kode_desa);
  return d.periods.map((p) => {
    const keyHash = new Uint8Array(p.count * KEY_HASH_BYTES);
    for (let k = 0; k < p.count; k++)
      hasher.hashInto(fakeNoKK(d.kodeKab, p.key[k]), keyHash, k * KEY_HASH_BYTES);
    return {
      periode: p.periode,
      desaCodes: codes,
      count: p.count,
      keyHash,
      desa: Uint16Array.from(p.desa),
      desil: Uint8Array.from(p.desil),
      withoutKey: 0,
    };
  });
}

const codes = desa.features.map((f) => f.properties.kode_desa);

/** The generator's households as desa rows of both periods. */
function rowsOf(d: SyntheticDistrict): DesaAggregateRow[] {
  return d.periods.flatMap((p) => {
    const desil = d.desa.map(() => new Array<number>(10).fill(0));
    for (let k = 0; k < p.count; k++) desil[p.desa[k]][p.desil[k] - 1]++;
    return d.desa.map((f, i) => ({
      periode: p.periode,
      kode_desa: f.properties.kode_desa,
      jumlah_kk: desil[i].reduce((x, y) => x + y, 0),
      kk_desil: desil[i],
      jumlah_jiwa: null,
      programmes: {},
    })) as unknown as DesaAggregateRow[];
  });
}
const weights = buildWeights(
  { kind: 'tolerant', toleranceMetres: DEFAULT_TOLERANCE_M },
  desa.features.map((f) => f.geometry),
).weights;
for (const households of [100_000, 300_000]) {
  const d = generateHouseholds(kab, desa.features, calibrationProfile(kab), {
    households,
    seed: 1,
    periods: ['2025-Q1', '2025-Q3'],
    geotagShare: 0,
  });
  const [a, b] = panels(d);
  const link = median(() => transitionCounts(a, b, codes), 5);
  console.log(
    `${desa.features.length} desa, ${households.toLocaleString('en-US')} households a period: linking ${link.toFixed(0)} ms`,
  );
  if (households === 300_000) {
    const rows = rowsOf(d);
    const all = median(
      () =>
        monitorAnalysis({
          desa: desa.features,
          weights,
          rows,
          panels: [a, b],
          periods: ['2025-Q1', '2025-Q3'],
          base: '2025-Q1',
          comparison: '2025-Q3',
          k: 10,
          bounds: { poorUpTo: 2, graduatedFrom: 3 },
          stuck: { permutations: 999, seed: 1, alpha: 0.1, pAdjust: 'fdr' },
          pockets: pocketOptionsOf(DEFAULT_ANALYSIS, 'desa'),
        }),
      3,
    );
    console.log(
      `  monitoring step (report, stuck desa at 999 permutations, pockets of 2 periods): ${all.toFixed(0)} ms`,
    );
  }
}
