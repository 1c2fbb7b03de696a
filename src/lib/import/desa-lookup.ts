/**
 * Step 4e: the desa of one kabupaten as lookup tables for the join: by Kemendagri code, by 10-digit code, by
 * name within a kecamatan and by name across the kabupaten; plus ranked name suggestions for rows that did not
 * match (the user accepts or rejects them; they are never applied by themselves).
 */
import type { DesaProperties } from '../geo/types.ts';
import { kodeDigits } from './desa-code.ts';
import { nameSimilarity, normaliseDesaName, normaliseKecamatanName } from './desa-name.ts';
import { kabupatenNameKey } from './regions.ts';
import { isMultiKabupaten, kabupatenInSet } from '../geo/boundary-set.ts';

/** Desa fields the join needs (a subset of `DesaProperties`; `nama_kab` names the kabupaten when given). */
export type DesaRef = Pick<DesaProperties, 'kode_desa' | 'nama_desa' | 'kode_kec' | 'nama_kec'> & {
  nama_kab?: string;
};

/** Lookup tables over `desa` (indices refer to that array). */
export interface DesaLookup {
  kodeKab: string;
  /** The kabupaten's name (`Kabupaten Kendal`), or null when unknown (its name cells cannot be checked then). */
  namaKab: string | null;
  desa: readonly DesaRef[];
  byKode: Map<string, number>;
  byDigits: Map<string, number>;
  /** Kecamatan code → name. */
  kecamatan: Map<string, string>;
  /** Kecamatan name key → kecamatan codes (two kecamatan never share a name in practice, but we do not assume it). */
  kecamatanByName: Map<string, string[]>;
  /** Desa name key → desa indices, kabupaten-wide. */
  byName: Map<string, number[]>;
  /** `kode_kec|desa name key` → desa indices. */
  byKecamatanName: Map<string, number[]>;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/**
 * Builds the lookup tables for the desa of kabupaten `kodeKab` (desa of other kabupaten are ignored). The
 * kabupaten's name is `namaKab`, else the desa's `nama_kab`. A kecamatan named like its kabupaten (Kecamatan
 * Kendal in Kabupaten Kendal) is also found as `Kota Kendal`, `Kendal Kota` and `Kota`, as offices write it.
 */
export function buildDesaLookup(
  desa: readonly DesaRef[],
  kodeKab: string,
  namaKab?: string | null,
): DesaLookup {
  const lookup: DesaLookup = {
    kodeKab,
    // A set of several kabupaten: its members' names, joined by `|` (see `kabupatenAgrees`).
    namaKab: isMultiKabupaten(kodeKab)
      ? [
          ...new Set(
            desa.filter((d) => kabupatenInSet(kodeKab, d.kode_desa.slice(0, 5))).map((d) => d.nama_kab),
          ),
        ]
          .filter((n) => n)
          .join('|') || null
      : (namaKab ??
        desa.find((d) => kabupatenInSet(kodeKab, d.kode_desa.slice(0, 5)) && d.nama_kab)?.nama_kab ??
        null),
    desa,
    byKode: new Map(),
    byDigits: new Map(),
    kecamatan: new Map(),
    kecamatanByName: new Map(),
    byName: new Map(),
    byKecamatanName: new Map(),
  };
  desa.forEach((d, i) => {
    if (!kabupatenInSet(kodeKab, d.kode_desa.slice(0, 5))) return;
    lookup.byKode.set(d.kode_desa, i);
    lookup.byDigits.set(kodeDigits(d.kode_desa), i);
    if (!lookup.kecamatan.has(d.kode_kec)) {
      lookup.kecamatan.set(d.kode_kec, d.nama_kec);
      push(lookup.kecamatanByName, normaliseKecamatanName(d.nama_kec), d.kode_kec);
    }
    const key = normaliseDesaName(d.nama_desa);
    push(lookup.byName, key, i);
    push(lookup.byKecamatanName, `${d.kode_kec}|${key}`, i);
  });
  if (lookup.namaKab !== null && !isMultiKabupaten(kodeKab)) {
    const kab = kabupatenNameKey(lookup.namaKab).key;
    const kec = kab === '' ? undefined : lookup.kecamatanByName.get(normaliseKecamatanName(kab));
    if (kec)
      for (const alias of [`kota ${kab}`, `${kab} kota`, 'kota'])
        if (!lookup.kecamatanByName.has(normaliseKecamatanName(alias)))
          lookup.kecamatanByName.set(normaliseKecamatanName(alias), kec);
  }
  return lookup;
}

/** Result of {@link matchDesaName}. */
export type NameMatchResult =
  | { status: 'ok'; index: number }
  | { status: 'empty' }
  | { status: 'not_found' }
  | { status: 'ambiguous'; count: number }
  | { status: 'kecamatan_not_found' };

/**
 * Kecamatan codes meant by a kecamatan cell: by code when `kodeKec` is given (already parsed), else by name key.
 * Empty array: not found; null: no kecamatan given.
 */
export function resolveKecamatan(
  lookup: DesaLookup,
  kodeKec: string | null,
  namaKec: string | null,
): string[] | null {
  if (kodeKec) return lookup.kecamatan.has(kodeKec) ? [kodeKec] : [];
  if (namaKec === null || namaKec.trim() === '') return null;
  return lookup.kecamatanByName.get(normaliseKecamatanName(namaKec)) ?? [];
}

/**
 * Matches a desa name, within the given kecamatan when there is one (`kecamatan` from {@link resolveKecamatan}),
 * else across the kabupaten, on normalised keys. A name shared by several desa is `ambiguous`, never resolved by
 * order.
 */
export function matchDesaName(
  lookup: DesaLookup,
  namaDesa: string,
  kecamatan: string[] | null,
): NameMatchResult {
  if (namaDesa.trim() === '') return { status: 'empty' };
  const key = normaliseDesaName(namaDesa);
  let found: number[] = [];
  if (kecamatan === null) found = lookup.byName.get(key) ?? [];
  else {
    if (kecamatan.length === 0) return { status: 'kecamatan_not_found' };
    for (const k of kecamatan) found = found.concat(lookup.byKecamatanName.get(`${k}|${key}`) ?? []);
  }
  if (found.length === 1) return { status: 'ok', index: found[0] };
  return found.length === 0 ? { status: 'not_found' } : { status: 'ambiguous', count: found.length };
}

/** A candidate desa for an unmatched name. */
export interface DesaSuggestion {
  kode_desa: string;
  nama_desa: string;
  nama_kec: string;
  /** {@link nameSimilarity} of the name keys, rounded to 3 decimals. */
  score: number;
}

/**
 * The best `limit` candidates for an unmatched desa name with similarity ≥ `minScore`, best first (ties by
 * code): within the kecamatan when it is known, else across the kabupaten.
 */
export function suggestDesa(
  lookup: DesaLookup,
  namaDesa: string,
  kecamatan: string[] | null,
  limit = 3,
  minScore = 0.6,
): DesaSuggestion[] {
  const key = normaliseDesaName(namaDesa);
  const within = kecamatan && kecamatan.length > 0 ? new Set(kecamatan) : null;
  const out: DesaSuggestion[] = [];
  lookup.desa.forEach((d, i) => {
    if (!lookup.byKode.has(d.kode_desa) || lookup.byKode.get(d.kode_desa) !== i) return;
    if (within && !within.has(d.kode_kec)) return;
    const score = Math.round(nameSimilarity(key, normaliseDesaName(d.nama_desa)) * 1000) / 1000;
    if (score >= minScore)
      out.push({ kode_desa: d.kode_desa, nama_desa: d.nama_desa, nama_kec: d.nama_kec, score });
  });
  out.sort((a, b) => b.score - a.score || (a.kode_desa < b.kode_desa ? -1 : 1));
  return out.slice(0, limit);
}
