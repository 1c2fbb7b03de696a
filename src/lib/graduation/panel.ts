/**
 * The linking panel of one period: what is kept of each household so that two periods can be linked — its
 * salted key hash (`household-key.ts`: SHA-256 of the installation's or the CLI's salt and the key, cut to 16
 * bytes; the raw key is never kept), its desa and its desil. Nothing else of the row: no coordinates, no
 * size, no flags, no row number, so the panel tells no more about a household than "some household of desa
 * X was in desil d, and the same one in desil d′ later".
 *
 * Where it lives: the app keeps one panel per period in the stored dataset (IndexedDB, see
 * `src/state/dataset-record.ts`) and in no export or project file; the CLI builds it in memory and writes only
 * counts. Households without a usable key (empty, all zeros, Excel-rounded) are not in the panel: they are
 * counted in `withoutKey`.
 */
import { KEY_HASH_BYTES } from '../import/household-key.ts';
import type { JoinedHouseholds } from '../import/households.ts';

/** One period's linking panel (see the module comment); row r of each array is one household. */
export interface PeriodPanel {
  periode: string;
  /** Desa codes that `desa` indexes (the district's desa list at import time). */
  desaCodes: string[];
  count: number;
  /** `count × 16` bytes of salted key hashes. */
  keyHash: Uint8Array;
  desa: Uint16Array;
  /** 1–10. */
  desil: Uint8Array;
  /** Households of the period without a usable key (not in the panel, still counted). */
  withoutKey: number;
}

/** True when the 16 bytes at `offset` are all zero (the import's mark of a household without a usable key). */
export function isZeroHash(keyHash: Uint8Array, offset: number): boolean {
  for (let b = 0; b < KEY_HASH_BYTES; b++) if (keyHash[offset + b] !== 0) return false;
  return true;
}

/**
 * The panels of an import's joined households, one per period present (in the order of `households.periods`),
 * or an empty list when no household key was mapped. `desaCodes[i]` is the code of desa index i of the
 * import (the desa list it was given).
 */
export function panelsFromHouseholds(
  households: JoinedHouseholds,
  desaCodes: readonly string[],
): PeriodPanel[] {
  const hashes = households.key_hash;
  if (!hashes) return [];
  const periods = households.periods;
  const keyed = new Uint32Array(periods.length);
  const all = new Uint32Array(periods.length);
  for (let r = 0; r < households.count; r++) {
    all[households.periode[r]]++;
    if (!isZeroHash(hashes, r * KEY_HASH_BYTES)) keyed[households.periode[r]]++;
  }
  const panels = periods.map((periode, p): PeriodPanel => ({
    periode,
    desaCodes: [...desaCodes],
    count: 0,
    keyHash: new Uint8Array(keyed[p] * KEY_HASH_BYTES),
    desa: new Uint16Array(keyed[p]),
    desil: new Uint8Array(keyed[p]),
    withoutKey: all[p] - keyed[p],
  }));
  for (let r = 0; r < households.count; r++) {
    const at = r * KEY_HASH_BYTES;
    if (isZeroHash(hashes, at)) continue;
    const panel = panels[households.periode[r]];
    const i = panel.count++;
    panel.keyHash.set(hashes.subarray(at, at + KEY_HASH_BYTES), i * KEY_HASH_BYTES);
    panel.desa[i] = households.desa[r];
    panel.desil[i] = households.desil[r];
  }
  return panels.filter((p) => p.count + p.withoutKey > 0);
}

/** The buffers of a panel, for `postMessage` transfer lists. */
export function panelTransferList(panel: PeriodPanel): ArrayBuffer[] {
  return [panel.keyHash.buffer, panel.desa.buffer, panel.desil.buffer] as ArrayBuffer[];
}

/**
 * The panels of one period joined into one (files of the same period, e.g. one per kecamatan), and one panel
 * per period in the order first seen. Panels must index the same desa list.
 */
export function concatPanels(panels: readonly PeriodPanel[]): PeriodPanel[] {
  const byPeriode = new Map<string, PeriodPanel[]>();
  for (const p of panels) {
    const list = byPeriode.get(p.periode);
    if (list) list.push(p);
    else byPeriode.set(p.periode, [p]);
  }
  return [...byPeriode.values()].map((list) => {
    if (list.length === 1) return list[0];
    const count = list.reduce((a, p) => a + p.count, 0);
    const out: PeriodPanel = {
      periode: list[0].periode,
      desaCodes: list[0].desaCodes,
      count,
      keyHash: new Uint8Array(count * KEY_HASH_BYTES),
      desa: new Uint16Array(count),
      desil: new Uint8Array(count),
      withoutKey: list.reduce((a, p) => a + p.withoutKey, 0),
    };
    let at = 0;
    for (const p of list) {
      out.keyHash.set(p.keyHash.subarray(0, p.count * KEY_HASH_BYTES), at * KEY_HASH_BYTES);
      out.desa.set(p.desa.subarray(0, p.count), at);
      out.desil.set(p.desil.subarray(0, p.count), at);
      at += p.count;
    }
    return out;
  });
}

/** Whether a stored value is a well-formed panel (typed arrays of matching lengths). */
export function isPeriodPanel(v: unknown): v is PeriodPanel {
  if (typeof v !== 'object' || v === null) return false;
  const p = v as Record<string, unknown>;
  return (
    typeof p.periode === 'string' &&
    Array.isArray(p.desaCodes) &&
    p.desaCodes.every((c) => typeof c === 'string') &&
    typeof p.count === 'number' &&
    Number.isInteger(p.count) &&
    p.count >= 0 &&
    p.keyHash instanceof Uint8Array &&
    p.keyHash.length >= p.count * KEY_HASH_BYTES &&
    p.desa instanceof Uint16Array &&
    p.desa.length >= p.count &&
    p.desil instanceof Uint8Array &&
    p.desil.length >= p.count &&
    typeof p.withoutKey === 'number'
  );
}
