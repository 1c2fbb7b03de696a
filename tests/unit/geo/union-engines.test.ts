/**
 * `unionAll` runs `polygon-clipping` (floating point, fast) and falls back to `@turf/union` (`polyclip-ts`,
 * exact). Property: on seeded random overlapping, touching and holed polygons — the shapes of real desa —
 * both give the same union (same area to 1e-9, same number of parts and holes), exterior rings
 * counter-clockwise.
 */
import area from '@turf/area';
import type { Position } from 'geojson';
import polygonClipping from 'polygon-clipping';
import { describe, expect, it, vi } from 'vitest';
import { exactUnion, unionAll } from '../../../src/lib/geo/dissolve.ts';
import type { AreaGeometry } from '../../../src/lib/geo/types.ts';
import { SeededRandom } from '../../../src/lib/random.ts';
import { signedArea } from './helpers.ts';

/** A star-shaped ring of `n` vertices around (cx, cy), radius 0.005–0.02° (desa size), closed, clockwise. */
function blob(random: SeededRandom, cx: number, cy: number, n: number): Position[] {
  const ring: Position[] = [];
  for (let i = 0; i < n; i++) {
    const a = (-2 * Math.PI * i) / n;
    const r = 0.005 + random.float() * 0.015;
    ring.push([cx + r * Math.cos(a), cy + r * Math.sin(a)]);
  }
  ring.push([...ring[0]]);
  return ring;
}

function randomGeometries(random: SeededRandom): AreaGeometry[] {
  const out: AreaGeometry[] = [];
  const count = random.int(2, 12);
  for (let i = 0; i < count; i++) {
    // Centres on a coarse grid near Kendal: neighbours overlap, touch or leave gaps.
    const cx = 110.2 + random.int(0, 4) * 0.015 + random.float() * 0.004;
    const cy = -7.0 + random.int(0, 4) * 0.015 + random.float() * 0.004;
    const exterior = blob(random, cx, cy, random.int(5, 40));
    const polygon: Position[][] = [exterior];
    if (random.float() < 0.3)
      polygon.push(
        blob(random, cx, cy, 6)
          .map(([x, y]) => [cx + (x - cx) * 0.2, cy + (y - cy) * 0.2])
          .reverse(),
      );
    out.push(
      random.float() < 0.2
        ? { type: 'MultiPolygon', coordinates: [polygon, [blob(random, cx + 0.1, cy, 8)]] }
        : { type: 'Polygon', coordinates: polygon },
    );
  }
  return out;
}

const shape = (g: AreaGeometry) => {
  const parts = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  return { parts: parts.length, holes: parts.reduce((n, p) => n + p.length - 1, 0) };
};

describe('unionAll: polygon-clipping with the exact union as fallback', () => {
  it('gives the exact union on seeded random desa-like polygons', () => {
    const random = new SeededRandom(1616);
    for (let round = 0; round < 60; round++) {
      const input = randomGeometries(random);
      const fast = unionAll(structuredClone(input));
      const exact = exactUnion(structuredClone(input));
      const a = area(fast);
      expect(Math.abs(a - area(exact)) / a, `round ${round}`).toBeLessThan(1e-9);
      expect(shape(fast), `round ${round}`).toEqual(shape(exact));
      const exteriors = fast.type === 'Polygon' ? [fast.coordinates[0]] : fast.coordinates.map((p) => p[0]);
      for (const ring of exteriors) expect(signedArea(ring)).toBeGreaterThan(0);
    }
  });

  it('falls back to the exact union when polygon-clipping fails (its "Unable to complete output ring")', () => {
    const random = new SeededRandom(7);
    const input = randomGeometries(random);
    const spy = vi.spyOn(polygonClipping, 'union').mockImplementation(() => {
      throw new Error('Unable to complete output ring starting at [0, 0].');
    });
    try {
      const merged = unionAll(structuredClone(input));
      expect(spy).toHaveBeenCalled();
      expect(area(merged)).toBeCloseTo(area(exactUnion(structuredClone(input))), 6);
    } finally {
      spy.mockRestore();
    }
  });
});
