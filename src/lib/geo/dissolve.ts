import area from '@turf/area';
import rewind from '@turf/rewind';
import union from '@turf/union';
import polygonClipping, { type Geom } from 'polygon-clipping';
import type { Feature, MultiPolygon, Polygon, Position } from 'geojson';
import type { AreaGeometry } from './types.ts';

/**
 * Dissolve: kecamatan outlines as the union of their desa, the kabupaten outline as the union of all desa.
 *
 * Real desa polygons were simplified one by one upstream, so neighbours overlap slightly and leave thin gaps;
 * a plain union is full of tiny interior rings ("sliver holes"). Interior rings smaller than a threshold
 * (1 ha by default) are removed; larger ones are real (an enclave of another unit) and are kept.
 */

/** Default sliver threshold: interior rings under 1 ha (10,000 m²) are gaps between desa, not enclaves. */
export const SLIVER_HOLE_MAX_M2 = 10_000;

/** One interior ring kept because it is at least the sliver threshold. */
export interface KeptHole {
  /** Geodesic area of the hole in m² (`@turf/area`). */
  area_m2: number;
  /** A position on the hole's ring, to locate it. */
  at: Position;
}

/** What {@link removeSliverHoles} did. */
export interface HoleCleanup {
  geometry: AreaGeometry;
  /** Interior rings dropped because they were smaller than the threshold. */
  removed: number;
  /** Interior rings kept. */
  kept: KeptHole[];
  /** Largest removed ring, m² (0 when none). */
  largest_removed_m2: number;
  /** Total area of the removed rings, m²: the gaps between neighbours the outline closed. */
  removed_m2: number;
}

/**
 * Geodesic area of one ring in m², as the area of a polygon with that ring as its exterior.
 * Formula: spherical excess on a sphere of radius 6,371,008.8 m (Chamberlain & Duquette 2007,
 * "Some algorithms for polygons on a sphere", JPL), as implemented by `@turf/area`.
 */
export function ringArea(ring: Position[]): number {
  return area({ type: 'Polygon', coordinates: [ring] });
}

/**
 * Removes interior rings (holes) whose geodesic area is below `minHoleM2` from a polygon or multipolygon.
 * Exterior rings are never touched, so detached parts (exclaves) survive. Returns a new geometry.
 */
export function removeSliverHoles(geometry: AreaGeometry, minHoleM2 = SLIVER_HOLE_MAX_M2): HoleCleanup {
  let removed = 0;
  let largest = 0;
  let removedArea = 0;
  const kept: KeptHole[] = [];
  const clean = (polygon: Position[][]): Position[][] => {
    const [exterior, ...holes] = polygon;
    const out = [exterior];
    for (const hole of holes) {
      const a = ringArea(hole);
      if (a < minHoleM2) {
        removed++;
        removedArea += a;
        largest = Math.max(largest, a);
      } else {
        out.push(hole);
        kept.push({ area_m2: a, at: hole[0] });
      }
    }
    return out;
  };
  const cleaned: AreaGeometry =
    geometry.type === 'Polygon'
      ? { type: 'Polygon', coordinates: clean(geometry.coordinates) }
      : { type: 'MultiPolygon', coordinates: geometry.coordinates.map(clean) };
  return { geometry: cleaned, removed, kept, largest_removed_m2: largest, removed_m2: removedArea };
}

/**
 * Union of polygons and multipolygons: the Martinez–Rueda–Feito sweep (Martínez et al. 2009, "A new algorithm
 * for computing Boolean operations on polygons") as implemented by `polygon-clipping` (floating point, 3–6×
 * faster than its arbitrary-precision fork `polyclip-ts` behind `@turf/union`, with the same areas and holes
 * on the Jawa Tengah desa). `polygon-clipping` can fail on near-degenerate input ("Unable to complete output
 * ring"): then the union is done again by `@turf/union`, whose exact arithmetic is the robust fallback.
 * The result is rewound to RFC 7946 (exterior counter-clockwise) and is a Polygon when it has one part.
 *
 * @throws {Error} when the input is empty or the union is empty.
 */
export function unionAll(geometries: AreaGeometry[]): AreaGeometry {
  if (geometries.length === 0) throw new Error('unionAll: no geometries');
  let result: AreaGeometry;
  if (geometries.length === 1) {
    result = structuredClone(geometries[0]);
  } else {
    result = fastUnion(geometries) ?? exactUnion(geometries);
  }
  rewind(result, { mutate: true });
  return result;
}

/** `polygon-clipping`'s union, or null when it fails or returns nothing (the caller falls back). */
function fastUnion(geometries: AreaGeometry[]): AreaGeometry | null {
  let parts: Position[][][];
  try {
    const [first, ...rest] = geometries.map((g) => g.coordinates as Geom);
    parts = polygonClipping.union(first, ...rest) as Position[][][];
  } catch {
    return null;
  }
  if (parts.length === 0) return null;
  return parts.length === 1
    ? { type: 'Polygon', coordinates: parts[0] }
    : { type: 'MultiPolygon', coordinates: parts };
}

/** `@turf/union` (`polyclip-ts`, exact arithmetic): the fallback of {@link unionAll}, exported for its tests. */
export function exactUnion(geometries: AreaGeometry[]): AreaGeometry {
  const merged = union({
    type: 'FeatureCollection',
    features: geometries.map((geometry): Feature<Polygon | MultiPolygon> => ({
      type: 'Feature',
      properties: {},
      geometry,
    })),
  });
  if (!merged) throw new Error('unionAll: the union is empty');
  return merged.geometry;
}

/** A dissolved unit: its geometry and what the hole cleanup did. */
export interface DissolvedUnit {
  key: string;
  geometry: AreaGeometry;
  /** Number of input geometries merged. */
  members: number;
  cleanup: HoleCleanup;
}

/**
 * Groups geometries by `keyOf`, unions each group and removes sliver holes (< `minHoleM2`) from the result.
 * Keys come back in ascending order so output files are stable.
 */
export function dissolveBy<T>(
  items: readonly T[],
  keyOf: (item: T) => string,
  geometryOf: (item: T) => AreaGeometry,
  minHoleM2 = SLIVER_HOLE_MAX_M2,
): DissolvedUnit[] {
  const groups = new Map<string, AreaGeometry[]>();
  for (const item of items) {
    const key = keyOf(item);
    const list = groups.get(key);
    if (list) list.push(geometryOf(item));
    else groups.set(key, [geometryOf(item)]);
  }
  return [...groups.keys()].sort().map((key) => {
    const members = groups.get(key) as AreaGeometry[];
    let merged: AreaGeometry;
    try {
      merged = unionAll(members);
    } catch (error) {
      throw new Error(
        `union of the ${members.length} polygons of ${key} failed: ${(error as Error).message}`,
        {
          cause: error,
        },
      );
    }
    const cleanup = removeSliverHoles(merged, minHoleM2);
    return { key, geometry: cleanup.geometry, members: members.length, cleanup };
  });
}

/** Smallest interior ring of a geometry in m² (`Infinity` when it has none); used to check the cleanup. */
export function smallestHoleArea(geometry: AreaGeometry): number {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  let min = Infinity;
  for (const polygon of polygons) for (const hole of polygon.slice(1)) min = Math.min(min, ringArea(hole));
  return min;
}
