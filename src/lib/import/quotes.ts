/**
 * Step 1b-ii: stray quotes in delimited text. In CSV (RFC 4180) a cell that starts with `"` runs to the next
 * `"` followed by a separator or a line end, across lines. An office file often has an unquoted cell that only
 * happens to start with a quote (`3324012001,"MBAH" KARTO,3`): a standard reader then swallows the following
 * lines into that cell — several households read as one, or lost.
 *
 * Detection: a record with a cell whose text holds a line break and at least {@link rowSeparators} separators is
 * whole rows swallowed, not a cell written over two lines (an address with a line break holds a separator or
 * two at most); so is a quoted cell left open at the end of the file.
 *
 * Quote-tolerant reading (used for the whole file once a stray quote is found): every line is a record, except
 * that a quoted cell may still span lines when its content up to the closing quote (a `"` followed by the
 * separator or the line end) does not look like swallowed rows (the same test) and closes within
 * {@link MAX_CELL_LINES} lines. A quote that does not open such a cell — nothing closes it, text follows the
 * closing quote (`"MBAH" KARTO`), or the content looks like rows — is an ordinary character, and the record is
 * counted as repaired.
 */

/** Lines a legitimate quoted cell may span in the quote-tolerant reading. */
export const MAX_CELL_LINES = 20;

/** Separators inside one cell from which its text is taken for swallowed rows: `max(2, columns − 1)`. */
export function rowSeparators(columns: number): number {
  return Math.max(2, columns - 1);
}

function countChar(text: string, ch: string, from = 0, to = text.length): number {
  let n = 0;
  for (let i = text.indexOf(ch, from); i >= 0 && i < to; i = text.indexOf(ch, i + 1)) n++;
  return n;
}

/** Whether a parsed record swallowed following lines through a stray quote (see the module comment). */
export function isStrayQuoteRecord(record: readonly string[], columns: number, separator: string): boolean {
  const limit = rowSeparators(columns);
  for (const cell of record) {
    if (cell.indexOf('\n') < 0 && cell.indexOf('\r') < 0) continue;
    if (countChar(cell, separator) >= limit) return true;
  }
  return false;
}

/** Result of {@link parseTolerant}. */
export interface TolerantParse {
  records: string[][];
  /** Indices into `records` of records in which a quote was read as an ordinary character. */
  repaired: number[];
  /** Characters of `text` consumed (the rest is an incomplete last line, held back unless `last`). */
  cursor: number;
}

/**
 * Reads `text` in the quote-tolerant way (see the module comment). `newline` is the file's line end; with
 * `\n`, a `\r` before it is dropped. Unless `last`, an incomplete last line (and an open quoted cell that may
 * close in the next chunk) is held back.
 */
export function parseTolerant(
  text: string,
  separator: string,
  newline: '\r\n' | '\n' | '\r',
  columns: number,
  last: boolean,
): TolerantParse {
  const nl = newline === '\r' ? '\r' : '\n';
  const limit = rowSeparators(columns);
  const records: string[][] = [];
  const repaired: number[] = [];
  let pos = 0;
  const lineEnd = (from: number) => text.indexOf(nl, from);
  const stripCr = (s: string) => (nl === '\n' && s.endsWith('\r') ? s.slice(0, -1) : s);

  while (pos < text.length) {
    const firstEnd = lineEnd(pos);
    if (firstEnd < 0 && !last) break;
    const cells: string[] = [];
    let literal = false;
    let i = pos;
    let end = firstEnd < 0 ? text.length : firstEnd; // end of the record's current line
    let held = false;
    for (;;) {
      if (text[i] === '"') {
        // A quoted cell: its closing quote is a `"` (not `""`) followed by the separator or a line end.
        let j = i + 1;
        let value = '';
        let close = -1;
        let spans = 0;
        let open = true;
        while (open) {
          const q = text.indexOf('"', j);
          const e = lineEnd(j);
          if (q < 0 || (e >= 0 && e < q)) {
            // No quote on this line: the cell may go on over the next one.
            if (e < 0) {
              if (!last) held = true;
              break;
            }
            if (++spans >= MAX_CELL_LINES) break;
            value += text.slice(j, e + 1);
            j = e + 1;
            continue;
          }
          // A quote at the end of a chunk may be the first half of `""`: wait for the next chunk.
          if (q + 1 >= text.length && !last) {
            held = true;
            break;
          }
          if (text[q + 1] === '"') {
            value += text.slice(j, q) + '"';
            j = q + 2;
            continue;
          }
          const after = text[q + 1];
          const atEnd =
            q + 1 >= text.length || after === separator || after === nl || (nl === '\n' && after === '\r');
          if (atEnd) {
            value += text.slice(j, q);
            close = q;
          }
          open = false;
        }
        if (held) break;
        if (close >= 0 && (spans === 0 || countChar(value, separator) < limit)) {
          cells.push(value);
          i = close + 1;
          if (spans > 0) {
            // The record goes on after a cell over several lines: hold it back until its line end is here.
            const e = lineEnd(i);
            if (e < 0 && !last) {
              held = true;
              break;
            }
            end = e < 0 ? text.length : e;
          }
        } else {
          // Not a quoted cell: the quote is an ordinary character, the cell runs to the separator.
          literal = true;
          const s = text.indexOf(separator, i);
          const stop = s >= 0 && s < end ? s : end;
          cells.push(stripCr(text.slice(i, stop)));
          i = stop;
        }
      } else {
        const s = text.indexOf(separator, i);
        const stop = s >= 0 && s < end ? s : end;
        cells.push(stripCr(text.slice(i, stop)));
        i = stop;
      }
      if (i < end && text[i] === separator) {
        i++;
        if (i === end) {
          cells.push('');
          break;
        }
        continue;
      }
      if (i < end && nl === '\n' && text[i] === '\r' && i + 1 === end) break;
      if (i >= end) break;
      // Text right after a closing quote that is not a separator cannot happen (see above); go on safely.
      i++;
    }
    if (held) break;
    if (literal) repaired.push(records.length);
    records.push(cells);
    pos = end + (end < text.length ? 1 : 0);
    if (end >= text.length) break;
  }
  return { records, repaired, cursor: pos };
}
