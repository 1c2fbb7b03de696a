import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { getProvinces } from 'idn-area-data';
import type { DesaFeature, DistrictIndex } from '../lib/geo/types.ts';
import { CliError } from '../cli/errors.ts';

/** `33.24` or `3324` → `33.24`; anything else → null. */
export function normaliseKodeKab(input: string): string | null {
  const m = /^(\d{2})\.?(\d{2})$/.exec(input.trim());
  return m ? `${m[1]}.${m[2]}` : null;
}

/** Path of a district's desa boundaries: `<geoDir>/<kab>/desa.json`. */
export function desaBoundaryPath(geoDir: string, kodeKab: string): string {
  return path.join(geoDir, kodeKab, 'desa.json');
}

/** `<geoDir>/index.json` (the districts built so far), or null when absent or unreadable. */
export async function readDistrictIndex(geoDir: string): Promise<DistrictIndex | null> {
  try {
    const index = JSON.parse(await readFile(path.join(geoDir, 'index.json'), 'utf8')) as DistrictIndex;
    return Array.isArray(index?.districts) ? index : null;
  } catch {
    return null;
  }
}

/**
 * The kabupaten code meant by a `--kab` value: a code (`33.24`, `3324`), or the folder name of a district in
 * `<geoDir>/index.json` (e.g. `demo` → `99.99`). Null when it is neither.
 */
export async function resolveKodeKab(geoDir: string, input: string): Promise<string | null> {
  const code = normaliseKodeKab(input);
  if (code) return code;
  const index = await readDistrictIndex(geoDir);
  return index?.districts.find((d) => d.folder === input.trim())?.kode_kab ?? null;
}

/**
 * Where a district's desa file is: `<geoDir>/<kab>/desa.json`, or the folder `<geoDir>/index.json` gives for
 * that code (the demo district lives in `demo/`). When neither exists, the first path (for the error message).
 */
export async function locateDesaFile(geoDir: string, kodeKab: string): Promise<string> {
  const direct = desaBoundaryPath(geoDir, kodeKab);
  if (existsSync(direct)) return direct;
  const entry = (await readDistrictIndex(geoDir))?.districts.find((d) => d.kode_kab === kodeKab);
  return entry ? path.join(geoDir, entry.folder, 'desa.json') : direct;
}

const REQUIRED = ['kode_desa', 'nama_desa', 'kode_kec', 'nama_kec', 'kode_kab', 'nama_kab'] as const;

/**
 * Reads a district's desa file (see {@link locateDesaFile}; a FeatureCollection of desa with `DesaProperties`).
 * A missing file, bad JSON or a feature without the needed properties or geometry gives one `CliError` naming
 * the file and feature.
 */
export async function loadDesaBoundaries(geoDir: string, kodeKab: string): Promise<DesaFeature[]> {
  return loadDesaFile(await locateDesaFile(geoDir, kodeKab), kodeKab);
}

/**
 * Like {@link loadDesaBoundaries} for an explicit file (used by tests and the benchmark); `kabupaten`: the
 * members of a set's file (`--kab 33.24,33.25`), whose desa may belong to any of them (`kodeKab` its label).
 */
export async function loadDesaFile(
  file: string,
  kodeKab: string,
  kabupaten?: ReadonlySet<string>,
): Promise<DesaFeature[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new CliError(
        `boundary file ${file} not found: build it first with "npm run geo -- --kab ${kodeKab}"`,
      );
    }
    throw new CliError(`cannot read ${file}: ${(error as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new CliError(
      `${file} is not valid JSON (${(error as Error).message}); rebuild it with "npm run geo -- --kab ${kodeKab}"`,
    );
  }
  const fc = json as { type?: string; features?: unknown[] };
  if (fc?.type !== 'FeatureCollection' || !Array.isArray(fc.features) || fc.features.length === 0) {
    throw new CliError(
      `${file} is not a FeatureCollection of desa; rebuild it with "npm run geo -- --kab ${kodeKab}"`,
    );
  }
  fc.features.forEach((f, i) => {
    const feature = f as Partial<DesaFeature>;
    const props = feature.properties as unknown as Record<string, unknown> | undefined;
    const missing = REQUIRED.filter((k) => typeof props?.[k] !== 'string');
    if (missing.length > 0)
      throw new CliError(`${file}, feature ${i}: property ${missing.join(', ')} missing or not text`);
    const type = feature.geometry?.type;
    if (type !== 'Polygon' && type !== 'MultiPolygon')
      throw new CliError(
        `${file}, feature ${i} (${String(props!.kode_desa)}): geometry is ${type ?? 'missing'}, not a polygon`,
      );
    if (kabupaten ? !kabupaten.has(String(props!.kode_kab)) : props!.kode_kab !== kodeKab)
      throw new CliError(
        `${file}, feature ${i}: kode_kab is ${String(props!.kode_kab)}, expected ${kabupaten ? [...kabupaten].join(' or ') : kodeKab}`,
      );
    if (typeof props!.luas_km2 !== 'number')
      throw new CliError(
        `${file}, feature ${i} (${String(props!.kode_desa)}): luas_km2 missing or not a number`,
      );
  });
  return fc.features as DesaFeature[];
}

/** Province name from the `idn-area-data` gazetteer (`JAWA TENGAH`), or `PROVINSI <code>` when unknown. */
export async function provinceName(kodeKab: string): Promise<string> {
  const code = kodeKab.slice(0, 2);
  const provinces = await getProvinces();
  return provinces.find((p) => p.code === code)?.name ?? `PROVINSI ${code}`;
}
