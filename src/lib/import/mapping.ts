/**
 * Step 2b: the column mapping, a plain JSON object the user can edit (in the app, or as `--mapping
 * mapping.json` for the CLI), its proposal from a header and sample rows, its validation, and a header
 * signature under which the app can remember a mapping for the next file with the same columns.
 *
 * Example (household file):
 * ```json
 * { "version": 1, "kind": "households",
 *   "fields": { "kode_desa": "KODE_WILAYAH", "desil": "DESIL_NASIONAL", "jumlah_art": "JUMLAH_ART",
 *               "lintang": "LINTANG", "bujur": "BUJUR", "periode": "PERIODE" },
 *   "flags": { "pkh": "PKH", "bpnt": "BPNT" },
 *   "name_matches": [{ "nama_kec": "Kaliwungu", "nama_desa": "Kutoharjo", "kode_desa": "33.24.08.2003" }] }
 * ```
 * Columns are referred to by their names as listed in the inspection (`columns`); a duplicated header name is
 * listed with a suffix (`DESIL (2)`).
 */
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { compactName, recogniseColumn, type FieldName } from './column-names.ts';
import { parseKodeDesa, parseKodeKecamatan } from './desa-code.ts';
import { resolveKecamatan, type DesaLookup } from './desa-lookup.ts';
import { normaliseDesaName } from './desa-name.ts';
import { msg, type Message } from '../messages/message.ts';
import { ImportError } from './errors.ts';
import { detectIdentifierColumns, type IdentifierColumn } from './identifiers.ts';

/** What a table holds: one row per household, or one row per desa (and period) with counts. */
export type TableKind = 'households' | 'desa_aggregate';

/** A name match the user accepted on the join review (an input to the join, never inferred). */
export interface NameMatch {
  nama_desa: string;
  /** Kecamatan as written in the file (null/absent when the file has none). */
  nama_kec?: string | null;
  kode_desa: string;
}

/** Current mapping format version. */
export const MAPPING_VERSION = 1;

/** A column mapping (see the module comment). */
export interface ColumnMapping {
  version: typeof MAPPING_VERSION;
  kind: TableKind;
  /** Field → column name. */
  fields: Partial<Record<FieldName, string>>;
  /** Aggregate tables: the ten columns counting households in desil 1…10. */
  desil_counts?: string[];
  /** Flag key (`pkh`, `bpnt`, `lantai_tanah`, ...; `[a-z0-9_]+`) → column (a YA/TIDAK flag, or a count in aggregate tables). */
  flags: Record<string, string>;
  /** Accepted name suggestions. */
  name_matches?: NameMatch[];
  /** Also try the desa name when a code is present but unusable (mangled, unknown...). Default false. */
  name_fallback?: boolean;
  /** Period for rows without one (no period column, or an empty cell). */
  periode?: string;
  /**
   * Rows whose desa code and desa/kecamatan name point to different desa (see `row-join.ts`): `reject` them
   * (the default), trust the `code`, or trust the `name`.
   */
  on_conflict?: ConflictChoice;
}

/** What to do with a row whose code and name disagree. */
export type ConflictChoice = 'reject' | 'code' | 'name';
/** The choices, in the order surfaces offer them. */
export const CONFLICT_CHOICES: readonly ConflictChoice[] = ['reject', 'code', 'name'];

/** The proposal for one field. */
export interface FieldProposal {
  /** A field name, `desil_1`…`desil_10` (aggregate counts) or `flag:<key>`. */
  field: string;
  column: string | null;
  /** 0–1: 0.95 exact name, 0.75 name pattern, 0.6 content only; halved when the content disagrees. */
  confidence: number;
  /** Why (shown beside the choice, rendered in the surface's language). */
  reason: Message;
}

/** Result of {@link proposeMapping}. */
export interface MappingProposal {
  kind: TableKind;
  mapping: ColumnMapping;
  fields: FieldProposal[];
  identifiers: IdentifierColumn[];
  /** Required fields with no column (the import cannot run until they are mapped). */
  missing_required: string[];
}

const DESIL_RANGE = Array.from({ length: 10 }, (_, i) => i + 1);

function shareOf(cells: (string | null)[], test: (t: string) => boolean): number {
  let n = 0;
  let ok = 0;
  for (const c of cells) {
    if (c === null || c.trim() === '') continue;
    n++;
    if (test(c.trim())) ok++;
  }
  return n === 0 ? 1 : ok / n;
}

const isDesil = (t: string) => /^(desil\s*)?(10|[1-9])([.,]0+)?$/i.test(t);
const isCount = (t: string) => /^'?\d{1,3}([., ]?\d{3})*([.,]0+)?$/.test(t);

/**
 * Proposes a mapping from the header and sample rows (arrays aligned with `header`; `null` cells are withheld
 * identifier cells). Identifier columns (by name and content, plus `knownIdentifiers`) are never proposed for a
 * field. The table is an aggregate table when it has columns for all ten desil counts.
 */
/** The fields a column can be mapped to, per table kind, in the order the mapping screen shows them. */
export const MAPPING_FIELDS: Record<TableKind, readonly FieldName[]> = {
  households: [
    'kode_desa',
    'nama_desa',
    'kode_kec',
    'nama_kec',
    'kode_kab',
    'nama_kab',
    'kode_prov',
    'nama_prov',
    'desil',
    'jumlah_art',
    'periode',
    'lintang',
    'bujur',
    'koordinat',
    'kunci_keluarga',
  ],
  desa_aggregate: [
    'kode_desa',
    'nama_desa',
    'kode_kec',
    'nama_kec',
    'kode_kab',
    'nama_kab',
    'kode_prov',
    'nama_prov',
    'periode',
    'jumlah_kk',
    'jumlah_jiwa',
  ],
};

/**
 * Share of a column's sampled non-empty cells that name a desa or kecamatan of the kabupaten, for the fields
 * whose values the gazetteer knows (null for other fields, or a column without values).
 */
export function gazetteerShare(
  field: FieldName,
  cells: readonly (string | null)[],
  lookup: DesaLookup,
): number | null {
  let n = 0;
  let ok = 0;
  for (const c of cells) {
    if (c === null || c.trim() === '') continue;
    n++;
    if (field === 'kode_desa') {
      const p = parseKodeDesa(c, lookup.members);
      if (p.status === 'ok' && lookup.byKode.has(p.kode)) ok++;
    } else if (field === 'nama_desa') {
      if (lookup.byName.has(normaliseDesaName(c))) ok++;
    } else if (field === 'kode_kec') {
      const k = parseKodeKecamatan(c, lookup.members);
      if (k !== null && lookup.kecamatan.has(k)) ok++;
    } else if (field === 'nama_kec') {
      if ((resolveKecamatan(lookup, null, c) ?? []).length > 0) ok++;
    } else return null;
  }
  return n === 0 ? null : ok / n;
}

const GAZETTEER_FIELDS = new Set<FieldName>(['kode_desa', 'nama_desa', 'kode_kec', 'nama_kec']);

/**
 * Proposes a mapping (see above). With `lookup` (the kabupaten's desa), a desa or kecamatan field with several
 * candidate columns (e.g. `KODE_DESA_BPS` and `KODE_DESA_KEMENDAGRI`) gets the one whose sampled values match the
 * gazetteer best, and a desa code column is also looked for by content; the reason says the shares.
 */
export function proposeMapping(
  header: readonly string[],
  sampleRows: readonly (readonly (string | null)[])[],
  knownIdentifiers: readonly IdentifierColumn[] = [],
  lookup?: DesaLookup,
): MappingProposal {
  const identifiers = detectIdentifierColumns(header, sampleRows);
  for (const k of knownIdentifiers)
    if (header.includes(k.column) && !identifiers.some((i) => i.column === k.column)) identifiers.push(k);
  identifiers.sort((a, b) => header.indexOf(a.column) - header.indexOf(b.column));
  const dropped = new Set(identifiers.map((i) => i.column));
  const column = (j: number) => sampleRows.map((r) => r[j] ?? null);
  const recognised = header.map((h) => recogniseColumn(h));

  const desilCountColumns = new Map<number, number>();
  recognised.forEach((r, j) => {
    if (r.desilCount !== undefined && !desilCountColumns.has(r.desilCount))
      desilCountColumns.set(r.desilCount, j);
  });
  const kind: TableKind = DESIL_RANGE.every((d) => desilCountColumns.has(d))
    ? 'desa_aggregate'
    : 'households';

  const proposals: FieldProposal[] = [];
  const fields: Partial<Record<FieldName, string>> = {};
  const taken = new Set<number>();
  const wanted = MAPPING_FIELDS[kind];

  for (const field of wanted) {
    const candidates: { j: number; exact: boolean }[] = [];
    recognised.forEach((r, j) => {
      if (taken.has(j) || r.field === undefined) return;
      let name = r.field.name;
      if (kind === 'desa_aggregate' && name === 'jumlah_art') name = 'jumlah_jiwa';
      if (name !== field) return;
      if (dropped.has(header[j]) && field !== 'kunci_keluarga') return;
      if (
        field === 'kunci_keluarga' &&
        identifiers.some((i) => i.column === header[j] && i.detected_by === 'header')
      )
        return;
      candidates.push({ j, exact: r.field.exact });
    });
    candidates.sort((a, b) => Number(b.exact) - Number(a.exact) || a.j - b.j);
    let pick = candidates[0];
    let confidence = pick ? (pick.exact ? 0.95 : 0.75) : 0;
    let reason = pick
      ? msg('import.proposal.byName', { column: header[pick.j], field })
      : msg('import.proposal.none');
    let measuredReason = false;
    if (lookup && GAZETTEER_FIELDS.has(field)) {
      // Measure every candidate (and, for codes, columns of code-shaped cells) on the gazetteer.
      const pool = [...candidates];
      if (field === 'kode_desa')
        for (let j = 0; j < header.length; j++) {
          if (taken.has(j) || dropped.has(header[j]) || pool.some((c) => c.j === j)) continue;
          const cells = column(j).filter((c): c is string => c !== null && c.trim() !== '');
          if (
            cells.length >= 3 &&
            shareOf(cells, (t) => parseKodeDesa(t, '00.00').status !== 'invalid') >= 0.8
          )
            pool.push({ j, exact: false });
        }
      const measured = pool
        .map((c) => ({ ...c, share: gazetteerShare(field, column(c.j), lookup) ?? 0 }))
        .sort((a, b) => b.share - a.share || Number(b.exact) - Number(a.exact) || a.j - b.j);
      const best = measured[0];
      if (best && best.share > 0 && (best.j !== pick?.j || measured.length > 1)) {
        const named = candidates.some((c) => c.j === best.j);
        pick = { j: best.j, exact: best.exact };
        confidence = named ? (best.exact ? 0.95 : 0.75) : 0.6;
        measuredReason = true;
        reason = msg('import.proposal.byGazetteer', {
          column: header[best.j],
          pct: Math.round(best.share * 100),
          others:
            measured
              .slice(1)
              .map((m) => `"${header[m.j]}" ${Math.round(m.share * 100)}%`)
              .join(', ') || '–',
        });
      }
    }
    if (!pick && field === 'kode_desa') {
      // A column of codes under an unexpected name.
      for (let j = 0; j < header.length && !pick; j++) {
        if (taken.has(j) || dropped.has(header[j])) continue;
        const cells = column(j).filter((c): c is string => c !== null && c.trim() !== '');
        if (
          cells.length >= 3 &&
          shareOf(cells, (t) => parseKodeDesa(t, '00.00').status !== 'invalid') >= 0.8
        ) {
          pick = { j, exact: false };
          confidence = 0.6;
          reason = msg('import.proposal.byContent', { column: header[j] });
        }
      }
    }
    if (pick) {
      const cells = column(pick.j);
      if (field === 'desil' && shareOf(cells, isDesil) < 0.5) {
        confidence /= 2;
        reason = msg('import.proposal.desilDoubt', { reason });
      }
      if ((field === 'jumlah_kk' || field === 'jumlah_jiwa') && shareOf(cells, isCount) < 0.5) {
        confidence /= 2;
        reason = msg('import.proposal.countDoubt', { reason });
      }
      if (candidates.length > 1 && !measuredReason)
        reason = msg('import.proposal.alsoMatches', {
          reason,
          columns: candidates
            .slice(1)
            .map((c) => `"${header[c.j]}"`)
            .join(', '),
        });
      taken.add(pick.j);
      fields[field] = header[pick.j];
    }
    proposals.push({ field, column: pick ? header[pick.j] : null, confidence, reason });
  }

  let desil_counts: string[] | undefined;
  if (kind === 'desa_aggregate') {
    desil_counts = DESIL_RANGE.map((d) => {
      const j = desilCountColumns.get(d) as number;
      taken.add(j);
      proposals.push({
        field: `desil_${d}`,
        column: header[j],
        confidence: shareOf(column(j), isCount) < 0.5 ? 0.45 : 0.9,
        reason: msg('import.proposal.desilCount', { column: header[j], d }),
      });
      return header[j];
    });
  }

  const flags: Record<string, string> = {};
  recognised.forEach((r, j) => {
    if (taken.has(j) || dropped.has(header[j]) || r.flag === undefined || flags[r.flag] !== undefined) return;
    flags[r.flag] = header[j];
    taken.add(j);
    proposals.push({
      field: `flag:${r.flag}`,
      column: header[j],
      confidence: 0.9,
      reason: msg(kind === 'households' ? 'import.proposal.flag' : 'import.proposal.flagCount', {
        column: header[j],
        flag: r.flag,
      }),
    });
  });

  const missing_required: string[] = [];
  if (kind === 'households' && !fields.desil) missing_required.push('desil');
  if (!fields.kode_desa && !fields.nama_desa) missing_required.push('kode_desa');
  return {
    kind,
    mapping: { version: MAPPING_VERSION, kind, fields, ...(desil_counts ? { desil_counts } : {}), flags },
    fields: proposals,
    identifiers,
    missing_required,
  };
}

/**
 * A stable signature of a header: SHA-256 of the sorted compact column names (see `compactName`), first 16 hex
 * digits. Column order, case, spaces and punctuation do not change it; adding, removing or renaming a column
 * does. The app stores mappings under it.
 */
export function headerSignature(header: readonly string[]): string {
  const names = header.map(compactName).sort();
  return bytesToHex(sha256(utf8ToBytes(names.join('\n')))).slice(0, 16);
}

const FIELD_NAMES = new Set<string>([
  'kode_desa',
  'nama_desa',
  'kode_kec',
  'nama_kec',
  'kode_kab',
  'nama_kab',
  'kode_prov',
  'nama_prov',
  'desil',
  'jumlah_art',
  'periode',
  'lintang',
  'bujur',
  'koordinat',
  'kunci_keluarga',
  'jumlah_kk',
  'jumlah_jiwa',
]);

/**
 * Checks a mapping (e.g. parsed from `mapping.json`) against the columns of a file and returns it with column
 * references resolved to the listed names (a name that differs only in case, spaces or punctuation is
 * accepted). Throws {@link ImportError}: `mapping_invalid` for a malformed mapping or a missing column,
 * `mapping_uses_identifier` when a field other than `kunci_keluarga` points at an identifier column.
 */
export function validateMapping(
  input: unknown,
  columns: readonly string[],
  identifiers: readonly IdentifierColumn[],
  fileName: string,
): ColumnMapping {
  const fail = (why: Message): never => {
    throw new ImportError(
      'mapping_invalid',
      msg('import.error.mapping_invalid', { file: fileName, why }),
      fileName,
    );
  };
  if (typeof input !== 'object' || input === null || Array.isArray(input))
    return fail(msg('import.mapping.notObject'));
  const m = input as Record<string, unknown>;
  if (m.version !== undefined && m.version !== MAPPING_VERSION)
    fail(msg('import.mapping.unknownVersion', { version: String(m.version) }));
  const kind = m.kind ?? 'households';
  if (kind !== 'households' && kind !== 'desa_aggregate')
    fail(msg('import.mapping.unknownKind', { kind: String(kind) }));
  // `what` names the field: a field code (`desil`, `desil_3`) or a worded part such as "flag pkh".
  const resolve = (ref: unknown, what: string | Message): string => {
    if (typeof ref !== 'string' || ref === '') return fail(msg('import.mapping.notColumnName', { what }));
    if (columns.includes(ref)) return ref;
    const c = compactName(ref);
    const same = columns.filter((col) => compactName(col) === c);
    if (same.length === 1) return same[0];
    return fail(msg('import.mapping.columnMissing', { column: ref, what }));
  };
  const dropped = new Map(identifiers.map((i) => [i.column, i]));
  const fields: Partial<Record<FieldName, string>> = {};
  const rawFields = m.fields ?? {};
  if (typeof rawFields !== 'object' || rawFields === null || Array.isArray(rawFields))
    fail(msg('import.mapping.fieldsNotObject'));
  for (const [field, ref] of Object.entries(rawFields as Record<string, unknown>)) {
    if (!FIELD_NAMES.has(field)) fail(msg('import.mapping.unknownField', { field }));
    if (ref === null || ref === undefined || ref === '') continue;
    const col = resolve(ref, field);
    const id = dropped.get(col);
    if (id && field !== 'kunci_keluarga')
      throw new ImportError(
        'mapping_uses_identifier',
        msg('import.error.mapping_uses_identifier', { file: fileName, column: col, kind: id.kind, field }),
        fileName,
        { column: col },
      );
    fields[field as FieldName] = col;
  }
  let desil_counts: string[] | undefined;
  if (m.desil_counts !== undefined) {
    if (!Array.isArray(m.desil_counts) || m.desil_counts.length !== 10)
      fail(msg('import.mapping.desilCountsTen'));
    desil_counts = (m.desil_counts as unknown[]).map((ref, d) => resolve(ref, `desil_${d + 1}`));
  }
  if (kind === 'desa_aggregate' && !desil_counts) fail(msg('import.mapping.aggregateNeedsDesilCounts'));
  const flags: Record<string, string> = {};
  const rawFlags = m.flags ?? {};
  if (typeof rawFlags !== 'object' || rawFlags === null || Array.isArray(rawFlags))
    fail(msg('import.mapping.flagsNotObject'));
  for (const [key, ref] of Object.entries(rawFlags as Record<string, unknown>)) {
    if (!/^[a-z0-9_]{1,40}$/.test(key)) fail(msg('import.mapping.badFlagKey', { flag: key }));
    if (ref === null || ref === undefined || ref === '') continue;
    const col = resolve(ref, msg('import.mapping.flag', { flag: key }));
    if (dropped.has(col))
      throw new ImportError(
        'mapping_uses_identifier',
        msg('import.error.mapping_uses_identifier_flag', { file: fileName, column: col, flag: key }),
        fileName,
        { column: col },
      );
    flags[key] = col;
  }
  const name_matches: NameMatch[] = [];
  if (m.name_matches !== undefined) {
    if (!Array.isArray(m.name_matches)) fail(msg('import.mapping.nameMatchesNotList'));
    for (const nm of m.name_matches as unknown[]) {
      const o = nm as Record<string, unknown>;
      if (
        typeof o !== 'object' ||
        o === null ||
        typeof o.nama_desa !== 'string' ||
        typeof o.kode_desa !== 'string'
      )
        fail(msg('import.mapping.nameMatchFields'));
      if (o.nama_kec !== undefined && o.nama_kec !== null && typeof o.nama_kec !== 'string')
        fail(msg('import.mapping.nameMatchKecamatan'));
      name_matches.push({
        nama_desa: o.nama_desa as string,
        nama_kec: (o.nama_kec as string | null) ?? null,
        kode_desa: o.kode_desa as string,
      });
    }
  }
  if (m.name_fallback !== undefined && typeof m.name_fallback !== 'boolean')
    fail(msg('import.mapping.nameFallbackBoolean'));
  if (m.periode !== undefined && typeof m.periode !== 'string') fail(msg('import.mapping.periodeText'));
  if (m.on_conflict !== undefined && !CONFLICT_CHOICES.includes(m.on_conflict as ConflictChoice))
    fail(msg('import.mapping.onConflict', { value: String(m.on_conflict), choices: [...CONFLICT_CHOICES] }));
  return {
    version: MAPPING_VERSION,
    kind: kind as TableKind,
    fields,
    ...(desil_counts ? { desil_counts } : {}),
    flags,
    ...(name_matches.length > 0 ? { name_matches } : {}),
    ...(m.name_fallback !== undefined ? { name_fallback: m.name_fallback as boolean } : {}),
    ...(m.periode !== undefined ? { periode: m.periode as string } : {}),
    ...(m.on_conflict !== undefined ? { on_conflict: m.on_conflict as ConflictChoice } : {}),
  };
}
