/** Spatial weights: poly2nb semantics on small cases, knn, H3, summaries, the CSR form. */
import type { Polygon } from 'geojson';
import { cellToLatLng, gridDisk, latLngToCell } from 'h3-js';
import { describe, expect, it } from 'vitest';
import { contiguityWeights } from '../../../src/lib/weights/contiguity.ts';
import { h3Weights } from '../../../src/lib/weights/h3.ts';
import { knnWeights, planarCentroid } from '../../../src/lib/weights/knn.ts';
import { binarise, rowStandardise } from '../../../src/lib/weights/standardise.ts';
import { summariseWeights, weightOf } from '../../../src/lib/weights/summary.ts';
import {
  cardinalities,
  neighbourLists,
  spatialLag,
  transferList,
  weightsFromNeighbourLists,
  weightsFromPairs,
} from '../../../src/lib/weights/types.ts';

function rect(x0: number, y0: number, x1: number, y1: number): Polygon {
  return {
    type: 'Polygon',
    coordinates: [
      [
        [x0, y0],
        [x1, y0],
        [x1, y1],
        [x0, y1],
        [x0, y0],
      ],
    ],
  };
}

describe('contiguity with spdep poly2nb semantics', () => {
  it('queen needs one shared vertex, rook two', () => {
    // A and B share an edge (2 vertices), A and C only a corner
    const gs = [rect(0, 0, 1, 1), rect(1, 0, 2, 1), rect(1, 1, 2, 2)];
    expect(neighbourLists(contiguityWeights(gs, { rule: 'queen' }))).toEqual([
      [1, 2],
      [0, 2],
      [0, 1],
    ]);
    expect(neighbourLists(contiguityWeights(gs, { rule: 'rook' }))).toEqual([[1], [0, 2], [1]]);
  });

  it('ignores a T-junction: a vertex on the middle of a neighbour’s edge is not a shared vertex', () => {
    // B's corner (1, 0.5) lies on A's right edge, which has no vertex there
    const gs = [rect(0, 0, 1, 1), rect(1, 0.5, 2, 1.5)];
    expect(neighbourLists(contiguityWeights(gs, { rule: 'queen' }))).toEqual([[], []]);
  });

  it('counts vertices within snap as shared (default √ε ≈ 1.5e-8)', () => {
    const gs = [rect(0, 0, 1, 1), rect(1 + 1e-9, 0, 2, 1), rect(2 + 1e-7, 0, 3, 1)];
    expect(neighbourLists(contiguityWeights(gs, { rule: 'rook' }))).toEqual([[1], [0], []]);
    expect(neighbourLists(contiguityWeights(gs, { rule: 'rook', snap: 1e-6 }))).toEqual([[1], [0, 2], [1]]);
  });

  it('keeps the duplicated closing vertex of a hole: one shared point there makes rook neighbours, as in spdep', () => {
    const donut: Polygon = {
      type: 'Polygon',
      coordinates: [rect(0, 0, 10, 10).coordinates[0], rect(4, 4, 6, 6).coordinates[0]],
    };
    // touches the hole only at its first (and closing) vertex (4, 4); the inner square sits inside the hole
    const inHole: Polygon = {
      type: 'Polygon',
      coordinates: [
        [
          [4, 4],
          [5, 4.5],
          [4.5, 5],
          [4, 4],
        ],
      ],
    };
    // touches the shell at (10, 10) only, a vertex that appears once
    const corner = rect(10, 10, 11, 11);
    expect(neighbourLists(contiguityWeights([donut, inHole, corner], { rule: 'rook' }))).toEqual([
      [1],
      [0],
      [],
    ]);
    expect(neighbourLists(contiguityWeights([donut, inHole, corner], { rule: 'queen' }))).toEqual([
      [1, 2],
      [0],
      [0],
    ]);
  });

  it('names a unit without geometry', () => {
    expect(() =>
      contiguityWeights([rect(0, 0, 1, 1), { type: 'Point', coordinates: [0, 0] }], { rule: 'queen' }),
    ).toThrow(/unit 1 is a Point/);
  });
});

describe('k nearest neighbours', () => {
  it('uses GEOS-style area-weighted centroids, holes subtracted', () => {
    expect(planarCentroid(rect(0, 0, 2, 4))).toEqual([1, 2]);
    const withHole: Polygon = {
      type: 'Polygon',
      coordinates: [rect(0, 0, 4, 4).coordinates[0], rect(0, 0, 2, 2).coordinates[0].slice().reverse()],
    };
    const [cx, cy] = planarCentroid(withHole);
    // area 12: (16·(2, 2) − 4·(1, 1)) / 12
    expect(cx).toBeCloseTo(28 / 12, 14);
    expect(cy).toBeCloseTo(28 / 12, 14);
  });

  it('is asymmetric and summarised as such', () => {
    const pts = Float64Array.from([0, 0, 1, 0, 3, 0, 10, 0]);
    const w = knnWeights(pts, 1);
    expect(neighbourLists(w)).toEqual([[1], [0], [1], [2]]);
    const s = summariseWeights(w);
    expect(s.symmetric).toBe(false);
    expect(s.components).toBe(1);
  });
});

describe('H3 ring weights', () => {
  const centre = latLngToCell(-6.95, 110.2, 8);
  it('links each listed cell to the listed cells of its ring, leaving the rest as islands', () => {
    const ring = gridDisk(centre, 1).filter((c) => c !== centre);
    const far = latLngToCell(-7.3, 110.0, 8);
    const cells = [centre, ...ring.slice(0, 4), far];
    const w = h3Weights(cells);
    expect(w.kind).toBe('h3');
    expect(neighbourLists(w)[0]).toEqual([1, 2, 3, 4]);
    const s = summariseWeights(w);
    expect(s.islands).toEqual([5]);
    expect(s.symmetric).toBe(true);
    const [lat] = cellToLatLng(centre);
    expect(lat).toBeCloseTo(-6.95, 1);
  });

  it('rejects an invalid or repeated cell, naming the unit', () => {
    expect(() => h3Weights([centre, 'not-a-cell'])).toThrow(/unit 1: "not-a-cell" is not a valid H3 cell/);
    expect(() => h3Weights([centre, centre])).toThrow(/unit 1: H3 cell .* appears twice \(also unit 0\)/);
  });
});

describe('CSR weights, standardisation and summaries', () => {
  it('builds sorted, de-duplicated rows and rejects self-links and bad indices', () => {
    const w = weightsFromNeighbourLists([[2, 1, 2], [0], [0]], 'test');
    expect(Array.from(w.offsets)).toEqual([0, 2, 3, 4]);
    expect(Array.from(w.neighbors)).toEqual([1, 2, 0, 0]);
    expect(() => weightsFromNeighbourLists([[0]], 'x')).toThrow(/unit 0 lists itself/);
    expect(() => weightsFromNeighbourLists([[3], []], 'x')).toThrow(/outside 0\.\.1/);
    expect(neighbourLists(weightsFromPairs(4, [0, 2], [1, 1], 'pairs'))).toEqual([[1], [0, 2], [1], []]);
  });

  it('row-standardises to 1/k_i, leaves islands empty, and lags with them', () => {
    const w = rowStandardise(weightsFromNeighbourLists([[1, 2, 3], [0], [0], [0], []], 'star'));
    expect(Array.from(w.weights)).toEqual([1 / 3, 1 / 3, 1 / 3, 1, 1, 1]);
    expect(Array.from(spatialLag(w, [1, 2, 4, 6, 100]))).toEqual([4, 1, 1, 1, 0]);
    expect(Array.from(binarise(w).weights)).toEqual([1, 1, 1, 1, 1, 1]);
    expect(Array.from(cardinalities(w))).toEqual([3, 1, 1, 1, 0]);
  });

  it('summarises islands, single neighbours, components and S0, S1, S2 (checked against the dense formulas)', () => {
    // groups {0,1,2} and {3,4} joined by one asymmetric link 2 → 4 (components follow links either way), island 5
    const b = weightsFromNeighbourLists([[1], [0, 2], [1, 4], [4], [3], []], 'test');
    const w = rowStandardise(b);
    const s = summariseWeights(w);
    expect(s.islands).toEqual([5]);
    expect(s.singleNeighbour).toEqual([0, 3, 4]);
    expect(s.components).toBe(2);
    expect(s.symmetric).toBe(false);
    expect(
      summariseWeights(weightsFromNeighbourLists([[1], [0, 2], [1], [4], [3], []], 'split')).components,
    ).toBe(3);
    expect(s.nEffective).toBe(5);
    const n = w.n;
    const dense = Array.from({ length: n }, (_, i) =>
      Array.from({ length: n }, (_, j) => weightOf(w, i, j) ?? 0),
    );
    let S0 = 0;
    let S1 = 0;
    let S2 = 0;
    for (let i = 0; i < n; i++) {
      let row = 0;
      let col = 0;
      for (let j = 0; j < n; j++) {
        S0 += dense[i][j];
        S1 += 0.5 * (dense[i][j] + dense[j][i]) ** 2;
        row += dense[i][j];
        col += dense[j][i];
      }
      S2 += (row + col) ** 2;
    }
    expect(s.S0).toBeCloseTo(S0, 14);
    expect(s.S1).toBeCloseTo(S1, 14);
    expect(s.S2).toBeCloseTo(S2, 14);
  });

  it('hands its three buffers to a Worker without copying', () => {
    const w = rowStandardise(weightsFromNeighbourLists([[1], [0]], 'pair'));
    const buffers = transferList(w);
    expect(buffers).toHaveLength(3);
    const moved = structuredClone(w, { transfer: buffers });
    expect(Array.from(moved.weights)).toEqual([1, 1]);
    expect(w.weights.byteLength).toBe(0); // detached: transferred, not copied
  });
});
