import * as Comlink from 'comlink';
import {
  availableIndicators,
  computeIndicator,
  indicatorDefinition,
  type IndicatorDefinition,
} from '../lib/indicators/catalogue.ts';
import { unitsFromDesaRows, type UnitCounts, type UnitData } from '../lib/indicators/units.ts';
import { classBreaks, classIndex, classifyWithEdges, type Classification } from '../lib/classify/breaks.ts';
import { hexPlacement } from '../lib/hex/hex-layer.ts';
import { DESIL_COUNT } from '../lib/hex/types.ts';
import type { GiTier } from '../lib/stats/getis-ord.ts';
import type { Quadrant } from '../lib/stats/quadrants.ts';
import {
  publishUnits,
  unitShown,
  publishedDesilRow,
  publishedHouseholds,
  type PublishedUnits,
} from '../lib/publish/units.ts';
import { publishIndicator } from '../lib/publish/indicators.ts';
import { publishPocket, type PublishedPocket } from '../lib/publish/pockets.ts';
import { publishTotal, valueOrNull, type Published } from '../lib/publish/published.ts';
import { msg, type Message } from '../lib/messages/message.ts';
import type { Pocket } from '../lib/pockets/pockets.ts';
import {
  checkView,
  decodeView,
  DEFAULT_VIEW,
  encodeView,
  VIEW_PARAMS,
  type ViewParams,
} from '../lib/params/view.ts';
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
  HexLayerView,
  PocketRequest,
  PocketResponse,
  StabilityRequest,
  StabilityResponse,
} from '../worker/analysis-api.ts';
import type { DatasetState } from './dataset.svelte.ts';
import type { DistrictState } from './district.svelte.ts';
import {
  clusterRequestOf,
  desaCountsByPeriod,
  hexLayerRequestOf,
  pocketRequestOf,
  stabilityRequestOf,
  type KeyedRequest,
} from './analysis-requests.ts';

/** A unit on the map at the current level, with the names a user reads. */
export interface MapUnit {
  kode: string;
  nama: string;
  kode_kec: string;
  nama_kec: string;
  jenis: 'desa' | 'kelurahan' | 'kecamatan' | 'kabupaten' | 'hex';
  luas_km2: number;
}

export type MapLevel = 'kabupaten' | 'kecamatan' | 'desa' | 'hex';

/** A unit's figures as they may be shown (see `ExploreState.facts`). */
export interface UnitFacts {
  households: Published;
  /** Desil 1…10. */
  desil: Published[];
  desil1: Published;
  /** The indicator shown. */
  value: Published;
  shareD1: Published;
  shareD14: Published;
}

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
  readonly hex = new LatestJob<HexLayerView>();
  readonly pocketJob = new LatestJob<PocketResponse>();
  /** The stability of the pockets shown, computed after them (it may arrive seconds later). */
  readonly stabilityJob = new LatestJob<StabilityResponse>();
  readonly basemap = new BasemapState();

  constructor(district: DistrictState, dataset: DatasetState) {
    this.district = district;
    this.dataset = dataset;
  }

  readonly periods = $derived.by(() => this.dataset.periods);
  readonly period = $derived(
    this.view.periode && this.periods.includes(this.view.periode)
      ? this.view.periode
      : (this.periods.at(-1) ?? null),
  );
  /** The base period of changes: the view's `base` when it comes before `period`, else the period before. */
  readonly previousPeriod = $derived.by(() => {
    if (!this.period) return null;
    const at = this.periods.indexOf(this.period);
    const base = this.view.base;
    if (base && this.periods.indexOf(base) >= 0 && this.periods.indexOf(base) < at) return base;
    return this.periods[at - 1] ?? null;
  });
  /** Kabupaten/kota in the open set: a kabupaten level is offered only when there are several. */
  readonly kabupatenCount = $derived.by(() => this.district.kabupaten?.features.length ?? 0);
  /** The level shown: the view's, except that the Prioritas and Pemantauan modes rank desa (and one kabupaten has no level). */
  readonly level: MapLevel = $derived(
    this.view.task === 'priority' ||
      this.view.task === 'monitor' ||
      (this.view.level === 'kabupaten' && this.kabupatenCount < 2)
      ? 'desa'
      : this.view.level,
  );

  /** Identity of the data shown, so Worker caches never mix two datasets. */
  readonly datasetKey = $derived.by(() => `${this.district.folder}|${this.dataset.revision}`);

  /** Desa counts per period, row-major `[desa * 10 + d − 1]` in the map's desa order (Worker input). */
  readonly desaCounts: Record<string, Uint32Array> = $derived.by(() =>
    desaCountsByPeriod(
      this.dataset.rows,
      (this.district.desa?.features ?? []).map((f) => f.properties.kode_desa),
      this.periods,
    ),
  );

  /** The hexagon layer request for the current resolution (only at the hexagon level). */
  readonly hexRequest = $derived.by(() =>
    this.level !== 'hex' || this.periods.length === 0
      ? null
      : hexLayerRequestOf(this.datasetKey, this.view.res, this.desaCounts, this.dataset.hexbins),
  );
  readonly hexLayer: HexLayerView | null = $derived(this.hex.resultFor(this.hexRequest?.key));

  readonly mapUnits: MapUnit[] = $derived.by(() => {
    if (this.level === 'kabupaten')
      return (this.district.kabupaten?.features ?? []).map((f) => ({
        kode: f.properties.kode_kab,
        nama: f.properties.nama_kab,
        kode_kec: '',
        nama_kec: '',
        jenis: 'kabupaten' as const,
        luas_km2: f.properties.luas_km2,
      }));
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
      this.level === 'kecamatan'
        ? (k) => k.slice(0, 8)
        : this.level === 'kabupaten'
          ? (k) => k.slice(0, 5)
          : undefined,
    );
  });

  /**
   * How the hexagon counts of the periods shown were placed (null off the hexagon level): hexagon statistics
   * rest only on households counted at their own coordinates.
   */
  readonly hexPlacement = $derived.by(() =>
    this.level === 'hex' && this.hexLayer
      ? hexPlacement(this.hexLayer, [
          this.period,
          this.indicator.needsTwoPeriods ? this.previousPeriod : null,
        ])
      : null,
  );

  /**
   * Why no LISA, Gi* or pocket is computed at this level, or null: hexagons spread from desa by area (their
   * cells inside one desa share one value by construction), or a stored dataset without the geotagged counts
   * kept apart. The explanation offers the desa level.
   */
  readonly hexStatisticsBlocked: Message | null = $derived.by(() => {
    const layer = this.hexLayer;
    if (this.level !== 'hex' || !layer) return null;
    // period by period: one spread wholly from desa blocks the map (a change map needs both periods)
    for (const p of new Set([this.period, this.indicator.needsTwoPeriods ? this.previousPeriod : null])) {
      const placed = p === null ? undefined : layer.placement[p];
      if (!placed || placed.allocated === 0) continue;
      if (placed.allocated >= placed.total) return msg('hex.noStatistics.estimated');
      // partly spread from desa: the statistics need the geotagged part (newer records keep it)
      if (!layer.byPeriod[p!]?.points) return msg('hex.noStatistics.noPointCounts');
    }
    return null;
  });

  /**
   * The counts hexagon statistics use: the geotagged households of each cell when some were placed from their
   * desa (`HexPeriodCounts.points`), all of them otherwise; the units of the level off the hexagon level.
   */
  readonly #statisticUnits: UnitData[] = $derived.by(() => {
    const layer = this.hexLayer;
    if (this.level !== 'hex' || !layer || this.hexPlacement?.kind !== 'part-from-desa') return this.units;
    return this.mapUnits.map((u, c) => {
      const byPeriod = new Map<string, UnitCounts>();
      for (const [p, counts] of Object.entries(layer.byPeriod)) {
        const source = counts.points ?? counts;
        // a cell with fewer than k geotagged households is not analysed (its share would rest on a few)
        if (source.households[c] < this.view.minCount) continue;
        byPeriod.set(p, {
          jumlah_kk: source.households[c],
          kk_desil: Array.from(source.desil.subarray(c * DESIL_COUNT, (c + 1) * DESIL_COUNT)),
          jumlah_jiwa: null,
          programmes: {},
        });
      }
      return { kode: u.kode, luas_km2: u.luas_km2, byPeriod };
    });
  });

  /** The whole kabupaten summed, for "compared with the kabupaten" lines. */
  readonly kabupaten: UnitData = $derived.by(
    () => unitsFromDesaRows(this.dataset.rows, [{ kode: 'kab', luas_km2: 0 }], () => 'kab')[0],
  );

  /** Group (kecamatan) of each unit whose totals are public; none at the kecamatan level. */
  readonly #groups: Int32Array | undefined = $derived.by(() => {
    if (this.level === 'kecamatan' || this.level === 'kabupaten') return undefined;
    const kecIndex = new Map<string, number>();
    return Int32Array.from(this.mapUnits, (u) => {
      if (!u.kode_kec) return -1;
      let g = kecIndex.get(u.kode_kec);
      if (g === undefined) kecIndex.set(u.kode_kec, (g = kecIndex.size));
      return g;
    });
  });

  /** Pockets listed at this level are published lines too: their members, as unit indices. */
  readonly #pocketGroups: number[][] = $derived.by(() => {
    const pockets = this.view.pockets ? this.pocketJob.resultFor(this.pocketRequest?.key) : null;
    const unit = this.level === 'hex' ? 'hex' : 'desa';
    if (
      !pockets ||
      this.level === 'kecamatan' ||
      this.level === 'kabupaten' ||
      pockets.pockets[0]?.unit !== unit
    )
      return [];
    return pockets.pockets.map((p) => p.members.flatMap((m) => this.unitIndex.get(m) ?? []));
  });

  /**
   * One period's unit table through the publication layer: units with fewer than k households are hidden,
   * desil and programme counts of 1 … k−1 are "< k", and complementary suppression hides what a kecamatan,
   * kabupaten or pocket total would give back (see `publishUnits`).
   */
  #publish(period: string | null): PublishedUnits | null {
    if (!period) return null;
    const n = this.units.length;
    const households = new Uint32Array(n);
    const desil = new Uint32Array(n * DESIL_COUNT);
    const programmes: Record<string, Uint32Array> = {};
    this.units.forEach((u, i) => {
      const c = u.byPeriod.get(period);
      if (!c) return;
      households[i] = c.jumlah_kk;
      for (let d = 0; d < DESIL_COUNT; d++) desil[i * DESIL_COUNT + d] = c.kk_desil[d];
      for (const [key, v] of Object.entries(c.programmes)) (programmes[key] ??= new Uint32Array(n))[i] = v;
    });
    return publishUnits({
      households,
      desil,
      programmes,
      groups: this.#groups,
      extraGroups: this.#pocketGroups,
      k: this.view.minCount,
    });
  }

  readonly published: PublishedUnits | null = $derived(this.#publish(this.period));
  readonly publishedPrevious: PublishedUnits | null = $derived(this.#publish(this.previousPeriod));

  /** 1 for units hidden by small-number suppression (with households, not shown); not coloured, listed or analysed. */
  readonly hidden: Uint8Array = $derived.by(() => {
    const t = this.published;
    return Uint8Array.from(this.units, (_, i) => (t && !unitShown(t, i) && t.households[i] > 0 ? 1 : 0));
  });

  readonly available: IndicatorDefinition[] = $derived(availableIndicators(this.units, this.periods));
  readonly indicator: IndicatorDefinition = $derived(
    this.available.find((d) => d.id === this.view.indicator) ?? indicatorDefinition('share_d1'),
  );
  /**
   * Exact indicator per unit, null for no data and for hidden units: what the statistics analyse (for partly
   * geotagged hexagons, computed from the geotagged households only).
   */
  readonly analysedValues: (number | null)[] = $derived.by(() =>
    computeIndicator(this.indicator.id, this.#statisticUnits, this.period, this.previousPeriod).map((v, i) =>
      this.hidden[i] ? null : v,
    ),
  );
  /** The indicator per unit as a person may see it (see `publishIndicator`). */
  readonly publishedValues: Published[] = $derived.by(() => {
    const now = this.published;
    if (!now) return this.units.map(() => ({ kind: 'none' as const }));
    return publishIndicator(this.indicator.id, this.analysedValues, {
      now,
      // read only for a change: the previous period's suppression is a whole second pass over the units
      previous: this.indicator.needsTwoPeriods ? this.publishedPrevious : null,
      areaKm2: this.mapUnits.map((u) => u.luas_km2),
    });
  });
  /** The desil-1 and desil-1–4 shares every card shows, whatever the indicator. */
  readonly #publishedShares = $derived.by(() => {
    const now = this.published;
    const of = (id: 'share_d1' | 'share_d1_4'): Published[] =>
      now
        ? publishIndicator(
            id,
            computeIndicator(id, this.units, this.period).map((v, i) => (this.hidden[i] ? null : v)),
            { now, areaKm2: [] },
          )
        : [];
    return { d1: of('share_d1'), d14: of('share_d1_4') };
  });

  /** The shown values (null where no value may be shown): what the map colours, classes and sorting use. */
  readonly values: (number | null)[] = $derived(this.publishedValues.map(valueOrNull));

  /** The kabupaten's value (a published line of its own: suppressed only when its own counts are small). */
  readonly kabupatenValue: Published = $derived.by(() => {
    const c = this.period ? this.kabupaten.byPeriod.get(this.period) : undefined;
    if (!c) return { kind: 'none' };
    const v = computeIndicator(this.indicator.id, [this.kabupaten], this.period, this.previousPeriod)[0];
    if (v === null) return { kind: 'none' };
    const one = (period: string | null) => {
      const k = period ? this.kabupaten.byPeriod.get(period) : undefined;
      return k
        ? publishUnits({
            households: [k.jumlah_kk],
            desil: k.kk_desil,
            programmes: Object.fromEntries(Object.entries(k.programmes).map(([p, n]) => [p, [n]])),
            k: this.view.minCount,
          })
        : null;
    };
    const now = one(this.period);
    return now
      ? publishIndicator(this.indicator.id, [v], { now, previous: one(this.previousPeriod), areaKm2: [0] })[0]
      : { kind: 'none' };
  });

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

  /** Whether unit i's value is withheld (a hidden unit, or a value that would reveal a small count). */
  #withheld(i: number): boolean {
    const k = this.publishedValues[i]?.kind;
    return this.hidden[i] === 1 || k === 'hidden' || k === 'below';
  }

  /** Legend counts over the units in scope whose value is shown (withheld ones: see `hiddenInScope`). */
  readonly classification: Classification = $derived(
    classifyWithEdges(
      this.values.filter((_, i) => this.inScope[i] && !this.#withheld(i)),
      this.edges,
      this.view.method,
    ),
  );
  /** Units in scope whose value is withheld by small-number suppression (the legend's "disamarkan" row). */
  readonly hiddenInScope = $derived(
    this.mapUnits.reduce((n, _, i) => n + (this.inScope[i] && this.#withheld(i) ? 1 : 0), 0),
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
  readonly clusterRequest: KeyedRequest<ClusterRequest> | null = $derived.by(() => {
    if (this.view.mode === 'value' || this.analysedValues.length === 0) return null;
    if (this.hexStatisticsBlocked) return null;
    return clusterRequestOf(
      {
        datasetKey: this.datasetKey,
        level: this.level,
        valuesKey: [this.indicator.id, this.period, this.previousPeriod, this.view.minCount],
        values: this.analysedValues,
        expectRate: this.indicator.kind === 'share',
        cells: this.level === 'hex' ? this.mapUnits.map((u) => u.kode) : undefined,
      },
      this.view,
    );
  });

  /** The cluster result when it answers the current request (never a stale map after a settings change). */
  readonly clusterResult = $derived(this.clusters.resultFor(this.clusterRequest?.key));

  /** The pocket request (desa pockets, or hexagon pockets at the current resolution) while pockets are on. */
  readonly pocketRequest: KeyedRequest<PocketRequest> | null = $derived.by(() => {
    const v = this.view;
    if (!v.pockets || !this.period || !this.desaCounts[this.period]) return null;
    const unit = this.level === 'hex' ? 'hex' : 'desa';
    return pocketRequestOf(
      {
        datasetKey: this.datasetKey,
        unit,
        periode: this.period,
        desaCounts: this.desaCounts[this.period],
        bins: unit === 'hex' ? (this.dataset.hexbins?.[this.period]?.[v.res] ?? null) : null,
      },
      v,
    );
  });
  readonly pockets: PocketResponse | null = $derived(this.pocketJob.resultFor(this.pocketRequest?.key));
  readonly selectedPocket = $derived(this.pockets?.pockets.find((p) => p.id === this.view.pocket) ?? null);

  /** The stability request of the pockets shown, once they are there (none without pockets or reruns). */
  readonly stabilityRequest: KeyedRequest<StabilityRequest> | null = $derived.by(() => {
    const pockets = this.pocketRequest;
    if (!pockets || !this.pockets || this.pockets.pockets.length === 0 || this.view.stability === 0)
      return null;
    return stabilityRequestOf(pockets, this.view.stability);
  });
  readonly stability: StabilityResponse | null = $derived(
    this.stabilityJob.resultFor(this.stabilityRequest?.key),
  );

  /** Share of reruns that found pocket `p` again (null while it is computed, or without reruns). */
  pocketStability(p: Pocket): number | null {
    const s = this.stability;
    const r = this.pockets?.pockets.indexOf(p) ?? -1;
    return s && r >= 0 && Number.isFinite(s.pocketShare[r]) ? s.pocketShare[r] : null;
  }

  /** Share of reruns with the unit of `code` in a pocket (null while computed, without reruns, or outside). */
  unitStability(code: string): number | null {
    const s = this.stability;
    const u = this.pockets?.codes.indexOf(code) ?? -1;
    return s && u >= 0 && Number.isFinite(s.unitShare[u]) ? s.unitShare[u] : null;
  }

  /** The pocket a unit of this level belongs to (null outside pockets, or when pockets are of another level). */
  pocketOfUnit(code: string): Pocket | null {
    const r = this.pockets;
    if (!r) return null;
    const u = r.codes.indexOf(code);
    return u >= 0 && r.pocketOf[u] >= 0 ? (r.pockets[r.pocketOf[u]] ?? null) : null;
  }

  /** A pocket's totals as published (the same rule as the CLI's pocket files). */
  publishedPocket(p: { households: number; desil1: number; share: number }): PublishedPocket {
    return publishPocket(p, this.pockets?.minCount ?? this.view.minCount);
  }

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
      if (mode === 'value') {
        if (this.#withheld(i)) return hiddenColour;
        return this.classOf[i] >= 0 ? this.palette[this.classOf[i]] : NO_DATA_COLOR;
      }
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

  /**
   * What a card, the table and a tooltip may show of a unit in the shown period (null for a hidden unit or
   * one without households): households, desil counts and the indicator, all through the publication layer.
   */
  facts(kode: string): UnitFacts | null {
    const i = this.unitIndex.get(kode);
    const t = this.published;
    if (i === undefined || !t || this.hidden[i] || t.households[i] === 0) return null;
    const desil = publishedDesilRow(t, i);
    return {
      households: publishedHouseholds(t, i),
      desil,
      desil1: desil[0],
      value: this.publishedValues[i],
      shareD1: this.#publishedShares.d1[i],
      shareD14: this.#publishedShares.d14[i],
    };
  }

  /** The kabupaten's desil-1–4 share, as published. */
  readonly kabupatenShareD14: Published = $derived.by(() => {
    const c = this.period ? this.kabupaten.byPeriod.get(this.period) : undefined;
    if (!c) return { kind: 'none' };
    const d14 = c.kk_desil.slice(0, 4).reduce((a, b) => a + b, 0);
    const total = publishTotal(d14, this.view.minCount);
    return total.kind === 'value' && c.jumlah_kk > 0
      ? { kind: 'value', value: d14 / c.jumlah_kk }
      : total.kind === 'value'
        ? { kind: 'none' }
        : { kind: 'hidden' };
  });

  /** The shown value of a unit (null where none may be shown exactly). */
  valueOf(kode: string): number | null {
    const i = this.unitIndex.get(kode);
    return i === undefined ? null : this.values[i];
  }

  /** The published indicator value of a unit (for the tooltip). */
  publishedValueOf(kode: string): Published {
    const i = this.unitIndex.get(kode);
    return i === undefined ? { kind: 'none' } : this.publishedValues[i];
  }

  isHidden(kode: string): boolean {
    const i = this.unitIndex.get(kode);
    return i !== undefined && this.hidden[i] === 1;
  }

  /**
   * Changes the view: every value is checked by the parameter schema (the same as the URL's and the CLI's);
   * invalid values are left out and returned as messages for the control that sent them. Rules that tie
   * values together live here, not in components: a new level clears the selection (codes differ per level).
   */
  set(patch: Partial<ViewParams>): Message[] {
    const { values, errors } = checkView(patch);
    if (values.level !== undefined && values.level !== this.view.level && !('selected' in patch))
      values.selected = null;
    if ('focus' in values && !('fit' in patch)) values.fit = false;
    Object.assign(this.view, values);
    return errors;
  }

  /** Changes one view parameter from text a user typed (a number field): parsed as a link would be. */
  setText(field: keyof ViewParams, text: string): Message | null {
    const r = VIEW_PARAMS[field].parse(text);
    if (!r.ok) return r.error;
    return this.set({ [field]: r.value } as Partial<ViewParams>)[0] ?? null;
  }

  select(kode: string | null, origin: SelectionOrigin): void {
    this.selectionOrigin = origin;
    this.set({ selected: kode });
  }

  focus(kodeKec: string | null): void {
    this.set({ focus: kodeKec });
  }

  selectPocket(id: string | null): void {
    this.selectionOrigin = 'list';
    this.set({ pocket: id });
  }

  /**
   * Starts the Worker jobs the current view needs (called from an effect). Each `LatestJob` posts a key once
   * and keeps only the answer to the latest key; buffers handed to the Worker are private copies made here,
   * never the arrays of a `$derived` (which a transfer would detach under the next reader).
   */
  runJobs(): void {
    const hex = this.hexRequest;
    if (hex) void this.hex.run(hex.key, () => analysisWorker().hexLayer(hex.request));
    else this.hex.clear();
    // At the hexagon level the cluster and pocket requests wait for the layer they are about.
    const layerReady = this.level !== 'hex' || this.hexLayer !== null;
    const cluster = this.clusterRequest;
    if (cluster && layerReady)
      void this.clusters.run(cluster.key, () => {
        const values = cluster.request.values.slice();
        return analysisWorker().clusters(
          Comlink.transfer({ ...cluster.request, values }, [values.buffer as ArrayBuffer]),
        );
      });
    else if (!cluster) this.clusters.clear();
    const pockets = this.pocketRequest;
    if (pockets && layerReady)
      void this.pocketJob.run(pockets.key, () => analysisWorker().pockets(pockets.request));
    else if (!pockets) this.pocketJob.clear();
    // After the pockets themselves: the Worker reruns them between other requests.
    const stability = this.stabilityRequest;
    if (stability)
      void this.stabilityJob.run(stability.key, () => analysisWorker().pocketStability(stability.request));
    else this.stabilityJob.clear();
  }

  /** Reads the view from the URL (first load, back/forward). */
  readUrl(search: string): void {
    this.selectionOrigin = 'url';
    this.view = decodeView(search);
  }

  /** The query string of the current view, for history and shared links. */
  readonly query = $derived(encodeView(this.view));
}
