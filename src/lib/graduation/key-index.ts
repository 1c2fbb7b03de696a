import { KEY_HASH_BYTES } from '../import/household-key.ts';

/**
 * An index of one period's key hashes: which row holds a key, and which keys are held by more than one row.
 *
 * Open addressing with linear probing (Knuth, TAOCP vol. 3, §6.4, Algorithm L) in a table of at least twice
 * the rows, a power of two; the probe starts at the hash's first four bytes (a SHA-256 prefix, uniformly
 * spread) and a slot matches only when all 16 bytes are equal. O(n) to build, O(1) expected per look-up.
 */
export class KeyIndex {
  readonly count: number;
  /** 1 for a row whose key another row of the same period holds too. */
  readonly duplicate: Uint8Array;
  /** Keys held by more than one row, and the rows holding them. */
  readonly duplicateKeys: number;
  readonly duplicateRows: number;
  readonly #hashes: Uint8Array;
  readonly #slots: Int32Array;
  readonly #mask: number;

  constructor(hashes: Uint8Array, count: number) {
    if (hashes.length < count * KEY_HASH_BYTES)
      throw new RangeError(`${hashes.length} hash bytes for ${count} rows`);
    this.count = count;
    this.#hashes = hashes;
    let size = 16;
    while (size < 2 * count) size *= 2;
    this.#slots = new Int32Array(size).fill(-1);
    this.#mask = size - 1;
    this.duplicate = new Uint8Array(count);
    const first = new Int32Array(count).fill(-1);
    for (let r = 0; r < count; r++) {
      const slot = this.#probe(hashes, r * KEY_HASH_BYTES);
      const held = this.#slots[slot];
      if (held < 0) this.#slots[slot] = r;
      else {
        this.duplicate[r] = 1;
        this.duplicate[held] = 1;
        first[r] = held;
      }
    }
    let keys = 0;
    let rows = 0;
    for (let r = 0; r < count; r++) {
      if (!this.duplicate[r]) continue;
      rows++;
      if (first[r] < 0) keys++;
    }
    this.duplicateKeys = keys;
    this.duplicateRows = rows;
  }

  /** The slot holding the key at `bytes[offset…]`, or the empty slot where it would go. */
  #probe(bytes: Uint8Array, offset: number): number {
    let slot =
      ((bytes[offset] << 24) | (bytes[offset + 1] << 16) | (bytes[offset + 2] << 8) | bytes[offset + 3]) &
      this.#mask;
    for (;;) {
      const r = this.#slots[slot];
      if (r < 0 || this.#same(r, bytes, offset)) return slot;
      slot = (slot + 1) & this.#mask;
    }
  }

  #same(row: number, bytes: Uint8Array, offset: number): boolean {
    const at = row * KEY_HASH_BYTES;
    for (let b = 0; b < KEY_HASH_BYTES; b++) if (this.#hashes[at + b] !== bytes[offset + b]) return false;
    return true;
  }

  /** The row holding the key at `bytes[offset…]` (the first one when several do), or −1. */
  find(bytes: Uint8Array, offset: number): number {
    return this.#slots[this.#probe(bytes, offset)];
  }
}
