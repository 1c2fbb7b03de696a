/**
 * SHA-256 checksums of a project file: of the district's full-precision desa boundaries (`desa.json`, the
 * file every statistic is computed on), so that a project opened over other boundaries says so, and of the
 * file's own content, so that a damaged or hand-edited file is refused instead of half-read.
 *
 * Reference: FIPS 180-4 (SHA-256), via `@noble/hashes` (pure JavaScript: the same in the app, the Worker and
 * Node, and available where `crypto.subtle` is not, e.g. a page served over plain http on a local network).
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

/** Lower-case hex SHA-256 of bytes, or of a string's UTF-8 bytes. */
export function sha256Hex(data: Uint8Array | string): string {
  return bytesToHex(sha256(typeof data === 'string' ? utf8ToBytes(data) : data));
}
