/**
 * Workbooks for the import benchmark (`bench-import.ts`), written as a stream: a household CSV as an XLSX as
 * Excel saves one, and decompression bombs. Not a benchmark itself (no `bench-` prefix).
 */
import { createWriteStream, readFileSync } from 'node:fs';
import { strToU8, Zip, ZipDeflate } from 'fflate';

const xmlEscape = (t: string) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function column(j: number): string {
  let s = '';
  for (let n = j + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** Writes `parts` as a ZIP (each part a generator of text chunks), deflated as a stream. */
async function writeZip(file: string, parts: [string, () => Generator<string>][]): Promise<void> {
  const out = createWriteStream(file);
  const done = new Promise<void>((resolve, reject) => {
    out.on('finish', resolve);
    out.on('error', reject);
  });
  const zip = new Zip((err, chunk, final) => {
    if (err) throw err;
    out.write(chunk);
    if (final) out.end();
  });
  for (const [name, gen] of parts) {
    const entry = new ZipDeflate(name, { level: 6 });
    zip.add(entry);
    for (const text of gen()) entry.push(strToU8(text));
    entry.push(new Uint8Array(0), true);
  }
  zip.end();
  await done;
}

/**
 * The household CSV as an XLSX workbook, as Excel saves one: text in shared strings (NIK and No. KK as text),
 * codes and numbers as numbers (decimal commas read as decimals).
 */
export async function csvToXlsx(csv: string, xlsx: string): Promise<void> {
  const lines = readFileSync(csv, 'utf8').split('\r\n');
  const shared = new Map<string, number>();
  const sheet = function* (): Generator<string> {
    yield '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>';
    let buf = '';
    let r = 0;
    for (const line of lines) {
      if (line === '') continue;
      r++;
      buf += `<row r="${r}">`;
      line.split(line.startsWith('#') ? '\u0000' : ';').forEach((cell, j) => {
        if (cell === '') return;
        const ref = `${column(j)}${r}`;
        if (/^-?\d{1,14}(,\d+)?$/.test(cell)) buf += `<c r="${ref}"><v>${cell.replace(',', '.')}</v></c>`;
        else {
          let k = shared.get(cell);
          if (k === undefined) shared.set(cell, (k = shared.size));
          buf += `<c r="${ref}" t="s"><v>${k}</v></c>`;
        }
      });
      buf += '</row>';
      if (buf.length > 1 << 20) {
        yield buf;
        buf = '';
      }
    }
    yield `${buf}</sheetData></worksheet>`;
  };
  const strings = function* (): Generator<string> {
    yield `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" uniqueCount="${shared.size}">`;
    let buf = '';
    for (const s of shared.keys()) {
      buf += `<si><t>${xmlEscape(s)}</t></si>`;
      if (buf.length > 1 << 20) {
        yield buf;
        buf = '';
      }
    }
    yield `${buf}</sst>`;
  };
  const once = (text: string) =>
    function* (): Generator<string> {
      yield text;
    };
  await writeZip(xlsx, [
    ['xl/worksheets/sheet1.xml', sheet],
    ['xl/sharedStrings.xml', strings],
    [
      'xl/workbook.xml',
      once(
        '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="DTSEN" sheetId="1" r:id="rId1"/></sheets></workbook>',
      ),
    ],
    [
      'xl/_rels/workbook.xml.rels',
      once(
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>',
      ),
    ],
  ]);
}

/** A workbook whose one sheet inflates to `bytes` (spaces inside the sheet XML); deflated as a stream. */
export async function writeBomb(file: string, bytes: number): Promise<void> {
  const rels =
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>';
  const workbook =
    '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Data" sheetId="1" r:id="rId1"/></sheets></workbook>';
  const block = ' '.repeat(1 << 20);
  await writeZip(file, [
    [
      'xl/workbook.xml',
      function* () {
        yield workbook;
      },
    ],
    [
      'xl/_rels/workbook.xml.rels',
      function* () {
        yield rels;
      },
    ],
    [
      'xl/worksheets/sheet1.xml',
      function* () {
        yield '<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>KODE_DESA</t></is></c></row>';
        for (let left = bytes; left > 0; left -= block.length)
          yield left >= block.length ? block : block.slice(0, left);
        yield '</sheetData></worksheet>';
      },
    ],
  ]);
}
