/**
 * Step 1c-i: the ZIP container of an XLSX workbook, read from its central directory (PKWARE APPNOTE 6.3.x,
 * §4.3.12–4.3.16, with the ZIP64 extra field of §4.5.3), and its entries inflated as a stream with `fflate`'s
 * streaming `Inflate`, never as a whole.
 *
 * Decompression bombs: an entry is inflated only up to a limit on its *actual* output (the sizes a ZIP declares
 * can lie): at any point, no more than `max(MIN_LIMIT, RATIO_LIMIT × compressed bytes consumed so far)`, and
 * never more than {@link ABSOLUTE_LIMIT} bytes. Real sheets compress about 5–20×; a bomb compresses ~1000× from
 * its first bytes on, so it is stopped after about {@link MIN_LIMIT} bytes, whatever its size. Inflating stops at
 * the first chunk past the limit and {@link ZipLimitError} is thrown; compressed input is pushed in
 * {@link PUSH_BYTES} slices, so no more than about `1032 × PUSH_BYTES` bytes (deflate's largest expansion) exist
 * at once whatever the file holds.
 */
import { Inflate } from 'fflate';

/** One entry of the central directory. */
export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflated (others are refused when read). */
  method: number;
  compressedSize: number;
  /** As declared; never trusted for allocation. */
  size: number;
  /** Offset of the local file header. */
  localOffset: number;
}

/** The container is not a ZIP this reader understands (damaged, encrypted, an unsupported method). */
export class ZipFormatError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'ZipFormatError';
  }
}

/** An entry inflates past its limit (see the module comment). */
export class ZipLimitError extends Error {
  constructor(
    readonly entry: string,
    readonly limit: number,
  ) {
    super(`${entry} inflates past ${limit} bytes`);
    this.name = 'ZipLimitError';
  }
}

/** Inflated bytes always allowed per entry. */
export const MIN_LIMIT = 32 << 20;
/** Inflated ÷ compressed size allowed per entry above {@link MIN_LIMIT}. */
export const RATIO_LIMIT = 100;
/** Inflated bytes never exceeded per entry. */
export const ABSOLUTE_LIMIT = 1024 << 20;
/** Compressed bytes pushed into the inflater at a time (bounds the output of one push). */
export const PUSH_BYTES = 16 << 10;

/** The inflate limit of an entry (see the module comment). */
export function entryLimit(entry: Pick<ZipEntry, 'compressedSize'>): number {
  return Math.min(ABSOLUTE_LIMIT, Math.max(MIN_LIMIT, RATIO_LIMIT * entry.compressedSize));
}

const u16 = (b: Uint8Array, o: number) => b[o] | (b[o + 1] << 8);
const u32 = (b: Uint8Array, o: number) =>
  (b[o] | (b[o + 1] << 8) | (b[o + 2] << 16) | (b[o + 3] << 24)) >>> 0;
const u64 = (b: Uint8Array, o: number) => u32(b, o) + u32(b, o + 4) * 2 ** 32;

/**
 * The central directory of `bytes`: found from the end-of-central-directory record (searched back over the
 * 64 KiB a comment can take), with ZIP64 sizes and offsets read from the extra field where the 32-bit ones are
 * saturated. Throws {@link ZipFormatError}.
 */
export function readZipDirectory(bytes: Uint8Array): ZipEntry[] {
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--)
    if (u32(bytes, i) === 0x06054b50) {
      eocd = i;
      break;
    }
  if (eocd < 0) throw new ZipFormatError('no end of central directory');
  let count = u16(bytes, eocd + 10);
  let offset = u32(bytes, eocd + 16);
  if (offset === 0xffffffff || count === 0xffff) {
    const locator = eocd - 20;
    if (locator < 0 || u32(bytes, locator) !== 0x07064b50) throw new ZipFormatError('damaged ZIP64 record');
    const rec = u64(bytes, locator + 8);
    if (rec + 56 > bytes.length || u32(bytes, rec) !== 0x06064b50)
      throw new ZipFormatError('damaged ZIP64 record');
    count = u64(bytes, rec + 32);
    offset = u64(bytes, rec + 48);
  }
  const decoder = new TextDecoder('utf-8');
  const entries: ZipEntry[] = [];
  let p = offset;
  for (let k = 0; k < count; k++) {
    if (p + 46 > bytes.length || u32(bytes, p) !== 0x02014b50)
      throw new ZipFormatError('damaged central directory');
    const flags = u16(bytes, p + 8);
    const method = u16(bytes, p + 10);
    let compressedSize = u32(bytes, p + 20);
    let size = u32(bytes, p + 24);
    const nameLength = u16(bytes, p + 28);
    const extraLength = u16(bytes, p + 30);
    const commentLength = u16(bytes, p + 32);
    let localOffset = u32(bytes, p + 42);
    const name = decoder.decode(bytes.subarray(p + 46, p + 46 + nameLength));
    // ZIP64 extra field: the saturated values follow in the order size, compressed size, offset.
    let e = p + 46 + nameLength;
    const end = e + extraLength;
    while (e + 4 <= end) {
      const id = u16(bytes, e);
      const len = u16(bytes, e + 2);
      if (id === 0x0001) {
        let q = e + 4;
        if (size === 0xffffffff) {
          size = u64(bytes, q);
          q += 8;
        }
        if (compressedSize === 0xffffffff) {
          compressedSize = u64(bytes, q);
          q += 8;
        }
        if (localOffset === 0xffffffff) localOffset = u64(bytes, q);
      }
      e += 4 + len;
    }
    if ((flags & 1) === 0) entries.push({ name, method, compressedSize, size, localOffset });
    p = end + commentLength;
  }
  return entries;
}

/**
 * Inflates `entry` of `bytes` as a sequence of output chunks, in order (a generator, so that a reader can pause
 * between chunks, e.g. to let a Worker receive a cancel). Throws {@link ZipLimitError} past the entry's limit
 * (see the module comment) and {@link ZipFormatError} for a damaged or unsupported entry.
 */
export function* inflateEntryChunks(
  bytes: Uint8Array,
  entry: ZipEntry,
  limit = entryLimit(entry),
): Generator<Uint8Array> {
  const h = entry.localOffset;
  if (h + 30 > bytes.length || u32(bytes, h) !== 0x04034b50)
    throw new ZipFormatError(`damaged entry ${entry.name}`);
  const start = h + 30 + u16(bytes, h + 26) + u16(bytes, h + 28);
  const end = start + entry.compressedSize;
  if (end > bytes.length) throw new ZipFormatError(`truncated entry ${entry.name}`);
  let out = 0;
  let consumed = 0;
  const count = (n: number) => {
    out += n;
    if (out > limit) throw new ZipLimitError(entry.name, limit);
    // The ratio so far: a bomb is stopped early, not after inflating to its whole allowance.
    if (out > MIN_LIMIT && out > RATIO_LIMIT * consumed)
      throw new ZipLimitError(entry.name, Math.max(MIN_LIMIT, RATIO_LIMIT * consumed));
  };
  if (entry.method === 0) {
    for (let p = start; p < end; p += 1 << 20) {
      const chunk = bytes.subarray(p, Math.min(end, p + (1 << 20)));
      consumed += chunk.length;
      count(chunk.length);
      yield chunk;
    }
    return;
  }
  if (entry.method !== 8) throw new ZipFormatError(`compression method ${entry.method} of ${entry.name}`);
  let pending: Uint8Array[] = [];
  const inflater = new Inflate((chunk) => {
    count(chunk.length);
    if (chunk.length > 0) pending.push(chunk);
  });
  for (let p = start; p < end; p += PUSH_BYTES) {
    const q = Math.min(end, p + PUSH_BYTES);
    consumed += q - p;
    try {
      inflater.push(bytes.subarray(p, q), q === end);
    } catch (error) {
      if (error instanceof ZipLimitError) throw error;
      throw new ZipFormatError(`damaged data in ${entry.name}`);
    }
    const ready = pending;
    pending = [];
    yield* ready;
  }
}

/** {@link inflateEntryChunks} with a callback; `onChunk` returning `false` stops early. */
export function inflateEntry(
  bytes: Uint8Array,
  entry: ZipEntry,
  onChunk: (chunk: Uint8Array) => boolean | void,
  limit = entryLimit(entry),
): void {
  for (const chunk of inflateEntryChunks(bytes, entry, limit)) if (onChunk(chunk) === false) return;
}

/** The whole of a small entry (workbook parts), decoded as UTF-8; null when absent. */
export function entryText(bytes: Uint8Array, entries: readonly ZipEntry[], name: string): string | null {
  const entry = entries.find((e) => e.name === name);
  if (!entry) return null;
  const decoder = new TextDecoder('utf-8');
  let text = '';
  inflateEntry(bytes, entry, (chunk) => {
    text += decoder.decode(chunk, { stream: true });
  });
  return text + decoder.decode();
}
