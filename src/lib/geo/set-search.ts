import type { DistrictIndexEntry } from './types.ts';

/**
 * The district picker's search over the boundary sets of `geo/index.json` (one kabupaten, a list, a province,
 * a user's file): by code (`33.29`, `3329`, `33` for the province set) or by name (`Brebes`, `kab brebes`,
 * `Kota Tegal`), the set's own name and the names of the kabupaten/kota it holds. Pure.
 */

/** One hit: the set, and the kabupaten/kota name that matched when it was a member's (not the set's own). */
export interface SetHit {
  entry: DistrictIndexEntry;
  /** The member kabupaten/kota that matched (a province set found by "Brebes"), or null. */
  member: string | null;
}

/** "Kabupaten Brebes" ≡ "kab. brebes" ≡ "BREBES": case, punctuation and the Kabupaten/Kab. prefix do not matter. */
function nameKey(name: string): string {
  return name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/^\s*(kabupaten|kab\.?)\s+/, '')
    .replace(/[^a-z0-9]/g, '');
}

/** Digits of a code query: `33.29` / `3329` → `3329`; null when the query is not a code. */
function codeKey(query: string): string | null {
  const t = query.trim();
  return /^\d{2}(\.?\d{1,2})?$/.test(t) ? t.replace('.', '') : null;
}

/**
 * Sets matching what a user typed, best first: an exact code; a set whose own name starts with the query;
 * a set holding a kabupaten/kota whose name starts with it; names containing it. One-kabupaten sets before
 * the sets of several at equal rank; the demo last. An empty query lists every set.
 */
export function searchSets(entries: readonly DistrictIndexEntry[], query: string, limit = 12): SetHit[] {
  const code = codeKey(query);
  const q = nameKey(query);
  const scored: { hit: SetHit; rank: number; order: number }[] = [];
  entries.forEach((entry, order) => {
    const codes = entry.kabupaten ?? [entry.kode_kab];
    const compactCodes = [entry.kode_kab, ...codes].map((c) => c.replace(/\./g, ''));
    let rank = Infinity;
    let member: string | null = null;
    if (q === '') rank = 0;
    else if (code !== null) {
      if (compactCodes[0] === code || entry.folder === query.trim()) rank = 0;
      else if (compactCodes.slice(1).includes(code)) rank = 1;
      else if (compactCodes.some((c) => c.startsWith(code))) rank = 2;
    } else {
      const own = nameKey(entry.nama_kab);
      if (own.startsWith(q)) rank = 0;
      else {
        const names = entry.kabupaten_names ?? [];
        const starts = names.find((n) => nameKey(n).startsWith(q));
        const contains = names.find((n) => nameKey(n).includes(q));
        if (starts) [rank, member] = [1, starts];
        else if (own.includes(q)) rank = 2;
        else if (contains) [rank, member] = [3, contains];
      }
    }
    if (rank === Infinity) return;
    if (member !== null && codes.length === 1) member = null;
    const size = codes.length > 1 ? 0.5 : 0;
    scored.push({ hit: { entry, member }, rank: rank + size + (entry.demo ? 10 : 0), order });
  });
  scored.sort((a, b) => a.rank - b.rank || a.order - b.order);
  return scored.slice(0, limit).map((s) => s.hit);
}
