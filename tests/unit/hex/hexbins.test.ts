import { latLngToCell } from 'h3-js';
import { describe, expect, it } from 'vitest';
import { renderMessage } from '../../../src/lib/messages/render.ts';
import { repairSwappedCoordinates } from '../../../src/lib/hex/coordinates.ts';
import { hexbinsFromHouseholds } from '../../../src/lib/hex/hexbins.ts';
import { HexInputError, type HexMessage } from '../../../src/lib/hex/types.ts';
import { testDistrict, testHouseholds } from './helpers.ts';

/** A hexbin message as the English CLI prints it. */
const en = (m: HexMessage | undefined) => (m ? renderMessage(m.message, 'en') : undefined);

describe('hexbinsFromHouseholds', () => {
  const { desa, district } = testDistrict();
  const all = testHouseholds(desa, 15_000, 9, 1);
  const partial = testHouseholds(desa, 15_000, 9, 0.8);

  it('counts fully geotagged households exactly as latLngToCell does, with no estimate', () => {
    const bins = hexbinsFromHouseholds(district, all, { res: 8 });
    expect(bins.estimate).toBe(false);
    expect(bins.allocated).toBe(0);
    expect(bins.total).toBe(all.lon.length);
    const expected = new Map<string, number>();
    for (let i = 0; i < all.lon.length; i++) {
      const c = latLngToCell(all.lat[i], all.lon[i], 8);
      expected.set(c, (expected.get(c) ?? 0) + 1);
    }
    expect(new Map(bins.cells.map((c, k) => [c, bins.households[k]]))).toEqual(expected);
  });

  it('places households without coordinates from their desa, says so, and keeps every desa total', () => {
    const bins = hexbinsFromHouseholds(district, partial, { res: 9 });
    const missing = Array.from(partial.lon).filter((x) => Number.isNaN(x)).length;
    expect(missing).toBeGreaterThan(0);
    expect(bins.total).toBe(partial.lon.length);
    expect(bins.allocated).toBe(missing);
    expect(bins.estimate).toBe(true);
    expect(bins.messages.map((m) => m.code)).toEqual(
      expect.arrayContaining(['missing-coordinates', 'estimate']),
    );
    // desil totals are preserved too
    for (let q = 0; q < 10; q++) {
      let s = 0;
      for (let c = 0; c < bins.cells.length; c++) s += bins.desil[c * 10 + q];
      expect(s).toBe(Array.from(partial.desil).filter((d) => d === q + 1).length);
    }
  });

  it("with missing: 'drop', leaves them out and says so", () => {
    const bins = hexbinsFromHouseholds(district, partial, { res: 9, missing: 'drop' });
    const geotagged = Array.from(partial.lon).filter((x) => !Number.isNaN(x)).length;
    expect(bins.total).toBe(geotagged);
    expect(bins.estimate).toBe(false);
    expect(en(bins.messages.find((m) => m.code === 'missing-coordinates'))).toMatch(/left out/);
  });

  it('falls back to allocation by area when no household has coordinates', () => {
    const none = {
      ...all,
      lon: new Float64Array(all.lon.length).fill(NaN),
      lat: new Float64Array(all.lon.length).fill(NaN),
    };
    const bins = hexbinsFromHouseholds(district, none, { res: 8 });
    expect(bins.total).toBe(all.lon.length);
    expect(bins.allocated).toBe(all.lon.length);
    expect(en(bins.messages.find((m) => m.code === 'no-coordinates'))).toMatch(/allocated from desa by area/);
  });

  it('detects swapped latitude/longitude, swaps back and says so', () => {
    const swapped = { ...all, lon: Float64Array.from(all.lat), lat: Float64Array.from(all.lon) };
    const bins = hexbinsFromHouseholds(district, swapped, { res: 8 });
    const message = bins.messages.find((m) => m.code === 'swapped');
    expect(message?.count).toBe(all.lon.length);
    expect(en(message)).toMatch(/latitude and longitude look exchanged/);
    const straight = hexbinsFromHouseholds(district, all, { res: 8 });
    expect(bins.cells).toEqual(straight.cells);
    expect(bins.desil).toEqual(straight.desil);
    // a few swapped rows among correct ones: fixed, but not called a swapped file
    const some = { ...all, lon: Float64Array.from(all.lon), lat: Float64Array.from(all.lat) };
    for (let i = 0; i < 30; i++) [some.lon[i], some.lat[i]] = [some.lat[i], some.lon[i]];
    for (let i = 30; i < 100; i++) some.lon[i] += 3; // far away, not a swap
    const repair = repairSwappedCoordinates(some.lon, some.lat, district.bbox);
    expect(repair.swapped).toBe(30);
    expect(repair.outside).toBe(70);
    expect(repair.swapDetected).toBe(false);
  });

  it('reports coordinates outside the kabupaten and places those households from their desa', () => {
    const moved = { ...all, lon: Float64Array.from(all.lon), lat: Float64Array.from(all.lat) };
    for (let i = 0; i < 200; i++) moved.lat[i] += 0.5; // 55 km south, at sea
    const bins = hexbinsFromHouseholds(district, moved, { res: 9 });
    const outside = bins.messages.find((m) => m.code === 'outside');
    expect(outside?.count).toBe(200);
    expect(en(outside)).toMatch(/outside the kabupaten/);
    expect(bins.total).toBe(all.lon.length);
    expect(bins.allocated).toBe(200);
    const dropped = hexbinsFromHouseholds(district, moved, { res: 9, missing: 'drop' });
    expect(dropped.total).toBe(all.lon.length - 200);
  });

  it('drops cells outside the kabupaten and keeps the clipped area of border cells', () => {
    const bins = hexbinsFromHouseholds(district, all, { res: 7 });
    for (let c = 0; c < bins.cells.length; c++) {
      expect(bins.areaKm2[c]).toBeGreaterThan(0);
      if (bins.border[c]) expect(bins.areaKm2[c]).toBeLessThan(5.3);
    }
    expect(bins.border.some((b) => b === 1)).toBe(true);
  });

  it('rejects a resolution outside 7–9', () => {
    expect(() => hexbinsFromHouseholds(district, all, { res: 10 })).toThrow(HexInputError);
    expect(() => hexbinsFromHouseholds(district, all, { res: 6 })).toThrow(/7, 8 or 9/);
  });
});
