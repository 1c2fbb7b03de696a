import { KEY_HASH_BYTES, createHouseholdKeyHasher } from '../../../src/lib/import/household-key.ts';
import type { PeriodPanel } from '../../../src/lib/graduation/panel.ts';

const hasher = createHouseholdKeyHasher('uji-garam-rahasia');

/** A hand-made panel: one household per entry `[key, desa index, desil]`. */
export function panel(
  periode: string,
  desaCodes: string[],
  rows: readonly [string, number, number][],
  withoutKey = 0,
): PeriodPanel {
  const keyHash = new Uint8Array(rows.length * KEY_HASH_BYTES);
  rows.forEach(([key], r) => {
    if (!hasher.hashInto(key, keyHash, r * KEY_HASH_BYTES)) throw new Error(`unusable key ${key}`);
  });
  return {
    periode,
    desaCodes,
    count: rows.length,
    keyHash,
    desa: Uint16Array.from(rows, (r) => r[1]),
    desil: Uint8Array.from(rows, (r) => r[2]),
    withoutKey,
  };
}

/** A 10×10 matrix from sparse entries `[from, to, households]`. */
export function matrixOf(entries: readonly [number, number, number][]): Uint32Array {
  const m = new Uint32Array(100);
  for (const [i, j, v] of entries) m[(i - 1) * 10 + (j - 1)] += v;
  return m;
}
