/**
 * Checks a boundary source against the gazetteer of Kemendagri codes and names (npm `idn-area-data`,
 * ODbL). Pure: the rows are loaded by `src/node/gazetteer.ts` (or by the app from bundled data).
 *
 * Like mapshaper's join, the check reports mismatches in both directions: codes in the source the
 * gazetteer does not know, and gazetteer desa the source lacks; plus names that differ for the same code.
 */

/** A row of `regencies.csv`: `code` like `33.24`, `name` like `KABUPATEN KENDAL`. */
export interface GazetteerRegency {
  code: string;
  name: string;
}

/** A row of `districts.csv` (kecamatan): `code` like `33.24.08`. */
export interface GazetteerDistrict {
  code: string;
  name: string;
}

/** A row of `villages.csv` (desa/kelurahan): `code` like `33.24.15.1007`. */
export interface GazetteerVillage {
  code: string;
  name: string;
}

/** The gazetteer entries of one kabupaten/kota. */
export interface KabupatenGazetteer {
  regency: GazetteerRegency;
  districts: GazetteerDistrict[];
  villages: GazetteerVillage[];
}

/** Result of {@link checkAgainstGazetteer}; the field names are those of `BoundaryManifest.validation`. */
export interface GazetteerReport {
  /** Codes present in the source but not in the gazetteer, sorted. */
  unknown_in_gazetteer: string[];
  /** Gazetteer desa/kelurahan of the kabupaten that the source lacks, sorted. */
  missing_from_source: string[];
  /** Same code, different name (exact string comparison); the source name is the one kept. */
  name_differences: { kode: string; source: string; gazetteer: string }[];
}

/**
 * Compares source desa `{kode, nama}` with the gazetteer villages of the same kabupaten.
 * Set differences on codes (both directions) and exact name comparison on the intersection.
 */
export function checkAgainstGazetteer(
  rows: readonly { kode: string; nama: string }[],
  gazetteer: KabupatenGazetteer,
): GazetteerReport {
  const known = new Map(gazetteer.villages.map((v) => [v.code, v.name]));
  const inSource = new Set<string>();
  const unknown: string[] = [];
  const names: GazetteerReport['name_differences'] = [];
  for (const row of rows) {
    inSource.add(row.kode);
    const name = known.get(row.kode);
    if (name === undefined) unknown.push(row.kode);
    else if (name !== row.nama) names.push({ kode: row.kode, source: row.nama, gazetteer: name });
  }
  const missing = gazetteer.villages.filter((v) => !inSource.has(v.code)).map((v) => v.code);
  return {
    unknown_in_gazetteer: unknown.sort(),
    missing_from_source: missing.sort(),
    name_differences: names.sort((a, b) => (a.kode < b.kode ? -1 : a.kode > b.kode ? 1 : 0)),
  };
}

/**
 * Normalises a kabupaten/kota code typed by a user: `33.24`, `3324` or ` 33.24 ` → `33.24`;
 * anything else → `null`. (Kemendagri regency codes are two 2-digit parts.)
 */
export function normaliseKodeKab(input: string): string | null {
  const s = input.trim();
  const m = /^(\d{2})\.?(\d{2})$/.exec(s);
  return m ? `${m[1]}.${m[2]}` : null;
}

const LOWERCASE_WORDS = new Set(['dan', 'di']);

/**
 * Title-cases a gazetteer regency name: `KABUPATEN KENDAL` → `Kabupaten Kendal`, `KOTA SEMARANG` →
 * `Kota Semarang`, `KABUPATEN PANGKAJENE DAN KEPULAUAN` → `Kabupaten Pangkajene dan Kepulauan`.
 * Each word (and each part of a hyphenated word) gets an initial capital; the conjunctions `dan`/`di`
 * stay lower case except at the start.
 */
export function regencyDisplayName(name: string): string {
  return name
    .trim()
    .toLowerCase()
    .split(/\s+/)
    .map((word, i) =>
      i > 0 && LOWERCASE_WORDS.has(word)
        ? word
        : word
            .split('-')
            .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
            .join('-'),
    )
    .join(' ');
}

/** The gazetteer rows of one kabupaten/kota, taken from the full lists (codes share the `<kab>.` prefix). */
export function selectKabupaten(
  kodeKab: string,
  regencies: readonly GazetteerRegency[],
  districts: readonly GazetteerDistrict[],
  villages: readonly GazetteerVillage[],
): KabupatenGazetteer | null {
  const regency = regencies.find((r) => r.code === kodeKab);
  if (!regency) return null;
  const prefix = `${kodeKab}.`;
  return {
    regency,
    districts: districts.filter((d) => d.code.startsWith(prefix)),
    villages: villages.filter((v) => v.code.startsWith(prefix)),
  };
}
