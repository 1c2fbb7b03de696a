import type { Geometry } from 'geojson';
import { contiguityWeights, SPDEP_DEFAULT_SNAP } from './contiguity.ts';
import { knnWeights, planarCentroids } from './knn.ts';
import { DEFAULT_TOLERANCE_M, tolerantContiguityWeights } from './tolerant.ts';
import { SpatialInputError, type SpatialWeights } from './types.ts';

/** Which weights to build: `queen`, `rook`, `tolerant` (contiguity within `toleranceMetres`) or `knnK`. */
export interface WeightsSpec {
  kind: string;
  toleranceMetres?: number;
  /** Vertex snap of queen/rook (spdep's `snap`). */
  snap?: number;
}

/** Binary weights and a plain description of how they were made (for reports and legends). */
export interface BuiltWeights {
  weights: SpatialWeights;
  description: Record<string, string | number>;
}

/**
 * Builds polygon weights by name, one place for the CLI and the app's Worker:
 * - `queen` / `rook`: spdep `poly2nb` vertex contiguity (see `contiguityWeights`);
 * - `tolerant`: polygons within d metres (default 10) in the local UTM zone (see `tolerantContiguityWeights`),
 *   the default for real desa boundaries, which overlap and leave gaps;
 * - `knnK` (e.g. `knn6`): the K nearest planar centroids (see `knnWeights`).
 * An unknown name is a `SpatialInputError`.
 */
export function buildWeights(
  spec: WeightsSpec,
  geometries: ReadonlyArray<Geometry | null | undefined>,
): BuiltWeights {
  const kind = spec.kind.toLowerCase();
  if (kind === 'queen' || kind === 'rook') {
    const snap = spec.snap ?? SPDEP_DEFAULT_SNAP;
    return {
      weights: contiguityWeights(geometries, { rule: kind, snap }),
      description: { type: kind, snap },
    };
  }
  const knn = /^knn(\d+)$/.exec(kind);
  if (knn) {
    const k = Number(knn[1]);
    if (k < 1) throw new SpatialInputError(`weights ${kind}: k must be at least 1`);
    return {
      weights: knnWeights(planarCentroids(geometries), k),
      description: { type: kind, k, points: 'planar area-weighted centroids' },
    };
  }
  if (kind === 'tolerant') {
    const tolerance = spec.toleranceMetres ?? DEFAULT_TOLERANCE_M;
    const r = tolerantContiguityWeights(geometries, { toleranceMetres: tolerance });
    return {
      weights: r.weights,
      description: {
        type: 'tolerant',
        tolerance_m: tolerance,
        projection: r.projection?.name ?? 'none (coordinates taken as metres)',
      },
    };
  }
  throw new SpatialInputError(
    `unknown weights "${spec.kind}" (use queen, rook, knnK such as knn6, or tolerant)`,
  );
}
