/**
 * Step 1e: one interface over CSV/TSV/TXT and XLSX files: the header row found, the column names, a sample of
 * data records, and a pass over all data records in batches. The importers only see this interface.
 *
 * Header row: among the first 50 records (blank ones and `#` ones skipped), the first with the most cells that
 * are known column names (see `isKnownColumnName`) or names the caller's mapping refers to; records before it
 * are title rows. No such record → `ImportError('no_header')`. Header cells are trimmed; an empty or damaged one
 * is named `kolom_<n>` (1-based); a repeated one gets a suffix (`DESIL (2)`).
 */
import { compactName, isKnownColumnName } from './column-names.ts';
import { detectByteFormat } from './encoding.ts';
import { msg } from '../messages/message.ts';
import { ImportError } from './errors.ts';
import { NotUtf8Error, readTextRecords, sniffText, type ReadOptions, type TextLayout } from './text-table.ts';
import { readXlsxRecords } from './xlsx.ts';

/** Records scanned for the header row. */
export const HEADER_SCAN_RECORDS = 50;
/** Data records kept as the sample for detection (identifiers, number formats, mapping). */
export const SAMPLE_RECORDS = 500;

/** How the file was read, before any mapping. */
export interface TableLayout {
  format: 'csv' | 'xlsx';
  bytes: number;
  text: TextLayout | null;
  /** Spreadsheet row number of the header. */
  headerRow: number;
  synthetic: boolean;
  /** Records expected in the file (from the sample; for sizing buffers, never for counting). */
  estimatedRecords: number;
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
  /**
   * Calls `onBatch(records, firstRow)` for every record after the header, in order (`firstRow` is the
   * spreadsheet row number of `records[0]`). When a text file turns out not to be UTF-8 past the sample, calls
   * `onRestart()` and reads again from the start as Windows-1252.
   */
  forEachBatch(
    onBatch: (records: string[][], firstRow: number) => void,
    options?: ReadOptions & { onRestart?: () => void },
  ): Promise<void>;
}

function isBlank(record: readonly string[]): boolean {
  return record.length === 1 && record[0].trim() === '';
}

/** Index of the header record in `records` (see the module comment), or -1. */
export function detectHeaderRecord(
  records: readonly (readonly string[])[],
  extraNames: readonly string[] = [],
): number {
  const extra = new Set(extraNames.map(compactName).filter((c) => c !== ''));
  let best = -1;
  let bestScore = 0;
  const end = Math.min(records.length, HEADER_SCAN_RECORDS);
  for (let i = 0; i < end; i++) {
    const r = records[i];
    if (isBlank(r) || r[0].trim().startsWith('#')) continue;
    let score = 0;
    for (const cell of r) if (isKnownColumnName(cell) || extra.has(compactName(cell))) score++;
    if (score > bestScore) {
      best = i;
      bestScore = score;
    }
  }
  return best;
}

/** Longest header cell kept as a column name. */
export const MAX_COLUMN_NAME = 60;

/**
 * Header cells → unique column names (see the module comment). Column names are shown and reported, so a cell
 * that cannot be a column name (a line break or control character inside, more than {@link MAX_COLUMN_NAME}
 * characters, or a digit run of NIK length: signs of a damaged header that swallowed data) is named
 * `kolom_<n>` instead.
 */
export function uniqueColumnNames(cells: readonly string[]): string[] {
  const seen = new Map<string, number>();
  return cells.map((cell, j) => {
    const t = cell.replace(/[ \t]+/g, ' ').trim();
    // eslint-disable-next-line no-control-regex -- control characters are what disqualifies a name
    const damaged = t.length > MAX_COLUMN_NAME || /[\u0000-\u001f\u007f]/.test(t) || /\d{14,}/.test(t);
    const base = t === '' || damaged ? `kolom_${j + 1}` : t;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return n === 1 ? base : `${base} (${n})`;
  });
}

function hasSyntheticMark(records: readonly (readonly string[])[]): boolean {
  return records.some((r) => r.some((c) => /DATA SINTETIS/i.test(c)));
}

/**
 * Opens a file: recognises the format (see `detectByteFormat`), reads the layout and the header, and keeps a
 * sample. `extraHeaderNames` (the column names of a mapping the caller already has) help find the header of a
 * file whose names are unusual. Throws {@link ImportError} for unusable files.
 */
export async function openTable(
  bytes: Uint8Array,
  fileName: string,
  extraHeaderNames: readonly string[] = [],
): Promise<TableSource> {
  const format = detectByteFormat(bytes, fileName);
  if (format === 'xlsx') {
    // A sheet row with no value at all is a blank line (an XLSX cannot tell it from a missing row).
    const records = (await readXlsxRecords(bytes, fileName)).records.map((r) =>
      r.every((c) => c === '') ? [''] : r,
    );
    const h = detectHeaderRecord(records, extraHeaderNames);
    if (h < 0) throw noHeader(fileName, records.length);
    const sample = records
      .slice(h + 1, h + 1 + SAMPLE_RECORDS * 2)
      .filter((r) => !isBlank(r) && r.some((c) => c.trim() !== ''))
      .slice(0, SAMPLE_RECORDS);
    return {
      fileName,
      layout: {
        format,
        bytes: bytes.length,
        text: null,
        headerRow: h + 1,
        synthetic: hasSyntheticMark(records.slice(0, h)),
        estimatedRecords: records.length,
      },
      columns: uniqueColumnNames(records[h]),
      sample,
      async forEachBatch(onBatch, options = {}) {
        const batch = 20_000;
        for (let from = h + 1; from < records.length; from += batch) {
          onBatch(records.slice(from, from + batch), from + 1);
          options.onProgress?.(Math.min(1, (from + batch) / records.length));
          if (from + batch < records.length && options.signal) {
            await new Promise<void>((resolve) => setTimeout(resolve, 0));
            options.signal.throwIfAborted();
          }
        }
      },
    };
  }
  const { layout, records, estimatedRecords } = sniffText(bytes);
  const h = detectHeaderRecord(records, extraHeaderNames);
  if (h < 0) throw noHeader(fileName, records.length);
  const headerRow = layout.preambleLines + h + 1;
  const text: TextLayout = { ...layout };
  const sample = records
    .slice(h + 1)
    .filter((r) => !isBlank(r))
    .slice(0, SAMPLE_RECORDS);
  return {
    fileName,
    layout: {
      format: 'csv',
      bytes: bytes.length,
      text,
      headerRow,
      synthetic: layout.synthetic || hasSyntheticMark(records.slice(0, h)),
      estimatedRecords,
    },
    columns: uniqueColumnNames(records[h]),
    sample,
    async forEachBatch(onBatch, options = {}) {
      const pass = () =>
        readTextRecords(
          bytes,
          text,
          (batch, firstRow) => {
            const skip = Math.max(0, headerRow + 1 - firstRow);
            if (skip >= batch.length) return;
            onBatch(skip > 0 ? batch.slice(skip) : batch, firstRow + skip);
          },
          options,
        );
      try {
        await pass();
      } catch (error) {
        if (!(error instanceof NotUtf8Error)) throw error;
        text.encoding = 'windows-1252';
        options.onRestart?.();
        await pass();
      }
    },
  };
}

function noHeader(fileName: string, records: number): ImportError {
  return new ImportError(
    records === 0 ? 'no_data_rows' : 'no_header',
    records === 0
      ? msg('import.error.no_records', { file: fileName })
      : msg('import.error.no_header', { file: fileName, rows: Math.min(records, HEADER_SCAN_RECORDS) }),
    fileName,
  );
}
