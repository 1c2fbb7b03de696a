/**
 * Step 4b: desa and kecamatan names compared as keys. The key is only for matching; the names shown are
 * always the boundary file's.
 *
 * `normaliseAreaName`: compatibility decomposition without diacritics, lower case; the administrative prefix
 * removed (`Desa`, `Ds.`, `Kel.`, `Kelurahan`, `Kalurahan`; for kecamatan `Kec.`, `Kecamatan`, `Distrik`);
 * punctuation and spaces removed (`Tlogo Payung` = `Tlogopayung`); spellings from before the 1972 reform
 * folded (`oe`→`u`, `dj`→`j`, `tj`→`c`, `ch`→`kh`); doubled letters made single (`Pakkis` = `Pakis`).
 *
 * `nameSimilarity`: 1 − Levenshtein(a, b) / max(|a|, |b|) on the keys (Levenshtein 1966; the distance from the
 * maintained `fastest-levenshtein` package), in [0, 1].
 */
import { distance } from 'fastest-levenshtein';

const DESA_PREFIX = /^(desa|ds|kelurahan|kalurahan|kel|kelurahaan)\b\.?\s*/;
const KECAMATAN_PREFIX = /^(kecamatan|kec|kapanewon|distrik)\b\.?\s*/;

function fold(text: string, prefix: RegExp): string {
  let t = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
  const stripped = t.replace(prefix, '');
  if (stripped !== '') t = stripped;
  return t
    .replace(/ /g, '')
    .replace(/oe/g, 'u')
    .replace(/dj/g, 'j')
    .replace(/tj/g, 'c')
    .replace(/ch/g, 'kh')
    .replace(/([a-z])\1+/g, '$1');
}

/** Matching key of a desa/kelurahan name (see the module comment). */
export function normaliseDesaName(name: string): string {
  return fold(name, DESA_PREFIX);
}

/** Matching key of a kecamatan name (see the module comment). */
export function normaliseKecamatanName(name: string): string {
  return fold(name, KECAMATAN_PREFIX);
}

/** Similarity of two keys: 1 − Levenshtein distance ÷ longer length (1 = equal, 0 = nothing in common). */
export function nameSimilarity(a: string, b: string): number {
  const longest = Math.max(a.length, b.length);
  return longest === 0 ? 1 : 1 - distance(a, b) / longest;
}
