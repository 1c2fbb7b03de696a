/**
 * The boundary pipeline with its Node I/O: source bytes → SQL parse → gazetteer check → dissolve →
 * files in `<outDir>/<kab>/` → `index.json`. Used by `npm run geo` and by scripts that prepare the app.
 */
import path from 'node:path';
import {
  checkAgainstGazetteer,
  regencyDisplayName,
  type GazetteerReport,
  type KabupatenGazetteer,
} from '../lib/geo/gazetteer.ts';
import { DEMO_SEED, generateDemoDistrict } from '../lib/geo/demo-district.ts';
import { buildDistrict, type District } from '../lib/geo/district.ts';
import { renderDistrictFiles, type DistrictFile } from '../lib/geo/district-files.ts';
import { parseWilayahSql, WilayahSqlError, type WilayahSqlWarning } from '../lib/geo/wilayah-sql.ts';
import { WILAYAH_COMMIT, WILAYAH_LICENCE } from '../lib/geo/wilayah-source.ts';
import type { BoundaryManifest, DistrictIndex } from '../lib/geo/types.ts';
import { DEMO_FOLDER, updateDistrictIndex, writeDistrictFolder } from './geo-files.ts';
import type { VerifiedWilayahFile } from './wilayah-fetch.ts';

/** The SQL could not be read: names the file, line and column; nothing was written. */
export class BoundarySourceError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BoundarySourceError';
  }
}

/** What a build produced, for the summary. */
export interface BuildResult {
  folder: string;
  manifest: BoundaryManifest;
  files: DistrictFile[];
  district: District;
  index: DistrictIndex;
  warnings: WilayahSqlWarning[];
  gazetteer: GazetteerReport;
  /** Milliseconds per step. */
  timings: Record<string, number>;
}

/** Folder name of a district under the output folder: its code (`33.24`), or `demo`. */
export function districtFolder(kodeKab: string, demo: boolean): string {
  return demo ? DEMO_FOLDER : kodeKab;
}

/**
 * Builds and writes one real district from a verified source file. Validation failures (corrupt SQL,
 * rows from another kabupaten) throw {@link BoundarySourceError} before anything is written.
 */
export async function buildRealDistrict(
  file: VerifiedWilayahFile,
  gazetteer: KabupatenGazetteer,
  outDir: string,
  now: Date = new Date(),
): Promise<BuildResult> {
  const prepared = prepareRealDistrict(file, gazetteer, now);
  const { timings } = prepared;
  const t = performance.now();
  await writeDistrictFolder(outDir, prepared.folder, prepared.files);
  const index = await updateDistrictIndex(outDir);
  timings.write = performance.now() - t;
  return { ...prepared, index };
}

/** A district built in memory, with its files rendered, not yet written (see {@link prepareRealDistrict}). */
export type PreparedDistrict = Omit<BuildResult, 'index'>;

/**
 * Parses, checks and dissolves one kabupaten's source file and renders its files, without writing anything:
 * the step a set build runs for each of its kabupaten (in worker threads, see `set-build.ts`).
 *
 * @throws {BoundarySourceError} for corrupt SQL, rows of another kabupaten, or a dissolve that fails.
 */
export function prepareRealDistrict(
  file: VerifiedWilayahFile,
  gazetteer: KabupatenGazetteer,
  now: Date = new Date(),
): PreparedDistrict {
  const kodeKab = gazetteer.regency.code;
  const timings: Record<string, number> = {};
  let t = performance.now();
  const lap = (name: string): void => {
    const n = performance.now();
    timings[name] = n - t;
    t = n;
  };

  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(file.bytes);
  } catch {
    throw new BoundarySourceError(`${file.location}: not valid UTF-8 text`);
  }
  let parsed;
  try {
    parsed = parseWilayahSql(text, { kodeKab });
  } catch (error) {
    if (error instanceof WilayahSqlError) throw new BoundarySourceError(`${file.location}: ${error.message}`);
    throw error;
  }
  if (parsed.rows.length === 0)
    throw new BoundarySourceError(`${file.location}: no desa rows (no INSERT INTO wilayah_boundaries)`);
  lap('parse');

  const report = checkAgainstGazetteer(parsed.rows, gazetteer);
  const districtNames = new Map(gazetteer.districts.map((d) => [d.code, d.name]));
  lap('gazetteer');

  let district: District;
  try {
    district = buildDistrict({
      kodeKab,
      namaKab: regencyDisplayName(gazetteer.regency.name),
      desa: parsed.rows,
      kecamatanName: (kode) => districtNames.get(kode),
    });
  } catch (error) {
    // A geometry the clipping library cannot handle: still one line, and nothing written yet.
    throw new BoundarySourceError(`${file.location}: dissolve failed: ${(error as Error).message}`);
  }
  lap('dissolve');

  const { files, manifest } = renderDistrictFiles(district, {
    demo: false,
    source: wilayahSource(file),
    validation: {
      unknown_in_gazetteer: [...report.unknown_in_gazetteer, ...district.unnamed_kecamatan].sort(),
      missing_from_source: report.missing_from_source,
      name_differences: report.name_differences,
      parse_warnings: parsed.warnings,
    },
    generated_at: now.toISOString(),
  });
  lap('render');
  const folder = districtFolder(kodeKab, false);
  return { folder, manifest, files, district, warnings: parsed.warnings, gazetteer: report, timings };
}

/** The manifest's `source` of a public-source file. */
export function wilayahSource(file: VerifiedWilayahFile): BoundaryManifest['source'] {
  return {
    name: 'cahyadsn/wilayah_boundaries',
    location: file.location,
    commit: WILAYAH_COMMIT,
    file: file.path,
    sha256: file.sha256,
    checksum_status: file.checksum_status,
    licence: WILAYAH_LICENCE,
  };
}

/**
 * A fixed `generated_at` for the demo, so regenerating it gives byte-identical committed files
 * (the demo's content depends only on the seed and the generator's code).
 */
export const DEMO_GENERATED_AT = '2026-01-01T00:00:00.000Z';

/** Generates the demo district (seeded) and writes it to `<outDir>/demo/`, then updates `index.json`. */
export async function buildDemoDistrict(outDir: string, seed = DEMO_SEED): Promise<BuildResult> {
  const timings: Record<string, number> = {};
  let t = performance.now();
  const demo = generateDemoDistrict({ seed });
  timings.generate = performance.now() - t;
  t = performance.now();
  const district = buildDistrict({
    kodeKab: demo.kodeKab,
    namaKab: demo.namaKab,
    desa: demo.desa,
    kecamatanName: (kode) => demo.kecamatanNames.get(kode),
  });
  timings.dissolve = performance.now() - t;
  t = performance.now();
  const { files, manifest } = renderDistrictFiles(district, {
    demo: true,
    source: {
      name: 'Kantong demo generator (made-up district, not real places)',
      location: `src/lib/geo/demo-district.ts, seed ${seed}`,
      commit: null,
      file: null,
      sha256: null,
      checksum_status: 'none',
      licence: 'generated by Kantong',
    },
    validation: {
      unknown_in_gazetteer: [],
      missing_from_source: [],
      name_differences: [],
      parse_warnings: [],
    },
    generated_at: DEMO_GENERATED_AT,
  });
  const folder = districtFolder(demo.kodeKab, true);
  await writeDistrictFolder(outDir, folder, files);
  const index = await updateDistrictIndex(outDir);
  timings.write = performance.now() - t;
  return {
    folder,
    manifest,
    files,
    district,
    index,
    warnings: [],
    gazetteer: { unknown_in_gazetteer: [], missing_from_source: [], name_differences: [] },
    timings,
  };
}

/** Human-readable relative path for messages (relative to the working directory when inside it). */
export function displayPath(p: string): string {
  const rel = path.relative(process.cwd(), p);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : p;
}
