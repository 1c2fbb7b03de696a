/**
 * The Pemantauan (monitoring) mode: change between a base and a comparison period, the desil transitions of
 * the households linked by their hashed key, graduation and fall-back, the desa where graduation is stuck,
 * pockets over time and the targets. The analysis runs in the Worker (`monitorAnalysis`, the CLI's
 * `graduation` step); this class keeps what is asked and derives what the panel and the map show, every count
 * through the publication layer.
 */
import type { GraduationBounds } from '../lib/graduation/rates.ts';
import type { MonitorResult } from '../lib/graduation/monitor.ts';
import { MATRIX_CELLS, sumMatrices } from '../lib/graduation/transitions.ts';
import { graduationBoundsOf, monitorSettingsOf } from '../lib/priority/linked.ts';
import { publishedRate, publishTransitions, type PublishedTransitions } from '../lib/publish/transitions.ts';
import { NONE, publishTotal, type Published } from '../lib/publish/published.ts';
import {
  trackTargets,
  type ProxyCounts,
  type ProxyPoint,
  type TargetTrack,
} from '../lib/graduation/targets.ts';
import { targets } from './targets.svelte.ts';
import type { MonitorRequest } from '../worker/analysis-api.ts';
import { HIDDEN_COLOUR, NO_DATA_COLOR } from '../map/palette.ts';
import { analysisWorker } from './analysis-worker.ts';
import type { ExploreState } from './explore.svelte.ts';
import { LatestJob } from './latest-job.svelte.ts';

/** What the map shows in the monitoring mode. */
export type MonitorMap = 'change' | 'graduation' | 'stuck';

/** Graduation rate classes of the map (share graduated): low is the concern, so low is dark. */
export const GRADUATION_EDGES = [0, 0.1, 0.2, 0.3, 0.4, 1] as const;
/** Dark (lowest graduation) to light, ColorBrewer PuBu reversed (colour-blind safe). */
export const GRADUATION_COLOURS = ['#045a8d', '#2b8cbe', '#74a9cf', '#bdc9e1', '#f1eef6'] as const;
/** Stuck desa: dark purple; analysed and not stuck: pale; not analysed: the no-data grey. */
export const STUCK_COLOUR = '#54278f';
export const NOT_STUCK_COLOUR = '#f2f0f7';

export class MonitorState {
  readonly explore: ExploreState;
  readonly job = new LatestJob<MonitorResult>();
  map = $state<MonitorMap>('change');

  constructor(explore: ExploreState) {
    this.explore = explore;
  }

  /** The graduation bounds of the view (the defaults when the two do not make a definition). */
  readonly bounds: GraduationBounds = $derived.by(() => graduationBoundsOf(this.explore.view));
  readonly boundsValid = $derived.by(() => this.explore.view.graduatedDesil > this.explore.view.poorDesil);

  readonly base = $derived.by(() => this.explore.previousPeriod);
  readonly comparison = $derived.by(() => this.explore.period);

  readonly request: { key: string; request: MonitorRequest } | null = $derived.by(() => {
    const e = this.explore;
    const v = e.view;
    if (!this.base || !this.comparison || e.district.status !== 'ready') return null;
    // the same settings `kantong rank` uses for its graduation indicators
    const { stuck: options, pockets } = monitorSettingsOf(v);
    const key = JSON.stringify([
      e.datasetKey,
      this.base,
      this.comparison,
      v.minCount,
      this.bounds,
      options,
      pockets,
    ]);
    return {
      key,
      request: {
        rows: e.dataset.rows,
        panels: e.dataset.panels.length > 0 ? e.dataset.panels : null,
        periods: e.periods,
        base: this.base,
        comparison: this.comparison,
        k: v.minCount,
        bounds: this.bounds,
        stuck: options,
        pockets,
      },
    };
  });

  readonly result: MonitorResult | null = $derived.by(() => this.job.resultFor(this.request?.key));

  run(): void {
    const r = this.request;
    if (r) void this.job.run(r.key, () => analysisWorker().monitor(r.request));
    else this.job.clear();
  }

  /** Index of the selected desa in the district's desa order (null: the kabupaten). */
  readonly selectedDesa = $derived.by(() => {
    const code = this.explore.selected;
    if (!code) return null;
    const i = (this.explore.district.desa?.features ?? []).findIndex((f) => f.properties.kode_desa === code);
    return i >= 0 ? i : null;
  });

  /** The transition table shown: the selected desa's, its kecamatan's, or the kabupaten's. */
  scope = $state<'unit' | 'kecamatan' | 'kabupaten'>('unit');
  readonly transitions: {
    scope: 'desa' | 'kecamatan' | 'kabupaten';
    name: string;
    table: PublishedTransitions;
  } | null = $derived.by(() => {
    const r = this.result?.report;
    const links = r?.links;
    if (!r || !links || !r.matrix) return null;
    const desa = this.explore.district.desa?.features ?? [];
    const d = this.selectedDesa;
    if (d === null || desa.length * MATRIX_CELLS !== links.matrix.length)
      return { scope: 'kabupaten', name: desa[0]?.properties.nama_kab ?? '', table: r.matrix };
    const p = desa[d].properties;
    if (this.scope === 'kabupaten') return { scope: 'kabupaten', name: p.nama_kab, table: r.matrix };
    if (this.scope === 'kecamatan') {
      const groupOf = desa.map((f) => (f.properties.kode_kec === p.kode_kec ? 0 : -1));
      return {
        scope: 'kecamatan',
        name: p.nama_kec,
        table: publishTransitions(sumMatrices(links.matrix, groupOf, 1), r.k, r.bounds),
      };
    }
    return {
      scope: 'desa',
      name: p.nama_desa,
      table: publishTransitions(links.matrix, r.k, r.bounds, d * MATRIX_CELLS),
    };
  });

  /** Desa whose total changed a lot between the periods (their share changes rest partly on that). */
  readonly totalChanged = $derived.by(
    () => this.result?.report.desa.filter((d) => d.totalChanged).length ?? 0,
  );

  /** Fill colours in the map's unit order (desa in this mode), or the explore view's for the change map. */
  readonly colours: string[] = $derived.by(() => {
    if (this.map === 'change') return this.explore.colours;
    const r = this.result;
    const units = this.explore.mapUnits;
    if (!r || !r.report.links) return units.map(() => NO_DATA_COLOR);
    const index = new Map(r.report.desa.map((d, i) => [d.kode_desa, i]));
    return units.map((u) => {
      const i = index.get(u.kode);
      if (i === undefined) return NO_DATA_COLOR;
      const s = r.stuck;
      if (this.map === 'stuck') {
        if (!s || !s.analysed[i]) return NO_DATA_COLOR;
        return s.stuck[i] ? STUCK_COLOUR : NOT_STUCK_COLOUR;
      }
      // EB-smoothed rate only where both of its counts may be shown (else it gives them back)
      if (!s || !r.smoothedShown?.[i])
        return r.report.desa[i].poor.kind === 'none' ? NO_DATA_COLOR : HIDDEN_COLOUR;
      const v = s.smoothed[i];
      if (!Number.isFinite(v)) return NO_DATA_COLOR;
      let c = 0;
      while (c < GRADUATION_COLOURS.length - 1 && v >= GRADUATION_EDGES[c + 1]) c++;
      return GRADUATION_COLOURS[c];
    });
  });

  /**
   * The desa where graduation is lowest (EB-smoothed, shown only where both counts may be), lowest first:
   * index, smoothed rate, and whether stuck.
   */
  readonly lowest = $derived.by(() => {
    const r = this.result;
    const s = r?.stuck;
    if (!r || !s || !r.smoothedShown) return [];
    return r.report.desa
      .map((_, i) => i)
      .filter((i) => r.smoothedShown![i] && Number.isFinite(s.smoothed[i]))
      .sort((a, b) => s.smoothed[a] - s.smoothed[b])
      .slice(0, 15)
      .map((i) => ({ index: i, rate: s.smoothed[i], stuck: s.stuck[i] === 1 }));
  });

  /** Proxy counts per period of the kabupaten, or of one kecamatan (`kec`), from the desa rows. */
  #proxyCounts(kec: string | null): ProxyCounts[] {
    const rows = this.explore.dataset.rows;
    return this.explore.periods.map((periode) => {
      let households = 0;
      let desil1 = 0;
      let flag = 0;
      let flagged = true;
      for (const r of rows) {
        if (r.periode !== periode || (kec !== null && !r.kode_desa.startsWith(`${kec}.`))) continue;
        households += r.jumlah_kk;
        desil1 += r.kk_desil[0];
        const f = r.programmes['miskin_ekstrem'];
        if (f === undefined) flagged = false;
        else flag += f;
      }
      return { periode, households, desil1, extremeFlag: flagged && households > 0 ? flag : null };
    });
  }

  /** The targets against the kabupaten's proxy figures, their trend and straight-line projection. */
  readonly tracks: TargetTrack[] = $derived.by(() => trackTargets(this.#proxyCounts(null), targets.list));

  /** The same per kecamatan (their totals are public lines, like the kabupaten's). */
  readonly kecamatanTracks = $derived.by(() =>
    (this.explore.district.kecamatan?.features ?? [])
      .map((f) => f.properties)
      .sort((a, b) => a.nama_kec.localeCompare(b.nama_kec, 'id'))
      .map((k) => ({
        kode: k.kode_kec,
        nama: k.nama_kec,
        tracks: trackTargets(this.#proxyCounts(k.kode_kec), targets.list),
      })),
  );

  /** A proxy share as it may be shown: both of its counts published (a "< k" numerator gives a bound). */
  shownShare(p: ProxyPoint): Published {
    const k = this.explore.view.minCount;
    if (p.denominator === 0) return NONE;
    const den = publishTotal(p.denominator, k);
    const num = publishTotal(p.numerator, k);
    return publishedRate(num, den, p.numerator, p.denominator, k);
  }
}
