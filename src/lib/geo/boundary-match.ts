import { normaliseDesaName, normaliseKecamatanName } from '../import/desa-name.ts';
import { kabupatenNameKey } from '../import/regions.ts';
import { msg } from '../messages/message.ts';
import type { BoundaryFeature } from './boundary-file.ts';
import { BoundaryFileError } from './boundary-file.ts';
import type { DesaInput } from './district.ts';
import type { GazetteerDistrict, GazetteerRegency, GazetteerVillage } from './gazetteer.ts';
import type { AreaGeometry } from './types.ts';

/**
 * Step 2 of a user's boundary set: which column holds the desa code and which the name (proposed from the
 * values, as the household import proposes its mapping), then every feature matched to a desa of the
 * gazetteer (npm `idn-area-data`): by Kemendagri code; by name within its kabupaten (and kecamatan, when a
 * kecamatan column is mapped) where the code is missing or in BPS form (`3324010001`, which has no public
 * crosswalk to Kemendagri codes). The report has the same fields as the public source's (unknown codes,
 * gazetteer desa missing from the file, names that differ) plus what was matched by name and what not at all.
 */

/** Which attribute holds what (`undefined`: not in the file). */
export interface BoundaryFieldMapping {
  kode?: string;
  nama?: string;
  /** Kecamatan name or code, to match names within a kecamatan. */
  kecamatan?: string;
  /** Kabupaten/kota name or code, to tell which kabupaten a name belongs to. */
  kabupaten?: string;
}

/** The gazetteer rows the match may use (all of Indonesia, or the province's). */
export interface GazetteerRows {
  regencies: readonly GazetteerRegency[];
  districts: readonly GazetteerDistrict[];
  villages: readonly GazetteerVillage[];
}

/** The form of a code cell (see {@link codeForm}). */
export type CodeForm =
  { kind: 'kemendagri'; kode: string } | { kind: 'bps'; kodeKab: string } | { kind: 'none' };

const text = (v: unknown): string => (v === null || v === undefined ? '' : String(v).trim());

/**
 * A code cell: Kemendagri (`33.24.01.2001`, `3324012001`; desa part 1xxx kelurahan / 2xxx desa) or BPS
 * (`3324010001`: 3-digit kecamatan and desa numbers, desa part starting with 0), or neither.
 */
export function codeForm(value: unknown): CodeForm {
  const t = text(value).replace(/^'/, '');
  const dotted = /^(\d{2})[.\s-](\d{2})[.\s-](\d{1,2})[.\s-](\d{4})$/.exec(t);
  if (dotted)
    return {
      kind: 'kemendagri',
      kode: `${dotted[1]}.${dotted[2]}.${dotted[3].padStart(2, '0')}.${dotted[4]}`,
    };
  const digits = t.replace(/\.0+$/, '');
  if (!/^\d{10}$/.test(digits)) return { kind: 'none' };
  if (digits[6] === '1' || digits[6] === '2')
    return {
      kind: 'kemendagri',
      kode: `${digits.slice(0, 2)}.${digits.slice(2, 4)}.${digits.slice(4, 6)}.${digits.slice(6)}`,
    };
  if (digits[6] === '0') return { kind: 'bps', kodeKab: `${digits.slice(0, 2)}.${digits.slice(2, 4)}` };
  return { kind: 'none' };
}

/** Header names offices' and BIG's files use for the desa name (BIG: NAMOBJ / WADMKD) and code (KDEPUM). */
const NAME_HEADER =
  /^(nama_?desa|desa|nama_?kel(urahan)?|kelurahan|desa_?kel|namobj|wadmkd|nm_?desa|village|name|nama)$/i;
const KEC_HEADER = /^(nama_?kec(amatan)?|kecamatan|kec|wadmkc|nm_?kec|kode_?kec|kdcpum|district)$/i;
const KAB_HEADER = /^(nama_?kab(upaten)?|kabupaten|kab|wadmkk|kab_?kota|kode_?kab|regency)$/i;

/**
 * Proposes the mapping from the attribute names and values: the code column is the one whose values are most
 * often desa codes (Kemendagri before BPS: a file with both, like BIG's KDEPUM and KDEBPS, joins by the
 * Kemendagri one); the name column by its header, else the text column with the most distinct values.
 */
export function proposeBoundaryFields(
  features: readonly BoundaryFeature[],
  fields: readonly string[],
): BoundaryFieldMapping {
  const sample = features.slice(0, 500);
  let bestCode: { field: string; score: number } | null = null;
  for (const field of fields) {
    let kem = 0;
    let bps = 0;
    for (const f of sample) {
      const form = codeForm(f.properties[field]);
      if (form.kind === 'kemendagri') kem++;
      else if (form.kind === 'bps') bps++;
    }
    const score = Math.max(kem * 2, bps) / (2 * Math.max(1, sample.length));
    if (score >= 0.25 && (!bestCode || score > bestCode.score)) bestCode = { field, score };
  }
  const textual = (field: string) =>
    sample.filter((f) => /\p{L}{3}/u.test(text(f.properties[field]))).length >= sample.length / 2;
  const byHeader = (re: RegExp) => fields.find((f) => re.test(f.trim()) && textual(f));
  let nama = byHeader(NAME_HEADER);
  if (!nama) {
    let best = 0;
    for (const field of fields) {
      if (!textual(field) || KEC_HEADER.test(field) || KAB_HEADER.test(field)) continue;
      const distinct = new Set(sample.map((f) => text(f.properties[field]))).size;
      if (distinct > best) {
        best = distinct;
        nama = field;
      }
    }
  }
  const kecamatan = fields.find((f) => KEC_HEADER.test(f.trim()) && f !== nama);
  const kabupaten = fields.find((f) => KAB_HEADER.test(f.trim()) && f !== nama);
  return {
    ...(bestCode ? { kode: bestCode.field } : {}),
    ...(nama ? { nama } : {}),
    ...(kecamatan ? { kecamatan } : {}),
    ...(kabupaten ? { kabupaten } : {}),
  };
}

/** One kabupaten of a matched file: its desa ready for `buildDistrict`. */
export interface MatchedKabupaten {
  kodeKab: string;
  /** Display name (`Kabupaten Kendal`): the gazetteer's regency name, title-cased by the caller. */
  gazetteerName: string;
  desa: DesaInput[];
  /** Kecamatan code → gazetteer name. */
  kecamatanNames: Map<string, string>;
}

/** What {@link matchBoundaryDesa} found; field names as in `BoundaryManifest.validation`. */
export interface BoundaryMatchReport {
  features: number;
  matched_by_code: number;
  matched_by_name: number;
  /** Features whose code was in BPS form (matched by name, or listed in `unmatched`). */
  bps_codes: number;
  /** Codes in Kemendagri form the gazetteer does not know (kept, under their own code). */
  unknown_in_gazetteer: string[];
  /** Gazetteer desa of the set's kabupaten that no feature is. */
  missing_from_source: string[];
  /** Same desa, other name: the file's name is kept (as for the public source). */
  name_differences: { kode: string; source: string; gazetteer: string }[];
  /** Features that matched nothing (left out of the set): 1-based feature number, name and code as read. */
  unmatched: { feature: number; nama: string; kode: string }[];
  /** Desa that came in several features (merged into one multipolygon). */
  merged: { kode: string; features: number }[];
}

/** Options of {@link matchBoundaryDesa}. */
export interface MatchOptions {
  fileName: string;
  /** Kabupaten the file is for (`33.24`), when known: names are matched there, and other codes refused. */
  kabupaten?: readonly string[];
}

interface Gaz {
  villageByCode: Map<string, GazetteerVillage>;
  /** `kab|desa key` → codes; `kec|desa key` → codes. */
  byKabName: Map<string, string[]>;
  byKecName: Map<string, string[]>;
  /** `kab|kec key` → kecamatan codes. */
  kecByName: Map<string, string[]>;
  regencyByCode: Map<string, GazetteerRegency>;
}

function push<K>(m: Map<K, string[]>, k: K, v: string) {
  const l = m.get(k);
  if (l) l.push(v);
  else m.set(k, [v]);
}

function index(rows: GazetteerRows): Gaz {
  const g: Gaz = {
    villageByCode: new Map(),
    byKabName: new Map(),
    byKecName: new Map(),
    kecByName: new Map(),
    regencyByCode: new Map(rows.regencies.map((r) => [r.code, r])),
  };
  for (const v of rows.villages) {
    g.villageByCode.set(v.code, v);
    const key = normaliseDesaName(v.name);
    push(g.byKabName, `${v.code.slice(0, 5)}|${key}`, v.code);
    push(g.byKecName, `${v.code.slice(0, 8)}|${key}`, v.code);
  }
  for (const d of rows.districts)
    push(g.kecByName, `${d.code.slice(0, 5)}|${normaliseKecamatanName(d.name)}`, d.code);
  return g;
}

/**
 * Matches features to gazetteer desa (see the module comment). Kabupaten: `options.kabupaten`, else those the
 * Kemendagri and BPS codes name; a file with neither needs `options.kabupaten`. A desa in several features is
 * merged (its polygons joined into one MultiPolygon; the dissolve heals shared edges).
 *
 * @throws {BoundaryFileError} when a mapped column is absent, nothing can be matched, or the kabupaten cannot
 *   be told.
 */
export function matchBoundaryDesa(
  features: readonly BoundaryFeature[],
  fields: readonly string[],
  mapping: BoundaryFieldMapping,
  gazetteer: GazetteerRows,
  options: MatchOptions,
): { kabupaten: MatchedKabupaten[]; report: BoundaryMatchReport } {
  const file = options.fileName;
  for (const key of ['kode', 'nama', 'kecamatan', 'kabupaten'] as const) {
    const field = mapping[key];
    if (field !== undefined && !fields.includes(field))
      throw new BoundaryFileError(msg('geo.field.missing', { file, field, columns: fields.join(', ') }));
  }
  if (!mapping.kode && !mapping.nama)
    throw new BoundaryFileError(msg('geo.field.noCode', { file, columns: fields.join(', ') }));
  const g = index(gazetteer);
  const forms = features.map((f) =>
    mapping.kode ? codeForm(f.properties[mapping.kode]) : ({ kind: 'none' } as CodeForm),
  );
  // The kabupaten of the set: given, else named by the codes (Kemendagri or BPS), else by a kabupaten column.
  let kabs = options.kabupaten ? [...options.kabupaten] : [];
  if (kabs.length === 0) {
    const found = new Set<string>();
    for (const form of forms) {
      const kab =
        form.kind === 'kemendagri' ? form.kode.slice(0, 5) : form.kind === 'bps' ? form.kodeKab : null;
      if (kab && g.regencyByCode.has(kab)) found.add(kab);
    }
    if (found.size === 0 && mapping.kabupaten)
      for (const f of features) {
        const kab = kabupatenOf(text(f.properties[mapping.kabupaten]), gazetteer.regencies);
        if (kab) found.add(kab);
      }
    kabs = [...found].sort();
  }
  if (kabs.length === 0) throw new BoundaryFileError(msg('geo.match.noKabupaten', { file }));
  const inSet = new Set(kabs);

  const report: BoundaryMatchReport = {
    features: features.length,
    matched_by_code: 0,
    matched_by_name: 0,
    bps_codes: 0,
    unknown_in_gazetteer: [],
    missing_from_source: [],
    name_differences: [],
    unmatched: [],
    merged: [],
  };
  const byKode = new Map<string, { nama: string; geometries: AreaGeometry[] }>();
  const add = (kode: string, nama: string, geometry: AreaGeometry) => {
    const got = byKode.get(kode);
    if (got) got.geometries.push(geometry);
    else byKode.set(kode, { nama, geometries: [geometry] });
  };
  features.forEach((f, i) => {
    const form = forms[i];
    const nama = mapping.nama ? text(f.properties[mapping.nama]) : '';
    const rawKode = mapping.kode ? text(f.properties[mapping.kode]) : '';
    if (form.kind === 'kemendagri' && inSet.has(form.kode.slice(0, 5))) {
      const v = g.villageByCode.get(form.kode);
      if (!v) report.unknown_in_gazetteer.push(form.kode);
      else if (nama && normaliseDesaName(nama) !== normaliseDesaName(v.name))
        report.name_differences.push({ kode: form.kode, source: nama, gazetteer: v.name });
      report.matched_by_code++;
      add(form.kode, nama || v?.name || form.kode, f.geometry);
      return;
    }
    if (form.kind === 'bps') report.bps_codes++;
    const kode = nama ? byName(g, f, nama, form, kabs, mapping, gazetteer.regencies) : null;
    if (kode) {
      report.matched_by_name++;
      add(kode, nama, f.geometry);
    } else report.unmatched.push({ feature: i + 1, nama, kode: rawKode });
  });
  if (byKode.size === 0)
    throw new BoundaryFileError(
      msg('geo.match.none', {
        file,
        total: features.length,
        kab: kabs.length ? ` (${kabs.join(', ')})` : '',
      }),
    );

  const out = new Map<string, MatchedKabupaten>();
  for (const kab of kabs)
    out.set(kab, {
      kodeKab: kab,
      gazetteerName: g.regencyByCode.get(kab)?.name ?? `KABUPATEN ${kab}`,
      desa: [],
      kecamatanNames: new Map(
        gazetteer.districts.filter((d) => d.code.startsWith(`${kab}.`)).map((d) => [d.code, d.name]),
      ),
    });
  for (const [kode, d] of [...byKode].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    if (d.geometries.length > 1) report.merged.push({ kode, features: d.geometries.length });
    const geometry: AreaGeometry =
      d.geometries.length === 1
        ? d.geometries[0]
        : {
            type: 'MultiPolygon',
            coordinates: d.geometries.flatMap((x) =>
              x.type === 'Polygon' ? [x.coordinates] : x.coordinates,
            ),
          };
    out.get(kode.slice(0, 5))!.desa.push({ kode, nama: d.nama, geometry });
  }
  report.missing_from_source = gazetteer.villages
    .filter((v) => inSet.has(v.code.slice(0, 5)) && !byKode.has(v.code))
    .map((v) => v.code)
    .sort();
  report.unknown_in_gazetteer.sort();
  report.name_differences.sort((a, b) => (a.kode < b.kode ? -1 : 1));
  return { kabupaten: [...out.values()].filter((k) => k.desa.length > 0), report };
}

/** The kabupaten code a cell names (`33.24`, `3324`, `Kendal`, `KAB. KENDAL`), or null. */
function kabupatenOf(cell: string, regencies: readonly GazetteerRegency[]): string | null {
  const code = /^(\d{2})\.?(\d{2})$/.exec(cell);
  if (code) return `${code[1]}.${code[2]}`;
  const key = kabupatenNameKey(cell);
  if (!key.key) return null;
  const found = regencies.filter((r) => {
    const k = kabupatenNameKey(r.name);
    return k.key === key.key && (key.kind === null || k.kind === key.kind);
  });
  return found.length === 1 ? found[0].code : null;
}

/** The gazetteer desa of a feature by name: within its kecamatan when known, else its kabupaten; unique only. */
function byName(
  g: Gaz,
  f: BoundaryFeature,
  nama: string,
  form: CodeForm,
  kabs: readonly string[],
  mapping: BoundaryFieldMapping,
  regencies: readonly GazetteerRegency[],
): string | null {
  const key = normaliseDesaName(nama);
  let candidates = form.kind === 'bps' ? [form.kodeKab].filter((k) => kabs.includes(k)) : [...kabs];
  if (mapping.kabupaten && candidates.length > 1) {
    const named = kabupatenOf(text(f.properties[mapping.kabupaten]), regencies);
    if (named && candidates.includes(named)) candidates = [named];
  }
  const kecCell = mapping.kecamatan ? text(f.properties[mapping.kecamatan]) : '';
  const found: string[] = [];
  for (const kab of candidates) {
    let kecs: string[] | null = null;
    if (kecCell) {
      const code = /^(\d{2})\.?(\d{2})\.?(\d{2})$/.exec(kecCell);
      kecs = code
        ? [`${code[1]}.${code[2]}.${code[3]}`]
        : (g.kecByName.get(`${kab}|${normaliseKecamatanName(kecCell)}`) ?? []);
    }
    if (kecs && kecs.length > 0)
      for (const kec of kecs) found.push(...(g.byKecName.get(`${kec}|${key}`) ?? []));
    else found.push(...(g.byKabName.get(`${kab}|${key}`) ?? []));
  }
  return found.length === 1 ? found[0] : null;
}
