/**
 * Step 1a: what kind of bytes a file holds, and how its text is encoded.
 *
 * Encodings follow the WHATWG Encoding Standard as `TextDecoder` implements it: a byte-order mark decides
 * (UTF-8, UTF-16LE, UTF-16BE); otherwise the bytes are decoded as strict UTF-8 (`fatal: true`) and, where that
 * fails, as Windows-1252, the code page Excel uses for "CSV" on Indonesian/English Windows.
 */
import { msg } from '../messages/message.ts';
import { ImportError } from './errors.ts';

/** Container format recognised from the first bytes. */
export type ByteFormat = 'text' | 'xlsx';

/** Text encodings the readers produce (labels as `TextDecoder` accepts them). */
export type TextEncodingName = 'utf-8' | 'windows-1252' | 'utf-16le' | 'utf-16be';

/** Result of {@link detectEncoding}. */
export interface EncodingGuess {
  encoding: TextEncodingName;
  /** Whether a byte-order mark was present (it is skipped, never part of the first column name). */
  bom: boolean;
  /** Bytes to skip at the start (the BOM). */
  offset: number;
}

/** Bytes inspected by the cheap checks (binary, JSON, encoding of the start). */
const SNIFF_BYTES = 64 * 1024;

/**
 * Recognises the container from magic numbers and rejects what cannot be a table:
 * - `PK\x03\x04` (ZIP): an XLSX workbook;
 * - `D0 CF 11 E0` (OLE2): a legacy `.xls` workbook, not supported (ask for XLSX or CSV);
 * - zero length; text starting with `{` or `[` (JSON/GeoJSON); NUL or many control bytes without a UTF-16 BOM
 *   (binary).
 * `bytes` may be the file's first bytes only (at least 64 KiB when it is longer), `size` its whole size.
 * Throws {@link ImportError} with an Indonesian message naming `fileName`; returns `'text'` or `'xlsx'`.
 */
export function detectByteFormat(bytes: Uint8Array, fileName: string, size = bytes.length): ByteFormat {
  if (size === 0)
    throw new ImportError('empty_file', msg('import.error.empty_file', { file: fileName }), fileName);
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) return 'xlsx';
  if (bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0)
    throw new ImportError(
      'xls_unsupported',
      msg('import.error.xls_unsupported', { file: fileName }),
      fileName,
    );
  const { encoding, offset } = detectEncoding(bytes);
  if (encoding === 'utf-8' || encoding === 'windows-1252') {
    const end = Math.min(bytes.length, offset + SNIFF_BYTES);
    let control = 0;
    for (let i = offset; i < end; i++) {
      const b = bytes[i];
      if (b === 0)
        throw new ImportError('binary_file', msg('import.error.binary_file', { file: fileName }), fileName);
      if (b < 0x09 || (b > 0x0d && b < 0x20)) control++;
    }
    if (control > 0.05 * (end - offset))
      throw new ImportError('binary_file', msg('import.error.binary_file', { file: fileName }), fileName);
    let i = offset;
    while (i < end && (bytes[i] === 0x20 || bytes[i] === 0x09 || bytes[i] === 0x0a || bytes[i] === 0x0d)) i++;
    if (bytes[i] === 0x7b || bytes[i] === 0x5b)
      throw new ImportError('not_a_table', msg('import.error.not_a_table', { file: fileName }), fileName);
  }
  return 'text';
}

/**
 * The encoding of a text file: BOM first (EF BB BF → UTF-8, FF FE → UTF-16LE, FE FF → UTF-16BE); without a BOM,
 * UTF-8 when the first 64 KiB decode strictly as UTF-8 (a character cut at the 64 KiB boundary is allowed),
 * else Windows-1252. The full pass re-checks the rest of the file and falls back the same way
 * (see `text-table.ts`).
 */
export function detectEncoding(bytes: Uint8Array): EncodingGuess {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
    return { encoding: 'utf-8', bom: true, offset: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', bom: true, offset: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', bom: true, offset: 2 };
  const head = bytes.subarray(0, SNIFF_BYTES);
  return {
    encoding: isStrictUtf8(head, head.length < bytes.length) ? 'utf-8' : 'windows-1252',
    bom: false,
    offset: 0,
  };
}

/** Whether `bytes` decode as UTF-8 without replacement characters; `partial` allows a cut last character. */
export function isStrictUtf8(bytes: Uint8Array, partial = false): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: partial });
    return true;
  } catch {
    return false;
  }
}
