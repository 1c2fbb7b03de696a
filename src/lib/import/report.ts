/**
 * Step 6b: the join report, a plain serialisable object (the CLI writes it as `join-report.json`; the app's
 * join review screen reads it). Every row read is either joined or rejected with one reason:
 * `rows_read = rows_joined + rows_rejected`, always.
 *
 * Nothing from an identifier column appears here, and free text from the file is echoed only where the review
 * needs it, under these rules: a code is shown only when it looks like a code (digits and separators, at most 20
 * characters) and not like a NIK/No. KK or phone number, with long digit runs masked; a desa/kecamatan name is
 * shown only when it occurs on at least {@link MIN_ROWS_TO_SHOW_NAME} rows (a value seen on one row alone could
 * be anything, e.g. personal data shifted into the wrong column), does not look like personal data (a person's
 * name, an address, a number; see `person-names.ts`) and resembles a desa or kecamatan of the kabupaten (see
 * `import-file.ts`); other keys appear as `null` with their count and row numbers: counted, not listed.
 */
import type { KabCount } from '../region/kab-filter.ts';
import type { ConflictReport } from './conflicts.ts';
import type { DesaSuggestion } from './desa-lookup.ts';
import type { IdentifierColumn } from './identifiers.ts';
import { redactForReport } from './identifiers.ts';
import { looksLikeIdentifierNumber, looksLikePersonalData } from './person-names.ts';
import type { ColumnMapping, TableKind } from './mapping.ts';
import type { NumberFormat } from './numbers.ts';
import { msg, type Message } from '../messages/message.ts';
import { REASON_FIELD, reasonLabel, reasonLabelId, type RejectReason } from './reasons.ts';

/** Row numbers kept per reason or key. */
export const FIRST_ROWS_KEPT = 10;
/** A free-text key is shown only from this many rows on (see the module comment). */
export const MIN_ROWS_TO_SHOW_NAME = 2;
/** Distinct unmatched keys tracked per file; further keys are counted under one `null` key per reason. */
export const MAX_UNMATCHED_KEYS = 2000;

/** How the file was read. */
export interface FileInfo {
  /** The table's name in messages: the file name, with the sheet for a workbook of several (`book.xlsx [Kec A]`). */
  name: string;
  /** The file name as picked. */
  source_file: string;
  /** Workbooks: the sheet read, and every sheet with its state (null for text files). */
  sheet: string | null;
  sheets: { name: string; state: 'visible' | 'hidden' | 'veryHidden' }[] | null;
  /** Rows of a two-row header (a group header above the column names) or 1. */
  header_rows: 1 | 2;
  /**
   * Text files: `tolerant` when stray quotes were found and the file was read quote-tolerant (see `quotes.ts`),
   * with the rows in which a quote was read as an ordinary character.
   */
  quotes: { mode: 'standard' | 'tolerant'; repaired_rows: number; first_rows: number[] } | null;
  bytes: number;
  format: 'csv' | 'xlsx';
  /** Text files only. */
  encoding: string | null;
  bom: boolean;
  separator: string | null;
  newline: 'CRLF' | 'LF' | 'CR' | null;
  /** Spreadsheet row number of the header. */
  header_row: number;
  /** Rows before the header: `#` comments, blank lines and title rows. */
  rows_before_header: number;
  /** Blank lines after the header (not rows: neither joined nor rejected). */
  blank_lines: number;
  columns: string[];
  header_signature: string;
  /** Number format per numeric column that was read. */
  number_formats: Record<string, NumberFormat>;
  /** The file says DATA SINTETIS (a comment or title row). */
  synthetic: boolean;
}

/** One reason's tally (its key in `rejected_by_reason` is the reason code). */
export interface RejectedReasonEntry {
  /** The reason in Indonesian, for readers of the report file; surfaces render `reasonLabel(reason)`. */
  label: string;
  count: number;
  /** Spreadsheet row numbers of the first rows. */
  first_rows: number[];
  /** The column concerned, when one is. */
  column: string | null;
}

/** An unmatched code or name. */
export interface UnmatchedKey {
  kind: 'kode' | 'nama';
  reason: RejectReason;
  /** The code or desa name as written (redacted); null when withheld (see the module comment). */
  key: string | null;
  /** Kecamatan as written, for names (null when absent or withheld). */
  kecamatan: string | null;
  count: number;
  first_rows: number[];
}

/** Candidates for an unmatched desa name, to accept (into `mapping.name_matches`) or reject. */
export interface NameSuggestion {
  nama_desa: string;
  nama_kec: string | null;
  reason: RejectReason;
  count: number;
  first_rows: number[];
  candidates: DesaSuggestion[];
}

/** A desa of the kabupaten with no joined row in some period. */
export interface DesaWithoutRows {
  kode_desa: string;
  nama_desa: string;
  nama_kec: string;
  /** Periods with no row for this desa. */
  periods: string[];
}

/** The join report of one file (see the module comment). */
export interface JoinReport {
  file: FileInfo;
  kind: TableKind;
  kode_kab: string;
  rows_read: number;
  rows_joined: number;
  rows_rejected: number;
  joined_by: { kode: number; nama: number; nama_diterima: number };
  /**
   * Rows per kabupaten of their desa (or desa code; `?` when none can be told), sorted by code: read = joined +
   * rejected in each, and `outside_set` counts the rows of kabupaten outside the import's (`--kab`).
   */
  rows_by_kabupaten: Record<string, KabCount>;
  /**
   * Rows whose desa code and names disagree (see `conflicts.ts`), with how they were resolved; null when the file
   * has no code column beside name columns.
   */
  conflicts: ConflictReport | null;
  rejected_by_reason: Partial<Record<RejectReason, RejectedReasonEntry>>;
  unmatched_keys: UnmatchedKey[];
  name_suggestions: NameSuggestion[];
  desa_without_rows: DesaWithoutRows[];
  identifier_columns_dropped: string[];
  identifier_columns: IdentifierColumn[];
  household_key: { column: string; rows_hashed: number; rows_without_key: number } | null;
  mapping: ColumnMapping;
  periods: string[];
  rows_per_periode: Record<string, number>;
  /** Household files with coordinate columns. */
  coordinates: { kept: number; swapped: number; outside: number; invalid: number; missing: number } | null;
  /** Household files with a size column. */
  household_size: { known: number; unknown: number } | null;
  /** Per flag: households with the flag, and cells that were neither yes nor no (counted as no). */
  flags: Record<string, { column: string; yes: number; unrecognised: number }>;
  /** Notes (e.g. a period came from the file name), as messages each surface renders in its language. */
  warnings: Message[];
  /** One line per reason, naming the file, column and first rows (see {@link reasonMessages}). */
  messages: Message[];
}

/** Counts rejected rows per reason with their first row numbers. */
export class ReasonTally {
  readonly entries = new Map<RejectReason, { count: number; rows: number[] }>();
  total = 0;

  add(reason: RejectReason, row: number): void {
    this.total++;
    const e = this.entries.get(reason);
    if (!e) this.entries.set(reason, { count: 1, rows: [row] });
    else {
      e.count++;
      if (e.rows.length < FIRST_ROWS_KEPT) e.rows.push(row);
    }
  }

  /** The report's `rejected_by_reason`, naming the column through `mapping`. */
  toReport(mapping: ColumnMapping): Partial<Record<RejectReason, RejectedReasonEntry>> {
    const out: Partial<Record<RejectReason, RejectedReasonEntry>> = {};
    const sorted = [...this.entries].sort((a, b) => b[1].count - a[1].count || (a[0] < b[0] ? -1 : 1));
    for (const [reason, e] of sorted) {
      const fields = ([] as string[]).concat(REASON_FIELD[reason] ?? []);
      const mapped = fields
        .map((f) => (mapping.fields as Record<string, string | undefined>)[f])
        .find(Boolean);
      out[reason] = {
        label: reasonLabelId(reason),
        count: e.count,
        first_rows: e.rows,
        column: mapped ?? null,
      };
    }
    return out;
  }
}

const CODE_SHAPED = /^[0-9 .,\-/+eE']{1,20}$/;

interface KeyEntry {
  kind: 'kode' | 'nama';
  reason: RejectReason;
  text: string;
  kecamatan: string | null;
  count: number;
  rows: number[];
}

/** Counts unmatched codes and names (see the module comment for what is echoed). */
export class UnmatchedTally {
  private readonly keys = new Map<string, KeyEntry>();
  private readonly overflow = new Map<RejectReason, KeyEntry>();

  add(
    kind: 'kode' | 'nama',
    reason: RejectReason,
    text: string,
    kecamatan: string | null,
    row: number,
  ): void {
    const id = `${reason}\u0000${text.trim().toUpperCase()}\u0000${(kecamatan ?? '').trim().toUpperCase()}`;
    let e = this.keys.get(id);
    if (!e) {
      if (this.keys.size >= MAX_UNMATCHED_KEYS) {
        e = this.overflow.get(reason);
        if (!e)
          this.overflow.set(reason, (e = { kind, reason, text: '', kecamatan: null, count: 0, rows: [] }));
      } else
        this.keys.set(
          id,
          (e = { kind, reason, text: text.trim(), kecamatan: kecamatan?.trim() || null, count: 0, rows: [] }),
        );
    }
    e.count++;
    if (e.rows.length < FIRST_ROWS_KEPT) e.rows.push(row);
  }

  /** Entries in report form, most frequent first. */
  toReport(): UnmatchedKey[] {
    const out: UnmatchedKey[] = [];
    for (const e of this.keys.values()) {
      let key: string | null = null;
      let kecamatan: string | null = null;
      if (e.kind === 'kode')
        key = CODE_SHAPED.test(e.text) && !looksLikeIdentifierNumber(e.text) ? redactForReport(e.text) : null;
      else if (shownName(e)) {
        key = redactForReport(e.text);
        kecamatan =
          e.kecamatan === null || looksLikePersonalData(e.kecamatan) ? null : redactForReport(e.kecamatan);
      }
      out.push({ kind: e.kind, reason: e.reason, key, kecamatan, count: e.count, first_rows: e.rows });
    }
    for (const e of this.overflow.values())
      out.push({
        kind: e.kind,
        reason: e.reason,
        key: null,
        kecamatan: null,
        count: e.count,
        first_rows: e.rows,
      });
    return out.sort((a, b) => b.count - a.count || a.first_rows[0] - b.first_rows[0]);
  }

  /** Name keys that may be shown (for suggestions): text, kecamatan, reason, count, rows. */
  shownNames(): KeyEntry[] {
    return [...this.keys.values()].filter((e) => e.kind === 'nama' && shownName(e));
  }
}

/** Whether an unmatched name may be echoed, by its own look (see the module comment). */
function shownName(e: Pick<KeyEntry, 'text' | 'count'>): boolean {
  return e.count >= MIN_ROWS_TO_SHOW_NAME && e.text !== '' && !looksLikePersonalData(e.text);
}

/** The ` (kolom X)` part of a message naming a column, or nothing when no column is concerned. */
export function columnNote(column: string | null): Message | '' {
  return column ? msg('import.column', { column }) : '';
}

/** One line per reason: `file: N baris ditolak — label (kolom X); baris a, b, c` (`import.rejectedRows`). */
export function reasonMessages(fileName: string, rejected: JoinReport['rejected_by_reason']): Message[] {
  return (Object.entries(rejected) as [RejectReason, RejectedReasonEntry][]).map(([reason, e]) =>
    msg('import.rejectedRows', {
      file: fileName,
      count: e.count,
      reason: reasonLabel(reason),
      column: columnNote(e.column),
      rows: e.first_rows,
      more: e.count > e.first_rows.length ? ', ...' : '',
    }),
  );
}
