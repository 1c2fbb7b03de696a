/**
 * Step 1c-iii: the two large parts of a workbook — a sheet's `<sheetData>` and the shared strings — scanned as a
 * stream of text chunks. Their grammar is small and fixed (ECMA-376 Part 1, §18.3.1 `row`/`c`/`v`/`is`, §18.4
 * `si`/`t`/`r`/`rPh`), so a scanner that looks only for these elements with `indexOf` reads a 300,000-row sheet
 * several times faster than a general XML parser (saxes took ~3 µs a cell here; see `npm run bench -- import`);
 * the small parts (workbook, relations, styles) are still read with `saxes`.
 *
 * Text and attribute values are decoded for the five XML entities and numeric character references; CDATA
 * sections are read as text. Elements may carry a namespace prefix (`x:c`). Guards, as the input is untrusted:
 * text between elements is dropped as it comes (never carried), and a tag, cell or shared string still open
 * after {@link MAX_TEXT_RUN} characters, a row with more than {@link MAX_COLUMNS} cells or a row number past
 * {@link MAX_ROWS} (Excel's own limits) is refused as damaged, so that neither a bomb of spaces nor one of
 * empty cells can grow memory; the inflate limit of `zip.ts` bounds the rest.
 */

/** Longest text between two tags (an Excel cell holds at most 32,767 characters). */
export const MAX_TEXT_RUN = 4 << 20;
/** Excel's limits: columns per row and rows per sheet. */
export const MAX_COLUMNS = 16_384;
export const MAX_ROWS = 1_048_576;

/** The XML is not a sheet this reader can take (too long a text, too many cells or rows). */
export class SheetXmlError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'SheetXmlError';
  }
}

const ENTITY = /&(?:#(\d+)|#x([0-9a-fA-F]+)|(amp|lt|gt|quot|apos));/g;
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Decodes XML entities and character references. */
export function decodeXml(text: string): string {
  if (text.indexOf('&') < 0) return text;
  return text.replace(ENTITY, (_, dec: string, hex: string, name: string) =>
    name ? NAMED[name] : String.fromCodePoint(dec ? Number(dec) : parseInt(hex, 16)),
  );
}

/** The value of attribute `name` in a start tag's text (`<c r="B2" t="s">`), or undefined. */
export function attribute(tag: string, name: string): string | undefined {
  const key = ` ${name}="`;
  let i = tag.indexOf(key);
  let quote = '"';
  if (i < 0) {
    i = tag.indexOf(` ${name}='`);
    quote = "'";
    if (i < 0) return undefined;
  }
  const start = i + key.length;
  const end = tag.indexOf(quote, start);
  return end < 0 ? undefined : decodeXml(tag.slice(start, end));
}

/** Text of the `<t>` elements of `inner` (a `<si>` or `<is>`), phonetic runs (`<rPh>`) left out. */
export function runText(inner: string, pfx: string): string {
  let s = inner;
  if (s.indexOf('<![CDATA[') >= 0)
    s = s.replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, (_, t: string) =>
      t.replace(/&/g, '&amp;').replace(/</g, '&lt;'),
    );
  if (s.indexOf(`<${pfx}rPh`) >= 0) s = s.replace(new RegExp(`<${pfx}rPh[\\s\\S]*?</${pfx}rPh>`, 'g'), '');
  const open = `<${pfx}t`;
  const close = `</${pfx}t>`;
  let out = '';
  for (let i = s.indexOf(open); i >= 0; i = s.indexOf(open, i + 1)) {
    const after = s.charCodeAt(i + open.length);
    if (
      after !== 62 /* > */ &&
      after !== 32 &&
      after !== 47 /* / */ &&
      after !== 9 &&
      after !== 10 &&
      after !== 13
    )
      continue;
    const gt = s.indexOf('>', i);
    if (gt < 0) break;
    if (s.charCodeAt(gt - 1) === 47) continue; // <t/>
    const end = s.indexOf(close, gt);
    if (end < 0) break;
    out += s.slice(gt + 1, end);
    i = end;
  }
  return decodeXml(out);
}

/**
 * Where the value of the one-letter attribute `letter` (a char code: `r`, `t`, `s`) starts in the start tag
 * `b[lt..gt]`, or -1: a space, the letter, `="` (or `='`).
 */
function attributeAt(b: string, lt: number, gt: number, letter: number): number {
  for (let i = lt; i < gt - 3; i++) {
    const c = b.charCodeAt(i);
    if (
      (c === 32 || c === 9 || c === 10 || c === 13) &&
      b.charCodeAt(i + 1) === letter &&
      b.charCodeAt(i + 2) === 61
    ) {
      const q = b.charCodeAt(i + 3);
      if (q === 34 || q === 39) return i + 4;
    }
  }
  return -1;
}

/** Zero-based column of the cell reference starting at `at` (`B12` → 1), or -1. */
function columnAt(b: string, at: number): number {
  let col = 0;
  let i = at;
  for (; ; i++) {
    const c = b.charCodeAt(i);
    if (c >= 65 && c <= 90) col = col * 26 + (c - 64);
    else if (c >= 97 && c <= 122) col = col * 26 + (c - 96);
    else break;
  }
  return i === at ? -1 : col - 1;
}

/** The non-negative integer starting at `at` (a style index). */
function numberAt(b: string, at: number): number {
  let n = 0;
  for (let i = at; ; i++) {
    const c = b.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return n;
    n = n * 10 + c;
  }
}

const CELL_TYPES = ['s', 'n', 'b', 'e', 'd', 'str', 'inlineStr'];

/** A cell's type (`t`) read at `at`, as one of the known type strings (unknown ones as read). */
function cellType(b: string, at: number): string {
  const q = b.charCodeAt(at - 1) === 39 ? "'" : '"';
  const end = b.indexOf(q, at);
  const len = end - at;
  for (const t of CELL_TYPES) if (t.length === len && b.startsWith(t, at)) return t;
  return b.slice(at, end);
}

/** A cell as read: zero-based column, type (`t`), style index (`s`), and its value text. */
export type CellHandler = (column: number, type: string, style: number, value: string) => void;

/**
 * Scans a sheet's XML fed in chunks (`push`), calling `onRow(rowNumber)` at each `<row>`, `onCell` for each cell
 * with a value, and `onRowEnd()` at each `</row>`. `push` returns false once `</sheetData>` was seen.
 */
export class SheetScanner {
  private buf = '';
  private pos = 0;
  private pfx: string | null = null;
  private inData = false;
  private done = false;
  private nextColumn = 0;

  /**
   * `skip[j] === 1`: column `j` is not read (its value is not taken out of the XML; `onCell` gets type `skip`
   * and an empty value, so that the caller still knows the cell is there).
   */
  constructor(
    private readonly onRow: (row: number | null) => void,
    private readonly onCell: CellHandler,
    private readonly onRowEnd: () => void,
    private readonly skip: Uint8Array | null = null,
  ) {}

  push(text: string): boolean {
    if (this.done) return false;
    this.buf = this.pos < this.buf.length ? this.buf.slice(this.pos) + text : text;
    this.pos = 0;
    this.scan();
    return !this.done;
  }

  private scan(): void {
    const b = this.buf;
    let pos = this.pos;
    if (!this.inData) {
      // Up to the start of <sheetData> (the columns, views and formats before it are not read).
      const m = /<([A-Za-z_][\w.-]*:)?sheetData[\s/>]/.exec(b.slice(pos));
      if (!m) {
        // Keep a tail in case the tag is cut between chunks.
        this.pos = Math.max(pos, b.length - 64);
        return;
      }
      this.pfx = m[1] ?? '';
      const at = pos + m.index;
      const gt = b.indexOf('>', at);
      if (gt < 0) {
        this.pos = at;
        return;
      }
      this.inData = true;
      if (b.charCodeAt(gt - 1) === 47) {
        this.done = true;
        return;
      }
      pos = gt + 1;
    }
    const pfx = this.pfx ?? '';
    const cTag = `${pfx}c`;
    const rowTag = `${pfx}row`;
    const cClose = `</${pfx}c>`;
    const vOpen = `<${pfx}v`;
    const vClose = `</${pfx}v>`;
    for (;;) {
      const lt = b.indexOf('<', pos);
      if (lt < 0) {
        // Text between elements says nothing here: dropped, never carried.
        this.pos = b.length;
        return;
      }
      const gt = b.indexOf('>', lt);
      if (gt < 0) {
        if (b.length - lt > MAX_TEXT_RUN) throw new SheetXmlError('a tag without its end');
        this.pos = lt;
        return;
      }
      const nameEnd = tagNameEnd(b, lt + 1, gt);
      const name = b.slice(lt + 1, nameEnd);
      if (name === cTag) {
        const self = b.charCodeAt(gt - 1) === 47;
        let close = gt;
        let next = gt + 1;
        if (!self) {
          close = b.indexOf(cClose, gt);
          if (close < 0) {
            if (b.length - gt > MAX_TEXT_RUN) throw new SheetXmlError('a cell without its end');
            this.pos = lt;
            return;
          }
          next = close + cClose.length;
        }
        // The hot path allocates nothing but the value: attributes are read in place (cell references, types and
        // style indices hold no entities), the value is found by walking the cell's child elements.
        const refAt = attributeAt(b, lt, gt, 114 /* r */);
        const c = refAt >= 0 ? columnAt(b, refAt) : -1;
        const column = c >= 0 ? c : this.nextColumn;
        if (column >= MAX_COLUMNS) throw new SheetXmlError(`more than ${MAX_COLUMNS} columns`);
        this.nextColumn = column + 1;
        if (!self && close > gt + 1 && this.skip !== null && this.skip[column] === 1)
          this.onCell(column, 'skip', 0, '');
        else if (!self && close > gt + 1) {
          const typeAt = attributeAt(b, lt, gt, 116 /* t */);
          const type = typeAt < 0 ? 'n' : cellType(b, typeAt);
          const styleAt = attributeAt(b, lt, gt, 115 /* s */);
          const style = styleAt < 0 ? 0 : numberAt(b, styleAt);
          let value = '';
          if (type === 'inlineStr') value = runText(b.slice(gt + 1, close), pfx);
          else {
            // Child elements: <f> (a formula: skipped), <v> (the value), <extLst>...
            for (let q = b.indexOf('<', gt + 1); q >= 0 && q < close;) {
              const qe = b.indexOf('>', q);
              if (
                b.startsWith(vOpen, q) &&
                (b.charCodeAt(q + vOpen.length) === 62 || b.charCodeAt(q + vOpen.length) === 32)
              ) {
                if (b.charCodeAt(qe - 1) !== 47) {
                  const ve = b.indexOf(vClose, qe);
                  if (ve >= 0 && ve < close) value = b.slice(qe + 1, ve);
                }
                break;
              }
              // Another child: jump past its end tag when it has one.
              const childEnd = b.charCodeAt(qe - 1) === 47 ? qe : b.indexOf('</', qe);
              q = childEnd < 0 ? -1 : b.indexOf('<', b.indexOf('>', childEnd) + 1);
            }
            if (value.indexOf('<![CDATA[') >= 0) value = value.replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, '$1');
            else value = decodeXml(value);
          }
          this.onCell(column, type, style, value);
        }
        pos = next;
      } else if (name === rowTag) {
        const r = attribute(b.slice(lt, gt), 'r');
        const row = r === undefined ? null : Number(r);
        if (row !== null && !(row <= MAX_ROWS)) throw new SheetXmlError(`row ${r} past ${MAX_ROWS}`);
        this.nextColumn = 0;
        this.onRow(row);
        if (b.charCodeAt(gt - 1) === 47) this.onRowEnd();
        pos = gt + 1;
      } else if (name === `/${rowTag}`) {
        this.onRowEnd();
        pos = gt + 1;
      } else if (name === `/${pfx}sheetData`) {
        this.done = true;
        this.pos = gt + 1;
        return;
      } else if (name.startsWith('!--')) {
        const end = b.indexOf('-->', lt);
        if (end < 0) {
          this.pos = lt;
          return;
        }
        pos = end + 3;
      } else pos = gt + 1;
    }
  }
}

/** End of the name of the tag starting at `from` (after `<`; a leading `/` belongs to the name). */
function tagNameEnd(b: string, from: number, gt: number): number {
  let i = from;
  if (b.charCodeAt(i) === 47) i++;
  for (; i < gt; i++) {
    const c = b.charCodeAt(i);
    if (c === 32 || c === 9 || c === 10 || c === 13 || c === 47) return i;
  }
  return gt;
}

/**
 * Scans the shared strings part fed in chunks, calling `onString` for each `<si>` in order. Throws
 * {@link SheetXmlError} for an endless text or item.
 */
export class SharedStringScanner {
  private buf = '';
  private pos = 0;
  private pfx: string | null = null;

  constructor(private readonly onString: (text: string) => void) {}

  push(text: string): void {
    this.buf = this.pos < this.buf.length ? this.buf.slice(this.pos) + text : text;
    this.pos = 0;
    const b = this.buf;
    let pos = 0;
    if (this.pfx === null) {
      const m = /<([A-Za-z_][\w.-]*:)?sst[\s>]/.exec(b);
      if (!m) {
        this.pos = Math.max(0, b.length - 64);
        return;
      }
      this.pfx = m[1] ?? '';
      pos = m.index;
    }
    const open = `<${this.pfx}si`;
    const close = `</${this.pfx}si>`;
    for (;;) {
      const i = b.indexOf(open, pos);
      if (i < 0) {
        // Text outside the items is dropped (only a possible cut `<si` is kept).
        this.pos = Math.max(pos, b.length - open.length);
        return;
      }
      const gt = b.indexOf('>', i);
      if (gt < 0) {
        if (b.length - i > MAX_TEXT_RUN) throw new SheetXmlError('a tag without its end');
        this.pos = i;
        return;
      }
      if (b.charCodeAt(gt - 1) === 47) {
        this.onString('');
        pos = gt + 1;
        continue;
      }
      const end = b.indexOf(close, gt);
      if (end < 0) {
        if (b.length - gt > MAX_TEXT_RUN) throw new SheetXmlError('a shared string without its end');
        this.pos = i;
        return;
      }
      this.onString(runText(b.slice(gt + 1, end), this.pfx));
      pos = end + close.length;
    }
  }
}
