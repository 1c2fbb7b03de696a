/**
 * Step N7: the three views as published rows, one builder for the app's tables and maps, the CLI's files and
 * the exports: targeting per desa × programme (with kecamatan and kabupaten lines), needs per desa × need
 * (ranked per need, with the agency that acts on it), and the verification worklist per desa. Every count is a
 * {@link Published} (`publish.ts`); row numbers are the source file's own.
 */
import { NONE, type Published } from '../publish/published.ts';
import { agencyOf, type AgencyMap } from './agencies.ts';
import type { NeedsData } from './import-needs.ts';
import { eligibleBounds, PROGRAMMES, CONDITIONS, type DesilBounds } from './keys.ts';
import { needsProfile } from './profile.ts';
import { publishIssueCount, publishNeed, publishTargeting, type PublishedTargeting } from './publish.ts';
import { programmeTargeting } from './targeting.ts';
import { ISSUES, sortIssues, type IssueCode } from './verification.ts';

/** A desa of the district (in the desa-list order of the counts). */
export interface NeedsDesa {
  kode_desa: string;
  nama_desa: string;
  kode_kec: string;
  nama_kec: string;
}

/** One targeting line. */
export interface TargetingRow {
  level: 'desa' | 'kecamatan' | 'kabupaten';
  /** Desa index for desa lines, else −1. */
  desa: number;
  kode: string;
  nama: string;
  kode_kec: string;
  nama_kec: string;
  programme: string;
  bounds: DesilBounds;
  figures: PublishedTargeting;
}

/** One need of one desa. */
export interface NeedRow {
  desa: number;
  kode_desa: string;
  nama_desa: string;
  kode_kec: string;
  nama_kec: string;
  /** A condition key, `tanpa_bansos`, or `gap_<programme>`. */
  need: string;
  agency: string | null;
  /** Desil 1–4 households (conditions) or eligible households (programme gaps). */
  base: Published;
  count: Published;
  share: Published;
  /** Rank of the desa within this need by published count (1 = most households); null when withheld. */
  rank: number | null;
}

/** One line of the verification worklist. */
export interface IssueRow {
  desa: number;
  kode_desa: string;
  nama_desa: string;
  kode_kec: string;
  nama_kec: string;
  periode: string | null;
  issue: IssueCode;
  count: Published;
  file: string | null;
  rows: number[];
  /**
   * True when the count is shown as "< k": its rows are then not listed, since counting them would give the
   * count back (and with it the few households).
   */
  rowsWithheld: boolean;
  /** True when more rows have the issue than are listed. */
  rowsTruncated: boolean;
  maxDistanceM: number | null;
}

/** All three views of one period. */
export interface NeedsViews {
  periode: string;
  periods: string[];
  k: number;
  programmes: string[];
  conditions: string[];
  bounds: Record<string, DesilBounds>;
  targeting: TargetingRow[];
  /** Kecamatan lines, then the kabupaten line, per programme. */
  targetingAreas: TargetingRow[];
  needs: NeedRow[];
  issues: IssueRow[];
  checked: IssueCode[];
  notChecked: IssueCode[];
}

/** Options of {@link buildNeedsViews}. */
export interface NeedsViewOptions {
  /** Default: the latest period. */
  periode?: string | null;
  k: number;
  eligible?: Readonly<Record<string, DesilBounds>>;
  agencies?: Readonly<AgencyMap>;
  /** Name of the kabupaten line. */
  namaKab: string;
  kodeKab: string;
}

/** Builds the views (see the module comment). Throws a RangeError for a period not in the data. */
export function buildNeedsViews(
  data: NeedsData,
  desa: readonly NeedsDesa[],
  o: NeedsViewOptions,
): NeedsViews {
  const c = data.counts;
  const periode = o.periode ?? c.periods.at(-1) ?? '';
  if (!c.periods.includes(periode)) throw new RangeError(`period ${periode} not in the data`);
  const programmes = PROGRAMMES.filter((p) => c.flags.includes(p));
  const conditions = CONDITIONS.filter((f) => c.flags.includes(f));
  const kecs = [...new Set(desa.map((d) => d.kode_kec))].sort();
  const kecName = new Map(desa.map((d) => [d.kode_kec, d.nama_kec]));
  const groups = desa.map((d) => kecs.indexOf(d.kode_kec));
  const bounds: Record<string, DesilBounds> = {};
  const targeting: TargetingRow[] = [];
  const targetingAreas: TargetingRow[] = [];
  const gapRows: NeedRow[] = [];
  for (const programme of programmes) {
    const b = (bounds[programme] = eligibleBounds(programme, o.eligible));
    const t = programmeTargeting(c, periode, programme, b, groups);
    t.desa.forEach((counts, i) => {
      const d = desa[i];
      const figures = publishTargeting(counts, o.k);
      targeting.push({
        level: 'desa',
        desa: i,
        kode: d.kode_desa,
        nama: d.nama_desa,
        kode_kec: d.kode_kec,
        nama_kec: d.nama_kec,
        programme,
        bounds: b,
        figures,
      });
      if (counts.eligible > 0)
        gapRows.push({
          desa: i,
          ...pick(d),
          need: `gap_${programme}`,
          agency: agencyOf(`gap_${programme}`, o.agencies),
          base: figures.eligible,
          count: figures.excluded,
          share: figures.exclusionRate,
          rank: null,
        });
    });
    kecs.forEach((k, g) =>
      targetingAreas.push({
        level: 'kecamatan',
        desa: -1,
        kode: k,
        nama: kecName.get(k) ?? k,
        kode_kec: k,
        nama_kec: kecName.get(k) ?? k,
        programme,
        bounds: b,
        figures: publishTargeting(t.groups[g], o.k),
      }),
    );
    targetingAreas.push({
      level: 'kabupaten',
      desa: -1,
      kode: o.kodeKab,
      nama: o.namaKab,
      kode_kec: '',
      nama_kec: '',
      programme,
      bounds: b,
      figures: publishTargeting(t.total, o.k),
    });
  }
  const profile = needsProfile(c, periode);
  const needs: NeedRow[] = [];
  for (const f of profile.needs)
    profile.desa.forEach((n, i) => {
      if (n.poor === 0) return;
      const p = publishNeed(n.counts[f], n.poor, o.k);
      needs.push({
        desa: i,
        ...pick(desa[i]),
        need: f,
        agency: agencyOf(f, o.agencies),
        base: p.poor,
        count: p.count,
        share: p.share,
        rank: null,
      });
    });
  needs.push(...gapRows);
  rankWithinNeed(needs);
  const issues: IssueRow[] = sortIssues([...data.issues]).map((e) => {
    // desa-level checks count no households: no figure to publish
    const count = e.file === null ? NONE : publishIssueCount(e.count, o.k);
    const rowsWithheld = count.kind === 'below';
    return {
      desa: e.desa,
      ...pick(desa[e.desa]),
      periode: e.periode,
      issue: e.issue,
      count,
      file: e.file,
      rows: rowsWithheld ? [] : e.rows,
      rowsWithheld,
      rowsTruncated: !rowsWithheld && e.rows.length < e.count && e.file !== null,
      maxDistanceM: e.maxDistanceM ?? null,
    };
  });
  return {
    periode,
    periods: c.periods,
    k: o.k,
    programmes,
    conditions,
    bounds,
    targeting,
    targetingAreas,
    needs,
    issues,
    checked: data.checked,
    notChecked: ISSUES.filter((i) => !data.checked.includes(i)),
  };
}

function pick(d: NeedsDesa) {
  return { kode_desa: d.kode_desa, nama_desa: d.nama_desa, kode_kec: d.kode_kec, nama_kec: d.nama_kec };
}

/**
 * Ranks desa within each need by published count, largest first (ties share the lower rank: 1, 2, 2, 4);
 * withheld counts get no rank, so an order never reveals what suppression hides. The rows are sorted by
 * need then rank (unranked last, by desa code).
 */
function rankWithinNeed(rows: NeedRow[]): void {
  const byNeed = new Map<string, NeedRow[]>();
  for (const r of rows) (byNeed.get(r.need) ?? byNeed.set(r.need, []).get(r.need)!).push(r);
  const order: NeedRow[] = [];
  for (const list of byNeed.values()) {
    const ranked = list
      .filter((r) => r.count.kind === 'value')
      .sort((a, b) => countValue(b) - countValue(a) || (a.kode_desa < b.kode_desa ? -1 : 1));
    ranked.forEach((r, j) => {
      r.rank = j > 0 && countValue(ranked[j - 1]) === countValue(r) ? ranked[j - 1].rank : j + 1;
    });
    const rest = list
      .filter((r) => r.count.kind !== 'value')
      .sort((a, b) => (a.kode_desa < b.kode_desa ? -1 : 1));
    order.push(...ranked, ...rest);
  }
  rows.splice(0, rows.length, ...order);
}

const countValue = (r: NeedRow) => (r.count.kind === 'value' ? r.count.value : 0);

/**
 * The needs of one agency: the desa where the need is present (a count above 0, or one withheld), ranked by
 * published count (largest first), withheld ones last.
 */
export function agencyNeeds(views: NeedsViews, agency: string): NeedRow[] {
  const present = (r: NeedRow) => r.count.kind === 'below' || r.count.kind === 'hidden' || countValue(r) > 0;
  const list = views.needs.filter((r) => r.agency === agency && present(r));
  return list.sort(
    (a, b) =>
      (b.count.kind === 'value' ? 1 : 0) - (a.count.kind === 'value' ? 1 : 0) ||
      countValue(b) - countValue(a) ||
      (a.kode_desa < b.kode_desa ? -1 : a.kode_desa > b.kode_desa ? 1 : 0) ||
      (a.need < b.need ? -1 : 1),
  );
}

/** The agencies named by the views' needs, sorted. */
export function agenciesOf(views: NeedsViews): string[] {
  return [...new Set(views.needs.map((r) => r.agency).filter((a): a is string => a !== null))].sort();
}

/** The worklist of one kecamatan (all when `kodeKec` is null), in worklist order. */
export function worklist(views: NeedsViews, kodeKec: string | null): IssueRow[] {
  return views.issues.filter((r) => kodeKec === null || r.kode_kec === kodeKec);
}
