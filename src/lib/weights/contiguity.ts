import Flatbush from 'flatbush';
import type { Geometry } from 'geojson';
import { flattenAll, type FlatPolygons } from './geometry.ts';
import { weightsFromPairs, type SpatialWeights } from './types.ts';

/** spdep's default snap distance, `sqrt(.Machine$double.eps)`. */
export const SPDEP_DEFAULT_SNAP = Math.sqrt(2 ** -52);

/** Options of `contiguityWeights`. */
export interface ContiguityOptions {
  /** `queen`: one shared vertex suffices; `rook`: at least two vertex pairs (a shared edge). */
  rule: 'queen' | 'rook';
  /** Two vertices coincide when their Euclidean distance is ≤ snap (in the units of the coordinates). */
  snap?: number;
}

/** One unit's vertices sorted by x, for a merge-like sweep between two units. */
interface SortedVertices {
  x: Float64Array;
  y: Float64Array;
}

/**
 * The vertices poly2nb compares: every vertex of every ring in `st_coordinates` order, minus the very first
 * one (it repeats as the closing vertex of the first ring; closing vertices of later rings stay).
 */
function poly2nbVertices(flat: FlatPolygons): SortedVertices {
  const count = flat.xy.length / 2 - 1;
  const order = new Int32Array(count);
  for (let k = 0; k < count; k++) order[k] = k + 1;
  const xy = flat.xy;
  order.sort((a, b) => xy[2 * a] - xy[2 * b]);
  const x = new Float64Array(count);
  const y = new Float64Array(count);
  for (let k = 0; k < count; k++) {
    x[k] = xy[2 * order[k]];
    y[k] = xy[2 * order[k] + 1];
  }
  return { x, y };
}

/**
 * Counts vertex pairs (one from each unit) with |dx| ≤ snap, |dy| ≤ snap and hypot(dx, dy) ≤ snap, stopping
 * at `enough`. Both lists are sorted by x, so the window of candidates for each vertex of `a` only moves
 * forward: O(|a| + |b| + matches) instead of poly2nb's O(|a|·|b|). The window bounds use the same
 * subtraction `xa − xb` as the test itself, so the result is exactly poly2nb's.
 */
function countCoincidentVertices(a: SortedVertices, b: SortedVertices, snap: number, enough: number): number {
  let count = 0;
  let start = 0;
  const nb = b.x.length;
  for (let i = 0; i < a.x.length; i++) {
    const xa = a.x[i];
    const ya = a.y[i];
    while (start < nb && xa - b.x[start] > snap) start++;
    for (let j = start; j < nb; j++) {
      const dx = xa - b.x[j];
      if (-dx > snap) break;
      const dy = ya - b.y[j];
      if (Math.abs(dy) > snap) continue;
      if (Math.hypot(dx, dy) <= snap) {
        count++;
        if (count >= enough) return count;
      }
    }
  }
  return count;
}

/**
 * Queen or rook contiguity with the semantics of spdep 1.2-7 `poly2nb`: two units are neighbours when at least
 * one (queen) or two (rook) pairs of their vertices lie within `snap` of each other. It compares vertices, not
 * topology: a vertex in the middle of a neighbour's edge does not count. Candidate pairs come from a
 * Flatbush R-tree of the bounding boxes widened by `snap`, so no pair of far-apart units is compared.
 *
 * Real boundary files whose neighbours do not share vertices need `tolerantContiguityWeights` instead.
 *
 * Reference: Bivand, Pebesma & Gómez-Rubio (2013), *Applied Spatial Data Analysis with R*, §9.2.1;
 * spdep `poly2nb` (R/poly2nb.R, src/polypoly.c).
 */
export function contiguityWeights(
  geometries: ReadonlyArray<Geometry | null | undefined>,
  options: ContiguityOptions,
): SpatialWeights {
  const snap = Math.abs(options.snap ?? SPDEP_DEFAULT_SNAP);
  const enough = options.rule === 'queen' ? 1 : 2;
  const flats = flattenAll(geometries);
  const n = flats.length;
  const vertices = flats.map(poly2nbVertices);
  const pi: number[] = [];
  const pj: number[] = [];
  if (n > 1) {
    const index = new Flatbush(n);
    const boxes = new Float64Array(4 * n);
    for (let i = 0; i < n; i++) {
      const v = vertices[i];
      let minX = Infinity;
      let minY = Infinity;
      let maxX = -Infinity;
      let maxY = -Infinity;
      for (let k = 0; k < v.x.length; k++) {
        if (v.x[k] < minX) minX = v.x[k];
        if (v.x[k] > maxX) maxX = v.x[k];
        if (v.y[k] < minY) minY = v.y[k];
        if (v.y[k] > maxY) maxY = v.y[k];
      }
      if (v.x.length === 0) minX = minY = maxX = maxY = 0;
      boxes.set([minX - snap, minY - snap, maxX + snap, maxY + snap], 4 * i);
      index.add(minX - snap, minY - snap, maxX + snap, maxY + snap);
    }
    index.finish();
    for (let i = 0; i < n; i++) {
      if (vertices[i].x.length === 0) continue;
      const found = index.search(boxes[4 * i], boxes[4 * i + 1], boxes[4 * i + 2], boxes[4 * i + 3]);
      found.sort((a, b) => a - b);
      for (const j of found) {
        if (j <= i || vertices[j].x.length === 0) continue;
        if (countCoincidentVertices(vertices[i], vertices[j], snap, enough) >= enough) {
          pi.push(i);
          pj.push(j);
        }
      }
    }
  }
  return weightsFromPairs(n, pi, pj, options.rule);
}
