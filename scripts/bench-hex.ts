/**
 * `npm run bench -- hex`: timings of the hexbin and pocket core on Kabupaten Kendal.
 *
 * - 1,000,000 geotagged synthetic households → resolution-9 cells with desil counts (`binPoints`, cached and
 *   direct methods), against a bare loop of `latLngToCell` over the same coordinates in the same run
 *   (target: at most 1.3× the bare loop); then the whole `hexbinsFromHouseholds` (clipping included);
 * - desa → hexagon allocation at resolution 9 (`hexbinsFromDesaCounts`; target under 2 s);
 * - hexagon LISA (local Moran, Gi*, global tests) with 999 permutations on those cells (target under 1 s);
 * - the whole hexagon pocket run at resolution 8 and 9, for reference.
 *
 * Boundaries: public/geo/33.24/{desa,kabupaten}.json when built, else ../shared/data/kendal/*.geojson read
 * in place. Each figure is the median of several runs after a cold first run; the bare loop and the binning
 * alternate so that both see the same machine state. Timings are printed, never asserted.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { latLngToCell } from 'h3-js';
import type { AreaGeometry, KabupatenCollection } from '../src/lib/geo/types.ts';
import { binPoints } from '../src/lib/hex/bin-points.ts';
import { prepareHexDistrict } from '../src/lib/hex/district.ts';
import { analyseHexagons } from '../src/lib/hex/hex-stats.ts';
import { hexbinsFromDesaCounts, hexbinsFromHouseholds } from '../src/lib/hex/hexbins.ts';
import { analyseHexPockets } from '../src/lib/pockets/hex-pockets.ts';
import { kendalProfile } from '../src/lib/synth/calibration.ts';
import { generateHouseholds } from '../src/lib/synth/households.ts';
import { loadDesaFile } from '../src/node/synth-geo.ts';

const root = path.resolve(import.meta.dirname, '..');
const sources = [
  { desa: 'public/geo/33.24/desa.json', kabupaten: 'public/geo/33.24/kabupaten.json' },
  { desa: '../shared/data/kendal/desa.geojson', kabupaten: '../shared/data/kendal/kabupaten.geojson' },
].map((s) => ({ desa: path.resolve(root, s.desa), kabupaten: path.resolve(root, s.kabupaten) }));
const source = sources.find((s) => existsSync(s.desa) && existsSync(s.kabupaten));
if (!source) {
  console.error(
    'bench-hex: no Kendal boundaries (run "npm run geo -- --kab 33.24", or keep ../shared/data/kendal)',
  );
  process.exit(1);
}
const HOUSEHOLDS = 1_000_000;
const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}
const ms = (t: number) => `${t.toFixed(0).padStart(6)} ms`;

const desa = await loadDesaFile(source.desa, '33.24');
const kabupaten = JSON.parse(readFileSync(source.kabupaten, 'utf8')) as KabupatenCollection;
const district = prepareHexDistrict(
  kabupaten.features[0].geometry as AreaGeometry,
  desa.map((d) => d.geometry),
);
console.log(`Kendal: ${desa.length} desa (${path.relative(root, source.desa)})`);

// 1,000,000 geotagged households: the generator geotags 85%, so ask for enough and keep the first million
let t = performance.now();
const synth = generateHouseholds('33.24', desa, kendalProfile, {
  households: Math.ceil(HOUSEHOLDS / 0.84),
  seed: 1,
  periods: ['2025-Q1'],
  geotagShare: 0.85,
});
const period = synth.periods[0];
const lon = new Float64Array(HOUSEHOLDS);
const lat = new Float64Array(HOUSEHOLDS);
const desil = new Uint8Array(HOUSEHOLDS);
const desaIndex = new Int32Array(HOUSEHOLDS);
let m = 0;
for (let k = 0; k < period.count && m < HOUSEHOLDS; k++) {
  const key = period.key[k];
  if (Number.isNaN(synth.registry.lon[key])) continue;
  lon[m] = synth.registry.lon[key];
  lat[m] = synth.registry.lat[key];
  desil[m] = period.desil[k];
  desaIndex[m] = period.desa[k];
  m++;
}
if (m < HOUSEHOLDS) throw new Error(`only ${m} geotagged households`);
console.log(
  `${HOUSEHOLDS.toLocaleString('en-US')} geotagged synthetic households generated in ${ms(performance.now() - t)}`,
);

// --- 1. points → res-9 cells vs the bare latLngToCell loop -------------------------------------------------
function bareLoop(): number {
  let check = 0;
  for (let i = 0; i < HOUSEHOLDS; i++) check += latLngToCell(lat[i], lon[i], 9).length;
  return check;
}
const points = { lon, lat, desil };
const runs = { bare: [] as number[], cached: [] as number[], direct: [] as number[] };
let cells = 0;
let lookups = 0;
for (let r = 0; r <= 5; r++) {
  gc();
  t = performance.now();
  bareLoop();
  const bare = performance.now() - t;
  gc();
  t = performance.now();
  const cached = binPoints(points, 9);
  const tc = performance.now() - t;
  gc();
  t = performance.now();
  binPoints(points, 9, { method: 'direct' });
  const td = performance.now() - t;
  cells = cached.cells.length;
  lookups = cached.lookups;
  if (r === 0) {
    console.log(
      `\n1. points → res-9 cells with desil counts (cold run: bare ${ms(bare)}, cached ${ms(tc)}, direct ${ms(td)})`,
    );
    continue;
  }
  runs.bare.push(bare);
  runs.cached.push(tc);
  runs.direct.push(td);
}
const bare = median(runs.bare);
console.log(`   bare latLngToCell loop          ${ms(bare)}`);
console.log(
  `   binPoints (cached, default)     ${ms(median(runs.cached))}   ${(median(runs.cached) / bare).toFixed(2)}× bare   (${lookups.toLocaleString('en-US')} latLngToCell calls, ${cells.toLocaleString('en-US')} cells)   target ≤ 1.30×`,
);
console.log(
  `   binPoints (direct: Map per point)${ms(median(runs.direct)).slice(1)}   ${(median(runs.direct) / bare).toFixed(2)}× bare`,
);
const whole: number[] = [];
for (let r = 0; r < 3; r++) {
  gc();
  t = performance.now();
  hexbinsFromHouseholds(district, { ...points, desa: desaIndex }, { res: 9 });
  whole.push(performance.now() - t);
}
console.log(`   hexbinsFromHouseholds (swap check, binning, clipping to the kabupaten) ${ms(median(whole))}`);

// --- 2. desa → hexagon allocation ---------------------------------------------------------------------------
const counts = new Uint32Array(desa.length * 10);
for (let i = 0; i < HOUSEHOLDS; i++) counts[desaIndex[i] * 10 + desil[i] - 1]++;
const alloc: number[] = [];
let allocated = hexbinsFromDesaCounts(district, counts, 9);
for (let r = 0; r < 3; r++) {
  gc();
  t = performance.now();
  allocated = hexbinsFromDesaCounts(district, counts, 9);
  alloc.push(performance.now() - t);
}
console.log(
  `\n2. desa → res-9 hexagons by overlapping area: ${ms(median(alloc))} for ${allocated.cells.length.toLocaleString('en-US')} cells (target < 2000 ms); totals kept: ${allocated.total === HOUSEHOLDS}`,
);

// --- 3. hexagon LISA with 999 permutations --------------------------------------------------------------------
const d1 = Uint32Array.from(allocated.cells, (_, c) => allocated.desil[c * 10]);
const lisa: number[] = [];
let stats = analyseHexagons(allocated.cells, allocated.households, d1, { permutations: 999, seed: 1 });
for (let r = 0; r < 3; r++) {
  gc();
  t = performance.now();
  stats = analyseHexagons(allocated.cells, allocated.households, d1, { permutations: 999, seed: 1 });
  lisa.push(performance.now() - t);
}
console.log(
  `\n3. hexagon LISA + Gi* (999 permutations, EB share, ring-1 weights) on ${stats.cells.length.toLocaleString('en-US')} res-9 cells: ${ms(median(lisa))} (target < 1000 ms); Moran's I ${stats.lisa.moran.I.toFixed(3)}`,
);
const pointBins = hexbinsFromHouseholds(district, { ...points, desa: desaIndex }, { res: 9 });
const pd1 = Uint32Array.from(pointBins.cells, (_, c) => pointBins.desil[c * 10]);
t = performance.now();
const pstats = analyseHexagons(pointBins.cells, pointBins.households, pd1, { permutations: 999, seed: 1 });
console.log(
  `   same on the ${pstats.cells.length.toLocaleString('en-US')} cells of the geotagged households: ${ms(performance.now() - t)}`,
);

// --- 4. whole pocket runs ---------------------------------------------------------------------------------------
console.log(
  '\n4. whole hexagon pocket run (cell→desa, suppression, LISA 999, pockets, outlines, export suppression)',
);
for (const res of [8, 9]) {
  const bins = hexbinsFromHouseholds(district, { ...points, desa: desaIndex }, { res });
  t = performance.now();
  const a = analyseHexPockets(
    district,
    bins,
    desa.map((d) => d.properties),
    { permutations: 999, seed: 1 },
  );
  console.log(
    `   res ${res}: ${ms(performance.now() - t)}  ${bins.cells.length.toLocaleString('en-US')} cells, ${a.suppression.primaryUnits} suppressed (< 10), ${a.pockets.length} pockets`,
  );
}
