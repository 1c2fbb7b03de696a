/**
 * Published tables as CSV text: every cell of a count goes through {@link Published}, so a file can only hold
 * what the screen may show. Text cells that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab,
 * CR at the start) are neutralised with a leading apostrophe (OWASP, "CSV Injection"); numbers are written
 * as numbers.
 */
import Papa from 'papaparse';
import { publishedText, type Published } from './published.ts';

/** A cell: text, a number, a published figure, or empty. */
export type CsvCell = string | number | Published | null;

export interface CsvOptions {
  /** Field separator (default `;`, what Excel expects in Indonesian locales). */
  delimiter?: ';' | ',' | '\t';
  /** A UTF-8 byte-order mark first, so Excel opens the file as UTF-8. */
  bom?: boolean;
  /** Decimals of non-integer numbers (default 6). */
  decimals?: number;
}

const EOL = '\r\n';
const FORMULA_START = /^[=+\-@\t\r]/;

/** A text cell that cannot start a formula. */
export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

function numberText(v: number, decimals: number): string {
  if (!Number.isFinite(v)) return '';
  return Number.isInteger(v) ? String(v) : v.toFixed(decimals);
}

/** The text of one cell (see the module comment); hidden figures and no data are empty. */
export function csvCellText(cell: CsvCell, decimals = 6): string {
  if (cell === null) return '';
  if (typeof cell === 'number') return numberText(cell, decimals);
  if (typeof cell === 'string') return neutraliseFormula(cell);
  return publishedText(cell, { format: (v) => numberText(v, decimals), hidden: '', none: '' });
}

/**
 * A CSV file: `#` comment lines (title, date, source, the synthetic-data mark, the suppression note), a
 * header, rows; CRLF line ends.
 */
export function publishedCsv(
  table: { comments: readonly string[]; fields: readonly string[]; rows: readonly (readonly CsvCell[])[] },
  options: CsvOptions = {},
): string {
  const decimals = options.decimals ?? 6;
  const body = Papa.unparse(
    {
      fields: [...table.fields],
      data: table.rows.map((row) => row.map((cell) => csvCellText(cell, decimals))),
    },
    { delimiter: options.delimiter ?? ';', newline: EOL },
  );
  const head = table.comments.map((c) => `# ${c}${EOL}`).join('');
  return `${options.bom ? '\uFEFF' : ''}${head}${body}${EOL}`;
}
