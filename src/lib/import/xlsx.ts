/**
 * Step 1c: XLSX workbooks → records, with `read-excel-file`'s `/universal` entry (it takes an `ArrayBuffer` and
 * runs unchanged in a Web Worker and in Node; the `/browser` entry would start Workers of its own).
 *
 * Cells become strings as a CSV would hold them: numbers keep the text stored in the sheet XML
 * (`parseNumber` returns it untouched, so a 10-digit code stays exact and is never rounded through a float),
 * booleans become `TRUE`/`FALSE`, dates `YYYY-MM-DD`, empty cells `''`. Row `i` of the result is spreadsheet
 * row `i + 1` of the first sheet.
 */
import { readSheet } from 'read-excel-file/universal';
import { msg } from '../messages/message.ts';
import { ImportError } from './errors.ts';

/** The first sheet of a workbook as string records. */
export interface XlsxRecords {
  records: string[][];
}

function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString().slice(0, 10);
  return String(value);
}

/**
 * Reads the first sheet of an XLSX workbook. A ZIP that is not a readable workbook gives an
 * {@link ImportError} (`xlsx_unreadable`) naming the file.
 */
export async function readXlsxRecords(bytes: Uint8Array, fileName: string): Promise<XlsxRecords> {
  const buffer =
    bytes.byteOffset === 0 &&
    bytes.byteLength === bytes.buffer.byteLength &&
    bytes.buffer instanceof ArrayBuffer
      ? bytes.buffer
      : bytes.slice().buffer;
  let rows: unknown[][];
  try {
    rows = (await readSheet(buffer, { parseNumber: (text: string) => text })) as unknown[][];
  } catch (error) {
    throw new ImportError(
      'xlsx_unreadable',
      msg('import.error.xlsx_unreadable', {
        file: fileName,
        reason: error instanceof Error ? error.message : String(error),
      }),
      fileName,
    );
  }
  return { records: rows.map((row) => row.map(cellText)) };
}
