/**
 * The import of one file, end to end (read → detect → map → join → aggregate → report), and the combination
 * of several files (e.g. one per period) into the aggregates per desa, kecamatan and kabupaten. This is the API
 * the app's Worker and the CLI call; inputs are bytes and plain objects, outputs plain objects and typed arrays.
 *
 * Unusable input throws {@link ImportError} (a message naming the file); nothing is returned for it. A
 * file in which no row could be joined is unusable too (`nothing_joined`, its report in `details.report`).
 */
import {
  rollupDesaRows,
  mergeDesaRows,
  type AreaAggregateRow,
  type NamedDesaAggregateRow,
} from '../aggregate/area-rollup.ts';
import { normaliseKodeKab } from '../geo/gazetteer.ts';
import { aggregateHouseholds } from './aggregate.ts';
import { extentFromBbox, INDONESIA_EXTENT } from './coordinates.ts';
import { parseKodeKecamatan } from './desa-code.ts';
import {
  buildDesaLookup,
  resolveKecamatan,
  suggestDesa,
  type DesaLookup,
  type DesaRef,
} from './desa-lookup.ts';
import { joinDesaTableRows } from './desa-table.ts';
import { ImportError, type ProgressCallback } from './errors.ts';
import { createHouseholdKeyHasher, type HouseholdKeyHasher } from './household-key.ts';
import { joinHouseholdRows, type HouseholdPassResult, type JoinedHouseholds } from './households.ts';
import { fileInfo } from './inspect.ts';
import { proposeMapping, validateMapping, type ColumnMapping, type ConflictChoice } from './mapping.ts';
import { msg, type Message } from '../messages/message.ts';
import { comparePeriode, filePeriode, parsePeriode } from './periode.ts';
import { reasonLabel, type RejectReason } from './reasons.ts';
import {
  columnNote,
  reasonMessages,
  type DesaWithoutRows,
  type FileInfo,
  type JoinReport,
  type NameSuggestion,
  type RejectedReasonEntry,
  type UnmatchedKey,
  type UnmatchedTally,
} from './report.ts';
import { redactForReport } from './identifiers.ts';
import { nameSimilarity, normaliseDesaName, normaliseKecamatanName } from './desa-name.ts';
import { looksLikePersonalData } from './person-names.ts';
import { DesaResolver } from './row-join.ts';
import type { ByteSource } from './byte-source.ts';
import { openTable } from './table-source.ts';
import type { AreaGeometry } from '../geo/types.ts';
import { householdNeeds, type NeedsData } from '../needs/import-needs.ts';
import { normaliseSetCode } from '../geo/boundary-set.ts';

/** Options of {@link importFile}. */
export interface ImportOptions {
  fileName: string;
  /** Kemendagri kabupaten/kota code (`33.24` or `3324`). */
  kodeKab: string;
  /** The kabupaten's desa (e.g. the properties of `public/geo/<kab>/desa.json`); row indices refer to this array. */
  desa: readonly DesaRef[];
  /** The kabupaten's name (`Kabupaten Kendal`), for checking kabupaten columns; default: the desa's `nama_kab`. */
  namaKab?: string;
  /** Workbooks: the sheet to import (default: the workbook's default sheet; see `xlsx.ts`). */
  sheet?: string;
  /** What to do with rows whose code and names disagree; overrides the mapping's `on_conflict`. */
  onConflict?: ConflictChoice;
  /** A mapping (plain JSON, validated here); default: the proposal. */
  mapping?: unknown;
  /** Project secret for hashing the household key; required when the mapping has `kunci_keluarga`. */
  salt?: string | Uint8Array;
  /**
   * Period of rows without one when the file name has none (see `filePeriode`; a mapping's `periode` comes
   * first).
   */
  periode?: string;
  /**
   * Desa polygons in `desa` order: with them, geotags are checked against their own desa (`needs` of the
   * result, `src/lib/needs/verification.ts`).
   */
  geometries?: readonly AreaGeometry[];
  /** Border tolerance of that check, metres (default 100). */
  borderToleranceM?: number;
  /** Kabupaten bounding box `[minLon, minLat, maxLon, maxLat]` for checking coordinates (default: Indonesia). */
  bbox?: readonly [number, number, number, number];
  onProgress?: ProgressCallback;
  signal?: AbortSignal;
}

/** Result of {@link importFile}. */
export interface FileImport {
  report: JoinReport;
  /** One row per desa and period with households (see `NamedDesaAggregateRow`). */
  desa_rows: NamedDesaAggregateRow[];
  /** Joined households as typed-array columns (household files only). */
  households: JoinedHouseholds | null;
  /** Counts and data-quality flags for the needs views (household files only; see `src/lib/needs`). */
  needs?: NeedsData | null;
}

/** What both passes report, in one shape. */
type PassSummary = Pick<
  HouseholdPassResult,
  | 'rowsRead'
  | 'blankLines'
  | 'reasons'
  | 'unmatched'
  | 'joinedBy'
  | 'conflicts'
  | 'comparedColumns'
  | 'rowsPerPeriode'
  | 'key'
  | 'coordinates'
  | 'size'
  | 'flags'
> & { periods: string[]; fallbackUsed: number };

/** The desa of `kodeKab` as a lookup, or an `unknown_kabupaten` error. */
function lookupFor(options: ImportOptions): DesaLookup {
  // One kabupaten, or a set of several (a province `33`, a list `33.24+33.25`): see `kabupatenInSet`.
  const kodeKab = normaliseSetCode(options.kodeKab);
  const lookup = kodeKab ? buildDesaLookup(options.desa, kodeKab, options.namaKab) : null;
  if (!kodeKab || !lookup || lookup.byKode.size === 0)
    throw new ImportError(
      'unknown_kabupaten',
      msg('import.error.unknown_kabupaten', { file: options.fileName, kab: options.kodeKab }),
      options.fileName,
    );
  return lookup;
}

function mappingColumns(mapping: unknown): string[] {
  if (typeof mapping !== 'object' || mapping === null) return [];
  const m = mapping as { fields?: unknown; desil_counts?: unknown; flags?: unknown };
  const out: string[] = [];
  for (const v of [m.fields, m.flags])
    if (v && typeof v === 'object') for (const c of Object.values(v)) if (typeof c === 'string') out.push(c);
  if (Array.isArray(m.desil_counts)) for (const c of m.desil_counts) if (typeof c === 'string') out.push(c);
  return out;
}

/**
 * Imports one file (see the module comment). Progress runs from 0 to 1 over the pass; `signal` cancels between
 * batches (the promise rejects with the signal's reason). `bytes` may be a `ByteSource` (a `File`, a file on
 * disk): a text file is then streamed, never held whole in memory (see `byte-source.ts`).
 */
export async function importFile(
  bytes: Uint8Array | ByteSource,
  options: ImportOptions,
): Promise<FileImport> {
  const lookup = lookupFor(options);
  const source = await openTable(bytes, options.fileName, {
    extraHeaderNames: mappingColumns(options.mapping),
    ...(options.sheet !== undefined ? { sheet: options.sheet } : {}),
  });
  // A workbook's sheet is named in every message (`book.xlsx [Kec A]`).
  const fileName = source.fileName;
  options.signal?.throwIfAborted();
  const proposal = proposeMapping(source.columns, source.sample, [], lookup);
  const mapping: ColumnMapping = validateMapping(
    options.mapping ?? proposal.mapping,
    source.columns,
    proposal.identifiers,
    fileName,
  );
  if (options.onConflict !== undefined) mapping.on_conflict = options.onConflict;
  const warnings: Message[] = [];

  if (mapping.kind === 'households' && !mapping.fields.desil)
    throw new ImportError(
      'no_desil_column',
      msg('import.error.no_desil_column', {
        file: fileName,
        columns: source.columns.slice(0, 30).join(', '),
      }),
      fileName,
    );
  if (!mapping.fields.kode_desa && !mapping.fields.nama_desa)
    throw new ImportError(
      'no_desa_key_column',
      msg('import.error.no_desa_key_column', { file: fileName }),
      fileName,
    );

  let hasher: HouseholdKeyHasher | null = null;
  if (mapping.kind === 'households' && mapping.fields.kunci_keluarga) {
    if (options.salt === undefined)
      throw new ImportError(
        'salt_required',
        msg('import.error.salt_required', { file: fileName, column: mapping.fields.kunci_keluarga }),
        fileName,
        { column: mapping.fields.kunci_keluarga },
      );
    try {
      hasher = createHouseholdKeyHasher(options.salt);
    } catch {
      throw new ImportError(
        'salt_required',
        msg('import.error.salt_short', { file: fileName, min: 8 }),
        fileName,
      );
    }
  }

  const given = mapping.periode ?? options.periode;
  const fallback = filePeriode(fileName, given);
  const fallbackPeriode = fallback?.periode ?? null;
  for (const kode of DesaResolver.unknownAcceptedCodes(lookup, mapping))
    warnings.push(msg('import.warning.unknownAcceptedCode', { file: fileName, kode }));
  if (mapping.kind === 'households' && mapping.fields.jumlah_art === undefined)
    warnings.push(msg('import.warning.noHouseholdSize', { file: fileName }));

  const info = fileInfo(source, options.fileName);
  const common = { lookup, mapping, fallbackPeriode, onProgress: options.onProgress, signal: options.signal };
  let households: JoinedHouseholds | null = null;
  let needs: NeedsData | null = null;
  let desaRows: NamedDesaAggregateRow[];
  let pass: PassSummary;
  if (mapping.kind === 'households') {
    const h = await joinHouseholdRows(source, {
      ...common,
      hasher,
      extent: options.bbox ? extentFromBbox(options.bbox) : INDONESIA_EXTENT,
    });
    households = h.households;
    desaRows = aggregateHouseholds(h.households, lookup.desa, h.size !== null);
    pass = { ...h, periods: h.households.periods };
    info.number_formats = h.numberFormats;
    needs = householdNeeds(h.households, lookup.desa.length, {
      fileName,
      geometries: options.geometries ?? null,
      ...(options.borderToleranceM !== undefined ? { toleranceM: options.borderToleranceM } : {}),
      desilRejected: h.desilRejected,
      sizeRead: h.size !== null,
    });
  } else {
    const t = await joinDesaTableRows(source, common);
    desaRows = t.rows;
    pass = { ...t, key: null, coordinates: null, size: null, flags: {} };
  }
  info.blank_lines = pass.blankLines;
  if (source.layout.text) {
    const t = source.layout.text;
    info.quotes = {
      mode: t.quotes,
      repaired_rows: source.quoteRepairs.rows,
      first_rows: [...source.quoteRepairs.first_rows],
    };
    if (t.quotes === 'tolerant')
      warnings.push(
        msg('import.warning.strayQuotes', {
          file: fileName,
          count: source.quoteRepairs.rows,
          rows: source.quoteRepairs.first_rows,
        }),
      );
  }
  if (pass.fallbackUsed > 0 && fallback !== null) {
    const periode = parsePeriode(fallback.periode) ?? fallback.periode;
    warnings.push(
      msg(
        fallback.from === 'file_name' ? 'import.warning.periodeFromFileName' : 'import.warning.periodeGiven',
        {
          file: fileName,
          count: pass.fallbackUsed,
          periode,
        },
      ),
    );
    // A period given for a file whose name holds another one: say which one counted.
    if (fallback.from === 'file_name' && given !== undefined && parsePeriode(given) !== periode)
      warnings.push(msg('import.warning.periodeGivenNotUsed', { file: fileName, periode, given }));
  }
  if (source.layout.text) info.encoding = source.layout.text.encoding;

  const rejected = pass.reasons.toReport(mapping);
  if (pass.conflicts.count > 0 && (mapping.on_conflict ?? 'reject') !== 'reject')
    warnings.push(
      msg(
        mapping.on_conflict === 'code' ? 'import.warning.conflictsByCode' : 'import.warning.conflictsByName',
        {
          file: fileName,
          count: pass.conflicts.count,
        },
      ),
    );
  const periods = [...pass.periods].sort(comparePeriode);
  const rowsPerPeriode = Object.fromEntries(
    periods.map((p) => [p, pass.rowsPerPeriode[pass.periods.indexOf(p)] ?? 0]),
  );
  const report: JoinReport = {
    file: info,
    kind: mapping.kind,
    kode_kab: lookup.kodeKab,
    rows_read: pass.rowsRead,
    rows_joined: pass.rowsRead - pass.reasons.total,
    rows_rejected: pass.reasons.total,
    joined_by: { ...pass.joinedBy },
    conflicts:
      pass.comparedColumns === null
        ? null
        : pass.conflicts.toReport(lookup, mapping.on_conflict ?? 'reject', pass.comparedColumns),
    rejected_by_reason: rejected,
    unmatched_keys: withheldUnlikeGazetteer(lookup, pass.unmatched.toReport()),
    name_suggestions: nameSuggestions(lookup, pass.unmatched.shownNames()),
    desa_without_rows: desaWithoutRows(lookup, desaRows, periods),
    identifier_columns_dropped: proposal.identifiers.map((i) => i.column),
    identifier_columns: proposal.identifiers,
    household_key: pass.key,
    mapping,
    periods,
    rows_per_periode: rowsPerPeriode,
    coordinates: pass.coordinates,
    household_size: pass.size,
    flags: pass.flags,
    warnings,
    messages: reasonMessages(fileName, rejected),
  };
  if (report.rows_read === 0)
    throw new ImportError(
      'no_data_rows',
      msg('import.error.no_data_rows', { file: fileName, row: source.layout.headerRow }),
      fileName,
      { row: source.layout.headerRow },
    );
  if (report.rows_joined === 0)
    throw new ImportError('nothing_joined', nothingJoinedMessage(report), fileName, { report });
  return { report, desa_rows: desaRows, households, needs };
}

function nothingJoinedMessage(report: JoinReport): Message {
  const [reason, entry] = Object.entries(report.rejected_by_reason)[0] as [RejectReason, RejectedReasonEntry];
  return msg('import.error.nothing_joined', {
    file: report.file.name,
    kab: report.kode_kab,
    count: entry.count,
    rows: report.rows_read,
    reason: reasonLabel(reason),
    column: columnNote(entry.column),
    first: entry.first_rows[0],
    other:
      reason === 'kode_other_kabupaten' ? msg('import.error.otherKabupaten', { kab: report.kode_kab }) : '',
  });
}

/** Whether a text resembles a desa name of the kabupaten (is one, or is suggested as one). */
function likeDesa(lookup: DesaLookup, text: string): boolean {
  return lookup.byName.has(normaliseDesaName(text)) || suggestDesa(lookup, text, null, 1).length > 0;
}

/** Whether a text resembles a kecamatan name of the kabupaten. */
function likeKecamatan(lookup: DesaLookup, text: string): boolean {
  if ((resolveKecamatan(lookup, null, text) ?? []).length > 0) return true;
  const key = normaliseKecamatanName(text);
  return [...lookup.kecamatanByName.keys()].some((k) => nameSimilarity(key, k) >= 0.6);
}

/**
 * Unmatched names are shown only when they resemble a desa (and their kecamatan a kecamatan) of the kabupaten:
 * anything else in a desa column (a person's name from a block of swapped columns, say) is counted, not listed.
 */
function withheldUnlikeGazetteer(lookup: DesaLookup, keys: UnmatchedKey[]): UnmatchedKey[] {
  return keys.map((k) => {
    if (k.kind !== 'nama' || k.key === null) return k;
    if (!likeDesa(lookup, k.key)) return { ...k, key: null, kecamatan: null };
    if (k.kecamatan !== null && !likeKecamatan(lookup, k.kecamatan)) return { ...k, kecamatan: null };
    return k;
  });
}

function nameSuggestions(
  lookup: DesaLookup,
  names: ReturnType<UnmatchedTally['shownNames']>,
): NameSuggestion[] {
  return names
    .filter(
      (e) =>
        e.reason === 'nama_not_found' || e.reason === 'kecamatan_not_found' || e.reason === 'nama_ambiguous',
    )
    .map((e) => {
      let kec: string[] | null = null;
      if (e.kecamatan && e.reason !== 'kecamatan_not_found') {
        const kode = parseKodeKecamatan(e.kecamatan, lookup.kodeKab);
        kec = resolveKecamatan(lookup, kode, kode ? null : e.kecamatan);
      }
      return {
        nama_desa: redactForReport(e.text),
        nama_kec:
          e.kecamatan === null || looksLikePersonalData(e.kecamatan) || !likeKecamatan(lookup, e.kecamatan)
            ? null
            : redactForReport(e.kecamatan),
        reason: e.reason,
        count: e.count,
        first_rows: e.rows,
        candidates: suggestDesa(lookup, e.text, kec),
      };
    })
    .filter((s) => s.candidates.length > 0);
}

function desaWithoutRows(
  lookup: DesaLookup,
  rows: readonly NamedDesaAggregateRow[],
  periods: readonly string[],
): DesaWithoutRows[] {
  const has = new Set(rows.map((r) => `${r.periode}\u0000${r.kode_desa}`));
  const out: DesaWithoutRows[] = [];
  for (const [kode, i] of [...lookup.byKode].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    const missing = periods.filter((p) => !has.has(`${p}\u0000${kode}`));
    const d = lookup.desa[i];
    if (missing.length > 0 || periods.length === 0)
      out.push({ kode_desa: kode, nama_desa: d.nama_desa, nama_kec: d.nama_kec, periods: missing });
  }
  return out;
}

/** The `ArrayBuffer`s of an import, for `postMessage(result, transferables(result))` / `Comlink.transfer`. */
export function transferables(result: Pick<FileImport, 'households'>): ArrayBuffer[] {
  const h = result.households;
  if (!h) return [];
  const arrays = [
    h.desa,
    h.periode,
    h.desil,
    h.size,
    h.lat,
    h.lon,
    h.key_hash,
    h.source_row,
    ...Object.values(h.flags),
  ];
  return arrays.filter((a): a is NonNullable<typeof a> => a !== null).map((a) => a.buffer as ArrayBuffer);
}

/** The report over several files: totals, reasons and keys across files, and each file's own report. */
export interface CombinedReport {
  kode_kab: string;
  rows_read: number;
  rows_joined: number;
  rows_rejected: number;
  /** Reason → label, count, and the first rows as `{ file, row }`. */
  rejected_by_reason: Partial<
    Record<RejectReason, { label: string; count: number; first_rows: { file: string; row: number }[] }>
  >;
  unmatched_keys: (UnmatchedKey & { file: string })[];
  name_suggestions: (NameSuggestion & { file: string })[];
  desa_without_rows: DesaWithoutRows[];
  identifier_columns_dropped: string[];
  /** The mapping used for each file, by file name. */
  mapping: Record<string, ColumnMapping>;
  periods: string[];
  /** The same (desa, period) came from more than one file: their counts were added. */
  overlapping_desa_periode: number;
  /** Sheets of the imported workbooks that were not read (hidden ones too), by file. */
  sheets_not_read: SheetNotRead[];
  synthetic: boolean;
  /** Every file's notes, then the combination's own. */
  warnings: Message[];
  /** Every file's lines per rejected reason. */
  messages: Message[];
  files: JoinReport[];
}

/** A sheet of an imported workbook that no import read. */
export interface SheetNotRead {
  file: string;
  sheet: string;
  state: 'visible' | 'hidden' | 'veryHidden';
}

/**
 * The sheets of the workbooks among `files` that none of them read, in tab order, and one note per workbook
 * naming them (`import.warning.sheetsNotRead`): a workbook never loses a sheet without a word.
 */
export function sheetsNotRead(files: readonly Pick<JoinReport, 'file'>[]): {
  sheets: SheetNotRead[];
  warnings: Message[];
} {
  const byFile = new Map<string, { all: NonNullable<FileInfo['sheets']>; read: Set<string> }>();
  for (const f of files) {
    if (!f.file.sheets) continue;
    let e = byFile.get(f.file.source_file);
    if (!e) byFile.set(f.file.source_file, (e = { all: f.file.sheets, read: new Set() }));
    if (f.file.sheet !== null) e.read.add(f.file.sheet);
  }
  const sheets: SheetNotRead[] = [];
  const warnings: Message[] = [];
  for (const [file, e] of byFile) {
    const missed = e.all.filter((s) => !e.read.has(s.name));
    if (missed.length === 0) continue;
    for (const s of missed) sheets.push({ file, sheet: s.name, state: s.state });
    warnings.push(
      msg('import.warning.sheetsNotRead', {
        file,
        count: missed.length,
        sheets: missed
          .map((s) => (s.state === 'visible' ? `"${s.name}"` : `"${s.name}" (${s.state})`))
          .join(', '),
      }),
    );
  }
  return { sheets, warnings };
}

/** Everything an import of one or more files produces. */
export interface ImportSummary {
  report: CombinedReport;
  desa_rows: NamedDesaAggregateRow[];
  kecamatan_rows: AreaAggregateRow[];
  kabupaten_rows: AreaAggregateRow[];
}

/**
 * Combines file imports of one kabupaten: desa rows of the same desa and period are added (and counted in
 * `overlapping_desa_periode`, since importing the same extract twice would double it), then summed per
 * kecamatan and for the kabupaten. `nama_kab` names the kabupaten row.
 */
export function combineImports(
  imports: readonly FileImport[],
  desa: readonly DesaRef[],
  kodeKab: string,
  namaKab: string,
): ImportSummary {
  const kab = normaliseKodeKab(kodeKab) ?? kodeKab;
  const seen = new Map<string, number>();
  for (const imp of imports)
    for (const r of imp.desa_rows)
      seen.set(`${r.periode}\u0000${r.kode_desa}`, (seen.get(`${r.periode}\u0000${r.kode_desa}`) ?? 0) + 1);
  const desaRows = mergeDesaRows(imports.map((i) => i.desa_rows));
  desaRows.sort((a, b) => comparePeriode(a.periode, b.periode) || (a.kode_desa < b.kode_desa ? -1 : 1));
  const periods = [...new Set(imports.flatMap((i) => i.report.periods))].sort(comparePeriode);
  const rejected: CombinedReport['rejected_by_reason'] = {};
  for (const imp of imports)
    for (const [reason, e] of Object.entries(imp.report.rejected_by_reason) as [
      RejectReason,
      RejectedReasonEntry,
    ][]) {
      const c = (rejected[reason] ??= { label: e.label, count: 0, first_rows: [] });
      c.count += e.count;
      for (const row of e.first_rows)
        if (c.first_rows.length < 10) c.first_rows.push({ file: imp.report.file.name, row });
    }
  const files = imports.map((i) => i.report);
  const overlapping = [...seen.values()].filter((n) => n > 1).length;
  const warnings = files.flatMap((f) => f.warnings);
  if (overlapping > 0) warnings.push(msg('import.warning.overlapping', { count: overlapping }));
  const unread = sheetsNotRead(files);
  warnings.push(...unread.warnings);
  const byPeriode = (a: { periode: string; kode: string }, b: { periode: string; kode: string }) =>
    comparePeriode(a.periode, b.periode) || (a.kode < b.kode ? -1 : 1);
  return {
    report: {
      kode_kab: kab,
      rows_read: files.reduce((s, f) => s + f.rows_read, 0),
      rows_joined: files.reduce((s, f) => s + f.rows_joined, 0),
      rows_rejected: files.reduce((s, f) => s + f.rows_rejected, 0),
      rejected_by_reason: rejected,
      unmatched_keys: files.flatMap((f) => f.unmatched_keys.map((k) => ({ ...k, file: f.file.name }))),
      name_suggestions: files.flatMap((f) => f.name_suggestions.map((s) => ({ ...s, file: f.file.name }))),
      desa_without_rows: desaWithoutRows(buildDesaLookup(desa, kab), desaRows, periods),
      identifier_columns_dropped: [...new Set(files.flatMap((f) => f.identifier_columns_dropped))],
      mapping: Object.fromEntries(files.map((f) => [f.file.name, f.mapping])),
      periods,
      overlapping_desa_periode: overlapping,
      sheets_not_read: unread.sheets,
      synthetic: files.some((f) => f.file.synthetic),
      warnings,
      messages: files.flatMap((f) => f.messages),
      files,
    },
    desa_rows: desaRows,
    kecamatan_rows: rollupDesaRows(desaRows).sort(byPeriode),
    kabupaten_rows: rollupDesaRows(desaRows, { kode_kab: kab, nama_kab: namaKab }).sort(byPeriode),
  };
}
