import * as Comlink from 'comlink';
import {
  availableIndicators,
  computeIndicator,
  indicatorDefinition,
  type IndicatorDefinition,
} from '../lib/indicators/catalogue.ts';
import { unitsFromDesaRows, type UnitCounts, type UnitData } from '../lib/indicators/units.ts';
import { classBreaks, classIndex, classifyWithEdges, type Classification } from '../lib/classify/breaks.ts';
import { Suppressed, suppressSmallCounts } from '../lib/hex/suppression.ts';
import type { HexLayer } from '../lib/hex/hex-layer.ts';
import { DESIL_COUNT } from '../lib/hex/types.ts';
import type { GiTier } from '../lib/stats/getis-ord.ts';
import type { Quadrant } from '../lib/stats/quadrants.ts';
import {
  CLUSTER_COLOURS,
  colourForKind,
  GI_COLOURS,
  HIDDEN_COLOUR,
  NO_DATA_COLOR,
  SIGNIFICANCE_COLOURS,
} from '../map/palette.ts';
import { LatestJob } from './latest-job.svelte.ts';
import { BasemapState } from './basemap.svelte.ts';
import { analysisWorker } from './analysis-worker.ts';
import type {
  ClusterRequest,
  ClusterResponse,
  HexLayerRequest,
  PocketRequest,
  PocketResponse,
} from '../worker/analysis.worker.ts';
import type { DatasetState } from './dataset.svelte.ts';
import type { DistrictState } from './district.svelte.ts';
import { decodeView, encodeView, DEFAULT_VIEW, type ViewParams } from './url-codec.ts';

/** A unit on the map at the current level, with the names a user reads. */
export interface MapUnit {
  kode: string;
  nama: string;
  kode_kec: string;
  nama_kec: string;
  jenis: 'desa' | 'kelurahan' | 'kecamatan' | 'hex';
  luas_km2: number;
}

export type MapLevel = 'kecamatan' | 'desa' | 'hex';

/** Where the last selection came from: a list or a link asks the map to fly there, a map click does not. */
export type SelectionOrigin = 'map' | 'list' | 'url';

/**
 * The UI message key of a cluster legend row: a LISA quadrant (0 = not significant), a p tier, a Gi* tier, or
 * units without data.
 */
export type ClusterLegendKey =
  'noData' | `cluster.${0 | Quadrant}` | `significance.${0 | 1 | 2 | 3}` | `gi.${GiTier}`;

const EMPTY_UNITS: MapUnit[] = [];

/**
 * The explore view: level, indicator, period, classification, focus, selection, cluster and pocket
 * settings (all in the URL), and everything derived from them for the map, legend, table and cards.
 * Derivations over the pure core; heavy work (weights, LISA, hexbins, pockets) goes to the analysis Worker
 * through the `LatestJob`s; the map component only reads `colours`, `inScope` and `selected`.
 */
export class ExploreState {
  // Derived fields below are evaluated lazily (on first read), after the constructor has set these.
  readonly district: DistrictState;
  readonly dataset: DatasetState;
  view = $state<ViewParams>({ ...DEFAULT_VIEW });
  hoveredKode = $state<string | null>(null);
  selectionOrigin = $state<SelectionOrigin>('url');
  readonly clusters = new LatestJob<ClusterResponse>();
  readonly hex = new LatestJob<HexLayer>();
  readonly pocketJob = new LatestJob<PocketResponse>();
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
  readonly level: MapLevel = $derived(this.view.level);

  /** Identity of the data shown, so Worker caches never mix two datasets. */
  readonly datasetKey = $derived.by(() => `${this.district.folder}|${this.dataset.revision}`);

  /** Desa counts per period, row-major `[desa * 10 + d − 1]` in the map's desa order (Worker input). */
  readonly desaCounts: Record<string, Uint32Array> = $derived.by(() => {
    const desa = this.district.desa?.features ?? [];
    const index = new Map(desa.map((f, i) => [f.properties.kode_desa, i]));
    const out: Record<string, Uint32Array> = {};
    for (const p of this.periods) out[p] = new Uint32Array(desa.length * DESIL_COUNT);
    for (const row of this.dataset.rows) {
      const i = index.get(row.kode_desa);
      if (i === undefined) continue;
      for (let d = 0; d < DESIL_COUNT; d++) out[row.periode][i * DESIL_COUNT + d] += row.kk_desil[d];
    }
    return out;
  });

  /** The hexagon layer request for the current resolution (only while the hexagon level or pockets need it). */
  readonly hexRequest: { key: string; request: HexLayerRequest } | null = $derived.by(() => {
    if (this.level !== 'hex' || this.periods.length === 0) return null;
    const res = this.view.res;
    const bins: HexLayerRequest['bins'] = this.dataset.hexbins
      ? Object.fromEntries(
          Object.entries(this.dataset.hexbins).flatMap(([p, byRes]) => (byRes[res] ? [[p, byRes[res]]] : [])),
        )
      : null;
    return {
      key: `${this.datasetKey}|${res}`,
      request: { datasetKey: this.datasetKey, res, desaCounts: this.desaCounts, bins },
    };
  });
  readonly hexLayer: HexLayer | null = $derived(this.hex.resultFor(this.hexRequest?.key));

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
    if (this.level === 'hex') {
      const layer = this.hexLayer;
      const desa = this.district.desa?.features ?? [];
      if (!layer) return EMPTY_UNITS;
      return layer.cells.map((cell, c) => {
        const p = desa[layer.primaryDesa[c]]?.properties;
        return {
          kode: cell,
          nama: p?.nama_desa ?? cell,
          kode_kec: p?.kode_kec ?? '',
          nama_kec: p?.nama_kec ?? '',
          jenis: 'hex' as const,
          luas_km2: layer.areaKm2[c],
        };
      });
    }
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

  readonly units: UnitData[] = $derived.by(() => {
    if (this.level === 'hex') {
      const layer = this.hexLayer;
      if (!layer) return [];
      return this.mapUnits.map((u, c) => {
        const byPeriod = new Map<string, UnitCounts>();
        for (const [p, counts] of Object.entries(layer.byPeriod)) {
          if (counts.households[c] === 0) continue;
          byPeriod.set(p, {
            jumlah_kk: counts.households[c],
            kk_desil: Array.from(counts.desil.subarray(c * DESIL_COUNT, (c + 1) * DESIL_COUNT)),
            jumlah_jiwa: null,
            programmes: {},
          });
        }
        return { kode: u.kode, luas_km2: u.luas_km2, byPeriod };
      });
    }
    return unitsFromDesaRows(
      this.dataset.rows,
      this.mapUnits,
      this.level === 'kecamatan' ? (k) => k.slice(0, 8) : undefined,
    );
  });

  /** The whole kabupaten summed, for "compared with the kabupaten" lines. */
  readonly kabupaten: UnitData = $derived.by(
    () => unitsFromDesaRows(this.dataset.rows, [{ kode: 'kab', luas_km2: 0 }], () => 'kab')[0],
  );

  /**
   * Units hidden by small-number suppression in the shown period: fewer than k households, plus
   * complementary ones so that no hidden count follows from a kecamatan total minus the shown units
   * (see `suppressSmallCounts`). Hidden units are not coloured, labelled, listed or analysed.
   */
  readonly hidden: Uint8Array = $derived.by(() => {
    const n = this.units.length;
    const totals = new Uint32Array(n);
    for (let i = 0; i < n; i++)
      totals[i] = (this.period && this.units[i].byPeriod.get(this.period)?.jumlah_kk) || 0;
    const kecIndex = new Map<string, number>();
    const groups =
      this.level === 'kecamatan'
        ? undefined
        : Int32Array.from(this.mapUnits, (u) => {
            if (!u.kode_kec) return -1;
            let g = kecIndex.get(u.kode_kec);
            if (g === undefined) kecIndex.set(u.kode_kec, (g = kecIndex.size));
            return g;
          });
    const { unit } = suppressSmallCounts({ totals, groups }, this.view.minCount);
    // A unit without households is "no data", not hidden: there is nothing to protect.
    return Uint8Array.from(unit, (s, i) => (s !== Suppressed.Shown && totals[i] > 0 ? 1 : 0));
  });

  readonly available: IndicatorDefinition[] = $derived(availableIndicators(this.units, this.periods));
  readonly indicator: IndicatorDefinition = $derived(
    this.available.find((d) => d.id === this.view.indicator) ?? indicatorDefinition('share_d1'),
  );
  /** Indicator per unit; null for no data and for hidden units. */
  readonly values: (number | null)[] = $derived.by(() =>
    computeIndicator(this.indicator.id, this.units, this.period, this.previousPeriod).map((v, i) =>
      this.hidden[i] ? null : v,
    ),
  );
  readonly kabupatenValue = $derived(
    computeIndicator(this.indicator.id, [this.kabupaten], this.period, this.previousPeriod)[0],
  );

  /** Units inside the kecamatan in focus (all units without a focus). */
  readonly inScope: boolean[] = $derived(
    this.mapUnits.map((u) => this.view.focus === null || u.kode_kec === this.view.focus),
  );

  readonly fittedToFocus = $derived(
    this.view.fit && this.view.focus !== null && this.view.method !== 'manual',
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

  /** Legend counts over the shown units in scope (hidden units are counted apart, see `hiddenInScope`). */
  readonly classification: Classification = $derived(
    classifyWithEdges(
      this.values.filter((_, i) => this.inScope[i] && !this.hidden[i]),
      this.edges,
      this.view.method,
    ),
  );
  readonly hiddenInScope = $derived(
    this.mapUnits.reduce((n, _, i) => n + (this.inScope[i] && this.hidden[i] ? 1 : 0), 0),
  );

  readonly classOf: Int16Array = $derived.by(() => {
    const out = new Int16Array(this.values.length);
    this.values.forEach((v, i) => (out[i] = classIndex(v, this.edges)));
    return out;
  });

  readonly palette: string[] = $derived(colourForKind(this.indicator.kind, this.edges));

  /** Which unit the card, the table and the map outline show as selected (only shown units of this level). */
  readonly selected = $derived.by(() => {
    const i = this.view.selected === null ? undefined : this.unitIndex.get(this.view.selected);
    return i !== undefined && !this.hidden[i] ? this.view.selected : null;
  });

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
      this.datasetKey,
      this.level,
      this.level === 'hex' ? v.res : null,
      this.indicator.id,
      this.period,
      this.previousPeriod,
      this.level === 'hex' ? null : weights,
      options,
      v.minCount,
    ]);
    const values = Float64Array.from(this.values, (x) => (x === null ? NaN : x));
    const cells = this.level === 'hex' ? this.mapUnits.map((u) => u.kode) : undefined;
    return { key, request: { level: this.level, values, weights, options, cells } };
  });

  /** The cluster result when it answers the current request (never a stale map after a settings change). */
  readonly clusterResult = $derived(this.clusters.resultFor(this.clusterRequest?.key));

  /** The pocket request (desa pockets, or hexagon pockets at the current resolution) while pockets are on. */
  readonly pocketRequest: { key: string; request: PocketRequest } | null = $derived.by(() => {
    const v = this.view;
    if (!v.pockets || !this.period || !this.desaCounts[this.period]) return null;
    const unit = this.level === 'hex' ? 'hex' : 'desa';
    const criterion =
      v.criterion === 'lisa'
        ? { kind: 'lisa' as const }
        : { kind: 'gi' as const, confidence: Number(v.criterion.slice(2)) as 90 | 95 | 99 };
    const options = {
      permutations: v.permutations,
      seed: v.seed,
      alpha: v.alpha,
      pAdjust: v.adjust === 'fdr' ? ('BH' as const) : v.adjust,
      criterion,
      minUnits: v.minUnits ?? (unit === 'hex' ? 3 : 1),
      minCount: v.minCount,
      rate: 'eb' as const,
    };
    const bins = unit === 'hex' ? (this.dataset.hexbins?.[this.period]?.[v.res] ?? null) : null;
    const key = JSON.stringify([
      this.datasetKey,
      unit,
      unit === 'hex' ? v.res : null,
      this.period,
      options,
      v.tolerance,
    ]);
    return {
      key,
      request: {
        datasetKey: this.datasetKey,
        unit,
        res: v.res,
        periode: this.period,
        desaCounts: this.desaCounts[this.period],
        bins,
        options,
        toleranceMetres: v.tolerance,
      },
    };
  });
  readonly pockets: PocketResponse | null = $derived(this.pocketJob.resultFor(this.pocketRequest?.key));
  readonly selectedPocket = $derived(this.pockets?.pockets.find((p) => p.id === this.view.pocket) ?? null);

  /** Significance tier of a p-value: 3 (≤ 0.001), 2 (≤ 0.01), 1 (≤ α), 0 otherwise. */
  significanceTier(p: number): number {
    if (!(p <= this.view.alpha)) return 0;
    return p <= 0.001 ? 3 : p <= 0.01 ? 2 : 1;
  }

  /** Fill colour of every unit in `mapUnits` order for the current mode (hidden units: no value shown). */
  readonly colours: string[] = $derived.by(() => {
    const mode = this.view.mode;
    const hiddenColour = this.level === 'hex' ? 'rgba(0,0,0,0)' : HIDDEN_COLOUR;
    const r = this.clusterResult;
    return this.mapUnits.map((_, i) => {
      if (this.hidden[i]) return hiddenColour;
      if (mode === 'value') return this.classOf[i] >= 0 ? this.palette[this.classOf[i]] : NO_DATA_COLOR;
      if (!r || !r.hasValue[i]) return NO_DATA_COLOR;
      if (mode === 'lisa') return CLUSTER_COLOURS[r.clusters[i] as 0 | 1 | 2 | 3 | 4];
      if (mode === 'significance') return SIGNIFICANCE_COLOURS[this.significanceTier(r.p[i])];
      return GI_COLOURS[r.giTiers[i]];
    });
  });

  /** Legend rows of a cluster mode (category, colour, units in scope), in reading order. */
  readonly clusterLegend: { key: ClusterLegendKey; colour: string; count: number }[] = $derived.by(() => {
    const r = this.clusterResult;
    const mode = this.view.mode;
    if (!r || mode === 'value') return [];
    const shown = (i: number) => r.hasValue[i] === 1;
    const categories: { key: ClusterLegendKey; colour: string; test: (i: number) => boolean }[] =
      mode === 'lisa'
        ? ([1, 3, 2, 4, 0] as const).map((c) => ({
            key: `cluster.${c}`,
            colour: CLUSTER_COLOURS[c],
            test: (i: number) => shown(i) && r.clusters[i] === c,
          }))
        : mode === 'significance'
          ? ([3, 2, 1, 0] as const)
              .filter(
                (t) =>
                  t === 0 || (t === 1 ? this.view.alpha > 0.01 : t === 2 ? this.view.alpha > 0.001 : true),
              )
              .map((t) => ({
                key: `significance.${t}`,
                colour: SIGNIFICANCE_COLOURS[t],
                test: (i: number) => shown(i) && this.significanceTier(r.p[i]) === t,
              }))
          : ([3, 2, 1, 0, -1, -2, -3] as const).map((t) => ({
              key: `gi.${t}`,
              colour: GI_COLOURS[t],
              test: (i: number) => shown(i) && r.giTiers[i] === t,
            }));
    const count = (test: (i: number) => boolean) =>
      this.mapUnits.reduce((n, _, i) => n + (this.inScope[i] && test(i) ? 1 : 0), 0);
    const rows = categories.map((c) => ({ key: c.key, colour: c.colour, count: count(c.test) }));
    const noData = count((i) => !shown(i) && !this.hidden[i]);
    if (noData > 0) rows.push({ key: 'noData', colour: NO_DATA_COLOR, count: noData });
    return rows;
  });

  counts(kode: string, period: string | null = this.period): UnitCounts | undefined {
    const i = this.unitIndex.get(kode);
    return i === undefined || period === null || this.hidden[i]
      ? undefined
      : this.units[i].byPeriod.get(period);
  }

  valueOf(kode: string): number | null {
    const i = this.unitIndex.get(kode);
    return i === undefined ? null : this.values[i];
  }

  isHidden(kode: string): boolean {
    const i = this.unitIndex.get(kode);
    return i !== undefined && this.hidden[i] === 1;
  }

  select(kode: string | null, origin: SelectionOrigin): void {
    this.selectionOrigin = origin;
    this.view.selected = kode;
  }

  focus(kodeKec: string | null): void {
    this.view.focus = kodeKec;
    this.view.fit = false;
  }

  selectPocket(id: string | null): void {
    this.selectionOrigin = 'list';
    this.view.pocket = id;
  }

  /** Starts the Worker jobs the current view needs (called from an effect; each job keeps only its latest answer). */
  runJobs(): void {
    const hex = this.hexRequest;
    if (hex && hex.key !== this.hex.resultKey)
      void this.hex.run(hex.key, () => analysisWorker().hexLayer(hex.request));
    const cluster = this.clusterRequest;
    // At the hexagon level the cluster request waits for the layer it is about.
    if (cluster && cluster.key !== this.clusters.resultKey && (this.level !== 'hex' || this.hexLayer))
      void this.clusters.run(cluster.key, () =>
        analysisWorker().clusters(
          Comlink.transfer(cluster.request, [cluster.request.values.buffer as ArrayBuffer]),
        ),
      );
    const pockets = this.pocketRequest;
    if (pockets && pockets.key !== this.pocketJob.resultKey && (this.level !== 'hex' || this.hexLayer))
      void this.pocketJob.run(pockets.key, () => analysisWorker().pockets(pockets.request));
  }

  /** Reads the view from the URL (first load, back/forward). */
  readUrl(search: string): void {
    this.selectionOrigin = 'url';
    this.view = decodeView(search);
  }

  /** The query string of the current view, for history and shared links. */
  readonly query = $derived(encodeView(this.view));
}
