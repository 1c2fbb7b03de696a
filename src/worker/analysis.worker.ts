/**
 * The app's analysis Worker: builds spatial weights and runs LISA / Gi* off the main thread, with the same
 * core as the CLI. Weights are cached per level and weights spec, because a planner changes α or the
 * indicator far more often than the geometry.
 */
import * as Comlink from 'comlink';
import type { Geometry } from 'geojson';
import { buildWeights, type WeightsSpec } from '../lib/weights/build.ts';
import { summariseWeights } from '../lib/weights/summary.ts';
import type { SpatialWeights } from '../lib/weights/types.ts';
import { analyseUnitClusters, type UnitClusters } from '../lib/clusters/unit-clusters.ts';
import type { LisaOptions } from '../lib/stats/lisa.ts';

export interface ClusterRequest {
  level: string;
  values: Float64Array;
  weights: WeightsSpec;
  options: LisaOptions;
}

export interface ClusterResponse extends UnitClusters {
  weightsDescription: Record<string, string | number>;
  islands: number;
  components: number;
}

const geometries = new Map<string, Geometry[]>();
const weightsCache = new Map<
  string,
  { weights: SpatialWeights; description: Record<string, string | number> }
>();

const api = {
  /** Geometry of each level's units, in the map's unit order. Replacing a level drops its cached weights. */
  setGeometries(level: string, list: Geometry[]): void {
    geometries.set(level, list);
    for (const key of weightsCache.keys()) if (key.startsWith(`${level}|`)) weightsCache.delete(key);
  },

  clusters(request: ClusterRequest): ClusterResponse {
    const list = geometries.get(request.level);
    if (!list) throw new Error(`no geometry for level ${request.level}`);
    const key = `${request.level}|${request.weights.kind}|${request.weights.toleranceMetres ?? ''}`;
    let built = weightsCache.get(key);
    if (!built) {
      built = buildWeights(request.weights, list);
      weightsCache.set(key, built);
    }
    const values = Array.from(request.values, (v) => (Number.isFinite(v) ? v : null));
    const result = analyseUnitClusters(values, built.weights, request.options);
    const summary = summariseWeights(built.weights);
    const response: ClusterResponse = {
      ...result,
      weightsDescription: built.description,
      islands: summary.islands.length,
      components: summary.components,
    };
    return Comlink.transfer(response, [
      result.clusters.buffer,
      result.p.buffer,
      result.giTiers.buffer,
      result.hasValue.buffer,
    ] as ArrayBuffer[]);
  },
};

export type AnalysisApi = typeof api;

Comlink.expose(api);
