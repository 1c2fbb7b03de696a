/** The streaming scanner of sheet XML and shared strings: the same cells however the text is cut into chunks. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decodeXml,
  MAX_COLUMNS,
  SharedStringScanner,
  SheetScanner,
  SheetXmlError,
} from '../../../src/lib/import/sheet-xml.ts';

const SHEET =
  '<?xml version="1.0"?><x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
  '<x:cols><x:col min="1" max="3"/></x:cols><x:sheetData>' +
  '<x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c><x:c r="C1" t="inlineStr"><x:is><x:t>A &amp; B</x:t></x:is></x:c></x:row>' +
  '<!-- a comment --><x:row r="3" spans="1:3"><x:c r="B3" s="2"><x:f>SUM(1,2)</x:f><x:v>3</x:v></x:c><x:c r="C3"/>' +
  '<x:c r="D3" t="str"><x:v><![CDATA[<kode>]]></x:v></x:c></x:row><x:row r="4"/>' +
  '</x:sheetData><x:mergeCells count="1"><x:mergeCell ref="A1:B1"/></x:mergeCells></x:worksheet>';

function scan(chunks: string[]) {
  const out: (string | number)[][] = [];
  const s = new SheetScanner(
    (r) => out.push(['row', r ?? -1]),
    (c, t, st, v) => out.push([c, t, st, v]),
    () => out.push(['end']),
  );
  for (const c of chunks) s.push(c);
  return out;
}

describe('sheet XML scanner', () => {
  const whole = scan([SHEET]);
  it('reads rows and cells: prefixes, entities, inline strings, formulas, CDATA, self-closing rows and cells', () => {
    expect(whole).toEqual([
      ['row', 1],
      [0, 's', 0, '0'],
      [2, 'inlineStr', 0, 'A & B'],
      ['end'],
      ['row', 3],
      [1, 'n', 2, '3'],
      [3, 'str', 0, '<kode>'],
      ['end'],
      ['row', 4],
      ['end'],
    ]);
  });
  it('gives the same cells wherever the text is cut (fast-check)', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 1, max: SHEET.length - 1 }), { maxLength: 12 }),
        (cuts) => {
          const at = [0, ...cuts.sort((a, b) => a - b), SHEET.length];
          expect(scan(at.slice(1).map((e, i) => SHEET.slice(at[i], e)))).toEqual(whole);
        },
      ),
      { seed: 10, numRuns: 300 },
    );
  });
  it('refuses a row with more columns than Excel has', () => {
    const xml = `<worksheet><sheetData><row r="1">${'<c/>'.repeat(MAX_COLUMNS + 1)}</row></sheetData></worksheet>`;
    expect(() => scan([xml])).toThrow(SheetXmlError);
  });
  it('reads shared strings: rich text runs joined, phonetic runs left out, empty items kept', () => {
    const xml =
      '<sst xmlns="x" count="3"><si><t>Blumah</t></si><si><r><rPr><b/></rPr><t xml:space="preserve">Kali</t></r><r><t>wungu</t></r><rPh sb="0" eb="1"><t>X</t></rPh></si><si/><si><t>&#x41;&#66;</t></si></sst>';
    for (const size of [1, 3, 7, 1000]) {
      const out: string[] = [];
      const s = new SharedStringScanner((t) => out.push(t));
      for (let i = 0; i < xml.length; i += size) s.push(xml.slice(i, i + size));
      expect(out, String(size)).toEqual(['Blumah', 'Kaliwungu', '', 'AB']);
    }
    expect(decodeXml('&lt;&gt;&quot;&apos;&amp;')).toBe('<>"\'&');
  });
});
