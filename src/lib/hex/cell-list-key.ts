import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

/**
 * Cache key of an ordered list of H3 cells (e.g. the units of hexagon weights, whose rows follow the list):
 *
 *   key = n + "|" + hex(SHA-256(c₁ "," c₂ "," … cₙ))
 *
 * Every cell takes part, in order, so two lists that differ anywhere (a cell in the middle, or only the
 * order) get different keys, barring a SHA-256 collision; a key of the count and the first and last cells
 * alone would let two such lists share cached weights. Hashing the ~16 bytes of each of 10⁴ cells takes a
 * few milliseconds, far less than building the weights it saves.
 *
 * Reference: FIPS 180-4 (SHA-256), via `@noble/hashes`.
 */
export function cellListKey(cells: readonly string[]): string {
  return `${cells.length}|${bytesToHex(sha256(utf8ToBytes(cells.join(','))))}`;
}
