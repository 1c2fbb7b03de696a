/**
 * What an imported dataset looks like in storage, and the pure steps from an import to that record and back.
 * Only aggregates are kept: desa rows per period, hexagon counts, and a summary of the join report reduced to
 * counts, labels, column names and file facts. Nothing from a row of the file is kept in a dataset (no unmatched
 * keys, no name suggestions, no accepted name pairs): those can carry text typed into the file, and a stored
 * dataset outlives the review that needed them. The remembered mapping (see {@link rememberableMapping}) keeps
 * accepted desa-name pairs, since they are an input of the next join of a file with the same header.
 */
import type { CombinedReport, ColumnMapping, RejectReason } from '../lib/import/index.ts';
import type { NamedDesaAggregateRow } from '../lib/aggregate/area-rollup.ts';
import { HEX_RESOLUTIONS, type HexBins, type HexResolution } from '../lib/hex/types.ts';
import { isKnownMessage } from '../lib/messages/render.ts';
import { isPeriodPanel, type PeriodPanel } from '../lib/graduation/panel.ts';
import type { NeedsData } from '../lib/needs/import-needs.ts';

/** Storage format of {@link StoredDataset}; a record with another value is ignored, never half-read. */
export const DATASET_FORMAT = 1;

/** Hexagon counts of a dataset: period → resolution → bins (absent where not computed). */
export type DatasetHexbins = Record<string, Partial<Record<HexResolution, HexBins>>>;

/** The list entry of a stored dataset (small: the "Data" panel reads all of them). */
export interface StoredDatasetMeta {
  id: string;
  kode_kab: string;
  /** Display name: the file names. */
  name: string;
  files: string[];
  /** ISO 8601 time of the import. */
  imported_at: string;
  periods: string[];
  rows_read: number;
  rows_joined: number;
  /** Desa rows (desa × period with households). */
  desa_rows: number;
  synthetic: boolean;
  has_hexbins: boolean;
}

/** One file of an import, as remembered: how it was read and what came of it. */
export interface StoredFileSummary {
  name: string;
  bytes: number;
  format: 'csv' | 'xlsx';
  encoding: string | null;
  separator: string | null;
  header_row: number;
  kind: 'households' | 'desa_aggregate';
  rows_read: number;
  rows_joined: number;
  rows_rejected: number;
  periods: string[];
  identifier_columns_dropped: string[];
  /** The mapping's column names (field → column, flag → column); accepted name pairs are left out. */
  fields: Record<string, string>;
  flags: Record<string, string>;
  coordinates: { kept: number; swapped: number; outside: number; invalid: number; missing: number } | null;
  household_key: { column: string; rows_hashed: number; rows_without_key: number } | null;
}

/** The join report reduced to what may be kept (see the module comment). */
export interface StoredReportSummary {
  rows_read: number;
  rows_joined: number;
  rows_rejected: number;
  rejected_by_reason: Partial<Record<RejectReason, { label: string; count: number }>>;
  identifier_columns_dropped: string[];
  /** Desa of the kabupaten with no row in at least one period. */
  desa_without_rows: number;
  overlapping_desa_periode: number;
  files: StoredFileSummary[];
}

/** A stored dataset. */
export interface StoredDataset {
  format: typeof DATASET_FORMAT;
  meta: StoredDatasetMeta;
  rows: NamedDesaAggregateRow[];
  report: StoredReportSummary;
  hexbins: DatasetHexbins | null;
  /**
   * Linking panels per period (salted key hashes, desa index, desil: `src/lib/graduation/panel.ts`), only
   * where a household key was mapped; absent in records stored before periods were linked. Never exported.
   */
  panels?: PeriodPanel[] | null;
  /**
   * Counts per desa, flag and desil and the data-quality flags (counts and source row numbers only) for the
   * needs views (`src/lib/needs`); absent in records of desa tables and of older versions.
   */
  needs?: NeedsData | null;
}

/** The join report of an import reduced to counts, labels, column names and file facts. */
export function summariseReport(report: CombinedReport): StoredReportSummary {
  const rejected: StoredReportSummary['rejected_by_reason'] = {};
  for (const [reason, entry] of Object.entries(report.rejected_by_reason) as [
    RejectReason,
    { label: string; count: number },
  ][])
    rejected[reason] = { label: entry.label, count: entry.count };
  return {
    rows_read: report.rows_read,
    rows_joined: report.rows_joined,
    rows_rejected: report.rows_rejected,
    rejected_by_reason: rejected,
    identifier_columns_dropped: [...report.identifier_columns_dropped],
    desa_without_rows: report.desa_without_rows.length,
    overlapping_desa_periode: report.overlapping_desa_periode,
    files: report.files.map((f) => ({
      name: f.file.name,
      bytes: f.file.bytes,
      format: f.file.format,
      encoding: f.file.encoding,
      separator: f.file.separator,
      header_row: f.file.header_row,
      kind: f.kind,
      rows_read: f.rows_read,
      rows_joined: f.rows_joined,
      rows_rejected: f.rows_rejected,
      periods: [...f.periods],
      identifier_columns_dropped: [...f.identifier_columns_dropped],
      fields: definedEntries(f.mapping.fields),
      flags: { ...f.mapping.flags },
      coordinates: f.coordinates ? { ...f.coordinates } : null,
      household_key: f.household_key ? { ...f.household_key } : null,
    })),
  };
}

function definedEntries(record: Record<string, string | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(record)) if (typeof v === 'string') out[k] = v;
  return out;
}

/** A dataset's display name from its files: `a.csv`, `a.csv, b.csv`. */
export function datasetName(files: readonly string[]): string {
  return files.join(', ');
}

/** Inputs of {@link buildStoredDataset}. */
export interface ImportedAggregates {
  id: string;
  kodeKab: string;
  importedAt: Date;
  report: CombinedReport;
  rows: NamedDesaAggregateRow[];
  hexbins: DatasetHexbins | null;
  panels?: PeriodPanel[] | null;
  needs?: NeedsData | null;
}

/** The record stored for an import (see the module comment). */
export function buildStoredDataset(input: ImportedAggregates): StoredDataset {
  const files = input.report.files.map((f) => f.file.name);
  return {
    format: DATASET_FORMAT,
    meta: {
      id: input.id,
      kode_kab: input.kodeKab,
      name: datasetName(files),
      files,
      imported_at: input.importedAt.toISOString(),
      periods: [...input.report.periods],
      rows_read: input.report.rows_read,
      rows_joined: input.report.rows_joined,
      desa_rows: input.rows.length,
      synthetic: input.report.synthetic,
      has_hexbins: input.hexbins !== null && Object.keys(input.hexbins).length > 0,
    },
    rows: input.rows.map((r) => ({ ...r, kk_desil: [...r.kk_desil], programmes: { ...r.programmes } })),
    report: summariseReport(input.report),
    hexbins: input.hexbins,
    panels: input.panels && input.panels.length > 0 ? input.panels : null,
    needs: input.needs ?? null,
  };
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const isStringArray = (v: unknown): v is string[] =>
  Array.isArray(v) && v.every((x) => typeof x === 'string');

function isRow(v: unknown): v is NamedDesaAggregateRow {
  return (
    isObject(v) &&
    typeof v.periode === 'string' &&
    typeof v.kode_desa === 'string' &&
    typeof v.jumlah_kk === 'number' &&
    Array.isArray(v.kk_desil) &&
    v.kk_desil.length === 10 &&
    v.kk_desil.every((x) => typeof x === 'number') &&
    isObject(v.programmes)
  );
}

function isHexBins(v: unknown, res: number): v is HexBins {
  return (
    isObject(v) &&
    v.resolution === res &&
    isStringArray(v.cells) &&
    v.households instanceof Uint32Array &&
    v.households.length === v.cells.length &&
    v.desil instanceof Uint32Array &&
    v.desil.length === v.cells.length * 10 &&
    v.areaKm2 instanceof Float64Array &&
    v.border instanceof Uint8Array
  );
}

function isMeta(v: unknown): v is StoredDatasetMeta {
  return (
    isObject(v) &&
    typeof v.id === 'string' &&
    typeof v.kode_kab === 'string' &&
    typeof v.name === 'string' &&
    isStringArray(v.files) &&
    typeof v.imported_at === 'string' &&
    isStringArray(v.periods) &&
    typeof v.rows_read === 'number' &&
    typeof v.rows_joined === 'number' &&
    typeof v.desa_rows === 'number' &&
    typeof v.synthetic === 'boolean' &&
    typeof v.has_hexbins === 'boolean'
  );
}

/**
 * A stored value read back, checked: the dataset when it has this format and the expected shape, else null
 * (a record from another version or a damaged one is skipped, and the app falls back to other data).
 */
export function readStoredDataset(value: unknown): StoredDataset | null {
  if (!isObject(value) || value.format !== DATASET_FORMAT) return null;
  if (!isMeta(value.meta) || !Array.isArray(value.rows) || !value.rows.every(isRow)) return null;
  if (!isObject(value.report) || typeof value.report.rows_read !== 'number') return null;
  let hexbins: DatasetHexbins | null = null;
  if (value.hexbins !== null) {
    if (!isObject(value.hexbins)) return null;
    hexbins = {};
    for (const [periode, byRes] of Object.entries(value.hexbins)) {
      if (!isObject(byRes)) return null;
      const out: Partial<Record<HexResolution, HexBins>> = {};
      for (const res of HEX_RESOLUTIONS) {
        const bins = byRes[res];
        if (bins === undefined) continue;
        if (!isHexBins(bins, res)) return null;
        // Records stored before hexbin messages were codes hold sentences: drop those, keep the counts.
        const messages = Array.isArray(bins.messages)
          ? bins.messages.filter((m) => isObject(m) && isKnownMessage(m.message))
          : [];
        // Counts of the geotagged households apart (newer records): kept only when whole, else the hexagon
        // statistics say to import again.
        const points = bins.points as unknown;
        const pointsWhole =
          isObject(points) &&
          points.households instanceof Uint32Array &&
          points.households.length === bins.cells.length &&
          points.desil instanceof Uint32Array &&
          points.desil.length === bins.cells.length * 10;
        const { points: _points, ...rest } = bins;
        out[res] = pointsWhole ? { ...rest, points: bins.points, messages } : { ...rest, messages };
      }
      hexbins[periode] = out;
    }
  }
  // panels that do not read back are dropped: the aggregates stand without them (no transitions then)
  const panels =
    Array.isArray(value.panels) && value.panels.every(isPeriodPanel) ? (value.panels as PeriodPanel[]) : null;
  // the needs data is optional too: a damaged one is dropped (the views explain), the rest of the record kept
  const needs = readNeedsData(value.needs);
  return { ...(value as unknown as StoredDataset), hexbins, panels, needs };
}

function readNeedsData(v: unknown): NeedsData | null {
  if (!isObject(v) || !isObject(v.counts) || !Array.isArray(v.issues) || !isStringArray(v.checked))
    return null;
  const c = v.counts;
  if (!isStringArray(c.periods) || !isStringArray(c.flags) || typeof c.desaCount !== 'number') return null;
  const size = c.periods.length * c.desaCount * 10;
  if (!(c.desil instanceof Uint32Array) || c.desil.length !== size || !isObject(c.flagDesil)) return null;
  const flagDesil = c.flagDesil;
  if (
    !c.flags.every(
      (f) => flagDesil[f] instanceof Uint32Array && (flagDesil[f] as Uint32Array).length === size,
    )
  )
    return null;
  const issueOk = (e: unknown) =>
    isObject(e) &&
    typeof e.issue === 'string' &&
    typeof e.desa === 'number' &&
    e.desa >= 0 &&
    e.desa < (c.desaCount as number) &&
    typeof e.count === 'number' &&
    Array.isArray(e.rows) &&
    e.rows.every((r) => typeof r === 'number');
  return v.issues.every(issueOk) ? (v as unknown as NeedsData) : null;
}

/** A list entry read back, or null (see {@link readStoredDataset}). */
export function readStoredMeta(value: unknown): StoredDatasetMeta | null {
  return isMeta(value) ? value : null;
}

/**
 * The part of a mapping worth remembering for the next file with the same header: kind, fields, desil count
 * columns, flags, accepted name pairs and the name fallback. The period is left out: the next file with this
 * header is usually the next period.
 */
export function rememberableMapping(mapping: ColumnMapping): ColumnMapping {
  return {
    version: mapping.version,
    kind: mapping.kind,
    fields: definedEntries(mapping.fields) as ColumnMapping['fields'],
    ...(mapping.desil_counts ? { desil_counts: [...mapping.desil_counts] } : {}),
    flags: { ...mapping.flags },
    ...(mapping.name_matches && mapping.name_matches.length > 0
      ? { name_matches: mapping.name_matches.map((m) => ({ ...m })) }
      : {}),
    ...(mapping.name_fallback !== undefined ? { name_fallback: mapping.name_fallback } : {}),
  };
}
