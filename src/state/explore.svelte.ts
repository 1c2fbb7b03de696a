import {
  availableIndicators,
  computeIndicator,
  indicatorDefinition,
  type IndicatorDefinition,
} from '../lib/indicators/catalogue.ts';
import { unitsFromDesaRows, type UnitCounts, type UnitData } from '../lib/indicators/units.ts';
import { classBreaks, classIndex, classifyWithEdges, type Classification } from '../lib/classify/breaks.ts';
import {
  CLUSTER_COLOURS,
  colourForKind,
  GI_COLOURS,
  NO_DATA_COLOR,
  SIGNIFICANCE_COLOURS,
} from '../map/palette.ts';
import { ClusterState } from './clusters.svelte.ts';
import { BasemapState } from './basemap.svelte.ts';
import type { ClusterRequest } from '../worker/analysis.worker.ts';
import type { DatasetState } from './dataset.svelte.ts';
import type { DistrictState } from './district.svelte.ts';
import { decodeView, encodeView, DEFAULT_VIEW, type ViewParams } from './url-codec.ts';

/** A unit on the map at the current level, with the names a user reads. */
export interface MapUnit {
  kode: string;
  nama: string;
  kode_kec: string;
  nama_kec: string;
  jenis: 'desa' | 'kelurahan' | 'kecamatan';
  luas_km2: number;
}

/** Where the last selection came from: a list or a link asks the map to fly there, a map click does not. */
export type SelectionOrigin = 'map' | 'list' | 'url';

/**
 * The explore view: level, indicator, period, classification, focus and selection (all in the URL), and
 * everything derived from them for the map, legend, table and cards. Pure derivations over the core; the
 * map component only reads `colours`, `dimmed` and `selected`.
 */
export class ExploreState {
  // Derived fields below are evaluated lazily (on first read), after the constructor has set these.
  readonly district: DistrictState;
  readonly dataset: DatasetState;
  view = $state<ViewParams>({ ...DEFAULT_VIEW });
  hoveredKode = $state<string | null>(null);
  selectionOrigin = $state<SelectionOrigin>('url');
  readonly clusters = new ClusterState();
  readonly basemap = new BasemapState();

  constructor(district: DistrictState, dataset: DatasetState) {
    this.district = district;
    this.dataset = dataset;
  }

  readonly periods = $derived.by(() => this.dataset.periods);
  readonly period = $derived(
    this.view.period && this.periods.includes(this.view.period)
      ? this.view.period
      : (this.periods.at(-1) ?? null),
  );
  readonly previousPeriod = $derived(
    this.period ? (this.periods[this.periods.indexOf(this.period) - 1] ?? null) : null,
  );

  /** Hexagons come with issue 5; until then the hexagon level shows desa. */
  readonly level = $derived(this.view.level === 'kecamatan' ? 'kecamatan' : 'desa');

  readonly mapUnits: MapUnit[] = $derived.by(() => {
    if (this.level === 'kecamatan')
      return (this.district.kecamatan?.features ?? []).map((f) => ({
        kode: f.properties.kode_kec,
        nama: f.properties.nama_kec,
        kode_kec: f.properties.kode_kec,
        nama_kec: f.properties.nama_kec,
        jenis: 'kecamatan' as const,
        luas_km2: f.properties.luas_km2,
      }));
    return (this.district.desa?.features ?? []).map((f) => ({
      kode: f.properties.kode_desa,
      nama: f.properties.nama_desa,
      kode_kec: f.properties.kode_kec,
      nama_kec: f.properties.nama_kec,
      jenis: f.properties.jenis,
      luas_km2: f.properties.luas_km2,
    }));
  });

  readonly unitIndex = $derived(new Map(this.mapUnits.map((u, i) => [u.kode, i])));

  readonly units: UnitData[] = $derived.by(() =>
    unitsFromDesaRows(
      this.dataset.rows,
      this.mapUnits,
      this.level === 'kecamatan' ? (k) => k.slice(0, 8) : undefined,
    ),
  );

  /** The whole kabupaten summed, for "compared with the kabupaten" lines. */
  readonly kabupaten: UnitData = $derived.by(
    () => unitsFromDesaRows(this.dataset.rows, [{ kode: 'kab', luas_km2: 0 }], () => 'kab')[0],
  );

  readonly available: IndicatorDefinition[] = $derived(availableIndicators(this.units, this.periods));
  readonly indicator: IndicatorDefinition = $derived(
    this.available.find((d) => d.id === this.view.indicator) ?? indicatorDefinition('share_d1'),
  );
  readonly values: (number | null)[] = $derived(
    computeIndicator(this.indicator.id, this.units, this.period, this.previousPeriod),
  );
  readonly kabupatenValue = $derived(
    computeIndicator(this.indicator.id, [this.kabupaten], this.period, this.previousPeriod)[0],
  );

  /** Units inside the kecamatan in focus (all units without a focus). */
  readonly inScope: boolean[] = $derived(
    this.mapUnits.map((u) => this.view.focus === null || u.kode_kec === this.view.focus),
  );

  /**
   * Class edges: manual, or computed over the whole kabupaten — and over the focus only after the user
   * pressed "fit to filter" — so that focusing a kecamatan never silently changes what a colour means.
   */
  readonly edges: number[] = $derived.by(() => {
    if (this.view.method === 'manual' && this.view.breaks.length >= 2) return this.view.breaks;
    const method = this.view.method === 'manual' ? 'natural' : this.view.method;
    const pool = this.fittedToFocus ? this.values.filter((_, i) => this.inScope[i]) : this.values;
    return classBreaks(pool, this.view.classes, method);
  });

  readonly fittedToFocus = $derived(
    this.view.fit && this.view.focus !== null && this.view.method !== 'manual',
  );

  /** Legend counts over the units in scope. */
  readonly classification: Classification = $derived(
    classifyWithEdges(
      this.values.filter((_, i) => this.inScope[i]),
      this.edges,
      this.view.method,
    ),
  );

  readonly classOf: Int16Array = $derived.by(() => {
    const out = new Int16Array(this.values.length);
    this.values.forEach((v, i) => (out[i] = classIndex(v, this.edges)));
    return out;
  });

  readonly palette: string[] = $derived(colourForKind(this.indicator.kind, this.edges));

  /** Which unit the card, the table and the map outline show as selected (only units of this level). */
  readonly selected = $derived(
    this.view.selected !== null && this.unitIndex.has(this.view.selected) ? this.view.selected : null,
  );

  /** The cluster request for the current view, or null in value mode; its key says when a result is stale. */
  readonly clusterRequest: { key: string; request: ClusterRequest } | null = $derived.by(() => {
    if (this.view.mode === 'value' || this.values.length === 0) return null;
    const v = this.view;
    const options = {
      permutations: v.permutations,
      seed: v.seed,
      alpha: v.alpha,
      pAdjust: v.adjust === 'fdr' ? ('BH' as const) : v.adjust,
      expectRate: this.indicator.kind === 'share',
    };
    const weights = { kind: v.weights, toleranceMetres: v.tolerance };
    const key = JSON.stringify([
      this.level,
      this.indicator.id,
      this.period,
      this.previousPeriod,
      weights,
      options,
      this.dataset.rows.length,
    ]);
    const values = Float64Array.from(this.values, (x) => (x === null ? NaN : x));
    return { key, request: { level: this.level, values, weights, options } };
  });

  /** The cluster result when it answers the current request (never a stale map after a settings change). */
  readonly clusterResult = $derived(
    this.clusterRequest && this.clusters.resultKey === this.clusterRequest.key ? this.clusters.result : null,
  );

  /** Significance tier of a p-value: 3 (≤ 0.001), 2 (≤ 0.01), 1 (≤ α), 0 otherwise. */
  significanceTier(p: number): number {
    if (!(p <= this.view.alpha)) return 0;
    return p <= 0.001 ? 3 : p <= 0.01 ? 2 : 1;
  }

  /** Fill colour of every unit in `mapUnits` order for the current mode. */
  readonly colours: string[] = $derived.by(() => {
    const mode = this.view.mode;
    if (mode === 'value') return Array.from(this.classOf, (c) => (c >= 0 ? this.palette[c] : NO_DATA_COLOR));
    const r = this.clusterResult;
    if (!r) return this.mapUnits.map(() => NO_DATA_COLOR);
    return this.mapUnits.map((_, i) => {
      if (!r.hasValue[i]) return NO_DATA_COLOR;
      if (mode === 'lisa') return CLUSTER_COLOURS[r.clusters[i] as 0 | 1 | 2 | 3 | 4];
      if (mode === 'significance') return SIGNIFICANCE_COLOURS[this.significanceTier(r.p[i])];
      return GI_COLOURS[r.giTiers[i]];
    });
  });

  /** Legend rows of a cluster mode (category, colour, units in scope), in reading order. */
  readonly clusterLegend: { key: string; colour: string; count: number }[] = $derived.by(() => {
    const r = this.clusterResult;
    const mode = this.view.mode;
    if (!r || mode === 'value') return [];
    const categories: { key: string; colour: string; test: (i: number) => boolean }[] =
      mode === 'lisa'
        ? ([1, 3, 2, 4, 0] as const).map((c) => ({
            key: `cluster.${c}`,
            colour: CLUSTER_COLOURS[c],
            test: (i: number) => r.hasValue[i] === 1 && r.clusters[i] === c,
          }))
        : mode === 'significance'
          ? [3, 2, 1, 0]
              .filter(
                (t) =>
                  t === 0 || (t === 1 ? this.view.alpha > 0.01 : t === 2 ? this.view.alpha > 0.001 : true),
              )
              .map((t) => ({
                key: `significance.${t}`,
                colour: SIGNIFICANCE_COLOURS[t],
                test: (i: number) => r.hasValue[i] === 1 && this.significanceTier(r.p[i]) === t,
              }))
          : [3, 2, 1, 0, -1, -2, -3].map((t) => ({
              key: `gi.${t}`,
              colour: GI_COLOURS[t],
              test: (i: number) => r.hasValue[i] === 1 && r.giTiers[i] === t,
            }));
    const rows = categories.map((c) => ({
      key: c.key,
      colour: c.colour,
      count: this.mapUnits.reduce((n, _, i) => n + (this.inScope[i] && c.test(i) ? 1 : 0), 0),
    }));
    const noData = this.mapUnits.reduce((n, _, i) => n + (this.inScope[i] && !r.hasValue[i] ? 1 : 0), 0);
    if (noData > 0) rows.push({ key: 'noData', colour: NO_DATA_COLOR, count: noData });
    return rows;
  });

  counts(kode: string, period: string | null = this.period): UnitCounts | undefined {
    const i = this.unitIndex.get(kode);
    return i === undefined || period === null ? undefined : this.units[i].byPeriod.get(period);
  }

  valueOf(kode: string): number | null {
    const i = this.unitIndex.get(kode);
    return i === undefined ? null : this.values[i];
  }

  select(kode: string | null, origin: SelectionOrigin): void {
    this.selectionOrigin = origin;
    this.view.selected = kode;
  }

  focus(kodeKec: string | null): void {
    this.view.focus = kodeKec;
    this.view.fit = false;
  }

  /** Reads the view from the URL (first load, back/forward). */
  readUrl(search: string): void {
    this.selectionOrigin = 'url';
    this.view = decodeView(search);
  }

  /** The query string of the current view, for history and shared links. */
  readonly query = $derived(encodeView(this.view));
}
