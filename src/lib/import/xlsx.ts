/**
 * Step 1c-ii: XLSX workbooks (ECMA-376 SpreadsheetML) → sheets and records, streamed: the ZIP entries are
 * inflated with a size limit (`zip.ts`) and their XML read as a stream — the small parts with `saxes`, the sheet
 * data and shared strings with the scanner of `sheet-xml.ts` — so a sheet of a million rows never exists as one
 * string or one array.
 *
 * - Sheets: `xl/workbook.xml` lists them in tab order with their state (`visible`, `hidden`, `veryHidden`) and
 *   the active tab (`<workbookView activeTab>`); `xl/_rels/workbook.xml.rels` gives each one's part. The
 *   default sheet is the active one when it is visible, else the first visible one (a hidden lookup sheet placed
 *   first is never read by default).
 * - Cells become strings as a CSV would hold them: numbers keep the text stored in the sheet XML (a 10-digit code
 *   stays exact and is never rounded through a float), shared and inline strings their text, booleans
 *   `TRUE`/`FALSE`, errors `''`, and numbers whose style is a date format (built-in ids 14–22, 27–36, 45–47,
 *   50–58, or a custom format with d/m/y outside quotes and brackets) `YYYY-MM-DD` from the serial (1900 or 1904
 *   date system).
 * - Records are numbered as spreadsheet rows; rows missing from the XML are blank records, so numbering never
 *   skips.
 * Shared strings are kept (they are referenced by index), with at most {@link MAX_SHARED_CHARS} characters in
 * all; everything else streams.
 */
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { MAX_COLUMNS, MAX_ROWS, SharedStringScanner, SheetScanner, SheetXmlError } from './sheet-xml.ts';
import { msg } from '../messages/message.ts';
import { checkpoint, ImportError } from './errors.ts';
import {
  entryText,
  inflateEntryChunks,
  RATIO_LIMIT,
  readZipDirectory,
  ZipFormatError,
  ZipLimitError,
  type ZipEntry,
} from './zip.ts';

/** Bytes decoded and scanned at a time: strings this small are young objects, freed at once. */
const PIECE_BYTES = 64 << 10;

/** `chunk` in pieces of at most {@link PIECE_BYTES} (views, no copies). */
function* pieces(chunk: Uint8Array): Generator<Uint8Array> {
  for (let p = 0; p < chunk.length; p += PIECE_BYTES)
    yield chunk.subarray(p, Math.min(chunk.length, p + PIECE_BYTES));
}

/** Characters of shared strings kept at most (a workbook past this is refused, not read in part). */
export const MAX_SHARED_CHARS = 256 << 20;
/** Inflated sheet bytes between abort checks. */
const CHECK_BYTES = 8 << 20;

/** One sheet of a workbook. */
export interface SheetRef {
  name: string;
  state: 'visible' | 'hidden' | 'veryHidden';
  /** Part name in the ZIP, e.g. `xl/worksheets/sheet1.xml`. */
  part: string;
}

/** An opened workbook: its sheets and what is shared between them. */
export interface Workbook {
  fileName: string;
  sheets: SheetRef[];
  /** Index into `sheets` of the active tab (may be hidden). */
  active: number;
  /** The sheet read when none is named (see the module comment); null when no sheet is visible. */
  defaultSheet: string | null;
  bytes: Uint8Array;
  entries: ZipEntry[];
  /** Loaded on first use (a holder shared by the copies of one workbook, see `openWorkbook`). */
  shared: { strings: SharedStrings | null };
  /** Style index → whether it formats a date. */
  dateStyles: boolean[];
  date1904: boolean;
}

const localName = (name: string) => {
  const i = name.indexOf(':');
  return i < 0 ? name : name.slice(i + 1);
};

function parser(): SaxesParser {
  return new SaxesParser({ xmlns: false, position: false });
}

/** Refusals of the reader as one-line messages naming the file (and sheet). */
function unreadable(fileName: string, reason: string): ImportError {
  return new ImportError(
    'xlsx_unreadable',
    msg('import.error.xlsx_unreadable', { file: fileName, reason }),
    fileName,
  );
}

function tooLarge(fileName: string, error: ZipLimitError): ImportError {
  return new ImportError(
    'xlsx_too_large',
    msg('import.error.xlsx_too_large', {
      file: fileName,
      part: error.entry,
      mb: Math.round(error.limit / (1 << 20)),
      ratio: RATIO_LIMIT,
    }),
    fileName,
  );
}

/** Runs `f`, turning ZIP and XML failures into the reader's refusals. */
function guarded<T>(fileName: string, f: () => T): T {
  try {
    return f();
  } catch (error) {
    throw translate(fileName, error);
  }
}

function translate(fileName: string, error: unknown): unknown {
  if (error instanceof ImportError || (error instanceof Error && error.name === 'AbortError')) return error;
  if (error instanceof ZipLimitError) return tooLarge(fileName, error);
  if (error instanceof ZipFormatError) return unreadable(fileName, error.message);
  // saxes says where the XML broke and why; never a cell's text.
  if (error instanceof Error)
    return unreadable(fileName, `XML: ${error.message.split('\n')[0].slice(0, 120)}`);
  return unreadable(fileName, String(error).slice(0, 120));
}

/** Tags of a small XML part, in order (the workbook, its relations, styles). */
function tagsOf(text: string): SaxesTagPlain[] {
  const out: SaxesTagPlain[] = [];
  const p = parser();
  p.on('opentag', (tag) => out.push(tag as SaxesTagPlain));
  p.write(text).close();
  return out;
}

const BUILTIN_DATE_FORMATS = new Set([
  14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54,
  55, 56, 57, 58,
]);

/** Whether a custom number format shows a date: d, m or y outside quoted text and `[...]` sections. */
export function isDateFormat(code: string): boolean {
  const bare = code.replace(/"[^"]*"|\[[^\]]*\]|\\./g, '');
  return /[dmy]/i.test(bare) && !/^[#0.,\s%]*$/.test(bare);
}

/**
 * Opens a workbook (see the module comment): its sheets, states and default sheet. Throws {@link ImportError}
 * (`xlsx_unreadable`, `xlsx_too_large`) naming the file.
 */
export function openWorkbook(bytes: Uint8Array, fileName: string): Workbook {
  // The same bytes opened again (another sheet's header, then the import) share one workbook and its strings.
  const cached = opened.get(bytes);
  if (cached) return cached.fileName === fileName ? cached : { ...cached, fileName };
  const wb = readWorkbook(bytes, fileName);
  opened.set(bytes, wb);
  return wb;
}

/** Workbooks opened, by their bytes (weakly: a workbook lives as long as its bytes). */
const opened = new WeakMap<Uint8Array, Workbook>();

function readWorkbook(bytes: Uint8Array, fileName: string): Workbook {
  return guarded(fileName, () => {
    const entries = readZipDirectory(bytes);
    const workbookXml = entryText(bytes, entries, 'xl/workbook.xml');
    if (workbookXml === null) throw new ZipFormatError('no xl/workbook.xml');
    const relsXml = entryText(bytes, entries, 'xl/_rels/workbook.xml.rels') ?? '';
    const targets = new Map<string, string>();
    for (const t of tagsOf(relsXml))
      if (localName(t.name) === 'Relationship') {
        const target = t.attributes.Target ?? '';
        targets.set(t.attributes.Id ?? '', target.startsWith('/') ? target.slice(1) : `xl/${target}`);
      }
    const sheets: SheetRef[] = [];
    let active = 0;
    let date1904 = false;
    for (const t of tagsOf(workbookXml)) {
      const name = localName(t.name);
      const a = t.attributes as Record<string, string>;
      if (name === 'sheet') {
        const rid = Object.entries(t.attributes).find(([k]) => localName(k) === 'id')?.[1] ?? '';
        const state = a.state === 'hidden' || a.state === 'veryHidden' ? a.state : 'visible';
        const part = targets.get(rid) ?? `xl/worksheets/sheet${sheets.length + 1}.xml`;
        sheets.push({
          name: t.attributes.name ?? `Sheet${sheets.length + 1}`,
          state,
          part: part.replace(/\/\.\//g, '/'),
        });
      } else if (name === 'workbookView' && t.attributes.activeTab !== undefined) {
        active = Number(t.attributes.activeTab) || 0;
      } else if (name === 'workbookPr') {
        date1904 = t.attributes.date1904 === '1' || t.attributes.date1904 === 'true';
      }
    }
    if (sheets.length === 0) throw new ZipFormatError('no sheet');
    const visible = sheets.filter((s) => s.state === 'visible');
    const defaultSheet =
      sheets[active]?.state === 'visible' ? sheets[active].name : (visible[0]?.name ?? null);
    const dateStyles = readDateStyles(entryText(bytes, entries, 'xl/styles.xml'));
    return {
      fileName,
      sheets,
      active,
      defaultSheet,
      bytes,
      entries,
      shared: { strings: null },
      dateStyles,
      date1904,
    };
  });
}

function readDateStyles(xml: string | null): boolean[] {
  if (xml === null) return [];
  const custom = new Map<number, boolean>();
  const out: boolean[] = [];
  let inXfs = false;
  const p = parser();
  p.on('opentag', (t) => {
    const name = localName(t.name);
    const a = t.attributes as Record<string, string>;
    if (name === 'numFmt') custom.set(Number(a.numFmtId), isDateFormat(a.formatCode ?? ''));
    else if (name === 'cellXfs') inXfs = true;
    else if (name === 'xf' && inXfs) {
      const id = Number(a.numFmtId ?? 0);
      out.push(custom.get(id) ?? BUILTIN_DATE_FORMATS.has(id));
    }
  });
  p.on('closetag', (t) => {
    if (localName(t.name) === 'cellXfs') inXfs = false;
  });
  p.write(xml).close();
  return out;
}

/**
 * The shared strings of a workbook, kept compact: their text appended into blocks of about 1 MiB, with each
 * string's block, start and length in typed arrays, so that a million strings (a sheet's names and NIK kept
 * as text) cost their characters and 12 bytes each, not a million string objects. A string is made only when a
 * cell that is read refers to it.
 */
export class SharedStrings {
  private readonly blocks: string[] = [];
  private current = '';
  private block = new Uint32Array(1024);
  private start = new Uint32Array(1024);
  private length = new Uint32Array(1024);
  count = 0;
  chars = 0;
  /** Reads on in the part: false once it is all read (set by the loader). */
  more: () => boolean = () => false;
  private complete = false;

  add(text: string): void {
    if (this.count === this.block.length) {
      const grow = (a: Uint32Array) => {
        const b = new Uint32Array(a.length * 2);
        b.set(a);
        return b;
      };
      this.block = grow(this.block);
      this.start = grow(this.start);
      this.length = grow(this.length);
    }
    if (this.current.length + text.length > 1 << 20 && this.current.length > 0) {
      // Flattened now, so that the pieces it was built of (slices of the decoded XML) can be freed at once.
      void this.current.charCodeAt(0);
      this.blocks.push(this.current);
      this.current = '';
    }
    this.block[this.count] = this.blocks.length;
    this.start[this.count] = this.current.length;
    this.length[this.count] = text.length;
    this.current += text;
    this.count++;
    this.chars += text.length;
  }

  /** The string at `index` (read on as far as needed), or `''` when there is none. */
  get(index: number): string {
    if (!(index >= 0)) return '';
    while (index >= this.count && !this.complete) if (!this.more()) this.complete = true;
    if (index >= this.count) return '';
    const k = this.block[index];
    // The block being filled is a rope: flattened by the read, which later slices share.
    const b = k < this.blocks.length ? this.blocks[k] : this.current;
    const s = this.start[index];
    return b.slice(s, s + this.length[index]);
  }
}

/**
 * The workbook's shared strings, loaded as far as they are needed: a cell that refers to string `k` makes the
 * part be read on (streamed, see `sheet-xml.ts`) until `k` is known. Workbooks list their strings in the order
 * cells first use them, so the header and sample of an inspection need only the first ones, and the full pass
 * reads the rest as it goes.
 */
function sharedStrings(wb: Workbook): SharedStrings {
  if (wb.shared.strings) return wb.shared.strings;
  const entry = wb.entries.find((e) => e.name === 'xl/sharedStrings.xml');
  const out = new SharedStrings();
  if (entry) {
    const scanner = new SharedStringScanner((text) => {
      out.add(text);
      if (out.chars > MAX_SHARED_CHARS) throw new ZipLimitError(entry.name, MAX_SHARED_CHARS);
    });
    const decoder = new TextDecoder('utf-8');
    const chunks = inflateEntryChunks(wb.bytes, entry);
    out.more = () => {
      const next = chunks.next();
      if (next.done) {
        scanner.push(decoder.decode());
        return false;
      }
      for (const piece of pieces(next.value)) scanner.push(decoder.decode(piece, { stream: true }));
      return true;
    };
  }
  wb.shared.strings = out;
  return out;
}

/** A date serial as `YYYY-MM-DD` (Excel's 1900 system counts the fictitious 29 February 1900). */
export function serialToDate(serial: number, date1904 = false): string {
  const days = Math.floor(serial) + (date1904 ? 1462 : 0);
  const ms = Date.UTC(1899, 11, 30) + (days < 61 && !date1904 ? days + 1 : days) * 86_400_000;
  return Number.isFinite(ms) ? new Date(ms).toISOString().slice(0, 10) : '';
}

/** The columns not in `read` (up to Excel's last column), as flags for the scanner; null: read all. */
function skipColumns(read: readonly number[] | undefined): Uint8Array | null {
  if (!read) return null;
  const skip = new Uint8Array(MAX_COLUMNS).fill(1);
  for (const j of read) if (j >= 0 && j < MAX_COLUMNS) skip[j] = 0;
  return skip;
}

/** Options of {@link readSheet}. */
export interface SheetReadOptions {
  /** Records per call of `onBatch` (default 500). */
  batch?: number;
  /** Stop after this many records (the sample read). */
  maxRecords?: number;
  signal?: AbortSignal;
  onProgress?: (fraction: number) => void;
  /**
   * Only these columns are read: the others that hold a value become {@link UNREAD_CELL} (not empty, never a
   * value), so row checks see the cell without its text being copied out of the sheet.
   */
  columns?: readonly number[];
}

/** The placeholder of a cell that holds a value in a column that is not read (see `SheetReadOptions.columns`). */
export const UNREAD_CELL = '\u0001';

/**
 * Streams the records of sheet `name` to `onBatch(records, firstRow)` in row order (see the module comment),
 * with abort checks between inflated chunks. Throws {@link ImportError} naming the file.
 */
export async function readSheet(
  wb: Workbook,
  name: string,
  onBatch: (records: string[][], firstRow: number) => void,
  options: SheetReadOptions = {},
): Promise<void> {
  const sheet = wb.sheets.find((s) => s.name === name);
  const entry = sheet && wb.entries.find((e) => e.name === sheet.part);
  if (!sheet || !entry) throw unreadable(wb.fileName, `sheet "${name}" not found`);
  const shared = sharedStrings(wb);
  // Small batches keep each batch's records in V8's young generation (as the text reader's 64 KiB chunks do).
  const batchSize = options.batch ?? 500;
  const max = options.maxRecords ?? Infinity;
  let batch: string[][] = [];
  let batchFirst = 1;
  let nextRow = 1; // spreadsheet row the next record will be
  let emitted = 0;
  let done = false;
  let row: string[] = [];

  const push = (record: string[]) => {
    if (batch.length === 0) batchFirst = nextRow;
    batch.push(record);
    nextRow++;
    emitted++;
    if (emitted >= max) done = true;
    if (batch.length >= batchSize || done) {
      onBatch(batch, batchFirst);
      batch = [];
    }
  };

  const scanner = new SheetScanner(
    (r) => {
      if (done) return;
      const rowNumber = r !== null && r >= nextRow ? r : nextRow;
      if (rowNumber > MAX_ROWS) throw new SheetXmlError(`more than ${MAX_ROWS} rows`);
      while (nextRow < rowNumber && !done) push(['']);
      row = [];
    },
    (col, type, style, value) => {
      let text = value;
      if (type === 'skip') text = UNREAD_CELL;
      else if (type === 's') text = shared.get(Number(value));
      else if (type === 'b') text = value === '1' ? 'TRUE' : value === '0' ? 'FALSE' : '';
      else if (type === 'e') text = '';
      else if (type === 'd') text = value.slice(0, 10);
      else if (type === 'n' && value !== '' && wb.dateStyles[style])
        text = serialToDate(Number(value), wb.date1904);
      while (row.length < col) row.push('');
      row[col] = text;
    },
    () => {
      // A row with no value at all is a blank line, as in a text file.
      if (!done) push(row.length === 0 || row.every((c) => c === '') ? [''] : row);
    },
    skipColumns(options.columns),
  );

  const decoder = new TextDecoder('utf-8');
  let sinceCheck = 0;
  let seen = 0;
  try {
    outer: for (const chunk of inflateEntryChunks(wb.bytes, entry)) {
      for (const piece of pieces(chunk))
        if (!scanner.push(decoder.decode(piece, { stream: true })) || done) break outer;
      sinceCheck += chunk.length;
      seen += chunk.length;
      if (sinceCheck >= CHECK_BYTES) {
        sinceCheck = 0;
        options.onProgress?.(Math.min(0.99, seen / Math.max(entry.size, 1)));
        await checkpoint(options.signal);
      }
    }
  } catch (error) {
    throw translate(wb.fileName, error);
  }
  if (batch.length > 0) onBatch(batch, batchFirst);
  options.onProgress?.(1);
}
