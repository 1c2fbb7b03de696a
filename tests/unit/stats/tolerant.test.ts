/**
 * Tolerant contiguity: the real Kendal desa against the pairs GEOS finds (committed, derived with
 * scripts/oracle/tolerant_pairs.py), plus small synthetic cases.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { summariseWeights } from '../../../src/lib/weights/summary.ts';
import { tolerantContiguityWeights } from '../../../src/lib/weights/tolerant.ts';
import { utmProjection, utmZoneOf } from '../../../src/lib/weights/projection.ts';
import { neighbourLists } from '../../../src/lib/weights/types.ts';
import { readGeoJson, readJson, sharedDataDir, statsFixturesDir } from './helpers.ts';

interface PairsFixture {
  epsg: number;
  n: number;
  ids: string[];
  projection_check: { lonlat: [number, number]; xy: [number, number] }[];
  tolerances: { tolerance_m: number; n_pairs: number; pairs: [number, number][] }[];
}

const fixture = readJson<PairsFixture>(path.join(statsFixturesDir, 'kendal_tolerant_pairs.json'));
const desaFile = path.join(sharedDataDir, 'kendal/desa.geojson');
const hasKendal = existsSync(desaFile);
if (!hasKendal)
  console.warn(
    `skipping Kendal tolerant-contiguity tests: ${desaFile} not found (the shared data sit beside the repository)`,
  );

function pairsOf(lists: number[][]): [number, number][] {
  const out: [number, number][] = [];
  lists.forEach((row, i) => row.forEach((j) => j > i && out.push([i, j])));
  return out;
}

describe('UTM projection', () => {
  it('picks zone 49S (EPSG:32749) for Kendal', () => {
    expect(utmZoneOf(110.2, -7.0)).toEqual({ zone: 49, south: true, epsg: 32749 });
    expect(utmZoneOf(106.8, -6.2).epsg).toBe(32748);
    expect(utmZoneOf(98.7, 3.6).epsg).toBe(32647);
  });

  it('agrees with PROJ 9 (pyproj) to a micrometre', () => {
    const p = utmProjection(49, true);
    const out = new Float64Array(2);
    for (const c of fixture.projection_check) {
      p.forward(c.lonlat[0], c.lonlat[1], out);
      expect(Math.abs(out[0] - c.xy[0])).toBeLessThan(1e-6);
      expect(Math.abs(out[1] - c.xy[1])).toBeLessThan(1e-6);
    }
  });
});

describe.skipIf(!hasKendal)('tolerant contiguity on the real Kendal desa', () => {
  const fc = hasKendal ? readGeoJson(desaFile) : null;

  it('reads the same desa in the same order as the oracle', () => {
    expect(fc!.features.map((f) => f.properties.kode_desa)).toEqual(fixture.ids);
  });

  it.each(fixture.tolerances.map((t) => [t.tolerance_m, t] as const))(
    'finds exactly the GEOS pairs at d = %s m',
    (d, expected) => {
      const result = tolerantContiguityWeights(
        fc!.features.map((f) => f.geometry),
        { toleranceMetres: d },
      );
      expect(result.projection?.name).toBe(`EPSG:${fixture.epsg}`);
      expect(pairsOf(neighbourLists(result.weights))).toEqual(expected.pairs);
      const summary = summariseWeights(result.weights);
      expect(summary.symmetric).toBe(true);
      expect(summary.islands, 'no desa may end up without neighbours').toEqual([]);
    },
  );
});

/** An axis-aligned square as a GeoJSON polygon, in metres. */
function square(x0: number, y0: number, size: number, clockwise = false): Polygon {
  const ring = [
    [x0, y0],
    [x0 + size, y0],
    [x0 + size, y0 + size],
    [x0, y0 + size],
    [x0, y0],
  ];
  return { type: 'Polygon', coordinates: [clockwise ? ring.reverse() : ring] };
}

describe('tolerant contiguity on synthetic polygons (planar metres)', () => {
  const metres = { projection: null } as const;

  it('joins polygons across a gap up to d and not beyond', () => {
    const gs = [square(0, 0, 100), square(105, 0, 100), square(220, 0, 100)];
    expect(neighbourLists(tolerantContiguityWeights(gs, { toleranceMetres: 10, ...metres }).weights)).toEqual(
      [[1], [0], []],
    );
    expect(neighbourLists(tolerantContiguityWeights(gs, { toleranceMetres: 15, ...metres }).weights)).toEqual(
      [[1], [0, 2], [1]],
    );
    expect(
      neighbourLists(tolerantContiguityWeights(gs, { toleranceMetres: 4.999, ...metres }).weights),
    ).toEqual([[], [], []]);
  });

  it('joins overlapping polygons and corner-to-corner gaps measured diagonally', () => {
    // overlap by 3 m; the third touches the second only near a corner, 6 m apart diagonally (√(3.6² + 4.8²))
    const gs = [square(0, 0, 100), square(97, 0, 100), square(200.6, 104.8, 50)];
    expect(
      neighbourLists(tolerantContiguityWeights(gs, { toleranceMetres: 5.99, ...metres }).weights),
    ).toEqual([[1], [0], []]);
    expect(
      neighbourLists(tolerantContiguityWeights(gs, { toleranceMetres: 6.01, ...metres }).weights),
    ).toEqual([[1], [0, 2], [1]]);
  });

  it('finds an enclave inside a hole and a polygon wholly inside another', () => {
    const donut: Polygon = {
      type: 'Polygon',
      coordinates: [square(0, 0, 1000, true).coordinates[0], square(300, 300, 400).coordinates[0]],
    };
    const enclave = square(350, 350, 300); // 50 m inside the hole
    const inner = square(50, 50, 100); // inside the donut's ring, far from every edge
    const far = square(5000, 5000, 10);
    const r = tolerantContiguityWeights([donut, enclave, inner, far], { toleranceMetres: 10, ...metres });
    expect(neighbourLists(r.weights)).toEqual([[2], [], [0], []]);
    const r60 = tolerantContiguityWeights([donut, enclave, inner, far], { toleranceMetres: 60, ...metres });
    expect(neighbourLists(r60.weights)).toEqual([[1, 2], [0], [0], []]);
    expect(summariseWeights(r60.weights).islands).toEqual([3]);
  });

  it('projects lon/lat input to the UTM zone of its centre', () => {
    // two 0.01° cells at 110°E 7°S, 0.0001° apart (≈ 11 m)
    const cell = (lon: number): Polygon => ({
      type: 'Polygon',
      coordinates: [
        [
          [lon, -7],
          [lon + 0.01, -7],
          [lon + 0.01, -6.99],
          [lon, -6.99],
          [lon, -7],
        ],
      ],
    });
    const gs = [cell(110), cell(110.0101)];
    const near = tolerantContiguityWeights(gs, { toleranceMetres: 12 });
    expect(near.projection?.name).toBe('EPSG:32749');
    expect(neighbourLists(near.weights)).toEqual([[1], [0]]);
    expect(neighbourLists(tolerantContiguityWeights(gs, { toleranceMetres: 10 }).weights)).toEqual([[], []]);
  });

  it('rejects a negative tolerance and names a unit without geometry', () => {
    expect(() => tolerantContiguityWeights([square(0, 0, 1)], { toleranceMetres: -1 })).toThrow(/tolerance/);
    expect(() => tolerantContiguityWeights([square(0, 0, 1), null], { ...metres })).toThrow(
      /unit 1 has no geometry/,
    );
  });
});
