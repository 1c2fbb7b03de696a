import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CAPTION_MAX,
  makeSlide,
  moveSlide,
  parseSlides,
  slideForKey,
  slideView,
  slidesOut,
} from '../../../src/lib/slides/slides.ts';
import { DEFAULT_VIEW, type ViewParams } from '../../../src/lib/params/view.ts';
import { scenarioFromPreset } from '../../../src/lib/priority/scenario.ts';

const SEED = { seed: 15_2026, numRuns: 200 };

const viewArb: fc.Arbitrary<ViewParams> = fc
  .record({
    level: fc.constantFrom('kecamatan', 'desa', 'hex'),
    mode: fc.constantFrom('value', 'lisa', 'significance', 'gistar'),
    task: fc.constantFrom('explore', 'priority'),
    method: fc.constantFrom('natural', 'quantile', 'equal'),
    classes: fc.integer({ min: 3, max: 7 }),
    focus: fc.option(fc.constantFrom('33.24.01', '33.24.12'), { nil: null }),
    selected: fc.option(fc.constantFrom('33.24.01.2001', '33.24.12.2003'), { nil: null }),
    pockets: fc.boolean(),
  })
  .map((p) => ({ ...DEFAULT_VIEW, ...p }) as ViewParams);

const boundsArb = fc
  .tuple(
    fc.double({ min: 109, max: 110, noNaN: true }),
    fc.double({ min: -7.3, max: -6.8, noNaN: true }),
    fc.double({ min: 0.01, max: 0.5, noNaN: true }),
    fc.double({ min: 0.01, max: 0.3, noNaN: true }),
  )
  .map(([w, s, dw, dh]) => [w, s, w + dw, s + dh] as [number, number, number, number]);

describe('slides: a saved view in the link format', () => {
  it('round-trips any view, area and caption through the stored form (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(viewArb, boundsArb, fc.string({ maxLength: 200 })), { maxLength: 6 }),
        (items) => {
          const slides = items.map(([v, b, c], i) =>
            makeSlide(`s${i}`, c, v, b, v.task === 'priority' ? scenarioFromPreset('bansos') : null),
          );
          const back = parseSlides(JSON.parse(JSON.stringify(slidesOut(slides))), 'x.json');
          expect(back.ok).toBe(true);
          if (!back.ok) return;
          expect(back.slides).toEqual(slides);
          for (let i = 0; i < items.length; i++) {
            const view = slideView(back.slides[i]);
            for (const key of ['level', 'mode', 'task', 'classes', 'focus', 'selected', 'pockets'] as const)
              expect(view[key]).toEqual(items[i][0][key]);
            expect(back.slides[i].caption.length).toBeLessThanOrEqual(CAPTION_MAX);
            expect(back.slides[i].scenario !== null).toBe(items[i][0].task === 'priority');
          }
        },
      ),
      SEED,
    );
  });

  it('refuses a bad slide with its number and part, and reads an absent list as none', () => {
    const good = slidesOut([makeSlide('a', 'A', DEFAULT_VIEW, null, null)])[0] as Record<string, unknown>;
    expect(parseSlides(undefined, 'p.json')).toEqual({ ok: true, slides: [] });
    expect(parseSlides({}, 'p.json').ok).toBe(false);
    const cases: [Record<string, unknown>, string][] = [
      [{ ...good, view: '?mode=bogus' }, 'view'],
      [{ ...good, view: 'level=desa' }, 'view'],
      [{ ...good, caption: 3 }, 'caption'],
      [{ ...good, bounds: [110, -7, 109, -6] }, 'bounds'],
      [{ ...good, bounds: [1, 2, 3] }, 'bounds'],
      [{ ...good, scenario: { indicators: 'x' } }, 'scenario'],
    ];
    for (const [slide, part] of cases) {
      const r = parseSlides([good, slide], 'p.json');
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error).toMatchObject({ code: 'slides.bad', params: { number: 2, field: part } });
    }
  });

  it('keeps ids unique when a file repeats them', () => {
    const s = slidesOut([makeSlide('a', 'A', DEFAULT_VIEW, null, null)])[0];
    const r = parseSlides([s, s, s], 'p.json');
    expect(r.ok && new Set(r.slides.map((x) => x.id)).size).toBe(3);
  });

  it('moving keeps every slide once, and puts the moved one where asked (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer(), { maxLength: 12 }),
        fc.integer({ min: -2, max: 14 }),
        fc.integer({ min: -2, max: 14 }),
        (list, from, to) => {
          const out = moveSlide(list, from, to);
          expect([...out].sort()).toEqual([...list].sort());
          if (from >= 0 && from < list.length)
            expect(out[Math.max(0, Math.min(list.length - 1, to))]).toBe(list[from]);
          else expect(out).toEqual(list);
        },
      ),
      SEED,
    );
  });

  it('steps with the keys of a keyboard and a clicker, never past the ends (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 20 }), fc.integer({ min: -1, max: 20 }), (count, index) => {
        const at = Math.min(index, count - 1);
        for (const key of [
          'ArrowRight',
          'PageDown',
          ' ',
          'ArrowLeft',
          'PageUp',
          'Home',
          'End',
          'a',
          'Enter',
        ]) {
          const next = slideForKey(key, at, count);
          if (count === 0 || ['a', 'Enter'].includes(key)) {
            expect(next).toBeNull();
            continue;
          }
          expect(next).not.toBeNull();
          expect(next!).toBeGreaterThanOrEqual(0);
          expect(next!).toBeLessThan(count);
        }
        if (count > 0) {
          expect(slideForKey('Home', at, count)).toBe(0);
          expect(slideForKey('End', at, count)).toBe(count - 1);
          expect(slideForKey('ArrowRight', at, count)).toBe(at < 0 ? 0 : Math.min(count - 1, at + 1));
          expect(slideForKey('PageUp', at, count)).toBe(Math.max(0, at - 1));
        }
      }),
      SEED,
    );
  });
});
