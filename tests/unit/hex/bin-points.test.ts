import { cellToBoundary, gridDisk, latLngToCell } from 'h3-js';
import { describe, expect, it } from 'vitest';
import { binPoints, type PointBins } from '../../../src/lib/hex/bin-points.ts';
import { checkResolution, HexInputError } from '../../../src/lib/hex/types.ts';
import { SeededRandom } from '../../../src/lib/random.ts';
import { testDistrict, testHouseholds } from './helpers.ts';

/** Counts by a direct `latLngToCell` per point: cell → counts per desil. */
function directCounts(lon: ArrayLike<number>, lat: ArrayLike<number>, desil: ArrayLike<number>, res: number) {
  const out = new Map<string, number[]>();
  for (let i = 0; i < lon.length; i++) {
    if (Number.isNaN(lon[i]) || Number.isNaN(lat[i])) continue;
    const cell = latLngToCell(lat[i], lon[i], res);
    let row = out.get(cell);
    if (!row) out.set(cell, (row = new Array(10).fill(0)));
    row[desil[i] - 1]++;
  }
  return out;
}

function asMap(bins: PointBins): Map<string, number[]> {
  return new Map(bins.cells.map((c, k) => [c, Array.from(bins.desil.subarray(k * 10, k * 10 + 10))]));
}

describe('binPoints', () => {
  const { desa } = testDistrict();
  const households = testHouseholds(desa, 20_000, 3, 0.85);

  it.each([7, 8, 9])('counts per cell and desil equal a direct latLngToCell count (res %i)', (res) => {
    const expected = directCounts(households.lon, households.lat, households.desil, res);
    const cached = binPoints(households, res);
    const direct = binPoints(households, res, { method: 'direct' });
    expect(asMap(cached)).toEqual(expected);
    expect(asMap(direct)).toEqual(expected);
    expect(cached.cells).toEqual([...expected.keys()].sort());
    // the cache is the point of the method: far fewer lookups than points
    expect(cached.lookups).toBeLessThan(cached.binned / 2);
    let total = 0;
    for (const h of cached.households) total += h;
    expect(total).toBe(cached.binned);
    expect(cached.binned + cached.missing).toBe(households.lon.length);
  });

  it('agrees with latLngToCell on points on and within 1e-12 … 1e-5 degrees of cell edges and vertices', () => {
    const rng = new SeededRandom(7);
    const lon: number[] = [];
    const lat: number[] = [];
    const centre = latLngToCell(-6.99, 110.1, 9);
    for (const cell of gridDisk(centre, 4)) {
      const ring = cellToBoundary(cell, true);
      for (let v = 0; v < ring.length - 1; v++) {
        const [ax, ay] = ring[v];
        const [bx, by] = ring[v + 1];
        for (const t of [0, 0.5, rng.float()]) {
          const x = ax + t * (bx - ax);
          const y = ay + t * (by - ay);
          for (const eps of [0, 1e-12, 1e-9, 1e-7, 1e-6, 1e-5]) {
            const angle = rng.float() * 2 * Math.PI;
            lon.push(x + eps * Math.cos(angle));
            lat.push(y + eps * Math.sin(angle));
          }
        }
      }
    }
    // shuffle so that each square first sees an arbitrary point
    for (let i = lon.length - 1; i > 0; i--) {
      const j = rng.int(0, i);
      [lon[i], lon[j]] = [lon[j], lon[i]];
      [lat[i], lat[j]] = [lat[j], lat[i]];
    }
    const desil = lon.map((_, i) => 1 + (i % 10));
    for (const res of [7, 8, 9]) {
      const expected = directCounts(lon, lat, desil, res);
      expect(asMap(binPoints({ lon, lat, desil }, res))).toEqual(expected);
    }
  });

  it('returns the cell of every point when asked', () => {
    const bins = binPoints(households, 8, { withPointCells: true });
    const pc = bins.pointCell as Int32Array;
    for (let i = 0; i < households.lon.length; i += 97) {
      if (Number.isNaN(households.lon[i])) expect(pc[i]).toBe(-1);
      else expect(bins.cells[pc[i]]).toBe(latLngToCell(households.lat[i], households.lon[i], 8));
    }
  });

  it('counts missing and invalid coordinates and invalid desil instead of binning them', () => {
    const bins = binPoints(
      {
        lon: [110.1, NaN, 110.1, 200, 110.1, 110.1],
        lat: [-7, NaN, NaN, -7, -7, -7],
        desil: [1, 2, 3, 4, 0, 11],
      },
      8,
    );
    expect(bins.binned).toBe(1);
    expect(bins.missing).toBe(1);
    expect(bins.invalidCoordinates).toBe(2);
    expect(bins.invalidDesil).toBe(2);
  });

  it.each([6, 10, 8.5, '8', null])('rejects resolution %s with a clear error', (res) => {
    expect(() => binPoints(households, res as number)).toThrow(HexInputError);
    expect(() => checkResolution(res)).toThrow(/resolution must be 7, 8 or 9/);
  });
});
