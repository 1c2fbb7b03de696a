/**
 * The graduation report of two periods as it may be shown: the one model that `kantong graduation` writes
 * to its files and the app's Pemantauan mode draws, so both give the same figures from the same data.
 *
 * From the desa aggregates of both periods (`DesaAggregateRow`) and, where a household key was mapped, their
 * linking panels (`panel.ts`):
 * - kabupaten totals: households at t0 and t1; matched, only-t0 and only-t1 households; duplicate keys;
 * - the kabupaten transition matrix with the graduation and fall-back rates (`publishTransitions`);
 * - per desa: households, desil 1 and desil 1–4 at each period, their absolute and relative change and the
 *   change of their shares (`computeIndicator`, published by `publishIndicator`), the note where the total
 *   moved by ≥ {@link TOTAL_CHANGE_NOTE} (`change.ts`), and the desa's graduation
 *   (`publishUnitGraduation`) and one-period households (`publishUnitCounts`).
 * Every count passes through the publication layer with the kecamatan and kabupaten totals public; the
 * exact `links` are kept for internal use (the stuck-desa analysis, the priority index) and never written.
 */
import type { DesaAggregateRow } from '../aggregate/desa-aggregate-table.ts';
import { DESIL_COUNT } from '../hex/types.ts';
import { computeIndicator, type IndicatorId } from '../indicators/catalogue.ts';
import { unitsFromDesaRows } from '../indicators/units.ts';
import { msg, type Message } from '../messages/message.ts';
import { publishIndicator } from '../publish/indicators.ts';
import { HIDDEN, NONE, publishTotal, type Published } from '../publish/published.ts';
import {
  publishTransitions,
  publishUnitCounts,
  publishUnitGraduation,
  type PublishedTransitions,
} from '../publish/transitions.ts';
import {
  publishedHouseholds,
  publishedDesil,
  publishUnits,
  unitShown,
  type PublishedUnits,
} from '../publish/units.ts';
import { TOTAL_CHANGE_NOTE, unitChange } from './change.ts';
import type { PeriodPanel } from './panel.ts';
import {
  DEFAULT_BOUNDS,
  graduationOf,
  graduationPerUnit,
  type Graduation,
  type GraduationBounds,
} from './rates.ts';
import { kabupatenMatrix, transitionCounts, type TransitionCounts } from './transitions.ts';

/** What the report needs of a desa. */
export interface ReportDesa {
  kode_desa: string;
  kode_kec: string;
  luas_km2: number;
}

export interface GraduationReportInput {
  /** The district's desa, in the order of every per-desa result. */
  desa: readonly ReportDesa[];
  /** Desa aggregates of (at least) both periods. */
  rows: readonly DesaAggregateRow[];
  /** Linking panels by period; absent or without one of the two periods: no transitions. */
  panels?: readonly PeriodPanel[] | null;
  base: string;
  comparison: string;
  /** Small-count threshold k. */
  k: number;
  bounds?: GraduationBounds;
}

/** The change indicators of a desa row, in the order of {@link CHANGE_INDICATORS}. */
export const CHANGE_INDICATORS = [
  'change_count_d1',
  'change_rel_d1',
  'change_share_d1',
  'change_count_d1_4',
  'change_rel_d1_4',
  'change_share_d1_4',
] as const satisfies readonly IndicatorId[];

/** One desa of the report, published. */
export interface DesaChangeRow {
  kode_desa: string;
  householdsBase: Published;
  householdsComparison: Published;
  desil1Base: Published;
  desil1Comparison: Published;
  desil14Base: Published;
  desil14Comparison: Published;
  /** By {@link CHANGE_INDICATORS}. */
  change: Record<(typeof CHANGE_INDICATORS)[number], Published>;
  /** The total moved by ≥ TOTAL_CHANGE_NOTE (only said where both totals are shown). */
  totalChanged: boolean;
  /** Graduation of the desa (null without transitions). */
  poor: Published;
  graduated: Published;
  rate: Published;
  onlyBase: Published;
  onlyComparison: Published;
}

/** Link counts of one period, published (kabupaten totals). */
export interface PublishedTally {
  households: Published;
  only: Published;
  duplicateKeys: Published;
  duplicateRows: Published;
  ambiguous: Published;
  withoutKey: Published;
}

export interface GraduationReport {
  base: string;
  comparison: string;
  k: number;
  bounds: GraduationBounds;
  /** Exact links (internal only: never shown or written). */
  links: TransitionCounts | null;
  /** Exact per-desa graduation (internal: input of the stuck-desa analysis). */
  perDesa: Graduation[] | null;
  householdsBase: Published;
  householdsComparison: Published;
  matched: Published;
  tallyBase: PublishedTally | null;
  tallyComparison: PublishedTally | null;
  /** The kabupaten matrix (null without transitions). */
  matrix: PublishedTransitions | null;
  desa: DesaChangeRow[];
  /** Units whose total moved a lot; linking problems; why there are no transitions. */
  notes: Message[];
}

/** One period's unit table for the publication layer, kecamatan totals public. */
function unitTable(
  units: ReturnType<typeof unitsFromDesaRows>,
  period: string,
  groups: Int32Array,
  k: number,
): PublishedUnits {
  const n = units.length;
  const households = new Uint32Array(n);
  const desil = new Uint32Array(n * DESIL_COUNT);
  units.forEach((u, i) => {
    const c = u.byPeriod.get(period);
    if (!c) return;
    households[i] = c.jumlah_kk;
    c.kk_desil.forEach((v, d) => (desil[i * DESIL_COUNT + d] = v));
  });
  return publishUnits({ households, desil, groups, k });
}

function publishTally(t: TransitionCounts['base_tally'], k: number): PublishedTally {
  return {
    households: publishTotal(t.households, k),
    only: publishTotal(t.only, k),
    duplicateKeys: publishTotal(t.duplicateKeys, k),
    duplicateRows: publishTotal(t.duplicateRows, k),
    ambiguous: publishTotal(t.ambiguous, k),
    withoutKey: publishTotal(t.withoutKey, k),
  };
}

/** Builds the report (see the module comment). */
export function graduationReport(input: GraduationReportInput): GraduationReport {
  const { desa, rows, base, comparison, k } = input;
  const bounds = input.bounds ?? DEFAULT_BOUNDS;
  const codes = desa.map((d) => d.kode_desa);
  const kec = new Map<string, number>();
  const groups = Int32Array.from(
    desa,
    (d) => kec.get(d.kode_kec) ?? (kec.set(d.kode_kec, kec.size), kec.size - 1),
  );
  const units = unitsFromDesaRows(
    rows,
    desa.map((d) => ({ kode: d.kode_desa, luas_km2: d.luas_km2 })),
  );
  const t0 = unitTable(units, base, groups, k);
  const t1 = unitTable(units, comparison, groups, k);
  const areaKm2 = desa.map((d) => d.luas_km2);
  const total = (period: string) => rows.reduce((a, r) => (r.periode === period ? a + r.jumlah_kk : a), 0);

  const notes: Message[] = [];
  const pb = input.panels?.find((p) => p.periode === base);
  const pc = input.panels?.find((p) => p.periode === comparison);
  let links: TransitionCounts | null = null;
  if (!input.panels?.length) notes.push(msg('graduation.link.noKey', { periode: base }));
  else if (!pb || !pc) notes.push(msg('graduation.link.noKey', { periode: pb ? comparison : base }));
  else {
    links = transitionCounts(pb, pc, codes);
    for (const [periode, t] of [
      [base, links.base_tally],
      [comparison, links.comparison_tally],
    ] as const) {
      if (t.duplicateKeys > 0)
        notes.push(
          msg('graduation.link.duplicates', { periode, keys: t.duplicateKeys, rows: t.duplicateRows }),
        );
      if (t.ambiguous > 0) notes.push(msg('graduation.link.ambiguous', { periode, count: t.ambiguous }));
      if (t.withoutKey > 0) notes.push(msg('graduation.link.withoutKey', { periode, count: t.withoutKey }));
    }
    if (links.base_tally.matched === 0 && pb.count > 0 && pc.count > 0)
      notes.push(msg('graduation.link.otherSalt', { base, comparison }));
  }

  const perDesa = links ? graduationPerUnit(links.matrix, bounds) : null;
  const grad = perDesa ? publishUnitGraduation(perDesa, groups, k) : null;
  const onlyB = links ? publishUnitCounts(links.onlyBase, groups, k) : null;
  const onlyC = links ? publishUnitCounts(links.onlyComparison, groups, k) : null;
  const change = Object.fromEntries(
    CHANGE_INDICATORS.map((id) => [
      id,
      publishIndicator(id, computeIndicator(id, units, comparison, base), { now: t1, previous: t0, areaKm2 }),
    ]),
  ) as Record<(typeof CHANGE_INDICATORS)[number], Published[]>;
  const d14 = (t: PublishedUnits, u: number): Published => {
    if (!unitShown(t, u)) return t.households[u] > 0 ? HIDDEN : NONE;
    if (t.households[u] === 0) return NONE;
    let sum = 0;
    for (let d = 1; d <= 4; d++) {
      const p = publishedDesil(t, u, d);
      if (p.kind !== 'value') return HIDDEN;
      sum += p.value;
    }
    return { kind: 'value', value: sum };
  };
  let changedUnits = 0;
  const desaRows = desa.map((d, u): DesaChangeRow => {
    const hb = publishedHouseholds(t0, u);
    const hc = publishedHouseholds(t1, u);
    const c = unitChange(units[u].byPeriod.get(base), units[u].byPeriod.get(comparison));
    const totalChanged = !!c?.totalChanged && hb.kind === 'value' && hc.kind === 'value';
    if (totalChanged) changedUnits++;
    return {
      kode_desa: d.kode_desa,
      householdsBase: hb,
      householdsComparison: hc,
      desil1Base: unitShown(t0, u) ? publishedDesil(t0, u, 1) : hb,
      desil1Comparison: unitShown(t1, u) ? publishedDesil(t1, u, 1) : hc,
      desil14Base: d14(t0, u),
      desil14Comparison: d14(t1, u),
      change: Object.fromEntries(
        CHANGE_INDICATORS.map((id) => [id, change[id][u]]),
      ) as DesaChangeRow['change'],
      totalChanged,
      poor: grad ? grad.poor[u] : NONE,
      graduated: grad ? grad.graduated[u] : NONE,
      rate: grad ? grad.rate[u] : NONE,
      onlyBase: onlyB ? onlyB[u] : NONE,
      onlyComparison: onlyC ? onlyC[u] : NONE,
    };
  });
  if (changedUnits > 0)
    notes.unshift(
      msg('graduation.change.totalNote', {
        count: changedUnits,
        share: Math.round(TOTAL_CHANGE_NOTE * 100),
        base,
        comparison,
      }),
    );
  const matrix = links ? publishTransitions(kabupatenMatrix(links), k, bounds) : null;
  return {
    base,
    comparison,
    k,
    bounds,
    links,
    perDesa,
    householdsBase: publishTotal(total(base), k),
    householdsComparison: publishTotal(total(comparison), k),
    matched: matrix ? matrix.matched : NONE,
    tallyBase: links ? publishTally(links.base_tally, k) : null,
    tallyComparison: links ? publishTally(links.comparison_tally, k) : null,
    matrix,
    desa: desaRows,
    notes,
  };
}

/** The exact kabupaten graduation of a report's links (internal use, e.g. tests and the priority index). */
export function exactGraduation(report: GraduationReport): Graduation | null {
  return report.links ? graduationOf(kabupatenMatrix(report.links), report.bounds) : null;
}
