/**
 * Makes sure the app has a district to open (first step of `npm start` and of the browser tests):
 *
 * 1. Boundaries of the default district, Kendal (33.24), unless `public/geo/33.24/` is already built: from a
 *    local copy of wilayah_boundaries (`KANTONG_WILAYAH_DIR`, else `../shared/data/wilayah_boundaries` when
 *    present), else downloaded from the pinned public source; `npm run geo` itself falls back to the demo
 *    district when there is no network.
 * 2. The synthetic desa aggregate of the district the app opens by default, unless already written.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { main as geo } from '../src/cli/geo.ts';
import { writeSyntheticAggregate } from '../src/node/synth-files.ts';
import { AGGREGATE_COLUMNS } from '../src/lib/synth/csv-format.ts';
import type { BoundaryManifest, DistrictIndex } from '../src/lib/geo/types.ts';

const DEFAULT_KAB = '33.24';
const geoDir = path.resolve('public/geo');

function readJson<T>(file: string): T | null {
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as T) : null;
}

if (!existsSync(path.join(geoDir, DEFAULT_KAB, 'manifest.json'))) {
  const localCopy = process.env.KANTONG_WILAYAH_DIR ?? path.resolve('../shared/data/wilayah_boundaries');
  const from = existsSync(localCopy) ? ['--from', path.relative(process.cwd(), localCopy)] : [];
  console.log(
    from.length
      ? `Batas wilayah ${DEFAULT_KAB} dibangun dari salinan lokal ${from[1]} …`
      : `Batas wilayah ${DEFAULT_KAB} diunduh dari sumber publik …`,
  );
  const code = await geo(['--kab', DEFAULT_KAB, ...from]);
  if (code !== 0) process.exit(code);
}
// The committed demo district must always be listed, even on a fresh clone where index.json is missing.
if (!existsSync(path.join(geoDir, 'index.json'))) {
  const { updateDistrictIndex } = await import('../src/node/geo-files.ts');
  await updateDistrictIndex(geoDir);
}

const index = readJson<DistrictIndex>(path.join(geoDir, 'index.json'));
const folder =
  index?.districts.find((d) => d.kode_kab === index.default || d.folder === index.default)?.folder ?? 'demo';
const manifest = readJson<BoundaryManifest>(path.join(geoDir, folder, 'manifest.json'));
if (!manifest) throw new Error(`public/geo/${folder}/manifest.json is missing: run npm run geo -- --demo`);
const aggregate = path.resolve('public/data', folder, `sintetis-agregat-desa-${manifest.kode_kab}.csv`);
// Rewritten when missing or written by an older generator (other columns), so new indicators appear.
const header = existsSync(aggregate) ? readFileSync(aggregate, 'utf8').split(/\r?\n/)[1] : null;
if (header !== AGGREGATE_COLUMNS.join(';')) {
  const written = await writeSyntheticAggregate(manifest.kode_kab, aggregate, { geoDir });
  console.log(
    `Agregat desa sintetis: ${path.relative(process.cwd(), written.path)} (${written.households} keluarga)`,
  );
}
console.log(
  `Wilayah bawaan: ${manifest.nama_kab} (${manifest.kode_kab})${manifest.demo ? ' — WILAYAH CONTOH' : ''}`,
);
