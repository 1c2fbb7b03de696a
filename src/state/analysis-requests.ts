/**
 * The requests the app posts to the analysis Worker, built by plain functions from the view's parameters
 * and the data (no runes), so a test can build exactly what the app posts and compare the answers with the
 * CLI's (see `tests/unit/app/app-cli-parity.test.ts`).
 */
import type { DesaAggregateRow } from '../lib/aggregate/desa-aggregate-table.ts';
import { DESIL_COUNT, type HexBins } from '../lib/hex/types.ts';
import { lisaOptionsOf, pocketOptionsOf, type AnalysisParams } from '../lib/params/analysis.ts';
import type {
  ClusterRequest,
  HexLayerRequest,
  PocketRequest,
  StabilityRequest,
} from '../worker/analysis-api.ts';

/** A request with the key that says what it depends on (equal keys = the same answer). */
export interface KeyedRequest<R> {
  key: string;
  request: R;
}

/**
 * Desa desil counts per period, row-major `[desa * 10 + d − 1]` in the order of `desaCodes` (rows of other
 * codes are left out: the join report lists them).
 */
export function desaCountsByPeriod(
  rows: readonly DesaAggregateRow[],
  desaCodes: readonly string[],
  periods: readonly string[],
): Record<string, Uint32Array> {
  const index = new Map(desaCodes.map((k, i) => [k, i]));
  const out: Record<string, Uint32Array> = {};
  for (const p of periods) out[p] = new Uint32Array(desaCodes.length * DESIL_COUNT);
  for (const row of rows) {
    const i = index.get(row.kode_desa);
    const counts = out[row.periode];
    if (i === undefined || !counts) continue;
    for (let d = 0; d < DESIL_COUNT; d++) counts[i * DESIL_COUNT + d] += row.kk_desil[d];
  }
  return out;
}

/** The hexagon layer at `res` over all periods (hexbins of geotagged households where the dataset has them). */
export function hexLayerRequestOf(
  datasetKey: string,
  res: number,
  desaCounts: Record<string, Uint32Array>,
  hexbins: Record<string, Partial<Record<number, HexBins>>> | null,
): KeyedRequest<HexLayerRequest> {
  const bins = hexbins
    ? Object.fromEntries(
        Object.entries(hexbins).flatMap(([p, byRes]) => (byRes[res] ? [[p, byRes[res]]] : [])),
      )
    : null;
  return { key: `${datasetKey}|${res}`, request: { datasetKey, res, desaCounts, bins } };
}

/** LISA/Gi* of the values shown at a level (`cells` for hexagons; weights from the parameters otherwise). */
export function clusterRequestOf(
  args: {
    datasetKey: string;
    level: 'kabupaten' | 'kecamatan' | 'desa' | 'hex';
    /** What else the values depend on (indicator, periods, threshold): part of the key. */
    valuesKey: unknown[];
    values: readonly (number | null)[];
    expectRate: boolean;
    cells?: string[];
  },
  p: AnalysisParams,
): KeyedRequest<ClusterRequest> {
  const options = lisaOptionsOf(p, args.expectRate);
  const weights = { kind: p.weights, toleranceMetres: p.tolerance };
  const hex = args.level === 'hex';
  const key = JSON.stringify([
    args.datasetKey,
    args.level,
    hex ? p.res : null,
    ...args.valuesKey,
    hex ? null : weights,
    options,
  ]);
  const values = Float64Array.from(args.values, (x) => (x === null ? NaN : x));
  return { key, request: { level: args.level, values, weights, options, cells: args.cells } };
}

/** Pockets of desa, or of hexagons at `p.res`, for one period. */
export function pocketRequestOf(
  args: {
    datasetKey: string;
    unit: 'desa' | 'hex';
    periode: string;
    desaCounts: Uint32Array;
    bins: HexBins | null;
  },
  p: AnalysisParams,
): KeyedRequest<PocketRequest> {
  const options = pocketOptionsOf(p, args.unit);
  const key = JSON.stringify([
    args.datasetKey,
    args.unit,
    args.unit === 'hex' ? p.res : null,
    args.periode,
    options,
    p.tolerance,
  ]);
  return {
    key,
    request: {
      datasetKey: args.datasetKey,
      unit: args.unit,
      res: p.res,
      periode: args.periode,
      desaCounts: args.desaCounts,
      bins: args.bins,
      options,
      toleranceMetres: p.tolerance,
    },
  };
}

/** The stability of the pockets of `pockets` over `runs` reruns (keyed by the pocket request and the runs). */
export function stabilityRequestOf(
  pockets: KeyedRequest<PocketRequest>,
  runs: number,
): KeyedRequest<StabilityRequest> {
  return { key: JSON.stringify([pockets.key, runs]), request: { pocket: pockets.request, runs } };
}
