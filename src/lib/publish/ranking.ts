/**
 * A ranking as a person may see or download it: per desa its rank, a rounded index, the contribution of each
 * indicator, the indicator values and household counts through the publication layer, shortlist, pin,
 * note and robustness. The index and contributions are rounded to 2 decimals and a contribution whose value
 * is withheld is withheld too, so that no count behind a suppressed value can be worked back from them.
 */
import { Suppressed } from '../hex/suppression.ts';
import { indicatorDefinition } from '../indicators/catalogue.ts';
import type { Ranking, RankedDesa } from '../priority/ranking.ts';
import { priorityIndicatorInfo } from '../priority/indicators.ts';
import type { Robustness } from '../priority/robustness.ts';
import type { ScenarioIndicator, ShortlistEntry } from '../priority/scenario.ts';
import { publishIndicator } from './indicators.ts';
import { below, HIDDEN, NONE, publishTotal, value, type Published } from './published.ts';
import { publishedDesil, publishedHouseholds, unitShown, type PublishedUnits } from './units.ts';

export interface PublishedRankingRow {
  kode_desa: string;
  nama_desa: string;
  kode_kec: string;
  nama_kec: string;
  rank: number;
  /** Index rounded to 2 decimals (0–1). */
  index: number;
  /** Contribution of each indicator (rounded), null where its value is withheld. */
  contributions: (number | null)[];
  /** Each indicator's value as published. */
  values: Published[];
  households: Published;
  desil1: Published;
  /** Target households (desil 1 or 1–4). */
  target: Published;
  inShortlist: boolean;
  pinned: boolean;
  note: string;
  /** Share of weight draws in which the desa is selected (null without a robustness run). */
  robustness: number | null;
  rankLow: number | null;
  rankHigh: number | null;
}

export interface RankingPublicationInput {
  ranking: Ranking;
  /** All desa of the district, in the order of the tables (the ranking's scope indexes this list). */
  desa: readonly RankedDesa[];
  /** Exact values of each indicator over all desa (the ranking's values, before scope). */
  exact: readonly (readonly (number | null)[])[];
  indicators: readonly ScenarioIndicator[];
  published: PublishedUnits;
  publishedPrevious: PublishedUnits | null;
  areaKm2: ArrayLike<number>;
  shortlist: readonly ShortlistEntry[] | null;
  robustness: Robustness | null;
  target: 'd1' | 'd1_4';
  /** Per desa: whether its EB-smoothed graduation rate may be shown (`publishUnitGraduation`). */
  graduationShown?: readonly boolean[] | null;
}

const round2 = (v: number) => Math.round(v * 100) / 100;

/** One indicator's published values over all desa. */
function publishedValuesOf(
  ind: ScenarioIndicator,
  exact: readonly (number | null)[],
  input: RankingPublicationInput,
): Published[] {
  const info = priorityIndicatorInfo(ind.id)!;
  const t = input.published;
  if (info.base)
    return publishIndicator(info.base, exact, {
      now: t,
      previous: input.publishedPrevious,
      areaKm2: input.areaKm2,
    });
  if (info.kind === 'membership') return exact.map((v) => (v === null ? NONE : value(v)));
  // an EB rate with its denominator gives the raw rate, and so the counts, back: shown where both are
  if (ind.id === 'graduation_rate')
    return exact.map((v, u) => (v === null ? NONE : input.graduationShown?.[u] ? value(v) : HIDDEN));
  if (ind.id.startsWith('gap_')) {
    const coverage = publishIndicator(
      indicatorDefinition(`coverage_${info.key}` as 'coverage_pkh').id,
      exact.map((v) => (v === null ? null : 1 - v)),
      { now: t, areaKm2: input.areaKm2 },
    );
    return coverage.map((p) => (p.kind === 'value' ? value(1 - p.value) : p));
  }
  // a need share (desil 1–4 with the condition / desil 1–4): shown only when its count is shown
  if (ind.id.startsWith('need_')) {
    const needStatus = t.programmeStatus[`${info.key!}_desil_1_4`];
    return exact.map((v, u) =>
      v === null ? NONE : unitShown(t, u) && needStatus?.[u] === Suppressed.Shown ? value(v) : HIDDEN,
    );
  }
  // a flag share: flagged households / households, published with the flag count
  const status = t.programmeStatus[info.key!];
  return exact.map((v, u) => {
    if (v === null) return NONE;
    if (!unitShown(t, u) || !status) return HIDDEN;
    if (status[u] === Suppressed.Shown) return value(v);
    return status[u] === Suppressed.Primary ? below(t.k / t.households[u]) : HIDDEN;
  });
}

/** The published rows of a ranking, best rank first (see the module comment). */
export function publishRanking(input: RankingPublicationInput): PublishedRankingRow[] {
  const { ranking, desa, published: t } = input;
  const values = input.indicators.map((ind, i) => publishedValuesOf(ind, input.exact[i], input));
  const inList = new Set(ranking.shortlist);
  const entries = new Map((input.shortlist ?? []).map((e) => [e.kode_desa, e]));
  return Array.from(ranking.result.order, (p) => {
    const u = ranking.scope[p];
    const d = desa[u];
    const rowValues = values.map((v) => v[u]);
    const desil = Array.from({ length: input.target === 'd1_4' ? 4 : 1 }, (_, q) =>
      publishedDesil(t, u, q + 1),
    );
    const targetSum = ranking.target[p];
    const entry = entries.get(d.kode_desa);
    return {
      kode_desa: d.kode_desa,
      nama_desa: d.nama_desa,
      kode_kec: d.kode_kec,
      nama_kec: d.nama_kec,
      rank: ranking.result.rank[p],
      index: round2(ranking.result.index[p]),
      contributions: ranking.result.contributions.map((c, i) =>
        rowValues[i].kind === 'value' || rowValues[i].kind === 'none' ? round2(c[p]) : null,
      ),
      values: rowValues,
      households: publishedHouseholds(t, u),
      desil1: desil[0],
      target: desil.every((x) => x.kind === 'value')
        ? publishTotal(targetSum, t.k)
        : desil.length === 1
          ? desil[0]
          : HIDDEN,
      inShortlist: inList.has(p),
      pinned: entry?.pinned ?? false,
      note: entry?.note ?? '',
      robustness: input.robustness ? round2(input.robustness.selectedShare[p]) : null,
      rankLow: input.robustness ? input.robustness.rankLow[p] : null,
      rankHigh: input.robustness ? input.robustness.rankHigh[p] : null,
    };
  });
}

/** Target households reached by the shortlist, as published (a line total: "< k" under k). */
export function publishedReach(
  ranking: Ranking,
  k: number,
): { reached: Published; total: Published; share: number } {
  let reached = 0;
  for (const p of ranking.shortlist) reached += ranking.target[p];
  const total = ranking.target.reduce((a, b) => a + b, 0);
  return {
    reached: publishTotal(reached, k),
    total: publishTotal(total, k),
    share: total > 0 ? reached / total : 0,
  };
}
