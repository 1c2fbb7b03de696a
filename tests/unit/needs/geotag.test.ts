/**
 * Point-in-own-desa on the real Kendal polygons (read in place from ../shared/data/kendal; skipped without
 * it): inside is fine, a geotag just across a (simplified, overlapping) border is within the tolerance, one
 * in a far desa is flagged with its distance.
 */
import { describe, expect, it } from 'vitest';
import { SeededRandom } from '../../../src/lib/random.ts';
import {
  DEFAULT_BORDER_TOLERANCE_M,
  distanceToAreaM,
  insideArea,
  outsideDistanceM,
  prepareArea,
} from '../../../src/lib/needs/geotag.ts';
import { verifyHouseholds } from '../../../src/lib/needs/verification.ts';
import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon';
import { hasKendal, kendalDesa } from '../synth/fixture.ts';

/** Metres between two points (equirectangular, as the core; fine at these distances). */
function metres(a: [number, number], b: [number, number]): number {
  const kx = 111_320 * Math.cos((a[1] * Math.PI) / 180);
  return Math.hypot((a[0] - b[0]) * kx, (a[1] - b[1]) * 110_574);
}

describe.skipIf(!hasKendal)('geotags against their own desa on the real Kendal polygons', () => {
  const desa = hasKendal ? kendalDesa() : [];
  const areas = desa.map((d) => prepareArea(d.geometry));

  it('agrees with Turf on random points in and around every desa (even-odd, holes and multipolygons)', () => {
    const rng = new SeededRandom(14);
    let inside = 0;
    desa.forEach((d, i) => {
      const [x0, y0, x1, y1] = areas[i].bbox;
      for (let j = 0; j < 20; j++) {
        const p: [number, number] = [x0 + rng.float() * (x1 - x0), y0 + rng.float() * (y1 - y0)];
        const ours = insideArea(areas[i], p[0], p[1]);
        expect(ours).toBe(booleanPointInPolygon(p, d.geometry));
        if (ours) inside++;
      }
    });
    expect(inside).toBeGreaterThan(1000);
  });

  it('a geotag across the border within the tolerance is not flagged; beyond it, it is', () => {
    const rng = new SeededRandom(7);
    let near = 0;
    let far = 0;
    desa.forEach((d, i) => {
      const ring = areas[i].polygons[0][0];
      const [x0, y0, x1, y1] = areas[i].bbox;
      const cx = (x0 + x1) / 2;
      const cy = (y0 + y1) / 2;
      for (let j = 0; j < 5; j++) {
        const v = ring[rng.int(0, ring.length - 2)];
        // step outwards from the box centre, 30 m and 600 m
        const len = metres([v[0], v[1]], [cx, cy]);
        const at = (m: number): [number, number] => [
          v[0] + ((v[0] - cx) * m) / len,
          v[1] + ((v[1] - cy) * m) / len,
        ];
        const a = at(30);
        expect(outsideDistanceM(areas[i], a[0], a[1], DEFAULT_BORDER_TOLERANCE_M)).toBe(0);
        near++;
        const b = at(600);
        const db = outsideDistanceM(areas[i], b[0], b[1], DEFAULT_BORDER_TOLERANCE_M);
        // 600 m out along the ray may still be inside a concave desa: then it is not flagged either
        if (!insideArea(areas[i], b[0], b[1])) {
          const dist = distanceToAreaM(areas[i], b[0], b[1]);
          expect(db).toBe(dist > DEFAULT_BORDER_TOLERANCE_M ? dist : 0);
          if (db > 0) far++;
        }
      }
    });
    expect(near).toBe(desa.length * 5);
    expect(far).toBeGreaterThan(desa.length);
  });

  it('a household placed in a desa 5 km away is flagged with the distance, its neighbours are not', () => {
    const a = 0;
    const [ax0, ay0, ax1, ay1] = areas[a].bbox;
    const centre: [number, number] = [(ax0 + ax1) / 2, (ay0 + ay1) / 2];
    const far = desa.findIndex((_, i) => {
      const [x0, y0, x1, y1] = areas[i].bbox;
      return metres(centre, [(x0 + x1) / 2, (y0 + y1) / 2]) > 8000;
    });
    const [fx0, fy0, fx1, fy1] = areas[far].bbox;
    // a point inside the far desa: its centre if inside, else a sampled one
    const rng = new SeededRandom(3);
    let p: [number, number] = [(fx0 + fx1) / 2, (fy0 + fy1) / 2];
    while (!insideArea(areas[far], p[0], p[1]))
      p = [fx0 + rng.float() * (fx1 - fx0), fy0 + rng.float() * (fy1 - fy0)];
    let q: [number, number] = centre;
    while (!insideArea(areas[a], q[0], q[1]))
      q = [ax0 + rng.float() * (ax1 - ax0), ay0 + rng.float() * (ay1 - ay0)];
    const v = verifyHouseholds(
      {
        count: 2,
        periods: ['2025-Q1'],
        desa: Uint16Array.from([a, a]),
        periode: new Uint16Array(2),
        desil: Uint8Array.from([1, 2]),
        size: new Uint8Array(2),
        lat: Float64Array.from([p[1], q[1]]),
        lon: Float64Array.from([p[0], q[0]]),
        flags: {},
        key_hash: null,
        source_row: Uint32Array.from([2, 3]),
      },
      { fileName: 'x.csv', geometries: desa.map((d) => d.geometry), sizeRead: false },
    );
    expect(v.issues).toHaveLength(1);
    expect(v.issues[0]).toMatchObject({ issue: 'geotag_outside_desa', desa: a, rows: [2], count: 1 });
    expect(v.issues[0].maxDistanceM).toBeGreaterThan(1000);
    expect(v.checked).toContain('geotag_outside_desa');
  });
});
