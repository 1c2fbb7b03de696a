/**
 * Step N5: is a household's geotag inside its own desa? A point inside the desa polygon is fine; a point
 * outside it is flagged only when it lies farther than a tolerance from the polygon, because real boundary
 * files are simplified (neighbouring desa overlap slightly and leave thin gaps: a household on the border
 * may fall a few metres on the wrong side).
 *
 * Distance: the shortest distance from the point to the polygon's rings, in metres, on a local
 * equirectangular projection at the point (x = Δλ·cos φ₀·111 320 m, y = Δφ·110 574 m); at desa scale (a
 * few km) its error is far below the tolerance (Snyder 1987, "Map Projections — A Working Manual", §12).
 */
import type { Position } from 'geojson';
import type { AreaGeometry } from '../geo/types.ts';

/** Default border tolerance in metres. */
export const DEFAULT_BORDER_TOLERANCE_M = 100;

const M_PER_DEG_LAT = 110_574;
const M_PER_DEG_LON = 111_320;

/** A polygon prepared for repeated tests: its rings and bounding box. */
export interface PreparedArea {
  polygons: Position[][][];
  bbox: [number, number, number, number];
  /** Per polygon, its rings as flat `[x0, y0, x1, y1, …]` (outer ring first): the hot loop's form. */
  flat: Float64Array[][];
}

/** Prepares a desa geometry (see {@link PreparedArea}). */
export function prepareArea(g: AreaGeometry): PreparedArea {
  const polygons = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  const bbox: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const poly of polygons)
    for (const [x, y] of poly[0]) {
      if (x < bbox[0]) bbox[0] = x;
      if (y < bbox[1]) bbox[1] = y;
      if (x > bbox[2]) bbox[2] = x;
      if (y > bbox[3]) bbox[3] = y;
    }
  const flat = polygons.map((poly) =>
    poly.map((ring) => Float64Array.from(ring.flatMap(([x, y]) => [x, y]))),
  );
  return { polygons, bbox, flat };
}

/** Even–odd ray crossing test of one flat ring (Shimrat 1962, Algorithm 112). */
function inRing(lon: number, lat: number, ring: Float64Array): boolean {
  let inside = false;
  const n = ring.length;
  for (let i = 0, j = n - 2; i < n; j = i, i += 2) {
    const xi = ring[i];
    const yi = ring[i + 1];
    const xj = ring[j];
    const yj = ring[j + 1];
    if (yi > lat !== yj > lat && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** True when the point is inside the area (inside an outer ring and in none of its holes). */
export function insideArea(a: PreparedArea, lon: number, lat: number): boolean {
  if (lon < a.bbox[0] || lon > a.bbox[2] || lat < a.bbox[1] || lat > a.bbox[3]) return false;
  for (const poly of a.flat) {
    if (!inRing(lon, lat, poly[0])) continue;
    let hole = false;
    for (let h = 1; h < poly.length && !hole; h++) hole = inRing(lon, lat, poly[h]);
    if (!hole) return true;
  }
  return false;
}

/** Shortest distance in metres from the point to the area's rings (see the module comment). */
export function distanceToAreaM(a: PreparedArea, lon: number, lat: number): number {
  const kx = M_PER_DEG_LON * Math.cos((lat * Math.PI) / 180);
  let best = Infinity;
  for (const poly of a.polygons)
    for (const ring of poly)
      for (let i = 1; i < ring.length; i++) {
        const ax = (ring[i - 1][0] - lon) * kx;
        const ay = (ring[i - 1][1] - lat) * M_PER_DEG_LAT;
        const bx = (ring[i][0] - lon) * kx;
        const by = (ring[i][1] - lat) * M_PER_DEG_LAT;
        const dx = bx - ax;
        const dy = by - ay;
        const len = dx * dx + dy * dy;
        const t = len > 0 ? Math.max(0, Math.min(1, -(ax * dx + ay * dy) / len)) : 0;
        const px = ax + t * dx;
        const py = ay + t * dy;
        const d = px * px + py * py;
        if (d < best) best = d;
      }
  return Math.sqrt(best);
}

/**
 * How far outside its desa a geotag is: 0 when inside or within `toleranceM` of the polygon, else the
 * distance in metres.
 */
export function outsideDistanceM(a: PreparedArea, lon: number, lat: number, toleranceM: number): number {
  if (insideArea(a, lon, lat)) return 0;
  const d = distanceToAreaM(a, lon, lat);
  return d > toleranceM ? d : 0;
}
