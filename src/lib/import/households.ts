/**
 * Step 4g: the pass over a household file. Each record after the header is one of:
 * - a blank line (one empty cell): not a row, counted in `blank_lines`;
 * - a row that is joined: desa (see `row-join.ts`), desil 1–10, period; stored as columns of typed arrays;
 * - a row that is rejected with its first failing reason, in this order: empty row, column count (a row with
 *   more cells is accepted when the extra cells are empty), desa key, desil, period.
 * So `rows_read = rows_joined + rows_rejected`.
 *
 * Only mapped columns are read. Identifier columns are never read, except the household key, which is hashed
 * on the spot (see `household-key.ts`). Household size is optional (1–99, else unknown); coordinates are kept
 * when valid (see `coordinates.ts`); flags read `YA`/`TIDAK` and the usual variants.
 */
import {
  CoordinateStatus,
  parseCoordinate,
  parseCoordinatePair,
  placeCoordinates,
  type Extent,
} from './coordinates.ts';
import type { DesaLookup } from './desa-lookup.ts';
import type { ProgressCallback } from './errors.ts';
import { KEY_HASH_BYTES, type HouseholdKeyHasher } from './household-key.ts';
import type { ColumnMapping } from './mapping.ts';
import { detectNumberFormat, parseCount, type NumberFormat } from './numbers.ts';
import type { RejectReason } from './reasons.ts';
import { ReasonTally, UnmatchedTally } from './report.ts';
import { columnIndex, DesaResolver, PeriodeResolver } from './row-join.ts';
import type { TableSource } from './table-source.ts';

/**
 * Joined households as columns (row r of every array is the same household). Only typed arrays and plain
 * values: a Worker can transfer the buffers (see `transferables` in `import-file.ts`).
 */
export interface JoinedHouseholds {
  count: number;
  /** Canonical periods; `periode[r]` indexes this list. */
  periods: string[];
  /** Index into the desa list given to the import. */
  desa: Uint16Array;
  periode: Uint16Array;
  /** 1–10. */
  desil: Uint8Array;
  /** Household size 1–99; 0 = unknown. */
  size: Uint8Array;
  /** WGS84 degrees; NaN when the household has no valid coordinates. Null when no coordinate column was mapped. */
  lat: Float64Array | null;
  lon: Float64Array | null;
  /** Per flag key: 1 = yes, 0 = no or unrecognised. */
  flags: Record<string, Uint8Array>;
  /** `count × 16` bytes of salted key hashes (all zero: no usable key); null when no key was mapped. */
  key_hash: Uint8Array | null;
  /** Spreadsheet row number of each household in the file. */
  source_row: Uint32Array;
}

/** Options of {@link joinHouseholdRows}. */
export interface HouseholdPassOptions {
  lookup: DesaLookup;
  mapping: ColumnMapping;
  /** Null when no household key is mapped. */
  hasher: HouseholdKeyHasher | null;
  /** Period of rows without one (mapping's, caller's or from the file name). */
  fallbackPeriode: string | null;
  extent: Extent;
  onProgress?: ProgressCallback;
  signal?: AbortSignal;
}

/** What any join pass counts (household file or desa table): the report is built from these. */
export interface JoinPassTally {
  rowsRead: number;
  blankLines: number;
  reasons: ReasonTally;
  unmatched: UnmatchedTally;
  joinedBy: DesaResolver['joinedBy'];
  /** Rows per kabupaten (see `DesaResolver.kabupaten`; rows rejected before the desa are not in it). */
  kabupaten: DesaResolver['kabupaten'];
  /** Rows whose code and names disagreed, and the columns compared (null: the file has no code and names). */
  conflicts: DesaResolver['conflicts'];
  comparedColumns: string[] | null;
  rowsPerPeriode: number[];
  /** Rows given the fallback period. */
  fallbackUsed: number;
}

/** Everything the pass found (the importer turns it into the report and aggregates). */
export interface HouseholdPassResult extends JoinPassTally {
  households: JoinedHouseholds;
  coordinates: { kept: number; swapped: number; outside: number; invalid: number; missing: number } | null;
  size: { known: number; unknown: number } | null;
  flags: Record<string, { column: string; yes: number; unrecognised: number }>;
  key: { column: string; rows_hashed: number; rows_without_key: number } | null;
  numberFormats: Record<string, NumberFormat>;
  /**
   * Rows rejected for their desil whose desa was resolved (row `row[i]` of desa `desa[i]`, `reason[i]`): the
   * data-quality check counts them per desa (`src/lib/needs/verification.ts`). Row numbers only.
   */
  desilRejected: DesilRejectedRows;
}

/** Rows rejected for a missing or unusable desil, with their desa (see {@link HouseholdPassResult}). */
export interface DesilRejectedRows {
  desa: number[];
  row: number[];
  reason: RejectReason[];
}

const YES = new Set(['ya', 'y', 'yes', 'iya', '1', 'true', 'benar', 'ada', 'penerima', 'v', '✓', '√']);
const NO = new Set([
  'tidak',
  't',
  'tdk',
  'n',
  'no',
  '0',
  'false',
  'salah',
  'bukan',
  'tidak ada',
  '-',
  '',
  'bukan penerima',
]);

/** A flag cell: 1 yes, 0 no, 2 neither (counted as no and reported). */
export function flagValue(text: string): 0 | 1 | 2 {
  const t = text.trim().toLowerCase();
  if (YES.has(t)) return 1;
  if (NO.has(t)) return 0;
  const n = Number(t.replace(',', '.'));
  if (t !== '' && Number.isFinite(n)) return n > 0 ? 1 : 0;
  return 2;
}

/** A desil cell: 1–10, or the reason it is not one (`desil 3`, `3,0` and `03` are 3). */
export function parseDesil(text: string): number | RejectReason {
  if (text.length === 1) {
    const c = text.charCodeAt(0) - 48;
    if (c >= 1 && c <= 9) return c;
  } else if (text === '10') return 10;
  let t = text.trim().toLowerCase();
  if (t === '') return 'desil_missing';
  t = t.replace(/^desil\s*/, '').replace(/^'/, '');
  if (!/^[+-]?(\d+([.,]\d*)?|[.,]\d+)$/.test(t)) return 'desil_not_number';
  const v = Number(t.replace(',', '.'));
  if (!Number.isInteger(v)) return 'desil_not_integer';
  return v >= 1 && v <= 10 ? v : 'desil_out_of_range';
}

/**
 * A household-size cell: the number of persons, 1–99, or 0 when the cell is not one (empty, text, out of
 * range). Also used by the big path (`kantong aggregate`) for each distinct size text it counts.
 */
export function parseSize(text: string): number {
  if (text.length === 1) {
    const c = text.charCodeAt(0) - 48;
    if (c >= 1 && c <= 9) return c;
  }
  const v = parseCount(text);
  return v !== null && v >= 1 && v <= 99 ? v : 0;
}

/** Growable household columns. */
class HouseholdBuffer {
  count = 0;
  desa: Uint16Array;
  periode: Uint16Array;
  desil: Uint8Array;
  size: Uint8Array;
  lat: Float64Array;
  lon: Float64Array;
  flags: Uint8Array[];
  keyHash: Uint8Array;
  row: Uint32Array;

  constructor(
    private capacity: number,
    flagCount: number,
    private readonly coords: boolean,
    private readonly key: boolean,
  ) {
    this.desa = new Uint16Array(capacity);
    this.periode = new Uint16Array(capacity);
    this.desil = new Uint8Array(capacity);
    this.size = new Uint8Array(capacity);
    this.lat = new Float64Array(coords ? capacity : 0);
    this.lon = new Float64Array(coords ? capacity : 0);
    this.flags = Array.from({ length: flagCount }, () => new Uint8Array(capacity));
    this.keyHash = new Uint8Array(key ? capacity * KEY_HASH_BYTES : 0);
    this.row = new Uint32Array(capacity);
  }

  /** Makes room for one more household. */
  reserve(): void {
    if (this.count < this.capacity) return;
    const cap = Math.ceil(this.capacity * 1.5) + 1024;
    const grow = <T extends Uint8Array | Uint16Array | Uint32Array | Float64Array>(a: T, per = 1): T => {
      if (a.length === 0) return a;
      const b = new (a.constructor as new (n: number) => T)(cap * per);
      b.set(a);
      return b;
    };
    this.desa = grow(this.desa);
    this.periode = grow(this.periode);
    this.desil = grow(this.desil);
    this.size = grow(this.size);
    this.lat = grow(this.lat);
    this.lon = grow(this.lon);
    this.flags = this.flags.map((f) => grow(f));
    this.keyHash = grow(this.keyHash, KEY_HASH_BYTES);
    this.row = grow(this.row);
    this.capacity = cap;
  }

  /**
   * Columns of `count` rows. When the buffers are nearly full (the usual case: capacity comes from the sampled
   * bytes per record) they are returned as views without copying, so a buffer may be slightly longer than its
   * data; otherwise they are copied to their exact length.
   */
  finish(periods: string[], flagKeys: string[]): JoinedHouseholds {
    const n = this.count;
    const view = n >= 0.9 * this.capacity;
    const cut = <T extends Uint8Array | Uint16Array | Uint32Array | Float64Array>(a: T, per = 1): T =>
      (view ? a.subarray(0, n * per) : a.slice(0, n * per)) as T;
    return {
      count: n,
      periods,
      desa: cut(this.desa),
      periode: cut(this.periode),
      desil: cut(this.desil),
      size: cut(this.size),
      lat: this.coords ? cut(this.lat) : null,
      lon: this.coords ? cut(this.lon) : null,
      flags: Object.fromEntries(flagKeys.map((k, f) => [k, cut(this.flags[f])])),
      key_hash: this.key ? cut(this.keyHash, KEY_HASH_BYTES) : null,
      source_row: cut(this.row),
    };
  }
}

/** Indices of the columns a mapping reads (fields, desil counts, flags): the only ones a pass needs. */
export function mappedColumns(columns: readonly string[], mapping: ColumnMapping): number[] {
  const names = [
    ...Object.values(mapping.fields),
    ...(mapping.desil_counts ?? []),
    ...Object.values(mapping.flags),
  ];
  return names.map((n) => columnIndex(columns, n)).filter((j) => j >= 0);
}

/** Runs the pass over `source` (see the module comment). */
export async function joinHouseholdRows(
  source: TableSource,
  options: HouseholdPassOptions,
): Promise<HouseholdPassResult> {
  const { columns } = source;
  const { mapping, lookup, hasher } = options;
  const f = mapping.fields;
  const desilCol = columnIndex(columns, f.desil);
  const sizeCol = columnIndex(columns, f.jumlah_art);
  const latCol = columnIndex(columns, f.lintang);
  const lonCol = columnIndex(columns, f.bujur);
  const pairCol = columnIndex(columns, f.koordinat);
  const keyCol = hasher ? columnIndex(columns, f.kunci_keluarga) : -1;
  const flagKeys = Object.keys(mapping.flags);
  const flagCols = flagKeys.map((k) => columnIndex(columns, mapping.flags[k]));
  const coords = pairCol >= 0 || (latCol >= 0 && lonCol >= 0);
  const ncol = columns.length;

  const numberFormats: Record<string, NumberFormat> = {};
  for (const [field, integer] of [
    ['desil', true],
    ['jumlah_art', true],
    ['lintang', false],
    ['bujur', false],
  ] as const) {
    const j = columnIndex(columns, f[field]);
    if (j >= 0)
      numberFormats[columns[j]] = detectNumberFormat(
        source.sample.map((r) => r[j] ?? null),
        integer,
      );
  }

  let state = freshState();
  function freshState() {
    const reasons = new ReasonTally();
    const unmatched = new UnmatchedTally();
    return {
      reasons,
      unmatched,
      desa: new DesaResolver(lookup, columns, mapping, unmatched),
      periode: new PeriodeResolver(columns, mapping, options.fallbackPeriode),
      buffer: new HouseholdBuffer(
        Math.max(1024, Math.ceil(source.layout.estimatedRecords * 1.02)),
        flagKeys.length,
        coords,
        keyCol >= 0,
      ),
      rowsRead: 0,
      blankLines: 0,
      coordinates: { kept: 0, swapped: 0, outside: 0, invalid: 0, missing: 0 },
      size: { known: 0, unknown: 0 },
      flagYes: new Array<number>(flagKeys.length).fill(0),
      flagOdd: new Array<number>(flagKeys.length).fill(0),
      keyed: 0,
      desilRejected: { desa: [], row: [], reason: [] } as DesilRejectedRows,
    };
  }
  const place = new Float64Array(2);
  const flagCache = new Map<string, 0 | 1 | 2>();
  // The last yes and no texts seen (`YA`/`TIDAK`): compared before the cache, as nearly every flag cell is one.
  let yesText = '\u0000';
  let noText = '\u0000';

  const onBatch = (records: string[][], firstRow: number) => {
    const s = state;
    const b = s.buffer;
    for (let k = 0; k < records.length; k++) {
      const cells = records[k];
      const row = firstRow + k;
      if (cells.length === 1 && cells[0].trim() === '') {
        s.blankLines++;
        continue;
      }
      s.rowsRead++;
      if (cells.length !== ncol) {
        let extraEmpty = cells.length > ncol;
        for (let j = ncol; extraEmpty && j < cells.length; j++)
          if (cells[j].trim() !== '') extraEmpty = false;
        if (!extraEmpty) {
          s.reasons.add(cells.every((c) => c.trim() === '') ? 'empty_row' : 'column_count', row);
          continue;
        }
      }
      const desa = s.desa.resolve(cells, row);
      if (typeof desa === 'string') {
        const empty = (desa === 'kode_empty' || desa === 'nama_empty') && cells.every((c) => c.trim() === '');
        s.reasons.add(empty ? 'empty_row' : desa, row);
        continue;
      }
      const desil = desilCol >= 0 ? parseDesil(cells[desilCol]) : 'desil_missing';
      if (typeof desil === 'string') {
        s.reasons.add(desil, row);
        s.desilRejected.desa.push(desa);
        s.desilRejected.row.push(row);
        s.desilRejected.reason.push(desil);
        continue;
      }
      const p = s.periode.resolve(cells);
      if (typeof p === 'string') {
        s.reasons.add(p, row);
        continue;
      }
      s.desa.countJoined();
      b.reserve();
      const r = b.count++;
      b.desa[r] = desa;
      b.periode[r] = p;
      b.desil[r] = desil;
      b.row[r] = row;
      s.periode.rowsPerPeriode[p]++;
      if (sizeCol >= 0) {
        const v = parseSize(cells[sizeCol]);
        b.size[r] = v;
        if (v > 0) s.size.known++;
        else s.size.unknown++;
      }
      if (coords) {
        let lat = Number.NaN;
        let lon = Number.NaN;
        if (pairCol >= 0) {
          const pair = parseCoordinatePair(cells[pairCol]);
          if (pair) [lat, lon] = pair;
          else if (cells[pairCol].trim() !== '') lat = Number.POSITIVE_INFINITY;
        } else {
          lat = parseCoordinate(cells[latCol]);
          lon = parseCoordinate(cells[lonCol]);
        }
        const status = placeCoordinates(lat, lon, options.extent, place);
        if (status === CoordinateStatus.Valid || status === CoordinateStatus.Swapped) {
          b.lat[r] = place[0];
          b.lon[r] = place[1];
          if (status === CoordinateStatus.Valid) s.coordinates.kept++;
          else {
            s.coordinates.kept++;
            s.coordinates.swapped++;
          }
        } else {
          b.lat[r] = Number.NaN;
          b.lon[r] = Number.NaN;
          if (status === CoordinateStatus.Missing) s.coordinates.missing++;
          else if (status === CoordinateStatus.Outside) s.coordinates.outside++;
          else s.coordinates.invalid++;
        }
      }
      for (let q = 0; q < flagCols.length; q++) {
        const j = flagCols[q];
        if (j < 0) continue;
        const text = cells[j];
        let v: 0 | 1 | 2 | undefined = text === yesText ? 1 : text === noText ? 0 : flagCache.get(text);
        if (v === undefined) {
          v = flagValue(text);
          if (flagCache.size < 10_000) flagCache.set(text, v);
        }
        if (v === 1) yesText = text;
        else if (v === 0) noText = text;
        b.flags[q][r] = v === 1 ? 1 : 0;
        if (v === 1) s.flagYes[q]++;
        else if (v === 2) s.flagOdd[q]++;
      }
      if (keyCol >= 0 && hasher && hasher.hashInto(cells[keyCol], b.keyHash, r * KEY_HASH_BYTES)) s.keyed++;
    }
  };

  await source.forEachBatch(onBatch, {
    onProgress: options.onProgress,
    signal: options.signal,
    columns: mappedColumns(columns, mapping),
    onRestart: () => {
      state = freshState();
      flagCache.clear();
    },
  });

  const s = state;
  const households = s.buffer.finish(s.periode.periods, flagKeys);
  return {
    households,
    rowsRead: s.rowsRead,
    blankLines: s.blankLines,
    reasons: s.reasons,
    unmatched: s.unmatched,
    joinedBy: s.desa.joinedBy,
    kabupaten: s.desa.kabupaten,
    conflicts: s.desa.conflicts,
    comparedColumns: s.desa.comparesNames ? s.desa.comparedColumns(columns) : null,
    rowsPerPeriode: s.periode.rowsPerPeriode,
    fallbackUsed: s.periode.fallbackUsed,
    coordinates: coords ? s.coordinates : null,
    size: sizeCol >= 0 ? s.size : null,
    flags: Object.fromEntries(
      flagKeys.map((k, q) => [
        k,
        { column: mapping.flags[k], yes: s.flagYes[q], unrecognised: s.flagOdd[q] },
      ]),
    ),
    key:
      keyCol >= 0
        ? { column: columns[keyCol], rows_hashed: s.keyed, rows_without_key: households.count - s.keyed }
        : null,
    numberFormats,
    desilRejected: s.desilRejected,
  };
}
