/**
 * The app's analysis Worker: builds spatial weights, runs LISA / Gi*, bins households into hexagons and
 * finds pockets off the main thread, with the same core as the CLI. The district geometry, the weights
 * and the hexbins are cached here, because a planner changes α or the indicator far more often than the
 * geometry.
 */
import * as Comlink from 'comlink';
import type { Geometry } from 'geojson';
import { buildWeights, type WeightsSpec } from '../lib/weights/build.ts';
import { h3Weights } from '../lib/weights/h3.ts';
import { summariseWeights } from '../lib/weights/summary.ts';
import { SpatialInputError, type SpatialWeights } from '../lib/weights/types.ts';
import type { Message } from '../lib/messages/message.ts';
import { analyseUnitClusters, type UnitClusters } from '../lib/clusters/unit-clusters.ts';
import type { LisaOptions } from '../lib/stats/lisa.ts';
import type { AreaGeometry, DesaFeature } from '../lib/geo/types.ts';
import { prepareHexDistrict, type HexDistrict } from '../lib/hex/district.ts';
import { hexbinsFromDesaCounts } from '../lib/hex/hexbins.ts';
import { hexLayerFromBins, type HexLayer } from '../lib/hex/hex-layer.ts';
import type { HexBins } from '../lib/hex/types.ts';
import { analyseDesaPockets } from '../lib/pockets/desa-pockets.ts';
import { analyseHexPockets } from '../lib/pockets/hex-pockets.ts';
import type { PocketOptions } from '../lib/pockets/analysis.ts';
import type { Pocket } from '../lib/pockets/pockets.ts';
import type { Guardrail } from '../lib/stats/guardrails.ts';

export interface ClusterRequest {
  /** `desa`, `kecamatan` (polygon weights from `weights`) or `hex` (H3 ring-1 weights of `cells`). */
  level: string;
  values: Float64Array;
  weights: WeightsSpec;
  options: LisaOptions;
  /** The hexagon cells, in value order, for level `hex`. */
  cells?: string[];
}

export interface ClusterResponse extends UnitClusters {
  weightsDescription: Record<string, string | number>;
  islands: number;
  components: number;
}

/** Desa counts per period (row-major `[desa * 10 + d − 1]`) or, when households were geotagged, hexbins. */
export interface HexLayerRequest {
  datasetKey: string;
  res: number;
  desaCounts: Record<string, Uint32Array>;
  bins: Record<string, HexBins> | null;
}

export interface PocketRequest {
  datasetKey: string;
  unit: 'desa' | 'hex';
  res: number;
  periode: string;
  /** Desa desil counts of the period (row-major): desa pockets, or hexagons spread by area. */
  desaCounts: Uint32Array;
  /** Hexbins of the period at `res` when households were geotagged (else spread from `desaCounts`). */
  bins: HexBins | null;
  options: PocketOptions;
  toleranceMetres: number;
}

export interface PocketResponse {
  pockets: Pocket[];
  /** Per unit: index of its pocket in `pockets`, −1 outside. */
  pocketOf: Int32Array;
  codes: string[];
  moran: { I: number; z: number; pSim: number | null };
  guardrails: Guardrail[];
}

const geometries = new Map<string, Geometry[]>();
const weightsCache = new Map<
  string,
  { weights: SpatialWeights; description: Record<string, string | number> }
>();
let hexDistrict: HexDistrict | null = null;
let desaFeatures: DesaFeature[] = [];
/** Hexbins of the current dataset by `${datasetKey}|${res}|${periode}`. */
const binsCache = new Map<string, HexBins>();

function cachedWeights(
  key: string,
  build: () => { weights: SpatialWeights; description: Record<string, string | number> },
) {
  let built = weightsCache.get(key);
  if (!built) weightsCache.set(key, (built = build()));
  return built;
}

function binsFor(datasetKey: string, res: number, periode: string, make: () => HexBins): HexBins {
  const key = `${datasetKey}|${res}|${periode}`;
  let bins = binsCache.get(key);
  if (!bins) {
    // One dataset at a time: drop hexbins of datasets the app no longer shows.
    for (const k of binsCache.keys()) if (!k.startsWith(`${datasetKey}|`)) binsCache.delete(k);
    binsCache.set(key, (bins = make()));
  }
  return bins;
}

const api = {
  /** The district: its outline and desa (in the map's order), for hexbins and pockets; clears every cache. */
  setDistrict(outline: AreaGeometry, desa: DesaFeature[], kecamatan: Geometry[]): void {
    hexDistrict = prepareHexDistrict(
      outline,
      desa.map((f) => f.geometry),
    );
    desaFeatures = desa;
    geometries.set(
      'desa',
      desa.map((f) => f.geometry),
    );
    geometries.set('kecamatan', kecamatan);
    weightsCache.clear();
    binsCache.clear();
  },

  clusters(request: ClusterRequest): ClusterResponse {
    let built;
    if (request.level === 'hex') {
      const cells = request.cells ?? [];
      built = cachedWeights(`hex|${cells.length}|${cells[0]}|${cells.at(-1)}`, () => ({
        weights: h3Weights(cells),
        description: { type: 'h3-ring-1' },
      }));
    } else {
      const list = geometries.get(request.level);
      if (!list) throw new Error(`no geometry for level ${request.level}`);
      built = cachedWeights(
        `${request.level}|${request.weights.kind}|${request.weights.toleranceMetres ?? ''}`,
        () => buildWeights(request.weights, list),
      );
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

  /** The hexagon level at one resolution over all periods (counted points, or desa counts spread by area). */
  hexLayer(request: HexLayerRequest): HexLayer {
    const district = hexDistrict;
    if (!district) throw new Error('district not set');
    const byPeriod: Record<string, HexBins> = {};
    for (const [periode, counts] of Object.entries(request.desaCounts)) {
      const given = request.bins?.[periode];
      byPeriod[periode] = binsFor(
        request.datasetKey,
        request.res,
        periode,
        () => given ?? hexbinsFromDesaCounts(district, counts, request.res),
      );
    }
    return hexLayerFromBins(district, byPeriod);
  },

  /** Pockets of desa or of hexagons (at `res`) for one period, on the desil-1 share. */
  pockets(request: PocketRequest): PocketResponse {
    const district = hexDistrict;
    if (!district) throw new Error('district not set');
    const desaInfo = desaFeatures.map((f) => f.properties);
    let analysis;
    if (request.unit === 'hex') {
      const bins = binsFor(
        request.datasetKey,
        request.res,
        request.periode,
        () => request.bins ?? hexbinsFromDesaCounts(district, request.desaCounts, request.res),
      );
      analysis = analyseHexPockets(district, bins, desaInfo, request.options);
    } else {
      const tolerant = cachedWeights(`desa|tolerant|${request.toleranceMetres}`, () =>
        buildWeights(
          { kind: 'tolerant', toleranceMetres: request.toleranceMetres },
          geometries.get('desa') ?? [],
        ),
      );
      analysis = analyseDesaPockets(
        { desa: desaFeatures, desil: request.desaCounts, weights: tolerant.weights },
        request.options,
      );
    }
    return {
      pockets: analysis.pockets,
      pocketOf: analysis.pocketOf,
      codes: analysis.codes,
      moran: analysis.moran,
      guardrails: analysis.guardrails,
    };
  },
};

export type AnalysisApi = typeof api;

/** What the page receives instead of an Error that carries a core message (see {@link passMessages}). */
export interface ErrorWithMessage {
  message: string;
  detail: Message;
}

function rethrow(error: unknown): never {
  if (error instanceof SpatialInputError && error.detail)
    throw { message: error.message, detail: error.detail } satisfies ErrorWithMessage;
  throw error;
}

/**
 * Comlink hands an Error to the page as its English message only. An error that carries a core message (a
 * blocking guardrail) is thrown on as a plain `{ message, detail }` object instead, which arrives whole, so
 * the page can say it in the UI language.
 */
function passMessages<T extends Record<string, (...args: never[]) => unknown>>(methods: T): T {
  const out: Record<string, (...args: never[]) => unknown> = {};
  for (const [name, method] of Object.entries(methods))
    out[name] = (...args) => {
      try {
        const result = method(...args);
        return result instanceof Promise ? result.catch(rethrow) : result;
      } catch (error) {
        return rethrow(error);
      }
    };
  return out as T;
}

Comlink.expose(passMessages(api));
