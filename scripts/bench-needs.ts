/**
 * `npm run bench -- needs`: what the needs and verification data cost on top of an import, for the default
 * district's 300,000 synthetic households (one period, 85% geotagged, planted patterns):
 * - `countNeeds` (counts per desa, flag and desil) and `verifyHouseholds` (geotag in own desa with the
 *   polygons, duplicate keys, size fence, extreme flag) on the joined columns, as `importFile` runs them;
 * - `buildNeedsViews` (targeting, needs, worklist through the publication layer), what the app recomputes
 *   when a setting changes.
 * Medians of a few runs after a warm-up; printed, never asserted.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { DesaCollection } from '../src/lib/geo/types.ts';
import type { JoinedHouseholds } from '../src/lib/import/households.ts';
import { KEY_HASH_BYTES } from '../src/lib/import/household-key.ts';
import { countNeeds } from '../src/lib/needs/counts.ts';
import { combineNeeds } from '../src/lib/needs/import-needs.ts';
import { verifyHouseholds } from '../src/lib/needs/verification.ts';
import { buildNeedsViews } from '../src/lib/needs/views.ts';
import { calibrationProfile } from '../src/lib/synth/calibration.ts';
import { generateHouseholds } from '../src/lib/synth/households.ts';
import { plantNeedsPatterns } from '../src/lib/synth/needs-patterns.ts';

const root = path.resolve(import.meta.dirname, '..');
const desa: DesaCollection = JSON.parse(readFileSync(path.join(root, 'public/geo/33.24/desa.json'), 'utf8'));
const n = 300_000;
const { district } = plantNeedsPatterns(
  generateHouseholds('33.24', desa.features, calibrationProfile('33.24'), {
    households: n,
    seed: 1,
    periods: ['2025-Q3'],
    geotagShare: 0.85,
  }),
);
const p = district.periods[0];
// the joined columns as the import pass leaves them (desa in the generator's order, the same list)
const keyHash = new Uint8Array(p.count * KEY_HASH_BYTES);
const view = new DataView(keyHash.buffer);
for (let r = 0; r < p.count; r++) view.setUint32(r * KEY_HASH_BYTES, p.key[r] + 1);
const h: JoinedHouseholds = {
  count: p.count,
  periods: [p.periode],
  desa: Uint16Array.from(p.desa),
  periode: new Uint16Array(p.count),
  desil: p.desil,
  size: p.size,
  lat: Float64Array.from(p.key, (k) => district.registry.lat[k]),
  lon: Float64Array.from(p.key, (k) => district.registry.lon[k]),
  flags: {
    pkh: p.pkh,
    bpnt: p.bpnt,
    pbi_jk: p.pbiJk,
    lantai_tanah: p.earthFloor,
    air_tidak_layak: p.unsafeWater,
    sanitasi_tidak_layak: p.poorSanitation,
    miskin_ekstrem: p.extreme,
  },
  key_hash: keyHash,
  source_row: Uint32Array.from({ length: p.count }, (_, r) => r + 3),
};
const geometries = district.desa.map((d) => d.geometry);

function median(fn: () => void, repeats = 5): number {
  fn();
  const runs: number[] = [];
  for (let r = 0; r < repeats; r++) {
    const t = performance.now();
    fn();
    runs.push(performance.now() - t);
  }
  return runs.sort((a, b) => a - b)[Math.floor(runs.length / 2)];
}

const tCount = median(() => countNeeds(h, district.desa.length));
let issues = 0;
const tVerify = median(() => {
  issues = verifyHouseholds(h, { fileName: 'x.csv', geometries, sizeRead: true }).issues.length;
});
const data = combineNeeds(
  [
    {
      counts: countNeeds(h, district.desa.length),
      ...verifyHouseholds(h, { fileName: 'x.csv', geometries, sizeRead: true }),
    },
  ],
  district.desa.length,
);
const props = district.desa.map((d) => d.properties);
const tViews = median(() =>
  buildNeedsViews(data, props, { k: 10, namaKab: 'Kabupaten Kendal', kodeKab: '33.24' }),
);
console.log(`households: ${n.toLocaleString('en-US')} (${district.desa.length} desa), ${issues} issue lines`);
console.log(`countNeeds:       ${tCount.toFixed(1)} ms`);
console.log(`verifyHouseholds: ${tVerify.toFixed(1)} ms (geotags against the desa polygons, keys, sizes)`);
console.log(`buildNeedsViews:  ${tViews.toFixed(1)} ms`);
const tNoGeo = median(() => verifyHouseholds(h, { fileName: 'x.csv', geometries: null, sizeRead: true }));
const tNoKey = median(() =>
  verifyHouseholds({ ...h, key_hash: null }, { fileName: 'x.csv', geometries: null, sizeRead: true }),
);
console.log(
  `  of which: geotags ${(tVerify - tNoGeo).toFixed(1)} ms, keys ${(tNoGeo - tNoKey).toFixed(1)} ms, the rest ${tNoKey.toFixed(1)} ms`,
);
