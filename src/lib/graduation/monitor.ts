/**
 * The monitoring analysis of a dataset, as one step the CLI (`kantong graduation`) and the app's Worker (the
 * Pemantauan mode) both run: the graduation report of the base and comparison periods (`report.ts`), the
 * stuck desa ("kantong stagnan": EB-smoothed graduation, local Moran, `stuck.ts`), and the desa pocket
 * analysis of every period with the same settings, matched across periods (`pockets-over-time.ts`).
 */
import type { DesaAggregateRow } from '../aggregate/desa-aggregate-table.ts';
import type { DesaFeature } from '../geo/types.ts';
import { DESIL_COUNT } from '../hex/types.ts';
import type { PocketOptions } from '../pockets/analysis.ts';
import { analyseDesaPockets } from '../pockets/desa-pockets.ts';
import { publishUnitGraduation } from '../publish/transitions.ts';
import type { SpatialWeights } from '../weights/types.ts';
import type { PeriodPanel } from './panel.ts';
import {
  pocketsOverTime,
  pocketTimeline,
  type PeriodPockets,
  type PocketChange,
  type PocketTimelinePoint,
} from './pockets-over-time.ts';
import type { GraduationBounds } from './rates.ts';
import { graduationReport, type GraduationReport } from './report.ts';
import { findStuck, type StuckOptions, type StuckResult } from './stuck.ts';

export interface MonitorInput {
  /** The district's desa (properties and geometry), in the order of every per-desa result. */
  desa: readonly DesaFeature[];
  /** Contiguity of the desa (the pocket analysis's: tolerant, 10 m). */
  weights: SpatialWeights;
  rows: readonly DesaAggregateRow[];
  panels: readonly PeriodPanel[] | null;
  /** Every period of the data, in time order. */
  periods: readonly string[];
  base: string;
  comparison: string;
  k: number;
  bounds: GraduationBounds;
  stuck: Omit<StuckOptions, 'minPoor'>;
  pockets: Required<PocketOptions>;
}

export interface MonitorResult {
  report: GraduationReport;
  stuck: StuckResult | null;
  /** Per desa: whether its EB-smoothed graduation rate may be shown (both of its counts shown). */
  smoothedShown: boolean[] | null;
  pocketPeriods: PeriodPockets[];
  pocketChanges: PocketChange[];
  timeline: PocketTimelinePoint[];
}

/** Desa desil counts of one period (row-major `[desa · 10 + d − 1]`) in the order of `codes`. */
export function desaCountsOf(
  rows: readonly DesaAggregateRow[],
  codes: readonly string[],
  periode: string,
): Uint32Array {
  const index = new Map(codes.map((c, i) => [c, i]));
  const counts = new Uint32Array(codes.length * DESIL_COUNT);
  for (const row of rows) {
    if (row.periode !== periode) continue;
    const d = index.get(row.kode_desa);
    if (d === undefined) continue;
    for (let q = 0; q < DESIL_COUNT; q++) counts[d * DESIL_COUNT + q] += row.kk_desil[q];
  }
  return counts;
}

/** Runs the monitoring analysis (see the module comment). */
export function monitorAnalysis(input: MonitorInput): MonitorResult {
  const desa = input.desa.map((f) => f.properties);
  const codes = desa.map((d) => d.kode_desa);
  const report = graduationReport({
    desa,
    rows: input.rows,
    panels: input.panels,
    base: input.base,
    comparison: input.comparison,
    k: input.k,
    bounds: input.bounds,
  });
  let stuck: StuckResult | null = null;
  let smoothedShown: boolean[] | null = null;
  if (report.perDesa) {
    stuck = findStuck(report.perDesa, input.weights, { ...input.stuck, minPoor: input.k });
    const kec = new Map<string, number>();
    const groups = desa.map((d) => kec.get(d.kode_kec) ?? (kec.set(d.kode_kec, kec.size), kec.size - 1));
    smoothedShown = publishUnitGraduation(report.perDesa, groups, input.k).smoothedShown;
  }
  const pocketPeriods: PeriodPockets[] = input.periods.map((periode) => {
    const a = analyseDesaPockets(
      {
        desa: input.desa as DesaFeature[],
        desil: desaCountsOf(input.rows, codes, periode),
        weights: input.weights,
      },
      input.pockets,
    );
    return {
      periode,
      pockets: a.pockets.map((p) => ({
        id: p.id,
        name: p.name,
        members: p.members,
        households: p.households,
        desil1: p.desil1,
      })),
    };
  });
  return {
    report,
    stuck,
    smoothedShown,
    pocketPeriods,
    pocketChanges: pocketsOverTime(pocketPeriods),
    timeline: pocketTimeline(pocketPeriods),
  };
}
