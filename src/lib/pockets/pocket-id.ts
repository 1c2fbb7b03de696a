import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

/**
 * Stable id of a pocket from its members:
 *
 *   id = prefix + "-" + hex(SHA-256(m₁ "," m₂ "," … mₖ))[0..10)
 *
 * with m the member codes (kode_desa or H3 index) sorted ascending, so the same pocket gets the same id in
 * every run, browser and CLI; any change of membership gives a new id. 40 bits make a collision between two
 * pockets of one kabupaten practically impossible (birthday bound ≈ 10⁻⁹ for 50 pockets). The prefix names
 * the unit (`desa`, `h7`, `h8`, `h9`).
 *
 * Reference: FIPS 180-4 (SHA-256), via `@noble/hashes`.
 */
export function pocketId(prefix: string, memberCodes: readonly string[]): string {
  const sorted = [...memberCodes].sort();
  return `${prefix}-${bytesToHex(sha256(utf8ToBytes(sorted.join(',')))).slice(0, 10)}`;
}
