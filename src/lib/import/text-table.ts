/**
 * Step 1b: delimited text (CSV, TSV, TXT) → records (arrays of cell strings), with papaparse's low-level
 * `Parser` called by our own chunk loop (not papaparse's `worker: true`, and `dynamicTyping` stays off so codes
 * keep their leading characters).
 *
 * Layout detection, on the first MiB:
 * - line end: `\n` when any bare LF occurs (a `\r` left at the end of a record is removed), else `\r\n`, else `\r`;
 * - preamble: leading lines that are blank or start with `#` (comments) are skipped before parsing, so a quote
 *   inside a comment cannot swallow the header;
 * - separator: of `;` `,` tab `|`, the one whose records most often share the same field count (> 1), ties
 *   going to the larger field count (decimal commas give a varying count, so `;` wins on Excel-Indonesia files).
 *
 * Records are numbered as a spreadsheet numbers rows: every line of the preamble, every record (a quoted field
 * spanning lines is one record) and every blank line counts, from 1.
 *
 * Stray quotes (see `quotes.ts`): a pass that meets a record which swallowed rows through a quote throws
 * {@link StrayQuoteError}, and the file is read again with `layout.quotes = 'tolerant'` (the quote-tolerant
 * reader instead of papaparse; records in which a quote was read as a character are reported by row).
 */
import Papa from 'papaparse';
import { bytesSource, isByteSource, type ByteSource } from './byte-source.ts';
import { detectEncoding, isStrictUtf8, type EncodingGuess, type TextEncodingName } from './encoding.ts';
import { checkpoint, type ProgressCallback } from './errors.ts';
import { isStrayQuoteRecord, parseTolerant } from './quotes.ts';

/** Separators recognised. */
export type Separator = ';' | ',' | '\t' | '|';
/** Line ends recognised. */
export type Newline = '\r\n' | '\n' | '\r';

/** How a text file is laid out; plain data, kept in the join report. */
export interface TextLayout extends EncodingGuess {
  separator: Separator;
  newline: Newline;
  /** Blank or `#` lines before the first record. */
  preambleLines: number;
  /** A `#` comment in the preamble says DATA SINTETIS (the synthetic generator's mark). */
  synthetic: boolean;
  /** `tolerant` once a stray quote was found: quotes that open no proper cell are ordinary characters (see `quotes.ts`). */
  quotes: 'standard' | 'tolerant';
  /** Columns of the header, for telling swallowed rows from a cell over two lines (0: not known yet). */
  columns: number;
}

/** First records of a text file and its layout (see {@link sniffText}). */
export interface TextSample {
  layout: TextLayout;
  /** Records of the sample, numbered from `layout.preambleLines + 1`. */
  records: string[][];
  /** True when the sample is the whole file. */
  complete: boolean;
  /** Records in the whole file, extrapolated from the sample's bytes per record (exact when complete). */
  estimatedRecords: number;
}

/** Thrown inside a pass when a record swallowed rows through a stray quote; the pass restarts quote-tolerant. */
export class StrayQuoteError extends Error {
  constructor(readonly row: number) {
    super(`stray quote at row ${row}`);
    this.name = 'StrayQuoteError';
  }
}

/** Thrown inside a pass when bytes turn out not to be UTF-8 after all; the pass restarts as Windows-1252. */
export class NotUtf8Error extends Error {
  constructor() {
    super('invalid UTF-8');
    this.name = 'NotUtf8Error';
  }
}

const SEPARATORS: readonly Separator[] = [';', ',', '\t', '|'];
const SAMPLE_BYTES = 1 << 20;
/**
 * Bytes decoded and parsed per batch of the full pass. Small batches keep each batch's records in V8's young
 * generation (they are dropped before the next batch), which measured faster than 1–64 MiB batches.
 */
export const CHUNK_BYTES = 64 << 10;
/** Bytes between progress reports. */
export const PROGRESS_BYTES = 1 << 20;
/**
 * Bytes between abort checks (each lets the event loop run, which costs a timer tick: a few ms in a browser).
 * Counted in bytes rather than time so that the same file always stops at the same place.
 */
export const CHECKPOINT_BYTES = 4 << 20;

/** Line end of `text` (see the module comment). */
export function detectNewline(text: string): Newline {
  let crlf = 0;
  let lf = 0;
  let cr = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) {
        crlf++;
        i++;
      } else cr++;
    } else if (c === 10) lf++;
  }
  if (lf > 0) return '\n';
  if (crlf > 0) return '\r\n';
  return cr > 0 ? '\r' : '\n';
}

/** Whether a preamble line is skipped: blank, or a `#` comment. */
function isPreambleLine(line: string): boolean {
  const t = line.trim();
  return t === '' || t.charCodeAt(0) === 35; /* # */
}

/**
 * Strips leading blank and `#` lines. Returns the number of lines removed, the char offset where the first
 * record starts, whether the preamble is known to be finished (false when `text` ended inside it and more may
 * follow), and whether a comment said SINTETIS.
 */
export function stripPreamble(
  text: string,
  newline: Newline,
  complete: boolean,
): { lines: number; offset: number; done: boolean; synthetic: boolean } {
  const nl = newline === '\r' ? '\r' : '\n';
  let pos = 0;
  let lines = 0;
  let synthetic = false;
  for (;;) {
    const end = text.indexOf(nl, pos);
    if (end === -1) {
      const last = text.slice(pos);
      if (complete && isPreambleLine(last)) {
        if (/SINTETIS/i.test(last)) synthetic = true;
        return { lines: lines + (last === '' ? 0 : 1), offset: text.length, done: true, synthetic };
      }
      return { lines, offset: pos, done: complete || !isPreambleLine(last), synthetic };
    }
    const line = text.slice(pos, end);
    if (!isPreambleLine(line)) return { lines, offset: pos, done: true, synthetic };
    if (/SINTETIS/i.test(line)) synthetic = true;
    lines++;
    pos = end + 1;
  }
}

/** Parses `text` with a fixed separator and line end; the last, possibly incomplete, record is held back unless `last`. */
function parseRecords(
  parser: Papa.Parser,
  text: string,
  newline: Newline,
  last: boolean,
): { records: string[][]; cursor: number; repaired?: number[] } {
  const result = parser.parse(text, 0, !last) as { data: string[][]; meta: { cursor: number } };
  const records = result.data;
  // The line end after the last record is not a blank line of its own.
  const lastRecord = records[records.length - 1];
  if (
    last &&
    lastRecord &&
    lastRecord.length === 1 &&
    lastRecord[0] === '' &&
    text.endsWith(newline === '\r' ? '\r' : '\n')
  )
    records.pop();
  if (newline === '\n') {
    // CRLF files parsed on LF (mixed line ends): drop the CR left at the end of each record.
    for (const r of records) {
      const k = r.length - 1;
      const cell = r[k];
      if (cell.length > 0 && cell.charCodeAt(cell.length - 1) === 13) r[k] = cell.slice(0, -1);
    }
  }
  return { records, cursor: last ? text.length : result.meta.cursor };
}

function newParser(separator: Separator, newline: Newline): Papa.Parser {
  return new Papa.Parser({ delimiter: separator, newline, quoteChar: '"' });
}

/** A parser of records for a layout: papaparse, or the quote-tolerant reader (see `quotes.ts`). */
function recordParser(layout: Pick<TextLayout, 'separator' | 'newline' | 'quotes' | 'columns'>) {
  if (layout.quotes === 'tolerant')
    return (text: string, last: boolean) => {
      const r = parseTolerant(text, layout.separator, layout.newline, layout.columns, last);
      const lastRecord = r.records[r.records.length - 1];
      return { records: r.records, cursor: last ? text.length : r.cursor, repaired: r.repaired, lastRecord };
    };
  const parser = newParser(layout.separator, layout.newline);
  return (text: string, last: boolean) => parseRecords(parser, text, layout.newline, last);
}

/** Line ends in `text` before `end` (a record per line when no cell spans lines). */
function lineBreaks(text: string, newline: Newline, end: number): number {
  const nl = newline === '\r' ? '\r' : '\n';
  let n = 0;
  for (let i = text.indexOf(nl); i >= 0 && i < end; i = text.indexOf(nl, i + 1)) n++;
  return n;
}

/** The first record (index) that swallowed rows through a stray quote, or -1 (see `isStrayQuoteRecord`). */
export function strayQuoteIndex(
  records: readonly (readonly string[])[],
  columns: number,
  separator: string,
): number {
  for (let k = 0; k < records.length; k++) if (isStrayQuoteRecord(records[k], columns, separator)) return k;
  return -1;
}

/**
 * The separator whose records (blank records ignored) most often have the same field count > 1; ties go to the
 * larger count, then to the order `;` `,` tab `|`. Falls back to `,` for a one-column file.
 */
export function detectSeparator(text: string, newline: Newline, complete: boolean): Separator {
  let best: Separator = ',';
  let bestScore = -1;
  let bestWidth = 0;
  for (const sep of SEPARATORS) {
    const { records } = parseRecords(newParser(sep, newline), text, newline, complete);
    const counts = new Map<number, number>();
    let seen = 0;
    for (const r of records) {
      if (r.length === 1 && r[0].trim() === '') continue;
      counts.set(r.length, (counts.get(r.length) ?? 0) + 1);
      if (++seen >= 200) break;
    }
    let width = 0;
    let freq = 0;
    for (const [w, f] of counts) if (w > 1 && (f > freq || (f === freq && w > width))) [width, freq] = [w, f];
    if (freq > bestScore || (freq === bestScore && width > bestWidth)) {
      best = sep;
      bestScore = freq;
      bestWidth = width;
    }
  }
  return best;
}

/** Bytes a caller reads from the start of a file for {@link sniffText} (the sample and a BOM). */
export const SNIFF_HEAD_BYTES = SAMPLE_BYTES + 4;

/**
 * Detects the layout of a delimited text file from its first MiB (see the module comment) and returns the
 * first records. `bytes` must already be known to be text (see `detectByteFormat`); they may be the file's
 * first {@link SNIFF_HEAD_BYTES} only, with `size` the size of the whole file.
 */
export function sniffText(
  bytes: Uint8Array,
  quotes: { mode: 'standard' | 'tolerant'; columns: number } = { mode: 'standard', columns: 0 },
  size = bytes.length,
): TextSample {
  const guess = detectEncoding(bytes);
  const end = Math.min(bytes.length, guess.offset + SAMPLE_BYTES);
  const complete = end === size;
  let { encoding } = guess;
  const sampleBytes = bytes.subarray(guess.offset, end);
  if (encoding === 'utf-8' && !isStrictUtf8(sampleBytes, !complete)) encoding = 'windows-1252';
  const text = new TextDecoder(encoding, { ignoreBOM: true }).decode(sampleBytes, { stream: !complete });
  const newline = detectNewline(text);
  const pre = stripPreamble(text, newline, complete);
  const body = text.slice(pre.offset);
  const separator = detectSeparator(
    body.slice(0, 256 * 1024),
    newline,
    complete && body.length <= 256 * 1024,
  );
  const layout: TextLayout = {
    ...guess,
    encoding,
    separator,
    newline,
    preambleLines: pre.lines,
    synthetic: pre.synthetic,
    quotes: quotes.mode,
    columns: quotes.columns,
  };
  const { records, cursor } = recordParser(layout)(body, complete);
  if (quotes.mode === 'tolerant' && complete) {
    const lastRecord = records[records.length - 1];
    if (
      lastRecord &&
      lastRecord.length === 1 &&
      lastRecord[0] === '' &&
      body.endsWith(newline === '\r' ? '\r' : '\n')
    )
      records.pop();
  }
  const perRecord = records.length > 0 ? Math.max(1, cursor / records.length) : 1;
  return {
    layout,
    records,
    complete,
    estimatedRecords: complete ? records.length : Math.ceil((size - guess.offset) / perRecord),
  };
}

/** Options of {@link readTextRecords}. */
export interface ReadOptions {
  onProgress?: ProgressCallback;
  signal?: AbortSignal;
  /** Bytes per batch (default {@link CHUNK_BYTES}). */
  chunkBytes?: number;
  /** Quote-tolerant reading: called with the row number of each record in which a quote was read as a character. */
  onRepair?: (row: number) => void;
  /** The columns the caller reads (workbooks leave the others' text in the sheet; text files read all). */
  columns?: readonly number[];
}

/**
 * Reads every record of a text file with `layout`, calling `onBatch(records, firstRowNumber)` in file order;
 * rows are numbered as in {@link TextSample}. `input` is the file's bytes or a {@link ByteSource} streamed in
 * chunks of any size: text is decoded with `TextDecoder` in streaming mode (a character cut between chunks is
 * joined) and parsed in batches of about `chunkBytes`, the last, possibly incomplete, record of a batch held
 * back for the next, so the records do not depend on where chunks end. Reports progress as bytes read ÷ file
 * size every {@link PROGRESS_BYTES} and at the end. With `layout.encoding === 'utf-8'` and no BOM, invalid
 * UTF-8 anywhere throws {@link NotUtf8Error} (the caller starts again with Windows-1252); every
 * {@link CHECKPOINT_BYTES} the signal is checked (see `checkpoint`).
 */
export async function readTextRecords(
  input: Uint8Array | ByteSource,
  layout: TextLayout,
  onBatch: (records: string[][], firstRowNumber: number) => void,
  options: ReadOptions = {},
): Promise<void> {
  const parse = recordParser(layout);
  const chunkBytes =
    options.chunkBytes ?? (isByteSource(input) ? input.batchBytes : undefined) ?? CHUNK_BYTES;
  const source = isByteSource(input) ? input : bytesSource(input, chunkBytes);
  const size = Math.max(1, source.size);
  const standard = layout.quotes === 'standard' && layout.columns > 0;
  const decoder = new TextDecoder(layout.encoding as TextEncodingName, {
    fatal: layout.encoding === 'utf-8',
    ignoreBOM: true,
  });
  const decode = (chunk: Uint8Array | undefined, more: boolean): string => {
    try {
      return chunk ? decoder.decode(chunk, { stream: more }) : decoder.decode();
    } catch (error) {
      if (error instanceof TypeError && layout.encoding === 'utf-8') throw new NotUtf8Error();
      throw error;
    }
  };
  let pending = '';
  let inPreamble = true;
  let row = 1;
  let consumed = layout.offset;
  let lastProgress = layout.offset;
  let lastCheckpoint = layout.offset;

  /** Parses the text decoded since the last batch (`last`: the file ended). */
  const batch = async (text: string, last: boolean): Promise<void> => {
    let input = pending + text;
    if (inPreamble) {
      const pre = stripPreamble(input, layout.newline, last);
      if (!pre.done) {
        pending = input;
        return;
      }
      row += pre.lines;
      input = input.slice(pre.offset);
      inPreamble = false;
    }
    const { records, cursor, repaired } = parse(input, last);
    if (layout.quotes === 'tolerant' && last) {
      const lastRecord = records[records.length - 1];
      if (
        lastRecord &&
        lastRecord.length === 1 &&
        lastRecord[0] === '' &&
        input.endsWith(layout.newline === '\r' ? '\r' : '\n')
      )
        records.pop();
    }
    // More line ends than records: some cell spans lines. Swallowed rows mean a stray quote (see `quotes.ts`).
    if (standard && lineBreaks(input, layout.newline, cursor) > records.length) {
      const k = strayQuoteIndex(records, layout.columns, layout.separator);
      if (k >= 0) throw new StrayQuoteError(row + k);
    }
    if (repaired && options.onRepair) for (const k of repaired) options.onRepair(row + k);
    pending = last ? '' : input.slice(cursor);
    if (records.length > 0) onBatch(records, row);
    row += records.length;
    if (last) options.onProgress?.(1);
    else if (consumed - lastProgress >= PROGRESS_BYTES) {
      options.onProgress?.(consumed / size);
      lastProgress = consumed;
    }
    if (!last && consumed - lastCheckpoint >= CHECKPOINT_BYTES) {
      await checkpoint(options.signal);
      lastCheckpoint = consumed;
    }
  };

  // One chunk read ahead, so that the batch holding the file's last bytes is parsed as the last.
  const chunks = source.stream(layout.offset)[Symbol.asyncIterator]();
  let parts: string[] = [];
  let partBytes = 0;
  let next = await chunks.next();
  if (next.done) {
    await batch(decode(undefined, false), true);
    return;
  }
  try {
    while (!next.done) {
      const chunk = next.value;
      next = await chunks.next();
      const last = next.done === true;
      consumed += chunk.length;
      parts.push(decode(chunk, !last));
      if (last) parts.push(decode(undefined, false));
      partBytes += chunk.length;
      if (last || partBytes >= chunkBytes) {
        const text = parts.length === 1 ? parts[0] : parts.join('');
        parts = [];
        partBytes = 0;
        await batch(text, last);
      }
    }
  } finally {
    // A pass that stops early (a restart, a cancel) closes the file's stream.
    if (!next.done) await chunks.return?.();
  }
}
