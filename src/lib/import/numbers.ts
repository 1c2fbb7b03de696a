/**
 * Step 1d: numbers as Indonesian spreadsheets write them. Excel with Indonesian regional settings writes a
 * decimal comma and a thousands dot (`1.234,5`); English settings the opposite (`1,234.5`). The format is decided
 * per column from a sample, then every cell of that column is read with it.
 */

/** Decimal and thousands separators of one numeric column. */
export interface NumberFormat {
  decimal: ',' | '.';
  /** `null` when no cell of the sample has a thousands separator. */
  thousands: '.' | ',' | ' ' | null;
}

const GROUPED_DOT = /^[+-]?\d{1,3}(\.\d{3})+$/;
const GROUPED_COMMA = /^[+-]?\d{1,3}(,\d{3})+$/;

/**
 * The number format of a column from sampled cells:
 * - a cell with both `.` and `,` decides by the last one (it is the decimal separator);
 * - otherwise, for integer columns (counts), `1.234` and `1,234` are grouped thousands;
 * - otherwise a `,` followed by anything but exactly three digit groups is a decimal comma, and a lone `.` a
 *   decimal point; ties go to the decimal comma (the Indonesian default).
 */
export function detectNumberFormat(cells: readonly (string | null)[], integer = false): NumberFormat {
  let commaDecimal = 0;
  let dotDecimal = 0;
  let thousandsDot = 0;
  let thousandsComma = 0;
  let thousandsSpace = 0;
  for (const raw of cells) {
    if (raw === null) continue;
    const t = raw.trim();
    if (t === '' || !/\d/.test(t)) continue;
    const lastComma = t.lastIndexOf(',');
    const lastDot = t.lastIndexOf('.');
    if (/^\d{1,3}( \d{3})+([.,]\d+)?$/.test(t)) thousandsSpace++;
    if (lastComma >= 0 && lastDot >= 0) {
      if (lastComma > lastDot) {
        commaDecimal++;
        thousandsDot++;
      } else {
        dotDecimal++;
        thousandsComma++;
      }
    } else if (integer && GROUPED_DOT.test(t)) thousandsDot++;
    else if (integer && GROUPED_COMMA.test(t)) thousandsComma++;
    else if (lastComma >= 0) commaDecimal++;
    else if (lastDot >= 0) dotDecimal++;
  }
  const decimal: NumberFormat['decimal'] =
    thousandsComma > thousandsDot
      ? '.'
      : thousandsDot > thousandsComma
        ? ','
        : dotDecimal > commaDecimal
          ? '.'
          : ',';
  const thousands: NumberFormat['thousands'] =
    thousandsDot + thousandsComma === 0 ? (thousandsSpace > 0 ? ' ' : null) : decimal === ',' ? '.' : ',';
  return { decimal, thousands };
}

/**
 * Reads a number written with `format`; NaN when the text is not a number. Spaces and a leading apostrophe
 * (Excel's "keep as text" mark) are ignored; `-` and `+` signs are accepted.
 */
export function parseLocaleNumber(text: string, format: NumberFormat): number {
  let t = text.trim();
  if (t === '') return Number.NaN;
  if (t.charCodeAt(0) === 39) t = t.slice(1);
  if (format.thousands === ' ' || t.includes(' ')) t = t.replace(/\s+/g, '');
  if (format.thousands === '.' || format.thousands === ',') {
    if (
      format.thousands === '.' &&
      format.decimal === ',' &&
      t.includes('.') &&
      !GROUPED_DOT.test(t.split(',')[0])
    )
      return Number.NaN;
    t = t.split(format.thousands).join('');
  }
  if (format.decimal === ',') t = t.replace(',', '.');
  if (!/^[+-]?(\d+\.?\d*|\.\d+)$/.test(t)) return Number.NaN;
  return Number(t);
}

/**
 * A count (non-negative integer), accepting grouped thousands (`1.234`, `1,234`, `1 234`) and a zero fraction
 * (`12,0`); null otherwise.
 */
export function parseCount(text: string): number | null {
  let t = text.trim();
  if (t === '') return null;
  if (t.charCodeAt(0) === 39) t = t.slice(1);
  if (/^\d+$/.test(t)) return Number(t);
  if (/^\d{1,3}([., ]\d{3})+$/.test(t)) return Number(t.replace(/[., ]/g, ''));
  const m = /^(\d+)[.,]0+$/.exec(t);
  return m ? Number(m[1]) : null;
}
