/** A kecamatan a pocket touches, with the weight that orders the name (e.g. its desil-1 households there). */
export interface KecamatanShare {
  kode_kec: string;
  nama_kec: string;
  weight: number;
}

/** Most kecamatan named in one pocket name; more are summarised as "dkk" (dan kawan-kawan, "and others"). */
export const MAX_NAMED_KECAMATAN = 3;

/**
 * The kecamatan part of a pocket name: the kecamatan it touches, heaviest first (ties by code), joined by an
 * en dash, e.g. "Plantungan–Sukorejo"; past {@link MAX_NAMED_KECAMATAN} names, " dkk" is added.
 */
export function kecamatanPart(kecamatan: readonly KecamatanShare[]): string {
  const sorted = [...kecamatan].sort(
    (a, b) => b.weight - a.weight || (a.kode_kec < b.kode_kec ? -1 : a.kode_kec > b.kode_kec ? 1 : 0),
  );
  const names = sorted.slice(0, MAX_NAMED_KECAMATAN).map((k) => k.nama_kec);
  return names.join('–') + (sorted.length > MAX_NAMED_KECAMATAN ? ' dkk' : '');
}

/**
 * Names of pockets given in rank order (largest first): "Kantong " + kecamatan part + " " + number, the number
 * counting pockets with the same kecamatan part in rank order ("Kantong Boja 1", "Kantong Boja 2"). Every
 * name is numbered so that a name never changes meaning when a second pocket appears in the same kecamatan.
 * A pocket touching no known kecamatan is named "Kantong" + number.
 */
export function pocketNames(kecamatanByPocket: ReadonlyArray<readonly KecamatanShare[]>): string[] {
  const seen = new Map<string, number>();
  return kecamatanByPocket.map((kec) => {
    const base = kec.length === 0 ? '' : kecamatanPart(kec);
    const k = (seen.get(base) ?? 0) + 1;
    seen.set(base, k);
    return base === '' ? `Kantong ${k}` : `Kantong ${base} ${k}`;
  });
}
