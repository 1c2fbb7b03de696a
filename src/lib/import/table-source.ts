/**
 * Step 1e: one interface over CSV/TSV/TXT and XLSX files: the header found (see `header-row.ts`), the column
 * names, a sample of data records, and a pass over all data records in batches. The importers only see this
 * interface. A workbook is read one sheet at a time: the sheet named by the caller, else its default sheet
 * (see `xlsx.ts`); the other sheets are listed in `layout.sheets`.
 */
import { allBytes, isByteSource, type ByteSource } from './byte-source.ts';
import { detectByteFormat } from './encoding.ts';
import { msg } from '../messages/message.ts';
import { ImportError } from './errors.ts';
import { detectHeader, HEADER_SCAN_RECORDS, uniqueColumnNames } from './header-row.ts';
import {
  NotUtf8Error,
  readTextRecords,
  sniffText,
  SNIFF_HEAD_BYTES,
  StrayQuoteError,
  strayQuoteIndex,
  type ReadOptions,
  type TextLayout,
} from './text-table.ts';
import { openWorkbook, readSheet, type SheetRef, type Workbook } from './xlsx.ts';

export { HEADER_SCAN_RECORDS, uniqueColumnNames };
/** Data records kept as the sample for detection (identifiers, number formats, mapping). */
export const SAMPLE_RECORDS = 500;

/** How the file was read, before any mapping. */
export interface TableLayout {
  format: 'csv' | 'xlsx';
  bytes: number;
  text: TextLayout | null;
  /** Spreadsheet row number of the (last) header row. */
  headerRow: number;
  /** 2 for a two-row header. */
  headerRows: 1 | 2;
  synthetic: boolean;
  /** Records expected in the file (from the sample; for sizing buffers, never for counting). */
  estimatedRecords: number;
  /** Workbooks: the sheet read, and every sheet of the workbook. */
  sheet: string | null;
  sheets: SheetRef[] | null;
}

/** An opened table (see the module comment). */
export interface TableSource {
  fileName: string;
  layout: TableLayout;
  columns: string[];
  /**
   * First data records after the header, blank records left out, cells as in the file (identifier cells
   * included: internal to the importer, never returned).
   */
  sample: string[][];
  /** Text read quote-tolerant: records in which a stray quote was read as a character (after the last pass). */
  quoteRepairs: { rows: number; first_rows: number[] };
  /**
   * Calls `onBatch(records, firstRow)` for every record after the header, in order (`firstRow` is the
   * spreadsheet row number of `records[0]`). When a text file turns out not to be UTF-8 past the sample, or to
   * hold stray quotes, calls `onRestart()` and reads again from the start (as Windows-1252, or quote-tolerant).
   */
  forEachBatch(
    onBatch: (records: string[][], firstRow: number) => void,
    options?: ReadOptions & { onRestart?: () => void },
  ): Promise<void>;
}

/** Rows listed per file whose stray quotes were read as characters. */
export const FIRST_REPAIRS_KEPT = 10;

/** The most common record length (blank records left out), for a table whose header is not found yet. */
function modalWidth(records: readonly (readonly string[])[]): number {
  const counts = new Map<number, number>();
  for (const r of records) if (!isBlank(r)) counts.set(r.length, (counts.get(r.length) ?? 0) + 1);
  let best = 0;
  let freq = 0;
  for (const [w, f] of counts) if (f > freq) [best, freq] = [w, f];
  return best;
}

/** Options of {@link openTable}. */
export interface OpenOptions {
  /** Column names of a mapping the caller already has: they help find the header of an unusual file. */
  extraHeaderNames?: readonly string[];
  /** Workbooks: the sheet to read (default: the workbook's default sheet). */
  sheet?: string;
}

function isBlank(record: readonly string[]): boolean {
  return record.length === 1 && record[0].trim() === '';
}

/** Index of the header record in `records` (see `header-row.ts`), or -1. */
export function detectHeaderRecord(
  records: readonly (readonly string[])[],
  extraNames: readonly string[] = [],
): number {
  return detectHeader(records, extraNames).index;
}

function hasSyntheticMark(records: readonly (readonly string[])[]): boolean {
  return records.some((r) => r.some((c) => /DATA SINTETIS/i.test(c)));
}

/** The sheet of a workbook to read: the one named (hidden ones too, when named), else the default one. */
function chooseSheet(wb: Workbook, fileName: string, name: string | undefined): string {
  if (name !== undefined) {
    if (wb.sheets.some((s) => s.name === name)) return name;
    throw new ImportError(
      'sheet_not_found',
      msg('import.error.sheet_not_found', {
        file: fileName,
        sheet: name,
        sheets: wb.sheets.map((s) => s.name).join(', '),
      }),
      fileName,
    );
  }
  if (wb.defaultSheet === null)
    throw new ImportError('no_data_rows', msg('import.error.no_visible_sheet', { file: fileName }), fileName);
  return wb.defaultSheet;
}

/** Pads or cuts a sheet record to the header width (a sheet has no separators to miscount). */
function fitRecord(record: string[], width: number): string[] {
  if (record.length === 1 && record[0] === '') return record;
  if (record.length < width) {
    for (let j = record.length; j < width; j++) record.push('');
    return record;
  }
  return record;
}

/**
 * Opens a file: recognises the format (see `detectByteFormat`), reads the layout and the header, and keeps a
 * sample. Throws {@link ImportError} for unusable files. `input` is the file's bytes or a {@link ByteSource}:
 * a text file is then read from its first MiB and streamed on every pass, never held whole; a workbook is
 * read into memory (its ZIP directory is at the end).
 */
export async function openTable(
  input: Uint8Array | ByteSource,
  fileName: string,
  options: OpenOptions | readonly string[] = {},
): Promise<TableSource> {
  const opts: OpenOptions = Array.isArray(options)
    ? { extraHeaderNames: options as readonly string[] }
    : (options as OpenOptions);
  const extraHeaderNames = opts.extraHeaderNames ?? [];
  const size = isByteSource(input) ? input.size : input.length;
  const head = isByteSource(input) ? await input.read(0, SNIFF_HEAD_BYTES) : input;
  const format = detectByteFormat(head, fileName, size);
  if (format === 'xlsx') {
    const bytes = await allBytes(input);
    const book = openWorkbook(bytes, fileName);
    const sheet = chooseSheet(book, fileName, opts.sheet);
    // Messages name the sheet too when there is more than one (the reader's own refusals as well).
    const label = book.sheets.length > 1 ? `${fileName} [${sheet}]` : fileName;
    const wb = openWorkbook(bytes, label);
    const head: string[][] = [];
    await readSheet(wb, sheet, (records) => void head.push(...records), {
      maxRecords: HEADER_SCAN_RECORDS + 2 * SAMPLE_RECORDS,
    });
    const found = detectHeader(head, extraHeaderNames);
    if (!('cells' in found)) throw noHeader(label, head.length, found.dataFirst);
    const h = found.index;
    const columns = uniqueColumnNames(found.cells);
    const width = columns.length;
    const sample = head
      .slice(h + 1)
      .filter((r) => !isBlank(r))
      .slice(0, SAMPLE_RECORDS)
      .map((r) => fitRecord([...r], width));
    const entry = wb.entries.find((e) => e.name === wb.sheets.find((s) => s.name === sheet)?.part);
    return {
      fileName: label,
      layout: {
        format,
        bytes: bytes.length,
        text: null,
        headerRow: h + 1,
        headerRows: found.rows,
        synthetic: hasSyntheticMark(head.slice(0, h)),
        // The sample's share of the sheet's declared size, for sizing buffers only.
        // From the sheet's declared size (about 32 bytes of XML per cell), for sizing buffers only: capped, as a
        // declared size can lie.
        estimatedRecords:
          head.length < HEADER_SCAN_RECORDS + 2 * SAMPLE_RECORDS
            ? head.length
            : Math.min(
                2_000_000,
                Math.max(head.length, Math.ceil((entry?.size ?? 0) / (32 * Math.max(1, width)))),
              ),
        sheet,
        sheets: wb.sheets,
      },
      columns,
      sample,
      quoteRepairs: { rows: 0, first_rows: [] },
      async forEachBatch(onBatch, options = {}) {
        await readSheet(
          wb,
          sheet,
          (records, firstRow) => {
            const skip = Math.max(0, h + 2 - firstRow);
            if (skip >= records.length) return;
            const rows = skip > 0 ? records.slice(skip) : records;
            for (let k = 0; k < rows.length; k++) fitRecord(rows[k], width);
            onBatch(rows, firstRow + skip);
          },
          {
            signal: options.signal,
            onProgress: options.onProgress,
            ...(options.columns ? { columns: options.columns } : {}),
          },
        );
      },
    };
  }
  let { layout, records, estimatedRecords } = sniffText(head, undefined, size);
  let found = detectHeader(records, extraHeaderNames);
  // A stray quote that swallowed rows (even the header's): read the file quote-tolerant (see `quotes.ts`).
  const width = 'cells' in found ? found.cells.length : modalWidth(records);
  if (strayQuoteIndex(records, width, layout.separator) >= 0) {
    ({ layout, records, estimatedRecords } = sniffText(head, { mode: 'tolerant', columns: width }, size));
    found = detectHeader(records, extraHeaderNames);
  }
  if (!('cells' in found)) throw noHeader(fileName, records.length, found.dataFirst);
  const h = found.index;
  const headerRow = layout.preambleLines + h + 1;
  const text: TextLayout = { ...layout, columns: found.cells.length };
  const repairs = { rows: 0, first_rows: [] as number[] };
  const sample = records
    .slice(h + 1)
    .filter((r) => !isBlank(r))
    .slice(0, SAMPLE_RECORDS);
  return {
    fileName,
    layout: {
      format: 'csv',
      bytes: size,
      text,
      headerRow,
      headerRows: found.rows,
      synthetic: layout.synthetic || hasSyntheticMark(records.slice(0, h)),
      estimatedRecords,
      sheet: null,
      sheets: null,
    },
    columns: uniqueColumnNames(found.cells),
    sample,
    quoteRepairs: repairs,
    async forEachBatch(onBatch, options = {}) {
      const pass = () => {
        repairs.rows = 0;
        repairs.first_rows = [];
        return readTextRecords(
          input,
          text,
          (batch, firstRow) => {
            const skip = Math.max(0, headerRow + 1 - firstRow);
            if (skip >= batch.length) return;
            onBatch(skip > 0 ? batch.slice(skip) : batch, firstRow + skip);
          },
          {
            ...options,
            onRepair: (row) => {
              if (row <= headerRow) return;
              repairs.rows++;
              if (repairs.first_rows.length < FIRST_REPAIRS_KEPT) repairs.first_rows.push(row);
            },
          },
        );
      };
      // At most one restart for each cause: invalid UTF-8 past the sample, a stray quote past the sample.
      for (let attempt = 0; ; attempt++) {
        try {
          await pass();
          return;
        } catch (error) {
          if (attempt >= 2) throw error;
          if (error instanceof NotUtf8Error) text.encoding = 'windows-1252';
          else if (error instanceof StrayQuoteError && text.quotes === 'standard') text.quotes = 'tolerant';
          else throw error;
          options.onRestart?.();
        }
      }
    },
  };
}

function noHeader(fileName: string, records: number, dataFirst: boolean): ImportError {
  return new ImportError(
    records === 0 ? 'no_data_rows' : 'no_header',
    records === 0
      ? msg('import.error.no_records', { file: fileName })
      : dataFirst
        ? msg('import.error.no_header_data', { file: fileName })
        : msg('import.error.no_header', { file: fileName, rows: Math.min(records, HEADER_SCAN_RECORDS) }),
    fileName,
  );
}
