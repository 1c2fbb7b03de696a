import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clearOfPanels, type Box } from '../../../src/map/fit.ts';

const overlaps = (a: Box, b: Box) =>
  a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

/** A panel that hugs an edge or a corner of the map, as the title, legend, card and controls do. */
const panelArb = (w: number, h: number): fc.Arbitrary<Box> =>
  fc
    .record({
      pw: fc.integer({ min: 20, max: Math.floor(w * 0.45) }),
      ph: fc.integer({ min: 20, max: Math.floor(h * 0.45) }),
      corner: fc.constantFrom('tl', 'tr', 'bl', 'br'),
      inset: fc.integer({ min: 0, max: 12 }),
    })
    .map(({ pw, ph, corner, inset }) => {
      const left = corner.endsWith('l') ? inset : w - inset - pw;
      const top = corner.startsWith('t') ? inset : h - inset - ph;
      return { left, top, right: left + pw, bottom: top + ph };
    });

describe('clearOfPanels: the free area of the map overlaps no panel', () => {
  it('for any panels in the corners of any map size, when room is left (property)', () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 360, max: 2560 })
          .chain((w) =>
            fc
              .integer({ min: 300, max: 1440 })
              .chain((h) =>
                fc.tuple(fc.constant(w), fc.constant(h), fc.array(panelArb(w, h), { maxLength: 4 })),
              ),
          ),
        ([w, h, panels]) => {
          const pad = clearOfPanels(w, h, panels, { top: 20, right: 20, bottom: 20, left: 20 }, 10, 0);
          const free: Box = { left: pad.left, top: pad.top, right: w - pad.right, bottom: h - pad.bottom };
          for (const side of Object.values(pad)) expect(side).toBeGreaterThanOrEqual(0);
          if (free.right > free.left && free.bottom > free.top)
            for (const p of panels) expect(overlaps(free, p)).toBe(false);
        },
      ),
      { seed: 1024768, numRuns: 400 },
    );
  });

  it('cuts each panel where that leaves the most map, and ignores panels off the map', () => {
    // a wide, low legend in the lower left is cut from the bottom; a tall narrow one from the side
    const wide = clearOfPanels(1000, 700, [{ left: 10, top: 550, right: 500, bottom: 690 }]);
    expect(wide).toEqual({ top: 20, right: 20, bottom: 160, left: 20 });
    const tall = clearOfPanels(1000, 700, [{ left: 10, top: 200, right: 300, bottom: 690 }]);
    expect(tall).toEqual({ top: 20, right: 20, bottom: 20, left: 310 });
    expect(clearOfPanels(1000, 700, [{ left: 1200, top: 0, right: 1300, bottom: 50 }])).toEqual({
      top: 20,
      right: 20,
      bottom: 20,
      left: 20,
    });
  });

  it('leaves at least the minimum free size when panels would cover everything', () => {
    const pad = clearOfPanels(400, 300, [
      { left: 0, top: 0, right: 400, bottom: 200 },
      { left: 0, top: 150, right: 400, bottom: 300 },
    ]);
    expect(300 - pad.top - pad.bottom).toBeGreaterThanOrEqual(80);
    expect(400 - pad.left - pad.right).toBeGreaterThanOrEqual(80);
  });
});
