/**
 * The join review over the files of one import, from their join reports: totals (read = joined + rejected),
 * rejected rows by reason with their first rows, unmatched keys, name suggestions still open, desa without rows
 * in a period for which some file had data, and the notes. Pure: the dialog renders it, tests check it.
 */
import {
  sheetsNotRead,
  type ConflictReport,
  type DesaWithoutRows,
  type JoinReport,
  type NameSuggestion,
  type RejectReason,
  type SheetNotRead,
  type UnmatchedKey,
} from '../lib/import/index.ts';
import { comparePeriode } from '../lib/import/periode.ts';
import type { Message } from '../lib/messages/message.ts';

/** A file's report with the key the dialog knows it by. */
export interface KeyedReport {
  key: string;
  report: JoinReport;
}

/** One reason across files; the dialog renders its label from `reason` (`reasonLabel`). */
export interface ReviewReason {
  reason: RejectReason;
  count: number;
  /** First rows, with the file they are in (at most {@link ROWS_SHOWN}). */
  rows: { file: string; row: number }[];
  /** Columns concerned, across files. */
  columns: string[];
}

export interface ReviewSuggestion extends NameSuggestion {
  /** Stable id: file key, kecamatan and name as written. */
  id: string;
  fileKey: string;
  file: string;
}

export interface ReviewSummary {
  rowsRead: number;
  rowsJoined: number;
  rowsRejected: number;
  files: { key: string; name: string; read: number; joined: number; rejected: number; periods: string[] }[];
  periods: string[];
  rejected: ReviewReason[];
  unmatched: (UnmatchedKey & { file: string })[];
  suggestions: ReviewSuggestion[];
  desaWithoutRows: DesaWithoutRows[];
  identifierColumns: string[];
  coordinates: { kept: number; swapped: number; outside: number; invalid: number; missing: number } | null;
  hashedKeys: number;
  /** Files with rows whose code and names disagree (see `conflicts.ts`), with how they were resolved. */
  conflicts: (ConflictReport & { fileKey: string; file: string })[];
  /** Sheets of the workbooks that no file of the import read. */
  sheetsNotRead: SheetNotRead[];
  /** Files read quote-tolerant after a stray quote, with the rows whose quotes were read as characters. */
  quoteRepairs: { file: string; rows: number; first_rows: number[] }[];
  warnings: Message[];
}

/** Row numbers shown per reason. */
export const ROWS_SHOWN = 10;

/** Id of a name suggestion (see {@link ReviewSuggestion.id}). */
export function suggestionId(fileKey: string, s: Pick<NameSuggestion, 'nama_desa' | 'nama_kec'>): string {
  return `${fileKey}\u0000${s.nama_kec ?? ''}\u0000${s.nama_desa}`;
}

/**
 * The review of `files` (see the module comment). `hidden` lists suggestion ids the user rejected; they are
 * left out of `suggestions`. A desa is listed as without rows for a period only when no file has a row for it
 * in that period, among the files that cover that period.
 */
export function reviewImport(
  files: readonly KeyedReport[],
  hidden: ReadonlySet<string> = new Set(),
): ReviewSummary {
  const reports = files.map((f) => f.report);
  const byReason = new Map<RejectReason, ReviewReason>();
  for (const r of reports)
    for (const [reason, e] of Object.entries(r.rejected_by_reason) as [
      RejectReason,
      NonNullable<JoinReport['rejected_by_reason'][RejectReason]>,
    ][]) {
      let agg = byReason.get(reason);
      if (!agg) byReason.set(reason, (agg = { reason, count: 0, rows: [], columns: [] }));
      agg.count += e.count;
      for (const row of e.first_rows)
        if (agg.rows.length < ROWS_SHOWN) agg.rows.push({ file: r.file.name, row });
      if (e.column && !agg.columns.includes(e.column)) agg.columns.push(e.column);
    }

  const periods = [...new Set(reports.flatMap((r) => r.periods))].sort(comparePeriode);
  // A desa lacks period p when every file covering p lists it as lacking p.
  const without = new Map<string, { desa: DesaWithoutRows; periods: string[] }>();
  for (const p of periods) {
    const covering = reports.filter((r) => r.periods.includes(p));
    const lacking = covering.map(
      (r) => new Map(r.desa_without_rows.filter((d) => d.periods.includes(p)).map((d) => [d.kode_desa, d])),
    );
    const common =
      lacking.length === 0 ? [] : [...lacking[0]].filter(([kode]) => lacking.every((m) => m.has(kode)));
    for (const [kode, d] of common) {
      const entry = without.get(kode);
      if (entry) entry.periods.push(p);
      else without.set(kode, { desa: d, periods: [p] });
    }
  }
  const desaWithoutRows = [...without.values()]
    .map((e) => ({ ...e.desa, periods: e.periods }))
    .sort((a, b) => (a.kode_desa < b.kode_desa ? -1 : 1));

  let coordinates: ReviewSummary['coordinates'] = null;
  for (const r of reports)
    if (r.coordinates) {
      coordinates ??= { kept: 0, swapped: 0, outside: 0, invalid: 0, missing: 0 };
      for (const k of Object.keys(coordinates) as (keyof typeof coordinates)[])
        coordinates[k] += r.coordinates[k];
    }

  return {
    rowsRead: sum(reports, (r) => r.rows_read),
    rowsJoined: sum(reports, (r) => r.rows_joined),
    rowsRejected: sum(reports, (r) => r.rows_rejected),
    files: files.map(({ key, report: r }) => ({
      key,
      name: r.file.name,
      read: r.rows_read,
      joined: r.rows_joined,
      rejected: r.rows_rejected,
      periods: r.periods,
    })),
    periods,
    rejected: [...byReason.values()].sort((a, b) => b.count - a.count),
    unmatched: reports.flatMap((r) => r.unmatched_keys.map((k) => ({ ...k, file: r.file.name }))),
    suggestions: files.flatMap(({ key, report: r }) =>
      r.name_suggestions
        .map((s) => ({ ...s, id: suggestionId(key, s), fileKey: key, file: r.file.name }))
        .filter((s) => !hidden.has(s.id)),
    ),
    desaWithoutRows,
    identifierColumns: [...new Set(reports.flatMap((r) => r.identifier_columns_dropped))],
    coordinates,
    hashedKeys: sum(reports, (r) => r.household_key?.rows_hashed ?? 0),
    conflicts: files.flatMap(({ key, report: r }) =>
      r.conflicts && r.conflicts.count > 0 ? [{ ...r.conflicts, fileKey: key, file: r.file.name }] : [],
    ),
    sheetsNotRead: sheetsNotRead(reports).sheets,
    quoteRepairs: reports
      .filter((r) => r.file.quotes?.mode === 'tolerant')
      .map((r) => ({
        file: r.file.name,
        rows: r.file.quotes?.repaired_rows ?? 0,
        first_rows: r.file.quotes?.first_rows ?? [],
      })),
    // The unread sheets are listed in their own section; the other notes as they are.
    warnings: reports.flatMap((r) => r.warnings),
  };
}

function sum<T>(list: readonly T[], f: (x: T) => number): number {
  return list.reduce((s, x) => s + f(x), 0);
}
