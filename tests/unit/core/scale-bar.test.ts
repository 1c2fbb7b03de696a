/** The scale bar of an exported map: ground metres per pixel in Web Mercator, and round bar lengths. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EARTH_CIRCUMFERENCE, metresPerPixel, scaleBar } from '../../../src/lib/export/scale-bar.ts';

describe('scale bar', () => {
  it('gives the Web Mercator ground resolution', () => {
    // zoom 0: one 512-pixel tile spans the equator
    expect(metresPerPixel(0, 0)).toBeCloseTo(EARTH_CIRCUMFERENCE / 512, 6);
    expect(metresPerPixel(0, 0, 256)).toBeCloseTo(156543.034, 2);
    // Kendal (about 7° S) at zoom 10: 152.87 m/px on the equator shrunk by cos 7°
    expect(metresPerPixel(-7, 10)).toBeCloseTo(
      (EARTH_CIRCUMFERENCE / (512 * 1024)) * Math.cos((7 * Math.PI) / 180),
      9,
    );
    expect(metresPerPixel(60, 5)).toBeCloseTo(metresPerPixel(0, 5) / 2, 9);
    expect(metresPerPixel(-7, 11)).toBeCloseTo(metresPerPixel(-7, 10) / 2, 9);
  });

  it('picks the longest 1-2-5 length that fits, in m or km', () => {
    expect(scaleBar(100, 120)).toEqual({ metres: 10_000, pixels: 100, value: 10, unit: 'km' });
    expect(scaleBar(30, 100)).toEqual({ metres: 2000, pixels: 2000 / 30, value: 2, unit: 'km' });
    expect(scaleBar(1, 120)).toEqual({ metres: 100, pixels: 100, value: 100, unit: 'm' });
    expect(scaleBar(4, 120)).toEqual({ metres: 200, pixels: 50, value: 200, unit: 'm' });
    expect(scaleBar(10, 100)).toEqual({ metres: 1000, pixels: 100, value: 1, unit: 'km' });
    expect(() => scaleBar(0, 100)).toThrow(RangeError);
  });

  it('never overflows and never uses less than 40% of the room', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.01, max: 1e5, noNaN: true }),
        fc.integer({ min: 20, max: 600 }),
        (mpp, max) => {
          const bar = scaleBar(mpp, max);
          expect(bar.pixels).toBeLessThanOrEqual(max * (1 + 1e-12));
          expect(bar.pixels).toBeGreaterThanOrEqual(0.4 * max * (1 - 1e-12));
          const mantissa = bar.metres / 10 ** Math.floor(Math.log10(bar.metres) + 1e-12);
          expect([1, 2, 5].some((m) => Math.abs(mantissa - m) < 1e-9)).toBe(true);
        },
      ),
    );
  });
});
