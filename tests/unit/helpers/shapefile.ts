/**
 * Zipped Shapefiles made in tests, as an office would send them: a GeoJSON of desa written by
 * `@mapbox/shp-write`, optionally projected to UTM first (`proj4`), then re-zipped (`fflate`) with parts left
 * out (`.prj`, `.dbf`) or replaced (an unknown `.prj`).
 */
import shpwrite from '@mapbox/shp-write';
import { unzipSync, zipSync } from 'fflate';
import type { Feature, FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';
import proj4 from 'proj4';

/** WKT of WGS 84 / UTM zone 49S (EPSG:32749), as QGIS writes it in a `.prj` (ESRI flavour). */
export const UTM49S_PRJ =
  'PROJCS["WGS_1984_UTM_Zone_49S",GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Transverse_Mercator"],PARAMETER["False_Easting",500000.0],PARAMETER["False_Northing",10000000.0],PARAMETER["Central_Meridian",111.0],PARAMETER["Scale_Factor",0.9996],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]';

/** WGS 84 geographic `.prj`. */
export const WGS84_PRJ =
  'GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]';

const UTM49S = '+proj=utm +zone=49 +south +datum=WGS84 +units=m +no_defs';

/** Options of {@link zippedShapefile}. */
export interface ShapefileOptions {
  /** Project the lon/lat positions to UTM 49S before writing (the numbers in the .shp are metres). */
  utm49s?: boolean;
  /** The `.prj` text; `null` leaves the `.prj` out. Default: the one matching the coordinates. */
  prj?: string | null;
  /** Leave the `.dbf` out. */
  noDbf?: boolean;
  /** Layer (file) name inside the zip. */
  layer?: string;
}

/**
 * A zip of `<layer>.shp/.shx/.dbf/.prj` from polygon features. Every feature is written as a multipolygon:
 * shp-write 0.4 writes Polygon and MultiPolygon features as two layers of the same name, the second
 * replacing the first in the zip.
 */
export async function zippedShapefile(
  collection: FeatureCollection<Polygon | MultiPolygon>,
  options: ShapefileOptions = {},
): Promise<Uint8Array> {
  const project = options.utm49s ? proj4('EPSG:4326', UTM49S) : null;
  const ring = (r: Position[]) =>
    r.map(([x, y]) => (project ? (project.forward([x, y]) as Position) : [x, y]));
  const features: Feature<MultiPolygon>[] = collection.features.map((f) => ({
    type: 'Feature',
    properties: f.properties,
    geometry: {
      type: 'MultiPolygon',
      coordinates: (f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates).map(
        (p) => p.map(ring),
      ),
    },
  }));
  const layer = options.layer ?? 'desa';
  const zipped = (await shpwrite.zip(
    { type: 'FeatureCollection', features },
    { outputType: 'uint8array', compression: 'STORE', types: { polygon: layer } },
  )) as Uint8Array;
  const entries = unzipSync(zipped);
  const out: Record<string, Uint8Array> = {};
  for (const [name, data] of Object.entries(entries)) {
    const ext = name.split('.').pop()!.toLowerCase();
    if (ext === 'prj' || (ext === 'dbf' && options.noDbf)) continue;
    out[`${layer}.${ext}`] = data;
  }
  const prj = options.prj === undefined ? (options.utm49s ? UTM49S_PRJ : WGS84_PRJ) : options.prj;
  if (prj !== null) out[`${layer}.prj`] = new TextEncoder().encode(prj);
  return zipSync(out);
}
