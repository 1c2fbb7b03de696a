/**
 * A cache key for a list of H3 cells: its length and a 64-bit FNV-1a hash (two 32-bit lanes with different
 * offsets) of every cell id in order. Two lists that differ anywhere — not only in their ends — get different
 * keys, except with probability ~2⁻⁶⁴.
 *
 * Reference: Fowler, Noll & Vo, "FNV hash" (IETF draft-eastlake-fnv).
 */
export function cellSetKey(cells: readonly string[]): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  for (const cell of cells) {
    for (let i = 0; i < cell.length; i++) {
      const c = cell.charCodeAt(i);
      a = Math.imul(a ^ c, 0x01000193);
      b = Math.imul(b ^ c, 0x01000193) ^ (b >>> 15);
    }
    a = Math.imul(a ^ 0x2c, 0x01000193); // separator: ["ab","c"] ≠ ["a","bc"]
    b = Math.imul(b ^ 0x2c, 0x01000193);
  }
  return `${cells.length}:${(a >>> 0).toString(16).padStart(8, '0')}${(b >>> 0).toString(16).padStart(8, '0')}`;
}
