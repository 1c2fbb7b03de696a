import polylabel from 'polylabel';
import area from '@turf/area';
import type { Feature, FeatureCollection, Point, Polygon, Position } from 'geojson';
import type { AreaGeometry } from './types.ts';

/** Label precision in degrees (~5 m at the equator): finer adds time, not legibility. */
const PRECISION_DEG = 0.00005;

function largestPolygon(geometry: AreaGeometry): Position[][] {
  if (geometry.type === 'Polygon') return geometry.coordinates;
  let best = geometry.coordinates[0];
  let bestArea = -1;
  for (const rings of geometry.coordinates) {
    const a = area({ type: 'Polygon', coordinates: rings } satisfies Polygon);
    if (a > bestArea) {
      bestArea = a;
      best = rings;
    }
  }
  return best;
}

/**
 * One label anchor per feature: the pole of inaccessibility of its largest part (Agafonkin 2016,
 * "polylabel", Mapbox), i.e. the interior point farthest from the boundary, so a label sits inside even
 * a crescent-shaped desa where the centroid would fall outside. Planar in lon/lat, which near the equator
 * distorts distances by under 2% and does not move the chosen point meaningfully.
 */
export function labelPoints<P, Q extends Record<string, unknown>>(
  collection: FeatureCollection<AreaGeometry, P>,
  properties: (p: P) => Q,
): FeatureCollection<Point, Q> {
  const features: Feature<Point, Q>[] = collection.features.map((f) => {
    const [x, y] = polylabel(largestPolygon(f.geometry) as [number, number][][], PRECISION_DEG);
    return {
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [x, y] },
      properties: properties(f.properties),
    };
  });
  return { type: 'FeatureCollection', features };
}
