/**
 * Writes boundary sets into `public/geo/` (or another output folder) so that a failure never leaves a
 * half-written district: everything goes into a hidden temporary folder next to the target, which is
 * renamed into place at the end (a rename within one folder is atomic on POSIX file systems).
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { DistrictFile } from '../lib/geo/district-files.ts';
import type { BoundaryManifest, DistrictIndex } from '../lib/geo/types.ts';

/** Folder name of the default district when it has been built. */
export const PREFERRED_DEFAULT = '33.24';
/** Folder of the generated demo district. */
export const DEMO_FOLDER = 'demo';

function tempName(outDir: string, folder: string, tag: string): string {
  return path.join(outDir, `.${folder}.${tag}-${process.pid}-${randomBytes(4).toString('hex')}`);
}

/**
 * Writes `files` into `<outDir>/<folder>/`, replacing any previous content of that folder only once every
 * file has been written. On failure the temporary folder is removed and the old folder is left as it was.
 */
export async function writeDistrictFolder(
  outDir: string,
  folder: string,
  files: readonly DistrictFile[],
): Promise<string> {
  await mkdir(outDir, { recursive: true });
  const target = path.join(outDir, folder);
  const temp = tempName(outDir, folder, 'tmp');
  const old = tempName(outDir, folder, 'old');
  try {
    await mkdir(temp);
    for (const file of files) await writeFile(path.join(temp, file.name), file.text);
    const hadOld = existsSync(target);
    if (hadOld) await rename(target, old);
    try {
      await rename(temp, target);
    } catch (error) {
      if (hadOld) await rename(old, target);
      throw error;
    }
    if (hadOld) await rm(old, { recursive: true, force: true });
    return target;
  } finally {
    await rm(temp, { recursive: true, force: true });
  }
}

/** Writes a text file through a temporary file and a rename, so readers never see half of it. */
export async function writeFileAtomically(file: string, text: string): Promise<void> {
  const temp = `${file}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    await writeFile(temp, text);
    await rename(temp, file);
  } finally {
    await rm(temp, { force: true });
  }
}

/**
 * Rebuilds `<outDir>/index.json` from the district folders present (each with a `manifest.json`).
 * Default: `33.24` when that folder exists, else `demo` (when present), else the first district.
 */
export async function updateDistrictIndex(outDir: string): Promise<DistrictIndex> {
  const districts: DistrictIndex['districts'] = [];
  const entries = existsSync(outDir) ? await readdir(outDir, { withFileTypes: true }) : [];
  for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    if (!entry.isDirectory() || entry.name.startsWith('.')) continue;
    const manifestPath = path.join(outDir, entry.name, 'manifest.json');
    if (!existsSync(manifestPath)) continue;
    const manifest = JSON.parse(await readFile(manifestPath, 'utf8')) as BoundaryManifest;
    districts.push({
      kode_kab: manifest.kode_kab,
      nama_kab: manifest.nama_kab,
      demo: manifest.demo,
      folder: entry.name,
      // What the district picker searches and shows without opening every manifest.
      ...(manifest.kabupaten
        ? {
            kabupaten: manifest.kabupaten.map((k) => k.kode_kab),
            kabupaten_names: manifest.kabupaten.map((k) => k.nama_kab),
          }
        : {}),
      ...(manifest.bbox ? { bbox: manifest.bbox } : {}),
      ...(manifest.counts ? { jumlah_desa: manifest.counts.desa + manifest.counts.kelurahan } : {}),
    });
  }
  // The demo goes last: real districts first in any picker.
  districts.sort((a, b) => Number(a.demo) - Number(b.demo));
  const folders = new Set(districts.map((d) => d.folder));
  const fallback = folders.has(DEMO_FOLDER) ? DEMO_FOLDER : (districts[0]?.folder ?? DEMO_FOLDER);
  const index: DistrictIndex = {
    default: folders.has(PREFERRED_DEFAULT) ? PREFERRED_DEFAULT : fallback,
    districts,
  };
  await mkdir(outDir, { recursive: true });
  await writeFileAtomically(path.join(outDir, 'index.json'), `${JSON.stringify(index, null, 2)}\n`);
  return index;
}
