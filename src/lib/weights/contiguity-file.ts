import type { Geometry } from 'geojson';
import { buildWeights, type BuiltWeights, type WeightsSpec } from './build.ts';
import { DEFAULT_TOLERANCE_M } from './tolerant.ts';
import { neighbourLists, weightsFromNeighbourLists } from './types.ts';

/**
 * `contiguity.json` of a boundary set: the tolerant contiguity of its desa, kecamatan and kabupaten at the
 * default tolerance, found at build time (`npm run geo`) from the same full-precision polygons as
 * `desa.json` / `kecamatan.json` / `kabupaten.json`, in their feature order. The app's Worker reads it
 * instead of fetching the full geometry and searching it again, so the first LISA of a province does not
 * wait for 30 MB of boundaries; any other weights (another tolerance, queen, rook, knn) and sets without
 * the file are built from the geometry as before.
 */
export const CONTIGUITY_FILE = 'contiguity.json';

/** The levels a set's contiguity file holds, each with the code property of its features. */
export const CONTIGUITY_LEVELS = {
  desa: 'kode_desa',
  kecamatan: 'kode_kec',
  kabupaten: 'kode_kab',
} as const;
export type ContiguityLevel = keyof typeof CONTIGUITY_LEVELS;

/** One level of the file: unit codes in feature order and their sorted 0-based neighbour lists. */
export interface ContiguityLevelWeights {
  codes: string[];
  neighbors: number[][];
  /** What `buildWeights` says of these weights (type, tolerance, projection). */
  description: Record<string, string | number>;
}

/** The file's content. */
export interface ContiguityFile {
  format: 'kantong-contiguity';
  version: 1;
  kind: 'tolerant';
  tolerance_m: number;
  levels: Record<ContiguityLevel, ContiguityLevelWeights>;
}

/** A level's features as `desa.json` & co. hold them (only the geometry and the code are read). */
interface Collection {
  features: ReadonlyArray<{ geometry: Geometry | null; properties: object | null }>;
}

/**
 * Builds the file from the three levels' full-precision collections: `buildWeights({ kind: 'tolerant',
 * toleranceMetres })` on each (the same call the Worker makes), stored as neighbour lists.
 */
export function contiguityFileOf(
  collections: Record<ContiguityLevel, Collection>,
  toleranceMetres: number = DEFAULT_TOLERANCE_M,
): ContiguityFile {
  const levels = {} as Record<ContiguityLevel, ContiguityLevelWeights>;
  for (const [level, codeField] of Object.entries(CONTIGUITY_LEVELS) as [ContiguityLevel, string][]) {
    const features = collections[level].features;
    const built = buildWeights(
      { kind: 'tolerant', toleranceMetres },
      features.map((f) => f.geometry),
    );
    levels[level] = {
      codes: features.map((f) => String((f.properties as Record<string, unknown> | null)?.[codeField] ?? '')),
      neighbors: neighbourLists(built.weights),
      description: built.description,
    };
  }
  return { format: 'kantong-contiguity', version: 1, kind: 'tolerant', tolerance_m: toleranceMetres, levels };
}

/** Parses the file's text, or null when it is not a contiguity file this version reads. */
export function parseContiguityFile(text: string): ContiguityFile | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  const file = value as Partial<ContiguityFile> | null;
  if (
    !file ||
    file.format !== 'kantong-contiguity' ||
    file.version !== 1 ||
    file.kind !== 'tolerant' ||
    typeof file.tolerance_m !== 'number' ||
    !file.levels
  )
    return null;
  for (const level of Object.keys(CONTIGUITY_LEVELS) as ContiguityLevel[]) {
    const l = file.levels[level];
    if (!l || !Array.isArray(l.codes) || !Array.isArray(l.neighbors) || l.codes.length !== l.neighbors.length)
      return null;
  }
  return file as ContiguityFile;
}

/**
 * The weights `buildWeights(spec, geometries of level)` would give, read from the file: binary tolerant
 * contiguity with the same neighbours (`weightsFromNeighbourLists` of the stored lists, exactly what
 * `weightsFromPairs` makes of the search's pairs) and the same description. Null when the file does not hold
 * them: another kind of weights, another tolerance, an unknown level, or `units` other than the level's
 * count (the caller then builds them from the geometry).
 */
export function weightsFromContiguityFile(
  file: ContiguityFile,
  level: string,
  spec: WeightsSpec,
  units: number,
): BuiltWeights | null {
  if (spec.kind.toLowerCase() !== 'tolerant') return null;
  if ((spec.toleranceMetres ?? DEFAULT_TOLERANCE_M) !== file.tolerance_m) return null;
  if (!Object.hasOwn(CONTIGUITY_LEVELS, level)) return null;
  const l = file.levels[level as ContiguityLevel];
  if (l.neighbors.length !== units) return null;
  return { weights: weightsFromNeighbourLists(l.neighbors, 'tolerant'), description: l.description };
}
