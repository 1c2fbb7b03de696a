import type { Map as MapLibreMap } from 'maplibre-gl';
import bbox from '@turf/bbox';
import { tick } from 'svelte';
import { locale } from '../i18n/locale.svelte.ts';
import type { MessageKey } from '../i18n/id.ts';
import { metresPerPixel } from '../lib/export/scale-bar.ts';
import { msg, type Message } from '../lib/messages/message.ts';
import { parseProjectFile, projectFileText } from '../lib/project/project-file.ts';
import { buildBrief, type Brief } from '../lib/publish/brief.ts';
import { composeMap, type MapDecorations } from '../map/compose.ts';
import { fitPadding } from '../map/fit.ts';
import { nextIdle, withMapRendered } from '../map/map-image.ts';
import { download, fileSlug, today } from './download.ts';
import type { ExploreState } from './explore.svelte.ts';
import { legendModel } from './map-legend.ts';
import { monitorLegendModel } from './monitor-legend.ts';
import type { MonitorState } from './monitor.svelte.ts';
import { mapTitle, type MapTitle } from './map-title.ts';
import type { PriorityState } from './priority.svelte.ts';
import type { SlidesState } from './presentation.svelte.ts';
import type { Slide } from '../lib/slides/slides.ts';
import { applyProject, projectContent, projectExpectation } from './project.ts';
import { sourceItems } from './sources.ts';

/** Width of the poster PNG, pixels. */
export const POSTER_WIDTH = 3000;
/** Width of the map image in the A4 brief, pixels (≈ 245 dpi over the 186 mm between the margins). */
export const BRIEF_MAP_WIDTH = 1800;

export type PngKind = 'screen' | 'poster';

/** A line for the person: a core message, or a UI text, rendered in the language of the moment. */
export type Notice =
  | { kind: 'error' | 'warning' | 'info'; message: Message }
  | { kind: 'error' | 'warning' | 'info'; key: MessageKey; params?: Record<string, string | number> };

/** The header of the map sheet printed from the explore view. */
export interface MapSheet {
  title: MapTitle;
  facts: string[];
}

const reasonOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * The exports of the map and the ranking: PNG images (screen or poster width) with title, legend, scale bar,
 * north arrow, date and sources drawn in; the A4 brief (the shortlist or one kecamatan; the explore view
 * prints a map sheet), which is also what Ctrl+P prints; and the project file, saved and opened. Counts reach
 * the images and the brief only through the legend, the title and `buildBrief`, all on the publication layer.
 */
export class ExportState {
  readonly explore: ExploreState;
  readonly priority: PriorityState;
  /** The presentation's slides, saved in and restored from the project file (set by the app). */
  slides: SlidesState | null = null;
  /** The monitoring mode, whose graduation and stagnant maps have their own title and key (set by the app). */
  monitor: MonitorState | null = null;
  /** The map, once MapView made it. */
  map = $state.raw<MapLibreMap | null>(null);
  busy = $state<'png' | 'brief' | 'project' | null>(null);
  notices = $state.raw<Notice[]>([]);
  /** The canvas of the print view's map (PrintBrief hands it over). */
  printCanvas: HTMLCanvasElement | null = null;
  /** The print view's map was drawn for this print (by the button); Ctrl+P draws it from the screen. */
  #prepared = false;
  /** The kecamatan chosen for the brief: undefined follows the kecamatan in focus, null is the shortlist. */
  #kecamatan = $state<string | null | undefined>(undefined);

  constructor(explore: ExploreState, priority: PriorityState) {
    this.explore = explore;
    this.priority = priority;
  }

  readonly prioritising = $derived.by(() => this.explore.view.task === 'priority');

  /** The kecamatan of the brief (null: the shortlist of the whole kabupaten). */
  readonly briefKecamatan: string | null = $derived.by(() =>
    this.#kecamatan === undefined ? this.explore.view.focus : this.#kecamatan,
  );

  chooseBrief(kodeKec: string | null): void {
    this.#kecamatan = kodeKec;
  }

  /** The brief of the Prioritas mode, or null (explore view, or nothing ranked). */
  readonly brief: Brief | null = $derived.by(() => {
    if (!this.prioritising) return null;
    const meta = this.priority.exportMeta();
    if (!meta) return null;
    const kode = this.briefKecamatan;
    const kec = kode ? this.explore.district.kecamatanInfo(kode) : undefined;
    return buildBrief({
      rows: this.priority.rows,
      meta,
      kecamatan: kec ? { kode: kec.kode_kec, nama: kec.nama_kec } : null,
      lang: locale.lang,
    });
  });

  /** The head of the map sheet the explore view prints. */
  readonly sheet: MapSheet = $derived.by(() => ({
    title: this.#title(),
    facts: [locale.t('export.map.date', { date: today() }), ...sourceItems(this.explore, locale)],
  }));

  /** A monitoring map with its own title and key (graduation, stagnant pockets), else null. */
  #monitorMap(): MonitorState | null {
    const m = this.monitor;
    return this.explore.view.task === 'monitor' && m && m.map !== 'change' ? m : null;
  }

  /** The map's title as the screen shows it (the monitoring maps': their name and the two periods). */
  #title(): MapTitle {
    const title = mapTitle(this.explore, this.prioritising ? this.priority : null, locale);
    const m = this.#monitorMap();
    if (!m) return title;
    const kabupaten = this.explore.district.manifest?.nama_kab;
    return {
      ...title,
      heading: locale.t(`monitor.map.${m.map}`),
      where: [kabupaten, `${m.base} → ${m.comparison}`].filter(Boolean).join(' · '),
    };
  }

  /** Everything drawn around the map, as the screen shows it now. */
  decorations(footer: boolean): MapDecorations {
    const map = this.map!;
    const p = this.prioritising ? this.priority : null;
    const m = this.#monitorMap();
    return {
      title: this.#title(),
      legend: (m && monitorLegendModel(m, locale)) ?? legendModel(this.explore, p, locale),
      metresPerPixel: metresPerPixel(map.getCenter().lat, map.getZoom()),
      scaleLabel: (bar) => `${locale.decimal(bar.value, 1)} ${bar.unit}`,
      bearing: map.getBearing(),
      north: locale.t('export.map.north'),
      footer: footer
        ? [
            [
              locale.t('export.map.date', { date: today() }),
              ...sourceItems(this.explore, locale),
              locale.t('export.map.made'),
            ].join(' · '),
          ]
        : [],
    };
  }

  /**
   * The map as an image `width` pixels wide (null: as on screen, at the device's pixel ratio), with title,
   * legend, scale bar, north arrow and, with `footer`, the date and sources under it.
   */
  async mapImage(width: number | null, footer = true, into?: HTMLCanvasElement): Promise<HTMLCanvasElement> {
    const map = this.map;
    if (!map) throw new Error('map not ready');
    await document.fonts.ready;
    const cssWidth = map.getContainer().clientWidth;
    const ratio = width === null ? map.getPixelRatio() : width / cssWidth;
    const target = into ?? document.createElement('canvas');
    await withMapRendered(map, ratio, (canvas) =>
      // Laid out after the render: the legend and title are those of the frame drawn.
      composeMap(target, canvas, cssWidth, width ?? canvas.width, this.decorations(footer)),
    );
    return target;
  }

  #fileName(what: string, ext: string): string {
    const m = this.explore.district.manifest;
    const focus = this.explore.view.focus
      ? this.explore.district.kecamatanInfo(this.explore.view.focus)?.nama_kec
      : null;
    const subject = this.prioritising
      ? this.priority.scenario.name || 'prioritas'
      : (this.#monitorMap()?.map ?? this.explore.indicator.id);
    return `${fileSlug(what, m?.kode_kab, subject, focus, this.explore.period)}.${ext}`;
  }

  /** Downloads the map as a PNG at screen or poster width. */
  async downloadPng(kind: PngKind): Promise<void> {
    if (this.busy) return;
    this.busy = 'png';
    this.notices = [{ kind: 'info', key: 'export.png.busy' }];
    try {
      const canvas = await this.mapImage(kind === 'poster' ? POSTER_WIDTH : null);
      const blob = await new Promise<Blob>((resolve, reject) =>
        canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('toBlob'))), 'image/png'),
      );
      const name = this.#fileName(kind === 'poster' ? 'peta-poster' : 'peta', 'png');
      download(name, blob);
      this.notices = [
        {
          kind: 'info',
          key: 'export.png.done',
          params: { file: name, width: String(canvas.width), height: String(canvas.height) },
        },
      ];
    } catch (error) {
      this.notices = [{ kind: 'error', key: 'export.png.failed', params: { reason: reasonOf(error) } }];
    } finally {
      this.busy = null;
    }
  }

  /** Moves the map onto a kecamatan (its brief shows it, in focus), without animation. */
  async #showKecamatan(kode: string): Promise<void> {
    const map = this.map;
    const feature = this.explore.district.kecamatan?.features.find((f) => f.properties.kode_kec === kode);
    if (this.explore.view.focus !== kode) this.explore.focus(kode);
    await tick();
    if (!map || !feature) return;
    const [w, s, e, n] = bbox(feature);
    const c = map.getContainer();
    map.fitBounds(
      [
        [w, s],
        [e, n],
      ],
      { padding: fitPadding(c.clientWidth, c.clientHeight), animate: false, maxZoom: 14 },
    );
    // new labels are placed and faded in at the screen's size before the large frame is drawn
    await nextIdle(map);
  }

  /**
   * Prepares the print view at print resolution and opens the browser's print dialog (where "Save as PDF"
   * makes the PDF). A kecamatan brief first brings that kecamatan into focus.
   */
  async printBrief(): Promise<void> {
    if (this.busy || !this.map) return;
    this.busy = 'brief';
    this.notices = [{ kind: 'info', key: 'export.print.busy' }];
    try {
      const kode = this.prioritising ? this.briefKecamatan : null;
      if (kode) await this.#showKecamatan(kode);
      if (this.printCanvas) await this.mapImage(BRIEF_MAP_WIDTH, false, this.printCanvas);
      this.#prepared = true;
      document.body.dataset.briefReady = 'true';
      this.notices = [];
      await tick();
      window.print();
    } catch (error) {
      this.notices = [{ kind: 'error', key: 'export.png.failed', params: { reason: reasonOf(error) } }];
    } finally {
      this.busy = null;
    }
  }

  /**
   * Before any print (Ctrl+P, the browser's menu): the print view's map from the map as it is on screen,
   * drawn at once — the print is laid out when this handler returns, so nothing may wait here.
   */
  beforePrint(): void {
    if (this.#prepared || !this.map || !this.printCanvas) return;
    const map = this.map;
    const canvas = map.getCanvas();
    composeMap(
      this.printCanvas,
      canvas,
      map.getContainer().clientWidth,
      canvas.width,
      this.decorations(false),
    );
  }

  afterPrint(): void {
    this.#prepared = false;
    delete document.body.dataset.briefReady;
  }

  /** Downloads the project file (data, view, scenarios, shortlist, notes). */
  async saveProject(): Promise<void> {
    if (this.busy) return;
    this.busy = 'project';
    try {
      const content = await projectContent(this.explore, this.priority, locale);
      if (!content) return;
      content.slides = this.slides ? ($state.snapshot(this.slides.list) as Slide[]) : [];
      const m = this.explore.district.manifest;
      const name = `${fileSlug('proyek', m?.kode_kab, this.priority.scenario.name || null, today())}.json`;
      download(
        name,
        new Blob([projectFileText(content, new Date().toISOString())], { type: 'application/json' }),
      );
      this.notices = [{ kind: 'info', key: 'export.project.saved', params: { file: name } }];
    } catch (error) {
      this.notices = [{ kind: 'error', key: 'export.project.failed', params: { reason: reasonOf(error) } }];
    } finally {
      this.busy = null;
    }
  }

  /**
   * Opens a project file. Everything is checked before anything changes: a bad file leaves the app as it
   * was and says why, in the UI language.
   */
  async openProject(file: File): Promise<void> {
    if (this.busy) return;
    this.busy = 'project';
    try {
      const expected = await projectExpectation(this.explore);
      if (!expected) return;
      const parsed = parseProjectFile(await file.text(), file.name, expected);
      if (!parsed.ok) {
        this.notices = [{ kind: 'error', message: parsed.error }];
        return;
      }
      const stored = await applyProject(parsed.project, this.explore, this.priority);
      this.slides?.restore(parsed.project.content.slides ?? []);
      this.notices = [
        {
          kind: 'info',
          key: 'export.project.opened',
          params: {
            file: file.name,
            dataset: parsed.project.content.dataset.name,
            saved: parsed.project.content.scenarios.saved.length,
          },
        },
        ...parsed.warnings.map((message) => ({ kind: 'warning' as const, message })),
        ...(stored.datasetStored
          ? []
          : [{ kind: 'warning' as const, key: 'export.project.notStored' as const }]),
        ...(stored.scenarios ? [{ kind: 'warning' as const, message: stored.scenarios }] : []),
      ];
    } catch (error) {
      // an unreadable file (gone, no permission): nothing was changed
      this.notices = [
        { kind: 'error', message: msg('project.corrupt', { file: file.name, detail: reasonOf(error) }) },
      ];
    } finally {
      this.busy = null;
    }
  }

  /** A notice in the UI language. */
  noticeText(n: Notice): string {
    return 'message' in n ? locale.msg(n.message) : locale.t(n.key, n.params);
  }
}
