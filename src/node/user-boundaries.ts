/**
 * `npm run geo -- --file F`: a user's boundary file (GeoJSON, TopoJSON, zipped Shapefile) built into a boundary
 * set by the same core as the app's (`buildUserSet`) and written like a public-source set, into
 * `<outDir>/<kab or set code>/`, then `index.json` is updated. A `.prj`-less shapefile needs `--crs`; the
 * chosen system is checked against the kabupaten's public-source box when that set has been built.
 */
import { existsSync, readFileSync } from 'node:fs';
import { open, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { BoundaryFileError, MAX_BOUNDARY_TEXT_BYTES } from '../lib/geo/boundary-file.ts';
import type { BoundaryFieldMapping } from '../lib/geo/boundary-match.ts';
import type { BoundaryManifest, DistrictIndex } from '../lib/geo/types.ts';
import { buildUserSet, type UserSet } from '../lib/geo/user-set.ts';
import { msg } from '../lib/messages/message.ts';
import { renderMessage } from '../lib/messages/render.ts';
import { CliError } from '../cli/errors.ts';
import { loadGazetteerRows } from './gazetteer.ts';
import { updateDistrictIndex, writeDistrictFolder } from './geo-files.ts';

/** What `--file` built. */
export interface UserBuildResult {
  path: string;
  set: UserSet;
  index: DistrictIndex;
}

/**
 * Reads, builds and writes a user's boundary set. Refusals are `CliError`s with the core's message (in
 * Indonesian unless `lang` is `en`); nothing is written before the whole set is built.
 */
export async function buildUserFile(
  file: string,
  outDir: string,
  kabupaten: readonly string[] | undefined,
  mapping: BoundaryFieldMapping,
  crs: string | undefined,
  lang: 'id' | 'en' = 'en',
  now: Date = new Date(),
): Promise<UserBuildResult> {
  const name = path.basename(file);
  let size: number;
  try {
    size = (await stat(file)).size;
  } catch {
    throw new CliError(`--file ${file}: not found`);
  }
  // Refused before reading: a text file over the limit would not fit in a JS string anyway.
  if (size > MAX_BOUNDARY_TEXT_BYTES && !(await isZip(file)))
    throw new CliError(
      renderMessage(
        msg('geo.file.tooBig', {
          file: name,
          size: Math.round(size / 104857.6) / 10,
          limit: MAX_BOUNDARY_TEXT_BYTES / (1 << 20),
        }),
        lang,
      ),
    );
  const bytes = new Uint8Array(await readFile(file));
  const gazetteer = await loadGazetteerRows();
  let result;
  try {
    result = buildUserSet({
      bytes,
      fileName: name,
      gazetteer,
      ...(kabupaten ? { kabupaten } : {}),
      mapping,
      ...(crs ? { crs } : {}),
      reference: (kab) => referenceBox(outDir, kab),
      now,
    });
  } catch (error) {
    if (error instanceof BoundaryFileError) throw new CliError(renderMessage(error.detail, lang));
    throw error;
  }
  if (result.kind === 'needs_crs')
    throw new CliError(
      `${renderMessage(result.question, lang)}: rerun with --crs EPSG:32749 or --crs EPSG:4326`,
    );
  await writeDistrictFolder(outDir, result.set.kode, result.set.files);
  const index = await updateDistrictIndex(outDir);
  return { path: file, set: result.set, index };
}

async function isZip(file: string): Promise<boolean> {
  const handle = await open(file, 'r');
  try {
    const head = new Uint8Array(4);
    await handle.read(head, 0, 4, 0);
    return head[0] === 0x50 && head[1] === 0x4b && head[2] === 3 && head[3] === 4;
  } finally {
    await handle.close();
  }
}

/** The box of a kabupaten's public-source set in `outDir`, when it has been built (else no check). */
function referenceBox(outDir: string, kab: string): [number, number, number, number] | null {
  const manifest = path.join(outDir, kab, 'manifest.json');
  if (!existsSync(manifest)) return null;
  try {
    const m = JSON.parse(readFileSync(manifest, 'utf8')) as BoundaryManifest;
    return m.source.name === 'cahyadsn/wilayah_boundaries' ? m.bbox : null;
  } catch {
    return null;
  }
}
