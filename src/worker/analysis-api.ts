/**
 * The analysis behind the app's Worker: spatial weights, LISA / Gi*, hexbins and pockets on the same core as
 * the CLI, and on the same geometry: the full-precision boundary files (`desa.json`, `kecamatan.json`,
 * `kabupaten.json`), never the simplified display copies the map draws — so a pocket shown in a meeting is
 * the pocket in the CLI's file. Geometry, weights and hexbins are cached because a planner changes α or the
 * indicator far more often than the district. Plain functions over an object, so tests run it in Node.
 *
 * Everything is read when first needed: LISA / Gi* on the default tolerant contiguity reads only the set's
 * `contiguity.json` (the same weights, found by `npm run geo`; see `contiguity-file.ts`), the full geometry
 * is fetched for other weights, hexagons, pockets and monitoring (or when the file is missing, as in sets
 * imported before it existed) and, in the background, a second after the first LISA answer; the hexagon
 * index is prepared only when hexagons are asked for.
 * Each step leaves a `kantong:` performance measure (read by `npm run bench -- province-app`).
 */
import type { Geometry } from 'geojson';
import { buildWeights, type BuiltWeights, type WeightsSpec } from '../lib/weights/build.ts';
import {
  CONTIGUITY_FILE,
  parseContiguityFile,
  weightsFromContiguityFile,
  type ContiguityFile,
} from '../lib/weights/contiguity-file.ts';
import { h3Weights } from '../lib/weights/h3.ts';
import { summariseWeights } from '../lib/weights/summary.ts';
import { analyseUnitClusters, type UnitClusters } from '../lib/clusters/unit-clusters.ts';
import type { LisaOptions } from '../lib/stats/lisa.ts';
import type {
  AreaGeometry,
  DesaCollection,
  DesaFeature,
  KabupatenCollection,
  KecamatanCollection,
} from '../lib/geo/types.ts';
import {
  boundaryFile,
  kabupatenOutline,
  type BoundaryReader,
  type DistrictGeometry,
} from './district-geometry.ts';
import { boundaryText } from '../state/boundary-store.ts';
import {
  packCellDistrict,
  prepareHexDistrict,
  type HexDistrict,
  type PackedCellDistrict,
} from '../lib/hex/district.ts';
import {
  districtCellsShared,
  SHARE_MIN_CELLS,
  type CellRows,
  type CellRowsHelper,
} from '../lib/hex/district-cells.ts';
import { hexbinsFromDesaCounts } from '../lib/hex/hexbins.ts';
import { hexLayerFromBins, type HexLayer } from '../lib/hex/hex-layer.ts';
import type { HexBins, HexResolution } from '../lib/hex/types.ts';
import { analyseDesaPockets } from '../lib/pockets/desa-pockets.ts';
import { analyseHexPockets } from '../lib/pockets/hex-pockets.ts';
import type {
  GlobalTest,
  PocketAnalysis,
  PocketOptions,
  PocketOutcome,
  ResolvedPocketOptions,
} from '../lib/pockets/analysis.ts';
import type { Pocket } from '../lib/pockets/pockets.ts';
import {
  stabilityRun,
  stabilitySeed,
  summariseStability,
  type PocketStability,
} from '../lib/pockets/stability.ts';
import type { Guardrail } from '../lib/stats/guardrails.ts';
import { cellListKey } from '../lib/hex/cell-list-key.ts';
import { monitorAnalysis, type MonitorInput, type MonitorResult } from '../lib/graduation/monitor.ts';
import { DEFAULT_TOLERANCE_M } from '../lib/weights/tolerant.ts';
import { shortlistRobustness, type Robustness, type RobustnessInput } from '../lib/priority/robustness.ts';

/** A monitoring request: the analysis's input without the geometry the Worker holds. */
export type MonitorRequest = Omit<MonitorInput, 'desa' | 'weights'>;

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
/**
 * The hexagon layer as the page receives it: the cell polygons as one Blob of GeoJSON, which the page gives the
 * map as an object URL, so that the map's own worker reads it (a Blob crosses threads without a copy).
 */
export type HexLayerView = Omit<HexLayer, 'geojsonParts'> & { geojson: Blob };

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
  /** Global Moran's I of the analysed value, with its permutation pseudo-p (M+1)/(R+1), M = draws ≥ I. */
  moran: { I: number; z: number; pPermutationAtLeast: number | null };
  guardrails: Guardrail[];
  /** Threshold k the pocket totals are published with. */
  minCount: number;
  /** Found, indicative or none, with the reason (a run on valid data never fails). */
  outcome: PocketOutcome;
  /** The global test behind the gate (null when the data gave no statistic). */
  global: GlobalTest | null;
  /** Households the statistics rest on (the geotagged ones for partly estimated hexagons) and all of them. */
  householdsUsed: { used: number; total: number };
  /** The settings the run used, for the legend and the pocket list. */
  options: ResolvedPocketOptions;
}

/** Stability of the pockets of `pocket` over `runs` reruns (see `pocketStability`). */
export interface StabilityRequest {
  pocket: PocketRequest;
  runs: number;
}

/** The answer to a {@link StabilityRequest}: `unitShare` per unit of the pocket answer's `codes`. */
export type StabilityResponse = PocketStability;

/** A rerun was given up because a newer stability request came (the page no longer wants its answer). */
export class StabilitySuperseded extends Error {
  constructor() {
    super('stability job superseded by a newer one');
    this.name = 'StabilitySuperseded';
  }
}

/** Lets the Worker answer other messages between reruns (a long stability job never blocks the map). */
const yieldToMessages = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** What a pocket answer depends on: the same key, the same pockets (so a stability job can reuse the run). */
function pocketKey(r: PocketRequest): string {
  return JSON.stringify([
    r.datasetKey,
    r.unit,
    r.unit === 'hex' ? r.res : null,
    r.periode,
    r.options,
    r.toleranceMetres,
  ]);
}

/** How long after an answer from `contiguity.json` the Worker starts fetching the geometry (ms). */
const PREFETCH_DELAY_MS = 1000;

/** Runs `step` and leaves its duration as the performance measure `kantong:<name>` (DevTools, benchmarks). */
async function measured<T>(name: string, step: () => T | Promise<T>): Promise<T> {
  const start = performance.now();
  try {
    return await step();
  } finally {
    performance.measure(`kantong:${name}`, { start, end: performance.now() });
  }
}

/**
 * Another thread that computes cell rows (`cellRows`) of the district it was loaded with: the app's
 * `hex-cells.worker.ts`.
 */
export interface CellHelper {
  load(district: PackedCellDistrict): Promise<void>;
  rows(resolution: HexResolution, part: number, parts: number): Promise<CellRows>;
  terminate(): void;
}

/**
 * An analysis engine with its caches (one per Worker; tests make their own). `read` reads a boundary set's
 * files (`boundaryText`: the app's `geo/<folder>/`, or IndexedDB for a user's set); `spawnCellHelper`
 * starts a second thread for hexagon cell tables of at least `shareMinCells` candidates (none: one thread
 * builds them).
 */
export function createAnalysisApi(
  read: BoundaryReader = boundaryText,
  spawnCellHelper: (() => CellHelper) | null = null,
  shareMinCells = SHARE_MIN_CELLS,
) {
  /** The set `loadDistrict` named (null with geometry given by `setDistrict`, or none yet). */
  let source: { baseUrl: string; folder: string } | null = null;
  /** Grows with every district change: work started for an earlier one never fills today's caches. */
  let generation = 0;
  /** The full-precision desa and kabupaten, fetched on first need (null: not asked for yet). */
  let geometryLoad: Promise<void> | null = null;
  /** The full-precision kecamatan, fetched apart: only kecamatan weights built from geometry need them. */
  let kecamatanLoad: Promise<void> | null = null;
  /** The set's `contiguity.json` (null inside: the set has none), read on first need. */
  let contiguityLoad: Promise<ContiguityFile | null> | null = null;
  const geometries = new Map<string, Geometry[]>();
  const weightsCache = new Map<string, BuiltWeights>();
  let outline: AreaGeometry | null = null;
  let hexDistrict: HexDistrict | null = null;
  /** Cell tables being built, by `${generation}|${res}`. */
  const tableBuilds = new Map<string, Promise<unknown>>();
  let desaFeatures: DesaFeature[] = [];
  /** Hexbins of the current dataset by `${datasetKey}|${res}|${periode}`. */
  const binsCache = new Map<string, HexBins>();
  /** The latest pocket run, which its stability job reruns. */
  let lastPockets: { key: string; analysis: PocketAnalysis } | null = null;
  /** Grows with every stability request: a running job that sees another value stops. */
  let stabilityTicket = 0;

  function cachedWeights(key: string, build: () => BuiltWeights) {
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

  /** Forgets the district: geometry, contiguity, weights, hexbins and pockets. */
  function resetDistrict(): void {
    generation++;
    geometryLoad = null;
    kecamatanLoad = null;
    contiguityLoad = null;
    geometries.clear();
    outline = null;
    hexDistrict = null;
    desaFeatures = [];
    weightsCache.clear();
    binsCache.clear();
    lastPockets = null;
  }

  function useGeometry(g: Omit<DistrictGeometry, 'kecamatan'>): void {
    outline = kabupatenOutline(g.kabupaten);
    desaFeatures = g.desa.features;
    geometries.set(
      'desa',
      desaFeatures.map((f) => f.geometry),
    );
    geometries.set(
      'kabupaten',
      g.kabupaten.features.map((f) => f.geometry),
    );
  }

  function useKecamatan(kecamatan: KecamatanCollection): void {
    geometries.set(
      'kecamatan',
      kecamatan.features.map((f) => f.geometry),
    );
  }

  /**
   * Runs `load` once per district (kept in the slot `get`/`set` name) and waits for it; a load that ends after
   * the district changed is not used, and the current district's is awaited instead.
   */
  async function loadOnce(
    get: () => Promise<void> | null,
    set: (p: Promise<void>) => void,
    load: (s: { baseUrl: string; folder: string }, gen: number) => Promise<void>,
  ): Promise<void> {
    if (!get()) {
      const s = source;
      if (!s) throw new Error('district not set');
      set(load(s, generation));
    }
    const started = get();
    await started;
    // The district changed meanwhile: the current one's geometry, not the one that just came.
    if (started !== get()) return loadOnce(get, set, load);
  }

  /** The district's full-precision desa and kabupaten, fetched the first time something needs them. */
  function geometry(): Promise<void> {
    return loadOnce(
      () => geometryLoad,
      (p) => (geometryLoad = p),
      (s, gen) =>
        measured('geometry', () =>
          Promise.all([
            boundaryFile<DesaCollection>(s.baseUrl, s.folder, 'desa.json', read),
            boundaryFile<KabupatenCollection>(s.baseUrl, s.folder, 'kabupaten.json', read),
          ]),
        ).then(([desa, kabupaten]) => {
          if (gen === generation) useGeometry({ desa, kabupaten });
        }),
    );
  }

  /** The district's full-precision kecamatan (after the desa, which most requests need first). */
  function kecamatanGeometry(): Promise<void> {
    return loadOnce(
      () => kecamatanLoad,
      (p) => (kecamatanLoad = p),
      (s, gen) =>
        geometry()
          .then(() =>
            measured('geometry-kecamatan', () =>
              boundaryFile<KecamatanCollection>(s.baseUrl, s.folder, 'kecamatan.json', read),
            ),
          )
          .then((kecamatan) => {
            if (gen === generation) useKecamatan(kecamatan);
          }),
    );
  }

  /**
   * Starts fetching the geometry a second after an answer that did not need it (once the page has drawn
   * the answer, so the two do not compete for the processor), so that pockets or hexagons asked for later
   * find it loaded; a request made sooner fetches it itself. A failure is reported by the request that needs
   * the geometry.
   */
  function prefetchGeometry(): void {
    if (geometryLoad || !source) return;
    setTimeout(() => {
      if (!geometryLoad && source) geometry().catch(() => {});
    }, PREFETCH_DELAY_MS);
  }

  /** The set's precomputed contiguity, or null when it has none (read once per district). */
  function contiguity(): Promise<ContiguityFile | null> {
    if (!contiguityLoad) {
      const s = source;
      contiguityLoad = s
        ? measured('contiguity-file', () =>
            read(s.baseUrl, s.folder, CONTIGUITY_FILE).then(parseContiguityFile, () => null),
          )
        : Promise.resolve(null);
    }
    return contiguityLoad;
  }

  /**
   * Polygon weights of a level for `units` units: from the cache, else from the set's `contiguity.json`
   * where it holds them (tolerant contiguity at its tolerance), else built from the full geometry.
   */
  async function polygonWeights(level: string, spec: WeightsSpec, units: number): Promise<BuiltWeights> {
    const key = `${level}|${spec.kind}|${spec.toleranceMetres ?? ''}`;
    const gen = generation;
    const cached = weightsCache.get(key);
    if (cached) return cached;
    const file = spec.kind.toLowerCase() === 'tolerant' ? await contiguity() : null;
    if (gen !== generation) return polygonWeights(level, spec, units);
    const stored = file ? weightsFromContiguityFile(file, level, spec, units) : null;
    if (stored) return cachedWeights(key, () => stored);
    await (level === 'kecamatan' ? kecamatanGeometry() : geometry());
    if (gen !== generation) return polygonWeights(level, spec, units);
    const list = geometries.get(level);
    if (!list) throw new Error(`no geometry for level ${level}`);
    return cachedWeights(key, () => {
      const start = performance.now();
      const built = buildWeights(spec, list);
      performance.measure('kantong:weights', { start, end: performance.now() });
      return built;
    });
  }

  /** The hexagon district (outline and desa prepared for hexbins), made when hexagons are first asked for. */
  async function district(): Promise<HexDistrict> {
    await geometry();
    if (!hexDistrict) {
      const start = performance.now();
      hexDistrict = prepareHexDistrict(
        outline!,
        desaFeatures.map((f) => f.geometry),
      );
      performance.measure('kantong:hex-district', { start, end: performance.now() });
    }
    return hexDistrict;
  }

  /**
   * A helper thread for one cell-table build of `d`: started (and sent `d`) only when the build asks for it,
   * and stopped by `stop` when the build ends, so that its copy of the district (~100 MB for a province) is
   * not kept between builds.
   */
  function helperFor(d: HexDistrict): { rows: CellRowsHelper | null; stop: () => void } {
    const spawn = spawnCellHelper;
    if (!spawn) return { rows: null, stop: () => undefined };
    let running: { helper: CellHelper; loaded: Promise<void> } | null = null;
    const start = () => {
      if (!running) {
        const helper = spawn();
        running = { helper, loaded: helper.load(packCellDistrict(d)) };
      }
      return running;
    };
    return {
      rows: {
        ready: () => start().loaded,
        rows: async (resolution, part, parts) => {
          const rows = await start().helper.rows(resolution, part, parts);
          // for the benchmarks and browser tests: the helper has done its part (it is stopped after the build)
          performance.mark(`kantong:hex-cells-helper-res${resolution}`);
          return rows;
        },
      },
      stop: () => running?.helper.terminate(),
    };
  }

  /**
   * The hexagon district with its cell table at `res` built (on two threads when it is big); a request that
   * comes while the table is being built waits for that build instead of starting another.
   */
  async function hexDistrictAt(res: number): Promise<HexDistrict> {
    const d = await district();
    const key = `${generation}|${res}`;
    let build = tableBuilds.get(key);
    if (!build) {
      const helper = helperFor(d);
      build = measured(`hex-cells-res${res}`, () =>
        districtCellsShared(d, res, helper.rows, shareMinCells),
      ).finally(() => {
        helper.stop();
        tableBuilds.delete(key);
      });
      tableBuilds.set(key, build);
    }
    await build;
    return d;
  }

  /** The pocket run of a request (the latest one is kept for its stability job). */
  async function analysePockets(request: PocketRequest): Promise<PocketAnalysis> {
    await geometry();
    const key = pocketKey(request);
    if (lastPockets?.key === key) return lastPockets.analysis;
    const desaInfo = desaFeatures.map((f) => f.properties);
    let analysis: PocketAnalysis;
    if (request.unit === 'hex') {
      const d = await hexDistrictAt(request.res);
      const bins = binsFor(
        request.datasetKey,
        request.res,
        request.periode,
        () => request.bins ?? hexbinsFromDesaCounts(d, request.desaCounts, request.res),
      );
      analysis = analyseHexPockets(d, bins, desaInfo, request.options);
    } else {
      const tolerant = await polygonWeights(
        'desa',
        { kind: 'tolerant', toleranceMetres: request.toleranceMetres },
        desaFeatures.length,
      );
      analysis = analyseDesaPockets(
        { desa: desaFeatures, desil: request.desaCounts, weights: tolerant.weights },
        request.options,
      );
    }
    lastPockets = { key, analysis };
    return analysis;
  }

  return {
    /**
     * Opens the district of `geo/<folder>/` and clears every cache. Its files (the full-precision boundaries,
     * in the map's desa order, and `contiguity.json`) are read when a request first needs them.
     */
    loadDistrict(baseUrl: string, folder: string): void {
      resetDistrict();
      source = { baseUrl, folder };
    },

    /** The same with geometry already in hand (tests, the CLI parity check): weights are built from it. */
    setDistrict(geometry: DistrictGeometry): void {
      resetDistrict();
      source = null;
      useGeometry(geometry);
      useKecamatan(geometry.kecamatan);
      geometryLoad = Promise.resolve();
      kecamatanLoad = Promise.resolve();
    },

    async clusters(request: ClusterRequest): Promise<ClusterResponse> {
      let built;
      if (request.level === 'hex') {
        const cells = request.cells ?? [];
        built = cachedWeights(`hex|${cellListKey(cells)}`, () => ({
          weights: h3Weights(cells),
          description: { type: 'h3-ring-1' },
        }));
      } else {
        built = await polygonWeights(request.level, request.weights, request.values.length);
      }
      const values = Array.from(request.values, (v) => (Number.isFinite(v) ? v : null));
      const weights = built.weights;
      const result = await measured('lisa', () => analyseUnitClusters(values, weights, request.options));
      const summary = summariseWeights(built.weights);
      prefetchGeometry();
      return {
        ...result,
        weightsDescription: built.description,
        islands: summary.islands.length,
        components: summary.components,
      };
    },

    /** The hexagon level at one resolution over all periods (counted points, or desa counts spread by area). */
    hexLayer(request: HexLayerRequest): Promise<HexLayerView> {
      return measured(`hex-layer-res${request.res}`, async () => {
        const d = await hexDistrictAt(request.res);
        const byPeriod: Record<string, HexBins> = {};
        await measured(`hex-bins-res${request.res}`, () => {
          for (const [periode, counts] of Object.entries(request.desaCounts)) {
            const given = request.bins?.[periode];
            byPeriod[periode] = binsFor(
              request.datasetKey,
              request.res,
              periode,
              () => given ?? hexbinsFromDesaCounts(d, counts, request.res),
            );
          }
        });
        const { geojsonParts, ...layer } = await measured(`hex-layer-build-res${request.res}`, () =>
          hexLayerFromBins(d, byPeriod),
        );
        return { ...layer, geojson: new Blob(geojsonParts, { type: 'application/geo+json' }) };
      });
    },

    /**
     * The monitoring analysis (graduation report, stuck desa, pockets of every period: `monitorAnalysis`) on
     * the full-precision desa and the pocket analysis's contiguity, as the CLI's `graduation` runs it.
     */
    async monitor(request: MonitorRequest): Promise<MonitorResult> {
      await geometry();
      const tolerant = await polygonWeights(
        'desa',
        { kind: 'tolerant', toleranceMetres: DEFAULT_TOLERANCE_M },
        desaFeatures.length,
      );
      return monitorAnalysis({ ...request, desa: desaFeatures, weights: tolerant.weights });
    },

    /** How much a shortlist rests on the exact weights (Dirichlet draws; see `shortlistRobustness`). */
    robustness(input: RobustnessInput): Robustness {
      return shortlistRobustness(input);
    },

    /** Pockets of desa or of hexagons (at `res`) for one period, on the desil-1 share. */
    async pockets(request: PocketRequest): Promise<PocketResponse> {
      const analysis = await analysePockets(request);
      return {
        pockets: analysis.pockets,
        pocketOf: analysis.pocketOf,
        codes: analysis.codes,
        moran: analysis.moran,
        guardrails: analysis.guardrails,
        minCount: analysis.suppression.k,
        outcome: analysis.outcome,
        global: analysis.global,
        householdsUsed: analysis.householdsUsed,
        options: analysis.options,
      };
    },

    /**
     * Stability of the pockets of a request over `runs` reruns (`stabilityRun`), reusing the run the pocket
     * answer came from. It yields to other messages between reruns, so pocket and cluster requests made
     * meanwhile are answered first, and it stops when a newer stability request arrives.
     */
    async pocketStability(request: StabilityRequest): Promise<StabilityResponse> {
      const ticket = ++stabilityTicket;
      const analysis = await analysePockets(request.pocket);
      const reruns: Int32Array[][] = [];
      const seeds: number[] = [];
      if (analysis.pockets.length > 0)
        for (let r = 1; r <= request.runs; r++) {
          await yieldToMessages();
          if (ticket !== stabilityTicket) throw new StabilitySuperseded();
          reruns.push(stabilityRun(analysis, r));
          seeds.push(stabilitySeed(analysis.options.seed, r));
        }
      return summariseStability(analysis, reruns, seeds);
    },
  };
}

export type AnalysisApi = ReturnType<typeof createAnalysisApi>;
