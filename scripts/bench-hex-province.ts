/**
 * `KANTONG_PROVINCE_DIR=/work/province-set npm run bench -- hex-province`: the desa → hexagon path of the app
 * (issue 16: "res-9 hexagons for the whole province under 10 s in the Worker") on the Jawa Tengah set, in
 * Node, phase by phase, cold (a fresh district, no cell table yet):
 *
 * - prepare: `prepareHexDistrict` of the 35-kabupaten outline and 8,563 desa;
 * - cell table: `districtCells` (cover of every desa, boundary, areas, outline share, own desa of every cell);
 * - period 1 and period 2: `hexbinsFromDesaCounts` (largest-remainder allocation, clipping to the outline);
 * - layer: `hexLayerFromBins` over both periods, and of it the map polygons alone (`hexGeoJsonParts`, GeoJSON text);
 *
 * then the whole path at resolutions 7 and 8, and at resolution 9 whether every kabupaten has cells whose own
 * desa is one of its own. Counts are deterministic (desa i, desil q: (10i + q)·7919 mod 13), spread by area as
 * for a desa aggregate. Wall and CPU time are printed with the load average; nothing is asserted.
 *
 * `KANTONG_PROVINCE_DIR` is a folder written by `npm run geo -- --kab 33 --out DIR` (the set is read from
 * `DIR/33/`); without it the benchmark says so and stops.
 */
import { existsSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import path from 'node:path';
import type { AreaGeometry, DesaCollection, KabupatenCollection } from '../src/lib/geo/types.ts';
import { districtCells } from '../src/lib/hex/district-cells.ts';
import { prepareHexDistrict, type HexDistrict } from '../src/lib/hex/district.ts';
import { hexGeoJsonParts, hexLayerFromBins } from '../src/lib/hex/hex-layer.ts';
import { hexbinsFromDesaCounts } from '../src/lib/hex/hexbins.ts';
import { kabupatenOutline } from '../src/worker/district-geometry.ts';

const given = process.env.KANTONG_PROVINCE_DIR;
const dir = given ? path.join(path.resolve(given), '33') : '';
if (!given || !existsSync(path.join(dir, 'desa.json')) || !existsSync(path.join(dir, 'kabupaten.json'))) {
  console.log(
    'bench-hex-province: set KANTONG_PROVINCE_DIR to a folder holding 33/desa.json and 33/kabupaten.json ' +
      '(npm run geo -- --kab 33 --out DIR); skipped',
  );
  process.exit(0);
}
const desa = JSON.parse(readFileSync(path.join(dir, 'desa.json'), 'utf8')) as DesaCollection;
const kabupaten = JSON.parse(readFileSync(path.join(dir, 'kabupaten.json'), 'utf8')) as KabupatenCollection;
const geometries = desa.features.map((f) => f.geometry as AreaGeometry);
const outline = kabupatenOutline(kabupaten);
const counts = new Uint32Array(desa.features.length * 10);
for (let i = 0; i < counts.length; i++) counts[i] = (i * 7919) % 13;
const half = counts.map((v) => v >> 1);

const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const fmt = (ms: number) => `${(ms / 1000).toFixed(2).padStart(6)} s`;
/** Runs `f`, prints its wall and CPU time, returns its value and wall time. */
function timed<T>(label: string, f: () => T, totals?: { wall: number; cpu: number }): T {
  const w = performance.now();
  const c = cpu();
  const value = f();
  const wall = performance.now() - w;
  const used = cpu() - c;
  if (totals) {
    totals.wall += wall;
    totals.cpu += used;
  }
  console.log(`   ${label.padEnd(44)} ${fmt(wall)} wall  ${fmt(used)} CPU`);
  return value;
}
const load = () =>
  `load average ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`;

console.log(
  `Jawa Tengah: ${desa.features.length.toLocaleString('en-US')} desa, ${kabupaten.features.length} kabupaten (${dir}); ${load()}`,
);

/** The whole path at `res` on a fresh district, phase by phase. */
function run(
  res: 7 | 8 | 9,
  phases: boolean,
): { district: HexDistrict; cells: string[]; primary: Int32Array } {
  const totals = { wall: 0, cpu: 0 };
  const say = phases
    ? timed
    : <T>(_: string, f: () => T, t?: { wall: number; cpu: number }) => {
        const w = performance.now();
        const c = cpu();
        const v = f();
        if (t) {
          t.wall += performance.now() - w;
          t.cpu += cpu() - c;
        }
        return v;
      };
  const district = say('prepare (outline + desa, indexes)', () => prepareHexDistrict(outline, geometries));
  const table = say(`cell table (districtCells, res ${res})`, () => districtCells(district, res), totals);
  const a = say(
    'period 1 (hexbinsFromDesaCounts)',
    () => hexbinsFromDesaCounts(district, counts, res),
    totals,
  );
  const b = say('period 2 (hexbinsFromDesaCounts)', () => hexbinsFromDesaCounts(district, half, res), totals);
  const layer = say(
    'layer (hexLayerFromBins, both periods)',
    () => hexLayerFromBins(district, { a, b }),
    totals,
  );
  if (phases)
    timed('  of it: map polygons (hexGeoJsonParts)', () => hexGeoJsonParts(district, res, layer.cells));
  console.log(
    `   res ${res}: ${layer.cells.length.toLocaleString('en-US')} cells (${table.cells.length.toLocaleString('en-US')} in the table); ` +
      `cell table + 2 periods + layer ${fmt(totals.wall)} wall ${fmt(totals.cpu)} CPU`,
  );
  return { district, cells: layer.cells, primary: layer.primaryDesa };
}

console.log('\n1. resolution 9, phase by phase (cold)');
const nine = run(9, true);
console.log(`   ${load()}`);

// every kabupaten: cells whose own desa is one of its own
const perKab = new Map<string, number>(kabupaten.features.map((f) => [f.properties.kode_kab, 0]));
for (const d of nine.primary) {
  if (d < 0) continue;
  const kab = desa.features[d].properties.kode_kab;
  perKab.set(kab, (perKab.get(kab) ?? 0) + 1);
}
const withCells = [...perKab.values()].filter((n) => n > 0).length;
const fewest = [...perKab.entries()].sort((x, y) => x[1] - y[1])[0];
console.log(
  `   kabupaten with res-9 cells of their own desa: ${withCells}/${perKab.size} (fewest: ${fewest[0]} with ${fewest[1].toLocaleString('en-US')})`,
);

console.log('\n2. resolutions 8 and 7, the whole path (cold)');
for (const res of [8, 7] as const) run(res, false);
console.log(`   ${load()}`);
