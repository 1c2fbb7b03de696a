/**
 * Step 1d: the header of a table — which record holds the column names (or which two, for a two-row header),
 * and the names themselves.
 *
 * - Candidates are the first {@link HEADER_SCAN_RECORDS} records (blank and `#` ones skipped). A record's score
 *   is the number of its cells that are known column names (`isKnownColumnName`) or names of the caller's
 *   mapping; the first record with the highest score wins.
 * - A record that looks like data is never a header, whatever its score: one cell that looks like personal data
 *   (a NIK/No. KK or phone number, an address, a person's name; see `person-names.ts`) and is not a known name,
 *   or more than a third of its cells numbers, codes or dates. A file whose first record is such a row has no
 *   header row, and is refused without echoing it (`no_header_data`).
 * - Two-row headers: a group header (a label over several columns, merged or written in the span's first cell)
 *   directly above or below the chosen record is combined with it when that recognises more columns. The group
 *   label is carried right over the empty cells of its span; a column whose lower cell is empty takes the upper
 *   cell (a name merged down over both rows); otherwise the name is the first of `lower`, `lower upper`, `upper
 *   lower` recognised best (an exact field name, then a field pattern or flag, then an identifier), so `NAMA`
 *   under `DESA` reads `NAMA DESA`, and `NIK` under `IDENTITAS` stays `NIK`.
 * - Names: line breaks, tabs and runs of spaces inside a cell become one space (`KODE\nDESA` is `KODE DESA`);
 *   an empty cell, or one that cannot be a column name (more than {@link MAX_COLUMN_NAME} characters, a control
 *   character, or personal data: a header that swallowed a data row must not echo it), is named `kolom_<n>`
 *   (1-based); a repeated name gets a suffix (`DESIL (2)`).
 */
import { compactName, isKnownColumnName, recogniseColumn } from './column-names.ts';
import { looksLikeAddress, looksLikeIdentifierNumber, isPersonWord } from './person-names.ts';

/** Records scanned for the header row. */
export const HEADER_SCAN_RECORDS = 50;
/** Longest header cell kept as a column name. */
export const MAX_COLUMN_NAME = 60;

/** The header found in a table's first records. */
export interface HeaderFound {
  /** Index of the last header record (data starts after it). */
  index: number;
  /** 1, or 2 for a two-row header (`index - 1` and `index`). */
  rows: 1 | 2;
  /** The header cells as combined (before {@link uniqueColumnNames}). */
  cells: string[];
}

function isBlank(record: readonly string[]): boolean {
  return record.every((c) => c.trim() === '');
}

const clean = (cell: string) => cell.replace(/[\s\u00a0]+/g, ' ').trim();

const VALUE = /^[+-]?'?[\d.,\s/:-]+([eE][+-]?\d+)?$/;

/** Whether a cell holds personal data by its look (a header cell must never be one). */
function personalCell(cell: string): boolean {
  if (looksLikeIdentifierNumber(cell) || looksLikeAddress(cell) || /[a-z]'[a-z]/i.test(cell)) return true;
  const words = cell
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .match(/[a-z]+/g);
  return words !== null && words.some(isPersonWord);
}

/** Whether a record looks like data rather than column names (see the module comment). */
export function looksLikeDataRecord(
  record: readonly string[],
  extra: ReadonlySet<string> = new Set(),
): boolean {
  let filled = 0;
  let values = 0;
  for (const raw of record) {
    const cell = clean(raw);
    if (cell === '') continue;
    filled++;
    const known = isKnownColumnName(cell) || extra.has(compactName(cell));
    if (!known && personalCell(cell)) return true;
    if (VALUE.test(cell) && /\d/.test(cell)) values++;
  }
  return filled > 0 && values * 3 > filled;
}

/** How well a name is recognised: 4 exact field, 3 field pattern/flag/desil count, 2 identifier, 1 region, 0. */
function recognition(name: string, extra: ReadonlySet<string>): number {
  if (extra.has(compactName(name))) return 4;
  const r = recogniseColumn(name);
  if (r.field?.exact) return 4;
  if (r.field || r.flag || r.desilCount !== undefined) return 3;
  if (r.identifier) return 2;
  return r.region ? 1 : 0;
}

/** The combined cells of a two-row header (see the module comment). */
export function combineHeaderRows(
  upper: readonly string[],
  lower: readonly string[],
  extra: ReadonlySet<string> = new Set(),
): string[] {
  const width = Math.max(upper.length, lower.length);
  const out: string[] = [];
  let group = '';
  for (let j = 0; j < width; j++) {
    const u = clean(upper[j] ?? '');
    const l = clean(lower[j] ?? '');
    if (u !== '') group = u;
    const g = u !== '' ? u : group;
    if (l === '') out.push(u);
    else if (g === '') out.push(l);
    else {
      const options = [l, `${l} ${g}`, `${g} ${l}`];
      let best = l;
      let level = recognition(l, extra);
      for (const o of options.slice(1)) {
        const r = recognition(o, extra);
        if (r > level) [best, level] = [o, r];
      }
      out.push(best);
    }
  }
  return out;
}

function score(cells: readonly string[], extra: ReadonlySet<string>): number {
  let s = 0;
  for (const c of cells) {
    const t = clean(c);
    if (t !== '' && (isKnownColumnName(t) || extra.has(compactName(t)))) s++;
  }
  return s;
}

const skipped = (r: readonly string[]) => isBlank(r) || (r[0] ?? '').trim().startsWith('#');

/**
 * The header of `records` (see the module comment), or `{ index: -1, dataFirst }` when none is found;
 * `dataFirst` says the first record looks like data (a file without a header row).
 */
export function detectHeader(
  records: readonly (readonly string[])[],
  extraNames: readonly string[] = [],
): HeaderFound | { index: -1; dataFirst: boolean } {
  const extra = new Set(extraNames.map(compactName).filter((c) => c !== ''));
  const end = Math.min(records.length, HEADER_SCAN_RECORDS);
  let best = -1;
  let bestScore = 0;
  let first = -1;
  for (let i = 0; i < end; i++) {
    const r = records[i];
    if (skipped(r)) continue;
    if (first < 0) first = i;
    if (looksLikeDataRecord(r, extra)) continue;
    const s = score(r, extra);
    if (s > bestScore) [best, bestScore] = [i, s];
  }
  if (best < 0) return { index: -1, dataFirst: first >= 0 && looksLikeDataRecord(records[first], extra) };
  let found: HeaderFound = { index: best, rows: 1, cells: records[best].map(clean) };
  const pair = (u: number, l: number): void => {
    if (u < 0 || l >= records.length || skipped(records[u]) || skipped(records[l])) return;
    if (looksLikeDataRecord(records[u], extra) || looksLikeDataRecord(records[l], extra)) return;
    // A group row has fewer filled cells than the names under it (a title row has one).
    const filled = (r: readonly string[]) => r.filter((c) => c.trim() !== '').length;
    if (filled(records[u]) < 2 || filled(records[u]) > filled(records[l])) return;
    const cells = combineHeaderRows(records[u], records[l], extra);
    if (score(cells, extra) > score(found.cells, extra)) found = { index: l, rows: 2, cells };
  };
  pair(best - 1, best);
  if (found.rows === 1) pair(best, best + 1);
  return found;
}

/**
 * Header cells → unique column names (see the module comment). Column names are shown and reported, so a cell
 * that cannot be a column name is named `kolom_<n>` instead.
 */
export function uniqueColumnNames(cells: readonly string[]): string[] {
  const seen = new Map<string, number>();
  return cells.map((cell, j) => {
    const t = clean(cell);
    const damaged =
      t.length > MAX_COLUMN_NAME ||
      // eslint-disable-next-line no-control-regex -- control characters are what disqualifies a name
      /[\u0000-\u001f\u007f]/.test(t) ||
      /\d{14,}/.test(t) ||
      (!isKnownColumnName(t) && personalCell(t));
    const base = t === '' || damaged ? `kolom_${j + 1}` : t;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return n === 1 ? base : `${base} (${n})`;
  });
}
