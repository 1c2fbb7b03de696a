import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon';
import { bbox as turfBbox } from '@turf/bbox';
import { pointOnFeature } from '@turf/point-on-feature';
import type { AreaGeometry } from '../geo/types.ts';
import type { SeededRandom } from '../random.ts';

/** Kilometres per degree of latitude (WGS84 mean near the equator; Indonesia spans ±11°). */
export const KM_PER_DEGREE_LAT = 110.574;

/** Kilometres per degree of longitude at latitude `lat`: 111.320 · cos(lat). */
export function kmPerDegreeLon(lat: number): number {
  return 111.32 * Math.cos((lat * Math.PI) / 180);
}

/**
 * Distance in km by the equirectangular approximation, √((Δλ·cos φ̄·111.32)² + (Δφ·110.574)²): well under 0.1%
 * error over a kabupaten (tens of km), and much cheaper than the haversine formula.
 */
export function distanceKm(lon1: number, lat1: number, lon2: number, lat2: number): number {
  const dx = (lon1 - lon2) * kmPerDegreeLon((lat1 + lat2) / 2);
  const dy = (lat1 - lat2) * KM_PER_DEGREE_LAT;
  return Math.sqrt(dx * dx + dy * dy);
}

/** Rounds a coordinate to 7 decimals (about 1 cm), the precision written to household files. */
export function roundCoordinate(x: number): number {
  return Math.round(x * 1e7) / 1e7;
}

/** A desa geometry with its bounding box, ready for repeated point-in-polygon tests. */
export interface PlacementArea {
  geometry: AreaGeometry;
  bbox: [number, number, number, number];
}

/** Wraps a geometry for {@link randomPointInArea} and {@link scatterPoint}. */
export function placementArea(geometry: AreaGeometry): PlacementArea {
  const [minX, minY, maxX, maxY] = turfBbox(geometry);
  return { geometry, bbox: [minX, minY, maxX, maxY] };
}

/** True when the point lies strictly inside the area (boundary excluded; holes respected). */
export function insideArea(area: PlacementArea, lon: number, lat: number): boolean {
  const [minX, minY, maxX, maxY] = area.bbox;
  if (lon < minX || lon > maxX || lat < minY || lat > maxY) return false;
  return booleanPointInPolygon([lon, lat], area.geometry, { ignoreBoundary: true });
}

/**
 * A uniformly random point inside the area, by rejection sampling in its bounding box (von Neumann 1951):
 * draw (λ, φ) uniform in the box, keep the first one inside. Coordinates are rounded (see
 * {@link roundCoordinate}) before the test, so the rounded point is the one known to be inside. After
 * `maxTries` misses (a sliver in a huge box) it falls back to Turf's `pointOnFeature`.
 */
export function randomPointInArea(area: PlacementArea, rng: SeededRandom, maxTries = 2000): [number, number] {
  const [minX, minY, maxX, maxY] = area.bbox;
  for (let i = 0; i < maxTries; i++) {
    const lon = roundCoordinate(minX + rng.float() * (maxX - minX));
    const lat = roundCoordinate(minY + rng.float() * (maxY - minY));
    if (insideArea(area, lon, lat)) return [lon, lat];
  }
  const [lon, lat] = pointOnFeature(area.geometry).geometry.coordinates;
  return [roundCoordinate(lon), roundCoordinate(lat)];
}

/**
 * A point scattered around a centre with an isotropic normal spread of `sigmaKm`, kept only when it falls
 * inside the area (rejection sampling of a truncated bivariate normal). After `maxTries` misses it returns the
 * centre itself, which callers choose inside the area.
 */
export function scatterPoint(
  area: PlacementArea,
  centreLon: number,
  centreLat: number,
  sigmaKm: number,
  rng: SeededRandom,
  maxTries = 30,
): [number, number] {
  const sigmaLon = sigmaKm / kmPerDegreeLon(centreLat);
  const sigmaLat = sigmaKm / KM_PER_DEGREE_LAT;
  for (let i = 0; i < maxTries; i++) {
    const lon = roundCoordinate(centreLon + rng.normal() * sigmaLon);
    const lat = roundCoordinate(centreLat + rng.normal() * sigmaLat);
    if (insideArea(area, lon, lat)) return [lon, lat];
  }
  return [centreLon, centreLat];
}
