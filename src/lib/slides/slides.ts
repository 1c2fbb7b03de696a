/**
 * Slides of the presentation mode: a slide is a saved view — the same query string a shared link carries
 * (`encodeView`, so level, indicator, classes, focus, selection and mode all travel in one format) — plus
 * the part of the map a link does not hold (the area shown, as a west/south/east/north box) and, for a
 * Prioritas slide, the scenario it ranks with. Slides are kept per district in the browser and travel in the
 * project file (`src/lib/project/project-file.ts`).
 */
import { msg, type Message } from '../messages/message.ts';
import { VIEW_PARAMS, encodeView, type ViewParams } from '../params/view.ts';
import { readParams } from '../params/schema.ts';
import { parseScenario, type Scenario } from '../priority/scenario.ts';

/** Longest caption kept (a slide title on a projector, not a paragraph). */
export const CAPTION_MAX = 120;

/** West, south, east, north in degrees: the map area the slide shows. */
export type SlideBounds = [number, number, number, number];

export interface Slide {
  /** Stable id within a list (for keyed lists and reordering), not shown. */
  id: string;
  caption: string;
  /** The view as a link's query (`?level=desa&mode=lisa…`; empty for the default view). */
  view: string;
  bounds: SlideBounds | null;
  /** The Prioritas scenario of a `task=priority` slide, else null. */
  scenario: Scenario | null;
}

export type SlidesResult = { ok: true; slides: Slide[] } | { ok: false; error: Message };

/** A caption as kept: whitespace collapsed and trimmed, at most {@link CAPTION_MAX} characters. */
export function cleanCaption(text: string): string {
  return text.replace(/\s+/g, ' ').trim().slice(0, CAPTION_MAX);
}

/** A new slide of `view` (with the map area and, when prioritising, the scenario). */
export function makeSlide(
  id: string,
  caption: string,
  view: ViewParams,
  bounds: SlideBounds | null,
  scenario: Scenario | null,
): Slide {
  return {
    id,
    caption: cleanCaption(caption),
    view: encodeView(view),
    bounds: bounds ? (bounds.map((b) => Number(b.toFixed(6))) as SlideBounds) : null,
    scenario: view.task === 'priority' ? scenario : null,
  };
}

/** The view of a slide, read with the link reader's schema (every value checked, defaults filled). */
export function slideView(slide: Slide): ViewParams {
  const q = new URLSearchParams(slide.view);
  return readParams(VIEW_PARAMS, (key) => q.get(key)).values as ViewParams;
}

/** The list with the slide at `from` moved to `to` (clamped); the same list when nothing moves. */
export function moveSlide<T>(list: readonly T[], from: number, to: number): T[] {
  const out = [...list];
  if (from < 0 || from >= out.length) return out;
  const target = Math.max(0, Math.min(out.length - 1, to));
  const [item] = out.splice(from, 1);
  out.splice(target, 0, item);
  return out;
}

/**
 * The slide a presentation key leads to from `index` among `count` slides: →, PageDown (a clicker's
 * "next") and Space go forward, ←, PageUp back, Home and End to the ends; null for any other key. The
 * ends do not wrap (a clicker pressed once too often stays on the last slide).
 */
export function slideForKey(key: string, index: number, count: number): number | null {
  if (count === 0) return null;
  const last = count - 1;
  const at = Math.max(0, Math.min(last, index));
  switch (key) {
    case 'ArrowRight':
    case 'PageDown':
    case ' ':
      return Math.min(last, index < 0 ? 0 : at + 1);
    case 'ArrowLeft':
    case 'PageUp':
      return Math.max(0, at - 1);
    case 'Home':
      return 0;
    case 'End':
      return last;
    default:
      return null;
  }
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function readBounds(v: unknown): SlideBounds | null | undefined {
  if (v === null || v === undefined) return null;
  if (!Array.isArray(v) || v.length !== 4 || !v.every((x) => typeof x === 'number' && Number.isFinite(x)))
    return undefined;
  const [w, s, e, n] = v as number[];
  if (w < -180 || e > 180 || s < -90 || n > 90 || w >= e || s >= n) return undefined;
  return [w, s, e, n];
}

/**
 * Reads a slide list (from the project file or the browser's store; `file` names it in messages). Every
 * slide is checked — caption text, a view whose every parameter reads (an unknown mode or level is an error
 * here, not a silent default as in a hand-edited link), a sane box, a valid scenario — and the first problem
 * refuses the list, so nothing half-read is shown.
 */
export function parseSlides(data: unknown, file: string): SlidesResult {
  if (data === undefined || data === null) return { ok: true, slides: [] };
  if (!Array.isArray(data)) return { ok: false, error: msg('slides.notList', { file }) };
  const slides: Slide[] = [];
  const ids = new Set<string>();
  for (let i = 0; i < data.length; i++) {
    const bad = (field: string) => ({
      ok: false as const,
      error: msg('slides.bad', { file, number: i + 1, field }),
    });
    const v = data[i];
    if (!isObject(v)) return bad('object');
    if (typeof v.caption !== 'string') return bad('caption');
    if (typeof v.view !== 'string' || (v.view !== '' && !v.view.startsWith('?'))) return bad('view');
    const q = new URLSearchParams(v.view);
    const { values, errors } = readParams(VIEW_PARAMS, (key) => q.get(key));
    if (errors.length > 0) return bad('view');
    const bounds = readBounds(v.bounds);
    if (bounds === undefined) return bad('bounds');
    let scenario: Scenario | null = null;
    if (v.scenario !== null && v.scenario !== undefined) {
      const r = parseScenario(v.scenario, file);
      if (!r.ok) return bad('scenario');
      scenario = r.value;
    }
    let id = typeof v.id === 'string' && v.id !== '' ? v.id : `s${i + 1}`;
    while (ids.has(id)) id = `${id}-${i + 1}`;
    ids.add(id);
    slides.push({
      id,
      caption: cleanCaption(v.caption),
      view: encodeView(values as ViewParams),
      bounds,
      scenario,
    });
  }
  return { ok: true, slides };
}

/** A slide list as plain JSON data, fields in one order (what the project file and the store write). */
export function slidesOut(slides: readonly Slide[]): unknown[] {
  return slides.map((s) => ({
    id: s.id,
    caption: s.caption,
    view: s.view,
    bounds: s.bounds ? [...s.bounds] : null,
    scenario: s.scenario ? JSON.parse(JSON.stringify(s.scenario)) : null,
  }));
}
