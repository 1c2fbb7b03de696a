import proj4 from 'proj4';
import type { FlatPolygons } from './geometry.ts';

/** A local metric projection: planar metres in which distances between nearby desa are true to a few ppm. */
export interface MetricProjection {
  /** e.g. `EPSG:32749` (WGS 84 / UTM zone 49S). */
  name: string;
  /** The proj4 definition used. */
  definition: string;
  /** lon/lat degrees → x/y metres, written to `out[0]`, `out[1]`. */
  forward: (lon: number, lat: number, out: Float64Array) => void;
}

/**
 * The UTM zone of a longitude/latitude: zone = ⌊(lon + 180)/6⌋ + 1, south of the equator for lat < 0
 * (EPSG:327zz), north otherwise (EPSG:326zz). Kendal (≈110.2°E, 7°S) is zone 49S, EPSG:32749.
 * The Norway/Svalbard exceptions do not concern Indonesia and are not applied.
 * Reference: Snyder (1987), *Map Projections — A Working Manual*, USGS PP 1395, §8.
 */
export function utmZoneOf(lon: number, lat: number): { zone: number; south: boolean; epsg: number } {
  const zone = Math.min(60, Math.max(1, Math.floor((lon + 180) / 6) + 1));
  const south = lat < 0;
  return { zone, south, epsg: (south ? 32700 : 32600) + zone };
}

/**
 * WGS 84 / UTM projection of a zone, computed by `proj4` (its extended transverse Mercator, Poder/Engsager,
 * the algorithm PROJ uses for UTM; agrees with PROJ 9 to nanometres on Kendal).
 * Reference: Karney (2011), "Transverse Mercator with an accuracy of a few nanometers", J. Geodesy 85.
 */
export function utmProjection(zone: number, south: boolean): MetricProjection {
  const definition = `+proj=utm +zone=${zone}${south ? ' +south' : ''} +datum=WGS84 +units=m +no_defs`;
  const converter = proj4('EPSG:4326', definition);
  const pt: [number, number] = [0, 0];
  return {
    name: `EPSG:${(south ? 32700 : 32600) + zone}`,
    definition,
    forward(lon, lat, out) {
      pt[0] = lon;
      pt[1] = lat;
      const r = converter.forward(pt);
      out[0] = r[0];
      out[1] = r[1];
    },
  };
}

/** True when every coordinate fits longitude/latitude degrees (|x| ≤ 180, |y| ≤ 90). */
export function looksGeographic(flats: ReadonlyArray<FlatPolygons>): boolean {
  for (const f of flats) {
    if (f.minX < -180 || f.maxX > 180 || f.minY < -90 || f.maxY > 90) return false;
  }
  return flats.length > 0;
}

/** The UTM projection of the zone containing the centre of the data's bounding box. */
export function utmProjectionFor(flats: ReadonlyArray<FlatPolygons>): MetricProjection {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const f of flats) {
    minX = Math.min(minX, f.minX);
    minY = Math.min(minY, f.minY);
    maxX = Math.max(maxX, f.maxX);
    maxY = Math.max(maxY, f.maxY);
  }
  const { zone, south } = utmZoneOf((minX + maxX) / 2, (minY + maxY) / 2);
  return utmProjection(zone, south);
}
