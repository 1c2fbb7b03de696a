/** Case, spaces and punctuation do not matter when looking a name up: "Kali-Wungu" ≡ "kaliwungu". */
function compact(name: string): string {
  return name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]/g, '');
}

export interface SearchCandidate {
  kode: string;
  nama: string;
  kecamatan: string;
}

/**
 * Desa whose name matches what a user typed, best first: names starting with the query, then names with a
 * word starting with it, then names containing it anywhere; ties by name. Matching ignores case, spaces and
 * punctuation, so "kali wungu" finds "Kaliwungu".
 */
export function searchDesa(
  candidates: readonly SearchCandidate[],
  query: string,
  limit = 10,
): SearchCandidate[] {
  const q = compact(query);
  if (!q) return [];
  const words = query.toLowerCase().trim();
  const scored: { c: SearchCandidate; rank: number }[] = [];
  for (const c of candidates) {
    const name = compact(c.nama);
    let rank = -1;
    if (name.startsWith(q)) rank = 0;
    else if (
      c.nama
        .toLowerCase()
        .split(/[\s\-.]+/)
        .some((w) => w.startsWith(words))
    )
      rank = 1;
    else if (name.includes(q)) rank = 2;
    if (rank >= 0) scored.push({ c, rank });
  }
  scored.sort((a, b) => a.rank - b.rank || a.c.nama.localeCompare(b.c.nama, 'id'));
  return scored.slice(0, limit).map((s) => s.c);
}
