/**
 * Minimal XLSX workbooks built in memory for tests (and benchmarks): several sheets, hidden ones, the active tab,
 * shared or inline strings, numbers, dates, merged cells — the parts of SpreadsheetML the import reads, zipped
 * with `fflate`. Nothing here is a real extract: every value is invented by the caller.
 */
import { strToU8, zipSync, type Zippable } from 'fflate';

/** A cell: text (a shared string), a number (stored as written), a date serial with a date style, or empty. */
export type XlsxCell = string | number | { date: number } | null;

export interface XlsxSheet {
  name: string;
  rows: XlsxCell[][];
  state?: 'visible' | 'hidden' | 'veryHidden';
  /** Merged ranges such as `A1:C1` (written after the data, as Excel does). */
  merges?: string[];
  /** Spreadsheet row number of `rows[0]` (rows before it are absent from the XML). */
  firstRow?: number;
}

const esc = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function colName(j: number): string {
  let s = '';
  for (let n = j + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** The XML of one sheet's rows, with strings as indices into `shared`. */
export function sheetXml(sheet: XlsxSheet, shared: Map<string, number>, inline = false): string {
  const first = sheet.firstRow ?? 1;
  const rows = sheet.rows
    .map((row, i) => {
      const r = first + i;
      const cells = row
        .map((cell, j) => {
          if (cell === null || cell === '') return '';
          const ref = `${colName(j)}${r}`;
          if (typeof cell === 'number') return `<c r="${ref}"><v>${cell}</v></c>`;
          if (typeof cell === 'object') return `<c r="${ref}" s="1"><v>${cell.date}</v></c>`;
          if (inline) return `<c r="${ref}" t="inlineStr"><is><t>${esc(cell)}</t></is></c>`;
          let k = shared.get(cell);
          if (k === undefined) shared.set(cell, (k = shared.size));
          return `<c r="${ref}" t="s"><v>${k}</v></c>`;
        })
        .join('');
      return `<row r="${r}">${cells}</row>`;
    })
    .join('');
  const merges = sheet.merges?.length
    ? `<mergeCells count="${sheet.merges.length}">${sheet.merges.map((m) => `<mergeCell ref="${m}"/>`).join('')}</mergeCells>`
    : '';
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${rows}</sheetData>${merges}</worksheet>`;
}

/** A workbook of `sheets` (tab order), `active` the index of the active tab. */
export function buildXlsx(
  sheets: XlsxSheet[],
  options: { active?: number; inline?: boolean } = {},
): Uint8Array {
  const shared = new Map<string, number>();
  const files: Zippable = {};
  sheets.forEach((s, i) => {
    files[`xl/worksheets/sheet${i + 1}.xml`] = strToU8(sheetXml(s, shared, options.inline));
  });
  const ns =
    'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
  files['xl/workbook.xml'] = strToU8(
    `<?xml version="1.0" encoding="UTF-8"?><workbook ${ns}><bookViews><workbookView activeTab="${options.active ?? 0}"/></bookViews><sheets>${sheets
      .map(
        (s, i) =>
          `<sheet name="${esc(s.name)}" sheetId="${i + 1}"${s.state && s.state !== 'visible' ? ` state="${s.state}"` : ''} r:id="rId${i + 1}"/>`,
      )
      .join('')}</sheets></workbook>`,
  );
  files['xl/_rels/workbook.xml.rels'] = strToU8(
    `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${sheets
      .map(
        (_, i) =>
          `<Relationship Id="rId${i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`,
      )
      .join(
        '',
      )}<Relationship Id="rIdS" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
  );
  const strings = [...shared.keys()];
  files['xl/sharedStrings.xml'] = strToU8(
    `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${strings.length}" uniqueCount="${strings.length}">${strings
      .map((s) => `<si><t xml:space="preserve">${esc(s)}</t></si>`)
      .join('')}</sst>`,
  );
  files['xl/styles.xml'] = strToU8(
    '<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14"/></cellXfs></styleSheet>',
  );
  files['[Content_Types].xml'] = strToU8(
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>',
  );
  return zipSync(files, { level: 6 });
}

/**
 * A "decompression bomb": a workbook whose one sheet inflates to `inflatedBytes` (a run of spaces inside the
 * sheet XML, which deflate shrinks about a thousand times). Built by streaming deflate, so the inflated text
 * never exists in memory.
 */
export async function buildXlsxBomb(inflatedBytes: number): Promise<Uint8Array> {
  const { Deflate } = await import('fflate');
  const head = strToU8(
    '<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>KODE_DESA</t></is></c></row>',
  );
  const tail = strToU8('</sheetData></worksheet>');
  const parts: Uint8Array[] = [];
  const deflate = new Deflate({ level: 6 }, (chunk) => void parts.push(chunk));
  deflate.push(head);
  const block = new Uint8Array(1 << 20).fill(0x20);
  let left = inflatedBytes;
  while (left > 0) {
    const n = Math.min(left, block.length);
    deflate.push(n === block.length ? block : block.subarray(0, n));
    left -= n;
  }
  deflate.push(tail, true);
  const compressed = new Uint8Array(parts.reduce((s, p) => s + p.length, 0));
  let o = 0;
  for (const p of parts) compressed.set(p, (o += p.length) - p.length);
  // A normal workbook around a stored placeholder, then the placeholder swapped for the deflated bomb.
  const base = buildXlsx([{ name: 'Data', rows: [['KODE_DESA', 'DESIL']] }]);
  return replaceEntry(
    base,
    'xl/worksheets/sheet1.xml',
    compressed,
    inflatedBytes + head.length + tail.length,
  );
}

/** `zip` with entry `name`'s data replaced by already-deflated `data` (method 8), offsets rewritten. */
function replaceEntry(zip: Uint8Array, name: string, data: Uint8Array, size: number): Uint8Array {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  let eocd = zip.length - 22;
  while (view.getUint32(eocd, true) !== 0x06054b50) eocd--;
  const count = view.getUint16(eocd + 10, true);
  const cdOffset = view.getUint32(eocd + 16, true);
  const dec = new TextDecoder();
  type Entry = { name: string; local: Uint8Array; data: Uint8Array; central: Uint8Array };
  const entries: Entry[] = [];
  let p = cdOffset;
  for (let k = 0; k < count; k++) {
    const nameLen = view.getUint16(p + 28, true);
    const extraLen = view.getUint16(p + 30, true);
    const commentLen = view.getUint16(p + 32, true);
    const n = dec.decode(zip.subarray(p + 46, p + 46 + nameLen));
    const central = zip.slice(p, p + 46 + nameLen + extraLen + commentLen);
    const local = view.getUint32(p + 42, true);
    const lNameLen = view.getUint16(local + 26, true);
    const lExtraLen = view.getUint16(local + 28, true);
    const csize = view.getUint32(p + 20, true);
    const header = zip.slice(local, local + 30 + lNameLen + lExtraLen);
    const body = zip.slice(local + 30 + lNameLen + lExtraLen, local + 30 + lNameLen + lExtraLen + csize);
    entries.push({ name: n, local: header, data: body, central });
    p += central.length;
  }
  const out: Uint8Array[] = [];
  let offset = 0;
  const centrals: Uint8Array[] = [];
  for (const e of entries) {
    const body = e.name === name ? data : e.data;
    const lv = new DataView(e.local.buffer);
    const cv = new DataView(e.central.buffer);
    if (e.name === name) {
      lv.setUint16(8, 8, true);
      lv.setUint32(14, 0, true);
      lv.setUint32(18, body.length, true);
      lv.setUint32(22, Math.min(size, 0xffffffff) >>> 0, true);
      cv.setUint16(10, 8, true);
      cv.setUint32(16, 0, true);
      cv.setUint32(20, body.length, true);
      cv.setUint32(24, Math.min(size, 0xffffffff) >>> 0, true);
      // Bit 3 off: sizes are in the headers.
      lv.setUint16(6, lv.getUint16(6, true) & ~8, true);
    }
    cv.setUint32(42, offset, true);
    out.push(e.local, body);
    centrals.push(e.central);
    offset += e.local.length + body.length;
  }
  const cdStart = offset;
  const cdSize = centrals.reduce((s, c) => s + c.length, 0);
  const end = new Uint8Array(22);
  const ev = new DataView(end.buffer);
  ev.setUint32(0, 0x06054b50, true);
  ev.setUint16(8, entries.length, true);
  ev.setUint16(10, entries.length, true);
  ev.setUint32(12, cdSize, true);
  ev.setUint32(16, cdStart, true);
  const all = [...out, ...centrals, end];
  const total = new Uint8Array(all.reduce((s, a) => s + a.length, 0));
  let q = 0;
  for (const a of all) {
    total.set(a, q);
    q += a.length;
  }
  return total;
}
