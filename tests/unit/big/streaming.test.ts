/**
 * Streaming import (`byte-source.ts`, `readTextRecords`): the import of a file streamed in chunks of 1–17
 * bytes, parsed in batches of 1–17 bytes, is identical (report, desa rows, household columns) to the import
 * of the same bytes in memory, on every separator × encoding × line end (with quoted cells holding the
 * separator, a doubled quote, a line break and non-ASCII letters), on every text fixture of the importer,
 * and across the restarts (invalid UTF-8 past the sample, a stray quote past the sample).
 */
import { readdirSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bytesSource, ImportError, importFile, type ByteSource } from '../../../src/lib/import/index.ts';
import { BASE_HOUSEHOLDS, DESA, FIXTURES, fixture, serialise } from '../import/helpers.ts';

const SEPARATORS = [';', ',', '\t', '|'] as const;
const LINE_ENDS = ['\r\n', '\n', '\r'] as const;
const ENCODINGS = ['utf-8', 'utf-8-bom', 'windows-1252', 'utf-16le', 'utf-16be'] as const;
type Encoding = (typeof ENCODINGS)[number];

const KODE = DESA.map((d) => d.kode_desa.replace(/\./g, ''));

function quote(cell: string, sep: string): string {
  return /["\r\n]/.test(cell) || cell.includes(sep) ? `"${cell.replace(/"/g, '""')}"` : cell;
}

/** A household file: the base households, a name cell quoted with the separator, a quote and a line break. */
function householdText(sep: string, eol: string, copies = 1, extra = ''): string {
  const decimal = sep === ',' ? '.' : ',';
  const header = ['NAMA_KRT', 'KODE_WILAYAH', 'DESIL_NASIONAL', 'JUMLAH_ART', 'LINTANG', 'PKH', 'PERIODE'];
  const lines = [`# DATA SINTETIS - uji streaming`, header.join(sep)];
  for (let c = 0; c < copies; c++)
    BASE_HOUSEHOLDS.forEach(([d, desil, size, pkh], i) => {
      // a line break inside a cell: LF (CR in a CR-only file, where any bare LF would make the file LF)
      const br = eol === '\r' ? '\r' : '\n';
      const name = i % 3 === 0 ? `JOSÉ${sep} "MARÍA"${br}UJI ${i}` : `WARGA ÀÉÎ ${i}`;
      lines.push(
        [
          quote(name, sep),
          KODE[d],
          String(desil),
          String(size),
          `-6${decimal}9${i}`,
          pkh ? 'YA' : 'TIDAK',
          '2025-Q1',
        ]
          .map((v, j) => (j === 0 ? v : quote(v, sep)))
          .join(sep),
      );
      if (i === 5 && c === 0) lines.push('');
    });
  return lines.join(eol) + eol + extra;
}

function encode(text: string, encoding: Encoding): Uint8Array {
  if (encoding === 'utf-8') return new TextEncoder().encode(text);
  if (encoding === 'utf-8-bom') return new TextEncoder().encode(`\uFEFF${text}`);
  if (encoding === 'windows-1252') return Uint8Array.from(text, (c) => c.charCodeAt(0));
  const out = new Uint8Array(2 + 2 * text.length);
  const le = encoding === 'utf-16le';
  out.set(le ? [0xff, 0xfe] : [0xfe, 0xff]);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    out[2 + 2 * i] = le ? c & 0xff : c >> 8;
    out[3 + 2 * i] = le ? c >> 8 : c & 0xff;
  }
  return out;
}

async function importOf(input: Uint8Array | ByteSource, fileName: string): Promise<string> {
  try {
    return serialise(await importFile(input, { fileName, kodeKab: '33.24', desa: DESA }));
  } catch (error) {
    if (error instanceof ImportError) return `ImportError ${error.code} ${error.message}`;
    throw error;
  }
}

/** The same serialised import, or a short excerpt around the first difference. */
function expectSame(actual: string, expected: string): void {
  if (actual === expected) return;
  let i = 0;
  while (actual[i] === expected[i]) i++;
  expect(actual.slice(Math.max(0, i - 80), i + 80)).toBe(expected.slice(Math.max(0, i - 80), i + 80));
}

/** Chunk sizes drawn from a seeded sequence of 1–17. */
function smallChunks(bytes: Uint8Array, sizes: number[], batch: number): ByteSource {
  return bytesSource(bytes, (k) => sizes[k % sizes.length], batch);
}

const chunking = fc.record({
  sizes: fc.array(fc.integer({ min: 1, max: 17 }), { minLength: 1, maxLength: 40 }),
  batch: fc.integer({ min: 1, max: 17 }),
});

describe('streaming import = in-memory import', () => {
  for (const sep of SEPARATORS)
    for (const eol of LINE_ENDS)
      for (const encoding of ENCODINGS) {
        const label = `${sep === '\t' ? 'tab' : sep} × ${JSON.stringify(eol)} × ${encoding}`;
        it(label, async () => {
          const bytes = encode(householdText(sep, eol), encoding);
          const whole = await importOf(bytes, 'uji.csv');
          expect(whole.slice(0, 300)).toMatch(/^\{"report"/);
          expect(whole).toMatch(/"rows_read":12,"rows_joined":12,/);
          await fc.assert(
            fc.asyncProperty(chunking, async ({ sizes, batch }) => {
              expectSame(await importOf(smallChunks(bytes, sizes, batch), 'uji.csv'), whole);
            }),
            { seed: 1700 + sep.charCodeAt(0) + eol.length, numRuns: 6 },
          );
        });
      }

  const textFixtures = readdirSync(FIXTURES).filter((f) => /\.(csv|txt|bin|geojson)$/.test(f));
  it.each(textFixtures)('fixture %s', async (name) => {
    const bytes = fixture(name);
    const whole = await importOf(bytes, name);
    await fc.assert(
      fc.asyncProperty(chunking, async ({ sizes, batch }) => {
        expectSame(await importOf(smallChunks(bytes, sizes, batch), name), whole);
      }),
      { seed: 42, numRuns: 8 },
    );
  });

  it('restarts alike: a Windows-1252 letter and a stray quote past the first MiB', async () => {
    const body = householdText(';', '\r\n', 2800);
    expect(body.length).toBeGreaterThan(1 << 20);
    const cases = [
      // valid UTF-8 for the sample, then one Windows-1252 byte: the pass restarts as Windows-1252
      (() => {
        const head = new TextEncoder().encode(
          body.replace(/É/g, 'E').replace(/À/g, 'A').replace(/Î/g, 'I').replace(/Í/g, 'I'),
        );
        const tail = Uint8Array.from(`WARGA J\xc9 ;${KODE[0]};3;2;-6,9;YA;2025-Q1\r\n`, (c) =>
          c.charCodeAt(0),
        );
        const out = new Uint8Array(head.length + tail.length);
        out.set(head);
        out.set(tail, head.length);
        return out;
      })(),
      // a cell opening with a quote that never closes properly: the pass restarts quote-tolerant
      new TextEncoder().encode(
        `${body}"WARGA;${KODE[1]};4;3;-6,9;YA;2025-Q1\r\nX;${KODE[2]};5;1;-6,9;YA;2025-Q1\r\n`,
      ),
    ];
    for (const [k, bytes] of cases.entries()) {
      const whole = await importOf(bytes, 'besar.csv');
      const rows = 33_601 + k;
      expect(/"rows_read":\d+,"rows_joined":\d+,"rows_rejected":\d+/.exec(whole)?.[0]).toBe(
        `"rows_read":${rows},"rows_joined":${rows},"rows_rejected":0`,
      );
      for (const size of [7, 4093, 65_537])
        expectSame(await importOf(bytesSource(bytes, size, size), 'besar.csv'), whole);
    }
    expect(await importOf(cases[0], 'besar.csv')).toMatch(/"encoding":"windows-1252"/);
    expect(await importOf(cases[1], 'besar.csv')).toMatch(/"mode":"tolerant"/);
  }, 120_000);
});
