/**
 * Step 3a: which columns hold personal identifiers. They are dropped while parsing: their cells are never
 * copied into anything this module or the importer returns; only their column names are reported.
 *
 * A column is an identifier column when
 * - its name says so (`NIK`, `NO_KK`, `NAMA`, `NAMA_KRT`, `ALAMAT`, `RT/RW`, `TGL_LAHIR`, `NO_HP`...; see
 *   `identifierFromName` in `column-names.ts`), or
 * - most of its sampled non-empty cells (≥ 50 %, at least 3 cells) look like one: 16 digits (NIK and No. KK
 *   are 16-digit Dukcapil numbers; also when Excel turned them into `3.32499E+15`), an Indonesian mobile
 *   number (`08…`/`+628…`), or an address (`RT 2`, `RW 03`, `JL.`, `GANG`, `BLOK`);
 * - or, for a column whose name is no known field, its cells read as people's names (see `personNameColumn`
 *   in `person-names.ts`). A desa or kecamatan name column is never dropped for its content: rows of it that
 *   hold a person's name are rejected and never echoed (see `report.ts`).
 */
import { identifierFromName, recogniseColumn, type IdentifierKind } from './column-names.ts';
import { personNameColumn } from './person-names.ts';

/** One dropped column. */
export interface IdentifierColumn {
  column: string;
  kind: IdentifierKind;
  detected_by: 'header' | 'content';
}

const SIXTEEN_DIGITS = /^'?\d{16}$/;
const SCIENTIFIC_SIXTEEN = /^'?\d[.,]\d+e\+?15$/i;
const PHONE = /^(\+?62|0)8\d{7,11}$/;
const ADDRESS = /\b(rt|rw)\b\.?\s*\d|\bjl\.?\s|\bjln\.?\s|\bjalan\b|\bgg\.?\s|\bgang\b|\bblok\b/i;

/** Identifier kind suggested by the content of one column's sampled cells, or undefined. */
export function identifierFromContent(cells: readonly (string | null)[]): IdentifierKind | undefined {
  let n = 0;
  let sixteen = 0;
  let phone = 0;
  let address = 0;
  for (const raw of cells) {
    if (raw === null) continue;
    const t = raw.trim();
    if (t === '') continue;
    n++;
    const digits = t.replace(/[\s-]/g, '');
    if (SIXTEEN_DIGITS.test(digits) || SCIENTIFIC_SIXTEEN.test(digits)) sixteen++;
    else if (PHONE.test(digits)) phone++;
    else if (ADDRESS.test(t)) address++;
  }
  if (n < 3) return undefined;
  if (sixteen >= 0.5 * n) return 'nik';
  if (phone >= 0.5 * n) return 'kontak';
  if (address >= 0.5 * n) return 'alamat';
  return undefined;
}

/**
 * Identifier columns of a table: by name first, then by content of `sampleRows` (arrays aligned with
 * `columns`; a `null` cell is one already withheld). Result in column order.
 */
export function detectIdentifierColumns(
  columns: readonly string[],
  sampleRows: readonly (readonly (string | null)[])[],
): IdentifierColumn[] {
  const out: IdentifierColumn[] = [];
  columns.forEach((column, j) => {
    const byName = identifierFromName(column);
    if (byName) {
      out.push({ column, kind: byName, detected_by: 'header' });
      return;
    }
    const cells = sampleRows.map((r) => r[j] ?? null);
    const byContent =
      identifierFromContent(cells) ??
      (recogniseColumn(column).field === undefined && personNameColumn(cells) ? 'nama' : undefined);
    if (byContent) out.push({ column, kind: byContent, detected_by: 'content' });
  });
  return out;
}

/** A digit run this long or longer is never echoed into a report (NIK/KK are 16; desa codes 10–13). */
export const MAX_ECHOED_DIGITS = 13;

/**
 * Masks what must not be echoed in a report: digit runs longer than {@link MAX_ECHOED_DIGITS} become
 * `[angka disamarkan]`, control characters spaces, and the text is cut at 60 characters.
 */
export function redactForReport(text: string): string {
  const t = text
    // eslint-disable-next-line no-control-regex -- control characters are exactly what is removed here
    .replace(/[\u0000-\u001f\u007f]+/g, ' ')
    .replace(new RegExp(`\\d{${MAX_ECHOED_DIGITS + 1},}`, 'g'), '[angka disamarkan]')
    .trim();
  return t.length > 60 ? `${t.slice(0, 57)}...` : t;
}
