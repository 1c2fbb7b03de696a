/**
 * Step 3b: the household key used to link periods (an ID keluarga, or a No. KK/NIK the user chose) is replaced
 * at parse time by a salted hash; the raw key is never stored.
 *
 *   key hash = SHA-256(B ‖ normalised key)[0..16),  B = SHA-256("kantong/household-key/v1" ‖ 0x00 ‖ salt) ‖ 0³²
 *
 * B fills exactly one 64-byte SHA-256 block, so its compression is done once and each key costs one more
 * (FIPS 180-4; `@noble/hashes`). The salt is a project secret supplied by the caller: the same salt gives the
 * same hash for the same household in every period, and without it the small space of NIK/KK numbers cannot
 * be enumerated. 128 bits of output keep accidental collisions negligible (≈ n²/2¹²⁹).
 *
 * Normalised key: trimmed, a leading apostrophe and inner spaces, dots and dashes removed, upper case. A key
 * that is empty, all zeros or in scientific notation (Excel rounded it: many households would share it) is
 * unusable and gets no hash.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { utf8ToBytes } from '@noble/hashes/utils.js';

/** Bytes kept of each key hash. */
export const KEY_HASH_BYTES = 16;

/** Minimum salt length in bytes. */
export const MIN_SALT_BYTES = 8;

/** Hashes household keys with one salt. */
export interface HouseholdKeyHasher {
  /**
   * Writes the {@link KEY_HASH_BYTES}-byte hash of `key` at `out[offset…]`; returns false (writing nothing) when the
   * key is unusable.
   */
  hashInto(key: string, out: Uint8Array, offset: number): boolean;
}

/** The key as hashed, or null when unusable (see the module comment). */
export function normaliseHouseholdKey(key: string): string | null {
  // Fast path: a key of digits and capital letters only (the usual NIK, No. KK or ID) is already normal.
  let clean = key.length > 0;
  let zeros = true;
  for (let i = 0; i < key.length && clean; i++) {
    const c = key.charCodeAt(i);
    if (c !== 48) zeros = false;
    clean = (c >= 48 && c <= 57) || (c >= 65 && c <= 90);
  }
  if (clean) return zeros ? null : key;
  let t = key.trim();
  if (t.charCodeAt(0) === 39) t = t.slice(1);
  t = t.replace(/[\s.-]/g, '').toUpperCase();
  if (t === '' || /^0+$/.test(t) || /^\d+(,\d+)?E\+?\d+$/.test(t)) return null;
  return t;
}

/** A hasher for `salt` (text is UTF-8 encoded); throws a RangeError for a salt under {@link MIN_SALT_BYTES} bytes. */
export function createHouseholdKeyHasher(salt: string | Uint8Array): HouseholdKeyHasher {
  const saltBytes = typeof salt === 'string' ? utf8ToBytes(salt) : salt;
  if (saltBytes.length < MIN_SALT_BYTES) throw new RangeError(`salt shorter than ${MIN_SALT_BYTES} bytes`);
  const block = new Uint8Array(64);
  block.set(sha256.create().update(utf8ToBytes('kantong/household-key/v1\u0000')).update(saltBytes).digest());
  const base = sha256.create().update(block);
  const work = sha256.create();
  const digest = new Uint8Array(32);
  const encoder = new TextEncoder();
  let buffer = new Uint8Array(64);
  return {
    hashInto(key, out, offset) {
      const k = normaliseHouseholdKey(key);
      if (k === null) return false;
      if (k.length * 3 > buffer.length) buffer = new Uint8Array(k.length * 3);
      const { written } = encoder.encodeInto(k, buffer);
      base._cloneInto(work);
      work.update(buffer.subarray(0, written));
      work.digestInto(digest);
      out.set(digest.subarray(0, KEY_HASH_BYTES), offset);
      return true;
    },
  };
}
