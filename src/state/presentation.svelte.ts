/**
 * The meeting room: the slide list (saved views, kept per district in the browser and in the project file)
 * and the presentation mode that shows them full screen, stepped with the keyboard or a clicker.
 */
import { createStore, get, set, type UseStore } from 'idb-keyval';
import { tick } from 'svelte';
import {
  cleanCaption,
  makeSlide,
  moveSlide,
  parseSlides,
  slideForKey,
  slideView,
  slidesOut,
  type Slide,
  type SlideBounds,
} from '../lib/slides/slides.ts';
import type { Scenario } from '../lib/priority/scenario.ts';
import type { ExploreState } from './explore.svelte.ts';
import type { PriorityState } from './priority.svelte.ts';

let store: UseStore | null = null;
// The same database as the datasets and scenarios (see dataset-store.ts): one place the browser keeps.
const kv = () => (store ??= createStore('kantong-data', 'kv'));
const slidesKey = (kab: string) => `slides:${kab}`;

/** A camera move the map makes: fit `bounds` into the free area, animated; `seq` makes each request new. */
export interface CameraRequest {
  bounds: SlideBounds;
  seq: number;
}

export class SlidesState {
  list = $state<Slide[]>([]);
  /** Why the list could not be kept (storage unavailable), or null. */
  error = $state<string | null>(null);
  #loadedFor: string | null = null;

  constructor(private readonly explore: ExploreState) {}

  get kodeKab(): string | null {
    return this.explore.district.manifest?.kode_kab ?? null;
  }

  /** Reads the district's slides once; a list that no longer reads is left alone (and not shown). */
  async load(): Promise<void> {
    const kab = this.kodeKab;
    if (!kab || this.#loadedFor === kab) return;
    this.#loadedFor = kab;
    try {
      const r = parseSlides(await get(slidesKey(kab), kv()), 'IndexedDB');
      if (r.ok && this.kodeKab === kab) this.list = r.slides;
    } catch {
      // storage unavailable: slides live for this visit only
    }
  }

  #keep(): void {
    const kab = this.kodeKab;
    if (!kab) return;
    set(slidesKey(kab), slidesOut(this.list), kv()).then(
      () => (this.error = null),
      (e: unknown) => (this.error = e instanceof Error ? e.message : String(e)),
    );
  }

  #nextId(): string {
    let n = this.list.length + 1;
    while (this.list.some((s) => s.id === `s${n}`)) n++;
    return `s${n}`;
  }

  /** Adds the current view as a slide at the end of the list. */
  add(caption: string, bounds: SlideBounds | null, scenario: Scenario | null): Slide {
    const slide = makeSlide(
      this.#nextId(),
      caption,
      $state.snapshot(this.explore.view),
      bounds,
      scenario ? ($state.snapshot(scenario) as Scenario) : null,
    );
    this.list = [...this.list, slide];
    this.#keep();
    return slide;
  }

  rename(id: string, caption: string): void {
    this.list = this.list.map((s) => (s.id === id ? { ...s, caption: cleanCaption(caption) } : s));
    this.#keep();
  }

  remove(id: string): void {
    this.list = this.list.filter((s) => s.id !== id);
    this.#keep();
  }

  move(from: number, to: number): void {
    this.list = moveSlide(this.list, from, to);
    this.#keep();
  }

  /** The slides of an opened project replace the list (and are kept). */
  restore(slides: Slide[]): void {
    this.#loadedFor = this.kodeKab;
    this.list = slides.map((s) => ({ ...s }));
    this.#keep();
  }
}

export class PresentationState {
  active = $state(false);
  /** The slide shown, or -1 when the presentation shows the view as it was. */
  index = $state(-1);
  /** The latest camera move asked of the map. */
  camera = $state<CameraRequest | null>(null);
  #seq = 0;

  constructor(
    private readonly explore: ExploreState,
    private readonly priority: PriorityState,
    readonly slides: SlidesState,
  ) {}

  get current(): Slide | null {
    return this.slides.list[this.index] ?? null;
  }

  /** Enters the presentation (full screen where the browser allows it; the mode works without). */
  enter(): void {
    this.active = true;
    this.index = -1;
    const root = document.documentElement;
    if (!document.fullscreenElement && root.requestFullscreen)
      root.requestFullscreen({ navigationUI: 'hide' }).catch(() => {});
    // The first slide once the projector theme has laid the panels out (the map fits clear of them).
    if (this.slides.list.length > 0) void tick().then(() => requestAnimationFrame(() => void this.show(0)));
  }

  leave(): void {
    this.active = false;
    if (document.fullscreenElement) document.exitFullscreen().catch(() => {});
  }

  toggle(): void {
    if (this.active) this.leave();
    else this.enter();
  }

  /** Shows slide `i`: its view (and scenario), then a short fly to its map area. */
  async show(i: number): Promise<void> {
    const slide = this.slides.list[i];
    if (!slide) return;
    this.index = i;
    const view = slideView(slide);
    if (slide.scenario && view.task === 'priority')
      this.priority.scenario = $state.snapshot(slide.scenario) as Scenario;
    // The slide's own area decides where the map looks, not a fly to its selection.
    this.explore.selectionOrigin = 'map';
    this.explore.set({ ...view, kab: this.explore.view.kab });
    await tick();
    if (slide.bounds) this.camera = { bounds: slide.bounds, seq: ++this.#seq };
  }

  /** A key of the presentation: true when it was one (the caller then stops the browser's own action). */
  key(key: string): boolean {
    if (!this.active) return false;
    if (key === 'Escape') {
      this.leave();
      return true;
    }
    const next = slideForKey(key, this.index, this.slides.list.length);
    if (next === null) return false;
    if (next !== this.index) void this.show(next);
    return true;
  }
}
