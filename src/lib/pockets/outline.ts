import intersect from '@turf/intersect';
import type { MultiPolygon, Polygon } from 'geojson';
import { cellsToMultiPolygon } from 'h3-js';
import { removeSliverHoles, unionAll } from '../geo/dissolve.ts';
import type { AreaGeometry } from '../geo/types.ts';

/**
 * Outline of a desa pocket: the union of its desa polygons (`unionAll`, Martínez–Rueda–Feito via
 * polyclip-ts) with sliver holes under 1 ha removed, since neighbouring desa polygons leave thin gaps
 * (see `removeSliverHoles`). RFC 7946 winding.
 *
 * Reference: Martínez, Rueda & Feito (2009), "A new algorithm for computing Boolean operations on polygons",
 * Computers & Geosciences 35(6).
 */
export function desaPocketOutline(geometries: readonly AreaGeometry[]): AreaGeometry {
  return removeSliverHoles(unionAll([...geometries])).geometry;
}

/**
 * Outline of a hexagon pocket: `cellsToMultiPolygon(cells, true)` (GeoJSON order, holes kept), a Polygon when
 * it has one part; with `clipTo` (the kabupaten outline) it is intersected with it, so that a pocket on the
 * coast or the border does not reach beyond the kabupaten.
 *
 * Reference: Uber H3 `cellsToLinkedMultiPolygon`; `@turf/intersect`.
 */
export function hexPocketOutline(cells: readonly string[], clipTo?: AreaGeometry): AreaGeometry {
  const parts = cellsToMultiPolygon([...cells], true);
  let geometry: AreaGeometry =
    parts.length === 1
      ? { type: 'Polygon', coordinates: parts[0] }
      : { type: 'MultiPolygon', coordinates: parts };
  if (clipTo) {
    const clipped = intersect<Record<string, never>>({
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', properties: {}, geometry: geometry as Polygon | MultiPolygon },
        { type: 'Feature', properties: {}, geometry: clipTo },
      ],
    });
    if (clipped) geometry = clipped.geometry;
  }
  return geometry;
}

/** [minLon, minLat, maxLon, maxLat] of a polygon or multipolygon (for "zoom to pocket"). */
export function geometryBbox(geometry: AreaGeometry): [number, number, number, number] {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  for (const polygon of polygons)
    for (const [x, y] of polygon[0]) {
      if (x < minX) minX = x;
      if (x > maxX) maxX = x;
      if (y < minY) minY = y;
      if (y > maxY) maxY = y;
    }
  return [minX, minY, maxX, maxY];
}
