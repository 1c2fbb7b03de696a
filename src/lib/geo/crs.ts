import proj4 from 'proj4';
import type { Position } from 'geojson';
import type { AreaGeometry } from './types.ts';

/**
 * Coordinate systems of users' boundary files and their conversion to WGS 84 longitude/latitude (EPSG:4326),
 * by `proj4` (the library `shpjs` uses; its transverse Mercator is the Poder/Engsager algorithm PROJ uses for
 * UTM). Offices in Indonesia send geographic WGS 84 or WGS 84 / UTM (zones 46–54; Jawa Tengah is 49S,
 * EPSG:32749); a `.prj` (WKT) is read by proj4's WKT parser.
 */

/** The two choices offered when a shapefile has no `.prj` (never guessed silently). */
export const ASKED_CRS = ['EPSG:32749', 'EPSG:4326'] as const;

/** An EPSG code this module can convert from: EPSG:4326, 4755 (DGN95), 326zz/327zz for zones 46–54. */
export function knownEpsg(code: string): string | null {
  const m = /^\s*(?:EPSG:?|urn:ogc:def:crs:EPSG::?)\s*(\d{4,5})\s*$/i.exec(code);
  if (!m) return /^\s*(?:urn:ogc:def:crs:OGC:1\.3:)?CRS84\s*$/i.test(code) ? 'EPSG:4326' : null;
  const n = Number(m[1]);
  if (n === 4326 || n === 4755) return `EPSG:${n}`;
  const zone = n % 100;
  if ((Math.floor(n / 100) === 326 || Math.floor(n / 100) === 327) && zone >= 46 && zone <= 54)
    return `EPSG:${n}`;
  return null;
}

/** The proj4 definition of a {@link knownEpsg} code. */
function definitionOf(epsg: string): string {
  const n = Number(epsg.slice(5));
  // DGN95 differs from WGS 84 by well under a metre (its datum is ITRF-aligned): read as WGS 84.
  if (n === 4326 || n === 4755) return '+proj=longlat +datum=WGS84 +no_defs';
  const south = Math.floor(n / 100) === 327;
  return `+proj=utm +zone=${n % 100}${south ? ' +south' : ''} +datum=WGS84 +units=m +no_defs`;
}

/** A conversion of positions into WGS 84 lon/lat. */
export interface ToWgs84 {
  /** `EPSG:32749`, or the name in the `.prj`. */
  name: string;
  /** True when the source is already geographic (no conversion of the numbers). */
  geographic: boolean;
  convert: (x: number, y: number) => [number, number];
}

/** The conversion from an EPSG code (see {@link knownEpsg}); null for a code this module does not know. */
export function fromEpsg(code: string): ToWgs84 | null {
  const epsg = knownEpsg(code);
  if (!epsg) return null;
  const def = definitionOf(epsg);
  if (def.startsWith('+proj=longlat')) return { name: epsg, geographic: true, convert: (x, y) => [x, y] };
  const p = proj4(def, 'EPSG:4326');
  return { name: epsg, geographic: false, convert: (x, y) => p.forward([x, y]) as [number, number] };
}

/**
 * The conversion described by a `.prj` (OGC WKT or ESRI WKT), or null when proj4 cannot read it or it names
 * no usable system. A geographic system (GEOGCS on WGS 84/DGN95) converts nothing.
 */
export function fromPrj(wkt: string): ToWgs84 | null {
  const text = wkt.trim();
  if (!/^(PROJCS|GEOGCS|PROJCRS|GEOGCRS|GEODCRS)\s*\[/i.test(text)) return null;
  const name = /^\w+\s*\[\s*"([^"]*)"/.exec(text)?.[1] ?? 'WKT';
  let p: proj4.Converter;
  try {
    p = proj4(text, 'EPSG:4326');
  } catch {
    return null;
  }
  if (/^GEOG/i.test(text)) return { name, geographic: true, convert: (x, y) => [x, y] };
  // proj4 accepts some WKT it cannot really convert (an unknown projection name): test one position.
  try {
    const [lon, lat] = p.forward([500000, 9000000]) as [number, number];
    if (!Number.isFinite(lon) || !Number.isFinite(lat)) return null;
  } catch {
    return null;
  }
  return { name, geographic: false, convert: (x, y) => p.forward([x, y]) as [number, number] };
}

/** Applies a conversion to every position of a polygon or multipolygon (2D: a Z or M value is dropped). */
export function convertGeometry(geometry: AreaGeometry, to: ToWgs84): AreaGeometry {
  const ring = (r: Position[]): Position[] => r.map(([x, y]) => to.convert(x, y));
  return geometry.type === 'Polygon'
    ? { type: 'Polygon', coordinates: geometry.coordinates.map(ring) }
    : { type: 'MultiPolygon', coordinates: geometry.coordinates.map((p) => p.map(ring)) };
}
