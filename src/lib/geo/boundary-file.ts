import rewind from '@turf/rewind';
import { feature as topoFeature } from 'topojson-client';
import { parseDbf, parseShp } from 'shpjs';
import type { Geometry, Position } from 'geojson';
import type { GeometryCollection as TopoGeometryCollection, Topology } from 'topojson-specification';
import { MessageError, msg, type Message } from '../messages/message.ts';
import {
  inflateEntry,
  readZipDirectory,
  ZipFormatError,
  ZipLimitError,
  type ZipEntry,
} from '../import/zip.ts';
import { ASKED_CRS, convertGeometry, fromEpsg, fromPrj, knownEpsg, type ToWgs84 } from './crs.ts';
import type { AreaGeometry } from './types.ts';

/**
 * Step 1 of a user's boundary set: the file a planner received (GeoJSON, TopoJSON, or a zipped Shapefile with
 * `.shp`, `.dbf` and usually `.prj`) read into polygons in WGS 84 with their attribute table. Pure: bytes in,
 * features out; the app's Worker and the CLI call it the same way.
 *
 * - Shapefiles: geometry by `shpjs` (`parseShp`, coordinates as stored), attributes by its `parseDbf` (with the
 *   `.cpg` code page), then converted with the `.prj` (see `crs.ts`). Without a `.prj` nothing is guessed: the
 *   result asks for a system ({@link ASKED_CRS}), and the caller reads again with `options.crs`.
 * - Every geometry is made 2D, its rings closed and rewound to RFC 7946 (`@turf/rewind`); features that are not
 *   polygons are counted and left out.
 * - Refused, each with one message and nothing kept: text over {@link MAX_BOUNDARY_TEXT_BYTES} (checked before
 *   decoding: a JS string cannot hold a 638 MB GeoJSON, whose parse would fail with a misleading reason), a zip
 *   entry inflating past the same limit, a shapefile without `.dbf`, a `.prj` that names no known system, and
 *   features outside Indonesia (almost always a wrong coordinate system).
 */

/** Largest GeoJSON/TopoJSON text (or unzipped `.shp` + `.dbf`) read: 256 MiB, a quarter of V8's string limit. */
export const MAX_BOUNDARY_TEXT_BYTES = 256 << 20;

/** Indonesia with a margin of about half a degree: [west, south, east, north]. */
export const INDONESIA_BBOX: readonly [number, number, number, number] = [94.0, -11.5, 141.5, 6.5];

/** A polygon feature of the file, in WGS 84 lon/lat. */
export interface BoundaryFeature {
  /** The attribute table's row (GeoJSON properties / DBF record), values as read. */
  properties: Record<string, unknown>;
  geometry: AreaGeometry;
}

/** What a file held. */
export interface BoundaryFileContent {
  format: 'geojson' | 'topojson' | 'shapefile';
  /** Shapefile layer or TopoJSON object read (null for GeoJSON). */
  layer: string | null;
  features: BoundaryFeature[];
  /** Attribute names in file order (union over features). */
  fields: string[];
  /** The coordinate system converted from (`EPSG:4326` for GeoJSON), and where it came from. */
  crs: string;
  crsSource: 'file' | 'default' | 'chosen';
  /** Features left out because they are not polygons (points, lines, empty geometry). */
  skipped: number;
  /** [west, south, east, north] of all features. */
  bbox: [number, number, number, number];
}

/** Result of {@link readBoundaryFile}: the content, or a question about the coordinate system. */
export type BoundaryFileResult =
  | { kind: 'read'; content: BoundaryFileContent }
  | {
      kind: 'needs_crs';
      layer: string;
      choices: readonly string[];
      /** True when the numbers cannot be degrees (metres of a projected system): UTM is the likely answer. */
      looksProjected: boolean;
      question: Message;
    };

/** Options of {@link readBoundaryFile}. */
export interface ReadBoundaryOptions {
  /** The coordinate system of a shapefile without `.prj` (an EPSG code such as `EPSG:32749`). */
  crs?: string;
}

/** A file refused, with its message (see the module comment). */
export class BoundaryFileError extends MessageError {
  constructor(detail: Message) {
    super(detail);
    this.name = 'BoundaryFileError';
  }
}

const fail = (code: Parameters<typeof msg>[0], params: Parameters<typeof msg>[1]): never => {
  throw new BoundaryFileError(msg(code, params));
};

const mb = (bytes: number) => Math.round((bytes / (1 << 20)) * 10) / 10;

/**
 * Reads a boundary file (see the module comment).
 *
 * @throws {BoundaryFileError} for every refusal listed there, and for a file of none of the formats.
 */
export function readBoundaryFile(
  bytes: Uint8Array,
  fileName: string,
  options: ReadBoundaryOptions = {},
): BoundaryFileResult {
  if (bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 3 && bytes[3] === 4)
    return readShapefileZip(bytes, fileName, options);
  if (bytes.length >= 3 && bytes[0] === 0x66 && bytes[1] === 0x67 && bytes[2] === 0x62)
    fail('geo.file.flatgeobuf', { file: fileName });
  if (bytes.length > MAX_BOUNDARY_TEXT_BYTES)
    fail('geo.file.tooBig', { file: fileName, size: mb(bytes.length), limit: mb(MAX_BOUNDARY_TEXT_BYTES) });
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return fail('geo.file.notText', { file: fileName });
  }
  const start = text.search(/\S/);
  if (start < 0 || text[start] !== '{') fail('geo.file.notRecognised', { file: fileName });
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return fail('geo.file.invalidJson', { file: fileName, reason: (error as Error).message.slice(0, 120) });
  }
  const type = (json as { type?: unknown })?.type;
  if (type === 'Topology') return { kind: 'read', content: readTopoJson(json as Topology, fileName) };
  if (type === 'FeatureCollection' || type === 'Feature')
    return { kind: 'read', content: readGeoJson(json, fileName) };
  return fail('geo.file.notRecognised', { file: fileName });
}

interface RawFeature {
  properties: Record<string, unknown>;
  geometry: Geometry | null;
}

/** The coordinate system named by an old-style GeoJSON `crs` member (RFC 7946 dropped it; QGIS still writes it). */
function geoJsonCrs(json: unknown, fileName: string): ToWgs84 {
  const name = (json as { crs?: { properties?: { name?: unknown } } })?.crs?.properties?.name;
  if (typeof name !== 'string') return fromEpsg('EPSG:4326')!;
  const to = knownEpsg(name) ? fromEpsg(name) : null;
  return to ?? fail('geo.file.crsUnknown', { file: fileName, crs: name });
}

function readGeoJson(json: unknown, fileName: string): BoundaryFileContent {
  const to = geoJsonCrs(json, fileName);
  const list =
    (json as { type: string }).type === 'Feature'
      ? [json]
      : ((json as { features?: unknown }).features as unknown[]);
  if (!Array.isArray(list)) fail('geo.file.notRecognised', { file: fileName });
  const raw: RawFeature[] = list.map((f) => ({
    properties: ((f as { properties?: unknown })?.properties as Record<string, unknown>) ?? {},
    geometry: ((f as { geometry?: unknown })?.geometry as Geometry) ?? null,
  }));
  return finish('geojson', null, raw, fileName, to, to.name === 'EPSG:4326' ? 'default' : 'file');
}

function readTopoJson(topology: Topology, fileName: string): BoundaryFileContent {
  const objects = Object.entries(topology.objects ?? {});
  if (objects.length === 0) fail('geo.file.noPolygons', { file: fileName });
  // The object with the most polygons is the desa layer (a file may carry a kabupaten outline beside it).
  let best: { name: string; raw: RawFeature[] } | null = null;
  for (const [name, object] of objects) {
    let converted;
    try {
      converted = topoFeature(topology, object as TopoGeometryCollection);
    } catch (error) {
      return fail('geo.file.invalidJson', { file: fileName, reason: (error as Error).message.slice(0, 120) });
    }
    const features = 'features' in converted ? converted.features : [converted];
    const raw = features.map((f) => ({
      properties: (f.properties as Record<string, unknown>) ?? {},
      geometry: f.geometry,
    }));
    const polygons = raw.filter((f) => isArea(f.geometry)).length;
    if (!best || polygons > best.raw.filter((f) => isArea(f.geometry)).length) best = { name, raw };
  }
  return finish('topojson', best!.name, best!.raw, fileName, fromEpsg('EPSG:4326')!, 'default');
}

function readShapefileZip(
  bytes: Uint8Array,
  fileName: string,
  options: ReadBoundaryOptions,
): BoundaryFileResult {
  let entries: ZipEntry[];
  try {
    entries = readZipDirectory(bytes).filter((e) => !e.name.includes('__MACOSX') && !e.name.endsWith('/'));
  } catch (error) {
    return fail('geo.file.badZip', { file: fileName, reason: (error as Error).message });
  }
  const byLower = new Map(entries.map((e) => [e.name.toLowerCase(), e]));
  const shps = entries.filter((e) => e.name.toLowerCase().endsWith('.shp'));
  if (shps.length === 0) {
    if (entries.some((e) => /\.(geo|topo)?json$/i.test(e.name))) {
      const json = entries.find((e) => /\.(geo|topo)?json$/i.test(e.name))!;
      return readBoundaryFile(inflate(bytes, json, fileName), `${fileName}/${json.name}`, options);
    }
    fail('geo.file.noShp', { file: fileName });
  }
  // Several layers: the largest .shp is the desa layer (a zip may carry an outline or points beside it).
  const shp = shps.reduce((a, b) => (b.size > a.size ? b : a));
  const base = shp.name.slice(0, -4);
  const layer = base.split('/').pop() ?? base;
  const sibling = (ext: string) => byLower.get(`${base}.${ext}`.toLowerCase());
  const dbfEntry = sibling('dbf');
  if (!dbfEntry) fail('geo.file.noDbf', { file: fileName, layer });
  const prjEntry = sibling('prj');
  const cpgEntry = sibling('cpg');
  let to: ToWgs84 | null;
  let source: BoundaryFileContent['crsSource'];
  if (prjEntry) {
    const prj = new TextDecoder('utf-8').decode(inflate(bytes, prjEntry, fileName));
    to = fromPrj(prj);
    if (!to) fail('geo.file.prjUnknown', { file: fileName, layer, prj: prj.trim().slice(0, 60) });
    source = 'file';
  } else if (options.crs) {
    to = fromEpsg(options.crs);
    if (!to) fail('geo.file.crsUnknown', { file: fileName, crs: options.crs });
    source = 'chosen';
  } else {
    const geometries = parseGeometries(inflate(bytes, shp, fileName), fileName, layer);
    return {
      kind: 'needs_crs',
      layer,
      choices: ASKED_CRS,
      looksProjected: geometries.some((g) => g !== null && !looksGeographic(g)),
      question: msg('geo.file.needsCrs', { file: fileName, layer }),
    };
  }
  const geometries = parseGeometries(inflate(bytes, shp, fileName), fileName, layer);
  let records: Record<string, unknown>[];
  try {
    const cpg = cpgEntry
      ? new TextDecoder('utf-8').decode(inflate(bytes, cpgEntry, fileName)).trim()
      : undefined;
    records = parseDbf(inflate(bytes, dbfEntry!, fileName), cpg);
  } catch (error) {
    return fail('geo.file.badShp', {
      file: fileName,
      layer: `${layer}.dbf`,
      reason: (error as Error).message,
    });
  }
  const raw = geometries.map((geometry, i) => ({ properties: records[i] ?? {}, geometry }));
  return { kind: 'read', content: finish('shapefile', layer, raw, fileName, to!, source) };
}

function inflate(bytes: Uint8Array, entry: ZipEntry, fileName: string): Uint8Array {
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    inflateEntry(
      bytes,
      entry,
      (chunk) => {
        chunks.push(chunk.slice());
        size += chunk.length;
      },
      MAX_BOUNDARY_TEXT_BYTES,
    );
  } catch (error) {
    if (error instanceof ZipLimitError)
      fail('geo.file.zipTooBig', { file: fileName, entry: entry.name, limit: mb(MAX_BOUNDARY_TEXT_BYTES) });
    if (error instanceof ZipFormatError) fail('geo.file.badZip', { file: fileName, reason: error.message });
    throw error;
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

function parseGeometries(shp: Uint8Array, fileName: string, layer: string): (Geometry | null)[] {
  try {
    return parseShp(shp, false);
  } catch (error) {
    return fail('geo.file.badShp', { file: fileName, layer, reason: (error as Error).message });
  }
}

function isArea(g: Geometry | null): boolean {
  if (!g) return false;
  if (g.type === 'Polygon' || g.type === 'MultiPolygon') return true;
  return g.type === 'GeometryCollection' && g.geometries.some(isArea);
}

/** Every number of a geometry within degree ranges. */
function looksGeographic(g: Geometry): boolean {
  let ok = true;
  eachPosition(g, (x, y) => {
    if (Math.abs(x) > 180 || Math.abs(y) > 90) ok = false;
  });
  return ok;
}

function eachPosition(g: Geometry, f: (x: number, y: number) => void): void {
  const walk = (c: unknown): void => {
    if (Array.isArray(c) && typeof c[0] === 'number') f(c[0] as number, c[1] as number);
    else if (Array.isArray(c)) for (const x of c) walk(x);
  };
  if (g.type === 'GeometryCollection') for (const x of g.geometries) eachPosition(x, f);
  else walk(g.coordinates);
}

/** Polygons of a geometry as one Polygon/MultiPolygon (2D, rings closed), or a reason it has none. */
function toArea(g: Geometry): AreaGeometry | string | null {
  const polygons: Position[][][] = [];
  const collect = (x: Geometry) => {
    if (x.type === 'Polygon') polygons.push(x.coordinates);
    else if (x.type === 'MultiPolygon') polygons.push(...x.coordinates);
    else if (x.type === 'GeometryCollection') x.geometries.forEach(collect);
  };
  collect(g);
  if (polygons.length === 0) return null;
  const out: Position[][][] = [];
  for (const polygon of polygons) {
    const rings: Position[][] = [];
    for (const [r, ring] of polygon.entries()) {
      if (!Array.isArray(ring)) return 'a ring is not a list of positions';
      const pts: Position[] = [];
      for (const p of ring) {
        if (!Array.isArray(p) || !Number.isFinite(p[0]) || !Number.isFinite(p[1]))
          return `position ${JSON.stringify(p)?.slice(0, 40)} is not a pair of numbers`;
        pts.push([p[0], p[1]]);
      }
      if (pts.length > 0) {
        const [f, l] = [pts[0], pts[pts.length - 1]];
        if (f[0] !== l[0] || f[1] !== l[1]) pts.push([f[0], f[1]]);
      }
      if (pts.length < 4) {
        if (r === 0) break;
        continue;
      }
      rings.push(pts);
    }
    if (rings.length > 0) out.push(rings);
  }
  if (out.length === 0) return 'no ring with three distinct positions';
  return out.length === 1
    ? { type: 'Polygon', coordinates: out[0] }
    : { type: 'MultiPolygon', coordinates: out };
}

function finish(
  format: BoundaryFileContent['format'],
  layer: string | null,
  raw: RawFeature[],
  fileName: string,
  to: ToWgs84,
  crsSource: BoundaryFileContent['crsSource'],
): BoundaryFileContent {
  const features: BoundaryFeature[] = [];
  const fields: string[] = [];
  const seen = new Set<string>();
  let skipped = 0;
  let projectedNumbers = false;
  let outside = 0;
  const box: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  raw.forEach((f, i) => {
    const area = f.geometry ? toArea(f.geometry) : null;
    if (area === null) {
      skipped++;
      return;
    }
    if (typeof area === 'string')
      fail('geo.file.badGeometry', { file: fileName, feature: i + 1, reason: area });
    if (to.geographic && !looksGeographic(area as AreaGeometry)) projectedNumbers = true;
    const geometry = to.geographic ? (area as AreaGeometry) : convertGeometry(area as AreaGeometry, to);
    rewind(geometry, { mutate: true });
    const [w, s, e, n] = boundsOf(geometry);
    const [W, S, E, N] = INDONESIA_BBOX;
    if (!(w >= W && e <= E && s >= S && n <= N)) outside++;
    box[0] = Math.min(box[0], w);
    box[1] = Math.min(box[1], s);
    box[2] = Math.max(box[2], e);
    box[3] = Math.max(box[3], n);
    for (const key of Object.keys(f.properties))
      if (!seen.has(key)) {
        seen.add(key);
        fields.push(key);
      }
    features.push({ properties: f.properties, geometry });
  });
  if (features.length === 0) fail('geo.file.noPolygons', { file: fileName });
  if (outside > 0)
    fail('geo.file.outsideIndonesia', {
      file: fileName,
      count: outside,
      total: features.length,
      bbox: formatBbox(box),
      hint: projectedNumbers ? msg('geo.file.hintProjected') : '',
    });
  return { format, layer, features, fields, crs: to.name, crsSource, skipped, bbox: box };
}

/** [west, south, east, north] of a polygon or multipolygon. */
export function boundsOf(g: AreaGeometry): [number, number, number, number] {
  const b: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  const polygons = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  for (const p of polygons)
    for (const [x, y] of p[0] ?? []) {
      if (x < b[0]) b[0] = x;
      if (y < b[1]) b[1] = y;
      if (x > b[2]) b[2] = x;
      if (y > b[3]) b[3] = y;
    }
  return b;
}

/** A bounding box for a message: `109.92, -7.20 … 110.37, -6.83` (two decimals). */
export function formatBbox(b: readonly number[]): string {
  const f = (v: number) => (Number.isFinite(v) ? v.toFixed(2) : '?');
  return `${f(b[0])}, ${f(b[1])} … ${f(b[2])}, ${f(b[3])}`;
}

/**
 * Whether a set read with a chosen coordinate system lies where its kabupaten is: its box overlaps the
 * reference box (the kabupaten's public-source outline) by at least half of its own area. Used after a
 * `.prj`-less shapefile was read with the user's choice, so a wrong choice is caught, not stored.
 */
export function insideReference(
  bbox: readonly [number, number, number, number],
  reference: readonly [number, number, number, number],
): boolean {
  const w = Math.max(bbox[0], reference[0]);
  const e = Math.min(bbox[2], reference[2]);
  const s = Math.max(bbox[1], reference[1]);
  const n = Math.min(bbox[3], reference[3]);
  if (e <= w || n <= s) return false;
  const own = (bbox[2] - bbox[0]) * (bbox[3] - bbox[1]);
  return own <= 0 || ((e - w) * (n - s)) / own >= 0.5;
}
