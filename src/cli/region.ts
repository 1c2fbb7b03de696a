/**
 * The region a command reads from `--kab`: one kabupaten/kota (`33.24`, or a boundary folder's name such as
 * `demo`), a list (`33.24,33.25`), a province (`33`) or `all` — parsed and resolved by the core
 * (`src/lib/region/kab-filter.ts`), its boundaries from the folder `npm run geo` built for exactly that set
 * (`src/lib/region/kab-boundaries.ts`). A value that names no kabupaten, or a set whose boundaries are not
 * built, ends the command in one line before anything is read or written.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { bbox as turfBbox } from '@turf/bbox';
import type { DesaFeature, DesaProperties } from '../lib/geo/types.ts';
import { msg } from '../lib/messages/message.ts';
import type { Language } from '../lib/messages/render.ts';
import { geoBuildCommand, kabSetCode, setFolderOf } from '../lib/region/kab-boundaries.ts';
import { parseKabSpec, resolveKabSet, type KabSet } from '../lib/region/kab-filter.ts';
import { loadRegencies } from '../node/gazetteer.ts';
import { loadDesaFile, locateDesaFile, readDistrictIndex, resolveKodeKab } from '../node/synth-geo.ts';
import { CliError } from './errors.ts';
import { cliMessage } from './params.ts';

/** What a command works on (see the module comment). */
export interface Region {
  /** `--kab` as given. */
  kab: string;
  /** The kabupaten's code (`33.24`), or the set's (`33`, `33.24+33.25`): the label of files and reports. */
  kode: string;
  /** The kabupaten's name, or the set's (`Provinsi Jawa Tengah`, `Kabupaten Kendal, Kabupaten Batang`). */
  nama: string;
  /** The kabupaten/kota codes, sorted (one for a kabupaten). */
  kabupaten: string[];
  set: KabSet;
  /** Several kabupaten: imports join rows of any of them, and name them per kabupaten. */
  isSet: boolean;
  /** The boundary folder (`<geo>/33.24+33.25`). */
  folder: string;
  features: DesaFeature[];
  desa: DesaProperties[];
  bbox: [number, number, number, number];
}

/** Whether a desa code lies in the region. */
export function inRegion(region: Pick<Region, 'kabupaten'>, kodeDesa: string): boolean {
  return kodeDesa[5] === '.' && region.kabupaten.includes(kodeDesa.slice(0, 5));
}

async function setName(folder: string, fallback: string): Promise<string> {
  try {
    const m = JSON.parse(await readFile(path.join(folder, 'manifest.json'), 'utf8')) as {
      nama_kab?: unknown;
    };
    return typeof m.nama_kab === 'string' ? m.nama_kab : fallback;
  } catch {
    return fallback;
  }
}

/** Resolves `--kab` and loads its boundaries (see the module comment). */
export async function loadRegion(kab: string, geo: string, lang: Language): Promise<Region> {
  const fail = (code: Parameters<typeof msg>[0], params: Record<string, string>): never => {
    throw new CliError(cliMessage(msg(code, params), lang));
  };
  let spec = parseKabSpec(kab);
  if (!spec) {
    // a boundary folder's name (`demo`)
    const code = await resolveKodeKab(geo, kab);
    if (code) spec = { kind: 'kabupaten', codes: [code] };
  }
  if (!spec) return fail('region.kabInvalid', { kab });
  const regencies = (await loadRegencies()).map((r) => r.code);
  if (spec.kind === 'kabupaten' && spec.codes.length === 1) {
    const code = spec.codes[0];
    const file = await locateDesaFile(geo, code);
    if (!existsSync(file)) {
      if (!regencies.includes(code)) fail('region.kabUnknown', { kab, codes: code });
      fail('region.setNotBuilt', { kab, set: code, geo, command: `npm run geo -- --kab ${code}` });
    }
    const features = await loadDesaFile(file, code);
    const set: KabSet = { spec, codes: [code] };
    return region(kab, set, code, features[0].properties.nama_kab, path.dirname(file), features, false);
  }
  const resolved = resolveKabSet(spec, regencies);
  if (!resolved.ok) return fail('region.kabUnknown', { kab, codes: resolved.unknown.join(', ') });
  const set = resolved.set;
  const index = await readDistrictIndex(geo);
  const folder = setFolderOf(index, set, (f) => existsSync(path.join(geo, f, 'desa.json')));
  if (folder === null) {
    const command = geoBuildCommand(set);
    if (command === null) return fail('region.countryNotBuilt', {});
    return fail('region.setNotBuilt', { kab, set: kabSetCode(set), geo, command });
  }
  const dir = path.join(geo, folder);
  const code = kabSetCode(set);
  const features = await loadDesaFile(path.join(dir, 'desa.json'), code, new Set(set.codes));
  const names = [...new Set(features.map((f) => f.properties.nama_kab))].join(', ');
  return region(kab, set, code, await setName(dir, names), dir, features, set.codes.length > 1);
}

function region(
  kab: string,
  set: KabSet,
  kode: string,
  nama: string,
  folder: string,
  features: DesaFeature[],
  isSet: boolean,
): Region {
  const bbox = turfBbox({ type: 'FeatureCollection', features }) as [number, number, number, number];
  return {
    kab,
    kode,
    nama,
    kabupaten: set.codes,
    set,
    isSet,
    folder,
    features,
    desa: features.map((f) => f.properties),
    bbox,
  };
}

/** What the import core takes for the region: its kabupaten when a set (see `ImportOptions.kabupaten`). */
export function importSet(region: Pick<Region, 'isSet' | 'kabupaten'>): { kabupaten?: string[] } {
  return region.isSet ? { kabupaten: region.kabupaten } : {};
}

/**
 * One line on the rows of kabupaten outside `--kab` (from a join report's `rows_by_kabupaten`), or null when
 * there were none: `rows of kabupaten/kota outside --kab 33.24 rejected: 33.25 1,200; 33.26 800` (their
 * reasons are the report's: a kabupaten column naming another, else the code's `kode_other_kabupaten`).
 */
export function outsideLine(kab: string, byKab: Record<string, { outside_set: number }>): string | null {
  const outside = Object.entries(byKab).filter(([, c]) => c.outside_set > 0);
  if (outside.length === 0) return null;
  const int = (n: number) => n.toLocaleString('en-US');
  const total = outside.reduce((s, [, c]) => s + c.outside_set, 0);
  const list = outside
    .slice(0, 12)
    .map(([k, c]) => `${k} ${int(c.outside_set)}`)
    .join('; ');
  return `  ${int(total)} rows of kabupaten/kota outside --kab ${kab} rejected: ${list}${outside.length > 12 ? '; …' : ''}`;
}
