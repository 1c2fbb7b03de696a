import rewind from '@turf/rewind';
import type { MultiPolygon, Polygon, Position } from 'geojson';
import type { AreaGeometry } from './types.ts';

/**
 * Parser for the MySQL `INSERT` scripts of the public `wilayah_boundaries` dataset
 * (`db/kel/<prov>/wilayah_boundaries_kel_<kab>.sql`, github.com/cahyadsn/wilayah_boundaries).
 *
 * A file holds comments, a `DELETE` and several statements
 * `INSERT INTO wilayah_boundaries(kode,nama,lat,lng,path) VALUES (...),(...);` whose `path` column is JSON
 * text of `[lat,lng]` rings: a list of rings (one polygon) or a list of polygons (a multipolygon).
 *
 * Only this small, regular subset of SQL is recognised (string literals with MySQL's `''` and `\'` escapes,
 * numbers, `NULL`, comments), so the scanner is hand-written: a general SQL parser would build an AST of the
 * 10,000-character path literals for nothing and would not give the row's line number on corrupt input.
 */

/** One desa/kelurahan row, converted to GeoJSON. */
export interface WilayahRow {
  /** Kemendagri code as written in the source, `33.24.01.2001`. */
  kode: string;
  /** Name as written in the source, escapes resolved. */
  nama: string;
  /** The source's own centroid columns (not used for geometry). */
  lat: number | null;
  lng: number | null;
  /** RFC 7946 geometry: `[lng,lat]` positions, closed rings, exterior rings counter-clockwise. */
  geometry: AreaGeometry;
  /** 1-based line of the row in the SQL text. */
  line: number;
  /** True when the row's path was already in `[lng,lat]` order (a source error, reported as a warning). */
  swapped: boolean;
}

/** Something odd but recoverable in a row (kept, reported). */
export interface WilayahSqlWarning {
  line: number;
  kode: string;
  message: string;
}

/** What {@link parseWilayahSql} returns. */
export interface WilayahSqlResult {
  rows: WilayahRow[];
  warnings: WilayahSqlWarning[];
  /** Number of `INSERT` statements read. */
  insertStatements: number;
}

/** Corrupt or truncated SQL: names the 1-based line (and column) where reading failed. */
export class WilayahSqlError extends Error {
  constructor(
    readonly reason: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(`line ${line}, column ${column}: ${reason}`);
    this.name = 'WilayahSqlError';
  }
}

/** Options of {@link parseWilayahSql}. */
export interface ParseWilayahOptions {
  /** When set (`33.24`), every row's code must start with `<kodeKab>.`; a foreign row is an error. */
  kodeKab?: string;
  /** Table name expected in `INSERT INTO`; other tables' inserts are skipped. Default `wilayah_boundaries`. */
  table?: string;
}

const KODE_DESA = /^\d{2}\.\d{2}\.\d{2}\.\d{4}$/;
const INSERT_HEAD = /INSERT\s+(?:IGNORE\s+)?INTO\s+[`"]?(\w+)[`"]?\s*\(([^)]*)\)\s*VALUES\b/iy;
const NUMBER = /[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?/y;
const NULL_WORD = /NULL\b/iy;
const REQUIRED_COLUMNS = ['kode', 'nama', 'path'] as const;
const MYSQL_ESCAPES: Record<string, string> = { '0': '\0', b: '\b', n: '\n', r: '\r', t: '\t', Z: '\x1a' };

type SqlValue = string | number | null;

/**
 * Parses a `wilayah_boundaries` SQL script into desa rows with RFC 7946 geometry.
 *
 * Conversion per row: `path` (JSON) → rings of `[lat,lng]` → positions `[lng,lat]`; unclosed rings are
 * closed (first position repeated); the geometry is rewound so that exterior rings are counter-clockwise and
 * holes clockwise (RFC 7946 §3.1.6, via `@turf/rewind`). A row whose numbers are already `[lng,lat]` (first
 * value outside ±90°, which no latitude can be) is used as is and reported in `warnings`.
 *
 * @throws {WilayahSqlError} on an unterminated string or comment, a row with the wrong number of values,
 *   a malformed code, a code outside `options.kodeKab`, a duplicate code, a `path` that is not valid JSON
 *   or not a polygon, or a file that ends in the middle of a statement.
 */
export function parseWilayahSql(text: string, options: ParseWilayahOptions = {}): WilayahSqlResult {
  return new Scanner(text, options).parse();
}

class Scanner {
  private pos = 0;
  private readonly lineStarts: number[] = [0];
  private readonly rows: WilayahRow[] = [];
  private readonly warnings: WilayahSqlWarning[] = [];
  private readonly seen = new Map<string, number>();
  private insertStatements = 0;
  private readonly table: string;

  constructor(
    private readonly text: string,
    private readonly options: ParseWilayahOptions,
  ) {
    this.table = (options.table ?? 'wilayah_boundaries').toLowerCase();
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) this.lineStarts.push(i + 1);
  }

  parse(): WilayahSqlResult {
    for (;;) {
      this.skipSpaceAndComments();
      if (this.pos >= this.text.length) break;
      INSERT_HEAD.lastIndex = this.pos;
      const head = INSERT_HEAD.exec(this.text);
      if (head && head[1].toLowerCase() === this.table) {
        this.pos = INSERT_HEAD.lastIndex;
        this.readInsert(
          head[2].split(',').map((c) => c.trim().replace(/[`"]/g, '').toLowerCase()),
          head.index,
        );
      } else {
        this.skipStatement();
      }
    }
    return { rows: this.rows, warnings: this.warnings, insertStatements: this.insertStatements };
  }

  private lineOf(offset: number): { line: number; column: number } {
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - this.lineStarts[lo] + 1 };
  }

  private fail(reason: string, offset = this.pos): never {
    const { line, column } = this.lineOf(Math.min(offset, this.text.length));
    throw new WilayahSqlError(reason, line, column);
  }

  private skipSpaceAndComments(): void {
    const t = this.text;
    while (this.pos < t.length) {
      const c = t.charCodeAt(this.pos);
      if (c === 32 || c === 9 || c === 10 || c === 13 || c === 0xfeff) {
        this.pos++;
      } else if (t.startsWith('/*', this.pos)) {
        const end = t.indexOf('*/', this.pos + 2);
        if (end === -1) this.fail('unterminated /* comment (file truncated?)');
        this.pos = end + 2;
      } else if (t.startsWith('--', this.pos) || c === 35 /* # */) {
        const end = t.indexOf('\n', this.pos);
        this.pos = end === -1 ? t.length : end + 1;
      } else {
        return;
      }
    }
  }

  /** Skips a statement we do not need (`DELETE`, `SET`, ...), respecting string literals. */
  private skipStatement(): void {
    const start = this.pos;
    const t = this.text;
    while (this.pos < t.length) {
      const c = t[this.pos];
      if (c === ';') {
        this.pos++;
        return;
      }
      if (c === "'" || c === '"') this.readString();
      else this.pos++;
    }
    this.fail(
      `statement "${t.slice(start, start + 30).split('\n')[0]}..." is not terminated by ';' (file truncated?)`,
      start,
    );
  }

  private readInsert(columns: string[], headOffset: number): void {
    this.insertStatements++;
    for (const required of REQUIRED_COLUMNS) {
      if (!columns.includes(required)) {
        this.fail(`INSERT has no "${required}" column (columns: ${columns.join(',')})`, headOffset);
      }
    }
    for (;;) {
      this.skipSpaceAndComments();
      if (this.pos >= this.text.length) this.fail("file ends where a row '(' was expected (file truncated?)");
      if (this.text[this.pos] !== '(')
        this.fail(`expected '(' to start a row, found "${this.text[this.pos]}"`);
      const rowStart = this.pos;
      this.pos++;
      const values = this.readTuple(rowStart);
      this.addRow(columns, values, rowStart);
      this.skipSpaceAndComments();
      if (this.pos >= this.text.length)
        this.fail("file ends after a row without ',' or ';' (file truncated?)");
      const sep = this.text[this.pos++];
      if (sep === ';') return;
      if (sep !== ',') this.fail(`expected ',' or ';' after a row, found "${sep}"`, this.pos - 1);
    }
  }

  private readTuple(rowStart: number): SqlValue[] {
    const values: SqlValue[] = [];
    for (;;) {
      this.skipSpaceAndComments();
      if (this.pos >= this.text.length) this.fail('file ends inside a row (file truncated?)', rowStart);
      values.push(this.readValue());
      this.skipSpaceAndComments();
      if (this.pos >= this.text.length) this.fail('file ends inside a row (file truncated?)', rowStart);
      const c = this.text[this.pos++];
      if (c === ')') return values;
      if (c !== ',') this.fail(`expected ',' or ')' between values, found "${c}"`, this.pos - 1);
    }
  }

  private readValue(): SqlValue {
    const c = this.text[this.pos];
    if (c === "'" || c === '"') return this.readString();
    NUMBER.lastIndex = this.pos;
    const num = NUMBER.exec(this.text);
    if (num) {
      this.pos = NUMBER.lastIndex;
      return Number(num[0]);
    }
    NULL_WORD.lastIndex = this.pos;
    if (NULL_WORD.test(this.text)) {
      this.pos = NULL_WORD.lastIndex;
      return null;
    }
    this.fail(
      `unexpected "${this.text.slice(this.pos, this.pos + 20).split('\n')[0]}" where a value was expected`,
    );
  }

  /** Reads a quoted literal at `pos`; MySQL escapes: doubled quote, backslash sequences. */
  private readString(): string {
    const t = this.text;
    const quote = t[this.pos];
    const start = this.pos;
    let out = '';
    let i = this.pos + 1;
    for (;;) {
      let q = t.indexOf(quote, i);
      const b = t.indexOf('\\', i);
      if (q === -1 && b === -1) this.fail('unterminated string literal (file truncated?)', start);
      if (b !== -1 && (q === -1 || b < q)) {
        if (b + 1 >= t.length) this.fail('unterminated string literal (file truncated?)', start);
        const e = t[b + 1];
        out += t.slice(i, b) + (MYSQL_ESCAPES[e] ?? e);
        i = b + 2;
        continue;
      }
      q = q as number;
      out += t.slice(i, q);
      if (t[q + 1] === quote) {
        out += quote;
        i = q + 2;
        continue;
      }
      this.pos = q + 1;
      return out;
    }
  }

  private addRow(columns: string[], values: SqlValue[], rowStart: number): void {
    if (values.length !== columns.length) {
      this.fail(
        `row has ${values.length} values, expected ${columns.length} (${columns.join(',')})`,
        rowStart,
      );
    }
    const field = (name: string): SqlValue => {
      const i = columns.indexOf(name);
      return i === -1 ? null : values[i];
    };
    const kode = field('kode');
    if (typeof kode !== 'string' || !KODE_DESA.test(kode)) {
      this.fail(`"${String(kode)}" is not a desa code of the form 33.24.01.2001`, rowStart);
    }
    const kab = this.options.kodeKab;
    if (kab && !kode.startsWith(`${kab}.`)) {
      this.fail(`code ${kode} does not belong to kabupaten/kota ${kab}`, rowStart);
    }
    const earlier = this.seen.get(kode);
    if (earlier !== undefined) this.fail(`code ${kode} appears twice (first at line ${earlier})`, rowStart);
    const { line } = this.lineOf(rowStart);
    this.seen.set(kode, line);
    const nama = field('nama');
    if (typeof nama !== 'string' || nama.trim() === '') this.fail(`${kode} has no name`, rowStart);
    const lat = field('lat');
    const lng = field('lng');
    const path = field('path');
    if (typeof path !== 'string')
      this.fail(`${kode} has no path (expected JSON text of [lat,lng] rings)`, rowStart);
    let json: unknown;
    try {
      json = JSON.parse(path);
    } catch (error) {
      this.fail(`path of ${kode} is not valid JSON (${(error as Error).message})`, rowStart);
    }
    const hint = typeof lat === 'number' && typeof lng === 'number' ? { lat, lng } : null;
    const converted = toGeometry(json, hint);
    if (typeof converted === 'string') this.fail(`path of ${kode}: ${converted}`, rowStart);
    for (const message of converted.notes) this.warnings.push({ line, kode, message });
    this.rows.push({
      kode,
      nama: nama.trim(),
      lat: typeof lat === 'number' ? lat : null,
      lng: typeof lng === 'number' ? lng : null,
      geometry: converted.geometry,
      line,
      swapped: converted.swapped,
    });
  }
}

function depth(value: unknown): number {
  let d = 0;
  let v = value;
  while (Array.isArray(v)) {
    d++;
    v = v[0];
  }
  return d;
}

type Pair = [number, number];

/**
 * Turns a parsed `path` value into an RFC 7946 polygon or multipolygon. Returns an error reason as a string.
 * `hint` is the row's own centroid columns, used only when the numbers alone cannot tell the order.
 */
export function toGeometry(
  json: unknown,
  hint: { lat: number; lng: number } | null = null,
): { geometry: AreaGeometry; swapped: boolean; notes: string[] } | string {
  const d = depth(json);
  let polygons: unknown[];
  if (d === 2) polygons = [[json]];
  else if (d === 3) polygons = [json];
  else if (d === 4) polygons = json as unknown[];
  else return `expected a list of [lat,lng] rings or a list of polygons, found nesting depth ${d}`;

  const pairs: Pair[][][] = [];
  for (const polygon of polygons) {
    if (!Array.isArray(polygon) || polygon.length === 0) return 'empty polygon';
    const rings: Pair[][] = [];
    for (const ring of polygon) {
      if (!Array.isArray(ring)) return 'a ring is not a list of points';
      const points: Pair[] = [];
      for (const p of ring) {
        if (!Array.isArray(p) || p.length !== 2 || !Number.isFinite(p[0]) || !Number.isFinite(p[1])) {
          return `point ${JSON.stringify(p)?.slice(0, 40)} is not a pair of numbers`;
        }
        points.push([p[0], p[1]]);
      }
      rings.push(points);
    }
    pairs.push(rings);
  }

  const order = detectOrder(pairs, hint);
  if (typeof order !== 'string') return order.error;
  const swapped = order === 'lnglat';
  const notes: string[] = [];
  if (swapped)
    notes.push('path is in [lng,lat] order, not the [lat,lng] the source format uses: read as [lng,lat]');

  const out: Position[][][] = [];
  let closed = 0;
  for (const polygon of pairs) {
    const rings: Position[][] = [];
    for (let r = 0; r < polygon.length; r++) {
      const ring: Position[] = polygon[r].map(([a, b]) => (swapped ? [a, b] : [b, a]));
      const first = ring[0];
      const last = ring[ring.length - 1];
      if (ring.length > 0 && (first[0] !== last[0] || first[1] !== last[1])) {
        ring.push([first[0], first[1]]);
        closed++;
      }
      if (distinctCount(ring) < 3) {
        if (r === 0) return 'exterior ring has fewer than 3 distinct points';
        notes.push('dropped a degenerate hole (fewer than 3 distinct points)');
        continue;
      }
      for (const [x, y] of ring) {
        if (Math.abs(y) > 90 || Math.abs(x) > 180) return `coordinate [${x},${y}] is outside the globe`;
      }
      rings.push(ring);
    }
    out.push(rings);
  }
  if (closed > 0) notes.push(`closed ${closed} unclosed ring(s)`);
  const geometry: Polygon | MultiPolygon =
    out.length === 1 ? { type: 'Polygon', coordinates: out[0] } : { type: 'MultiPolygon', coordinates: out };
  // @turf/rewind: exterior counter-clockwise, holes clockwise (RFC 7946 §3.1.6).
  rewind(geometry, { mutate: true });
  return { geometry, swapped, notes };
}

function distinctCount(ring: Position[]): number {
  const keys = new Set<string>();
  for (const p of ring) {
    keys.add(`${p[0]},${p[1]}`);
    if (keys.size >= 3) return 3;
  }
  return keys.size;
}

/**
 * Decides whether a row's pairs are `[lat,lng]` (the format) or `[lng,lat]` (a swapped row).
 * A value beyond ±90 can only be a longitude; where every value is within ±90 (never the case in
 * Indonesia, whose longitudes are 95–141°E) the row's own centroid columns decide.
 */
function detectOrder(
  polygons: Pair[][][],
  hint: { lat: number; lng: number } | null,
): 'latlng' | 'lnglat' | { error: string } {
  let n = 0;
  let firstIsLng = 0;
  let secondIsLng = 0;
  let bothBeyond = 0;
  let sum0 = 0;
  let sum1 = 0;
  for (const polygon of polygons) {
    for (const ring of polygon) {
      for (const [a, b] of ring) {
        n++;
        if (Math.abs(a) > 90) firstIsLng++;
        if (Math.abs(b) > 90) secondIsLng++;
        if (Math.abs(a) > 90 && Math.abs(b) > 90) bothBeyond++;
        sum0 += a;
        sum1 += b;
      }
    }
  }
  if (bothBeyond > 0)
    return { error: 'both values of some points are beyond ±90°: not coordinates in degrees' };
  if (firstIsLng > 0 && firstIsLng < n)
    return { error: `mixed coordinate order: ${firstIsLng} of ${n} points start with a longitude` };
  if (firstIsLng === n && n > 0) return 'lnglat';
  if (secondIsLng > 0) return 'latlng';
  if (hint && n > 0) {
    const m0 = sum0 / n;
    const m1 = sum1 / n;
    const asLatLng = Math.abs(m0 - hint.lat) + Math.abs(m1 - hint.lng);
    const asLngLat = Math.abs(m0 - hint.lng) + Math.abs(m1 - hint.lat);
    if (asLngLat < asLatLng) return 'lnglat';
  }
  return 'latlng';
}
