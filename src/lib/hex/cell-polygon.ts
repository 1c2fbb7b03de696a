import { cellArea, cellToBoundary, cellToLatLng, isPentagon, type CoordPair } from 'h3-js';
import { geodesicAreaM2 } from '../geo/geodesic-area.ts';

/**
 * One H3 cell as a flat planar polygon in lon/lat degrees, the form the clipping and the point test use.
 *
 * H3 cell edges are great-circle arcs (straight lines in the gnomonic projection of an icosahedron face);
 * here they are taken as straight segments in lon/lat. At resolutions 7–9 the arc leaves the chord by at most
 * Δλ²/8 · sin φ cos φ radians (≈ 10⁻⁹° for a 0.0016° edge), far below any coordinate precision, so areas
 * and clips computed on the chords are exact for our purposes.
 *
 * Reference: Uber H3 (Brodsky 2018), `cellToBoundary`; Snyder (1987), *Map Projections — A Working Manual*,
 * §22 (gnomonic projection maps great circles to straight lines).
 */
export interface CellPolygon {
  cell: string;
  /** x0, y0, x1, y1, … (lon, lat) counter-clockwise, not closed. */
  xy: Float64Array;
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
  /** Planar area of the polygon in degree² (shoelace), the denominator of clip fractions. */
  planarArea: number;
  /** True for the 12 pentagons of each resolution (none in Indonesia). */
  pentagon: boolean;
}

/**
 * The boundary of `cell` as a {@link CellPolygon}: `cellToBoundary(cell, true)` without the closing vertex,
 * turned counter-clockwise if needed (shoelace sign). A cell crossing the antimeridian has its longitudes
 * unwrapped to one side so that the polygon stays planar.
 */
export function cellPolygon(cell: string): CellPolygon {
  return polygonFromBoundary(cell, cellToBoundary(cell, true), isPentagon(cell));
}

/**
 * {@link cellPolygon} from a boundary already read (`ring` = `cellToBoundary(cell, true)`, closed or not), so
 * that a caller holding the boundary for other uses needs no second H3 call. With `reuse`, the polygon is
 * written into that object (and its `xy` when of the right length) instead of a new one: for a caller that
 * needs one cell at a time and would otherwise allocate hundreds of thousands.
 */
export function polygonFromBoundary(
  cell: string,
  ring: readonly CoordPair[],
  pentagon: boolean,
  reuse?: CellPolygon,
): CellPolygon {
  let n = ring.length;
  if (n > 1 && ring[0][0] === ring[n - 1][0] && ring[0][1] === ring[n - 1][1]) n--;
  const xy = reuse && reuse.xy.length === 2 * n ? reuse.xy : new Float64Array(2 * n);
  const x0 = ring[0][0];
  for (let i = 0; i < n; i++) {
    let x = ring[i][0];
    // antimeridian: keep every vertex within 180° of the first
    if (x - x0 > 180) x -= 360;
    else if (x0 - x > 180) x += 360;
    xy[2 * i] = x;
    xy[2 * i + 1] = ring[i][1];
  }
  let twice = 0;
  for (let i = 0, j = n - 1; i < n; j = i++) twice += xy[2 * j] * xy[2 * i + 1] - xy[2 * i] * xy[2 * j + 1];
  if (twice < 0) {
    for (let i = 0, j = n - 1; i < j; i++, j--) {
      const tx = xy[2 * i];
      const ty = xy[2 * i + 1];
      xy[2 * i] = xy[2 * j];
      xy[2 * i + 1] = xy[2 * j + 1];
      xy[2 * j] = tx;
      xy[2 * j + 1] = ty;
    }
    twice = -twice;
  }
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (let i = 0; i < n; i++) {
    const x = xy[2 * i];
    const y = xy[2 * i + 1];
    if (x < minX) minX = x;
    if (x > maxX) maxX = x;
    if (y < minY) minY = y;
    if (y > maxY) maxY = y;
  }
  const polygon = { cell, xy, minX, minY, maxX, maxY, planarArea: twice / 2, pentagon };
  if (!reuse) return polygon;
  Object.assign(reuse, polygon);
  return reuse;
}

/**
 * Ellipsoidal (WGS84) areas of cells in km², the same measure as a desa's `luas_km2`:
 *
 *   A_i = cellArea(cell_i, km²) · r,   r = A_WGS84(c₀) / A_sphere(c₀)
 *
 * with c₀ the first cell met in each 1° latitude band. H3's `cellArea` is exact on the authalic sphere; the ellipsoid/sphere ratio r
 * depends only on latitude (≈ 0.9957 at 7° S) and varies by less than 10⁻⁴ across a kabupaten, so one
 * Karney (2013) area per call replaces ~30 µs of geodesic work per cell.
 *
 * Reference: Karney (2013), "Algorithms for geodesics", J. Geodesy 87; H3 `cellAreaKm2`.
 */
export function cellAreasKm2(cells: readonly string[]): Float64Array {
  const out = new Float64Array(cells.length);
  if (cells.length === 0) return out;
  // ratio per 1° latitude band: exact enough anywhere, one geodesic area per band
  const ratioByBand = new Map<number, number>();
  for (let i = 0; i < cells.length; i++) {
    const sphere = cellArea(cells[i], 'km2');
    const band = Math.round(cellToLatLng(cells[i])[0]);
    let r = ratioByBand.get(band);
    if (r === undefined) {
      const ring = cellToBoundary(cells[i], true);
      r = geodesicAreaM2({ type: 'Polygon', coordinates: [ring] }) / 1e6 / sphere;
      ratioByBand.set(band, r);
    }
    out[i] = sphere * r;
  }
  return out;
}
