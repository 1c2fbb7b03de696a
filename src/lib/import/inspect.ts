/**
 * Step 2c: the first look at a file, for the mapping screen: how it was read, its columns, the identifier
 * columns that will be dropped, a proposed mapping with confidence and reasons, the header signature, and a
 * preview of the first rows in which identifier cells are withheld (`null`): their values never leave this
 * function.
 */
import { msg } from '../messages/message.ts';
import { ImportError } from './errors.ts';
import type { IdentifierColumn } from './identifiers.ts';
import { looksLikePersonalData } from './person-names.ts';
import { buildDesaLookup, type DesaRef } from './desa-lookup.ts';
import { headerSignature, proposeMapping, type MappingProposal } from './mapping.ts';
import type { FileInfo } from './report.ts';
import type { ByteSource } from './byte-source.ts';
import { openTable, type TableSource } from './table-source.ts';
import { normaliseSetCode } from '../geo/boundary-set.ts';

/** Options of {@link inspectFile}. */
export interface InspectOptions {
  /** A remembered mapping: its column names help find the header of a file with unusual names. */
  mapping?: { fields?: Record<string, string | undefined> };
  /** Workbooks: the sheet to inspect (default: the workbook's default sheet). */
  sheet?: string;
  /** The kabupaten's desa and code (and name): desa and kecamatan columns are then chosen by the gazetteer. */
  desa?: readonly DesaRef[];
  kodeKab?: string;
  namaKab?: string;
}

/**
 * The sheets to import from an inspected workbook for a choice: a sheet name, `all` (the inspected sheet and
 * every visible sheet with the same header), or none (the inspected sheet). Text files: `[null]`.
 */
export function sheetsToImport(
  inspection: Pick<FileInspection, 'sheets'>,
  choice?: string,
): (string | null)[] {
  if (!inspection.sheets) return [null];
  if (choice !== undefined && choice !== 'all') return [choice];
  return inspection.sheets.filter((s) => s.read || (choice === 'all' && s.same_header)).map((s) => s.name);
}

/** Rows in the preview. */
export const PREVIEW_ROWS = 20;

/** A sheet of an inspected workbook. */
export interface InspectedSheet {
  name: string;
  state: 'visible' | 'hidden' | 'veryHidden';
  /** Whether it is the sheet inspected. */
  read: boolean;
  /** Visible sheets whose header has the same signature as the sheet inspected (they can be imported with it). */
  same_header: boolean;
}

/** Result of {@link inspectFile}; plain data. */
export interface FileInspection {
  file: FileInfo;
  /** Workbooks: every sheet (see {@link InspectedSheet}); null for text files. */
  sheets: InspectedSheet[] | null;
  columns: string[];
  header_signature: string;
  identifier_columns: IdentifierColumn[];
  proposal: MappingProposal;
  /** First data rows aligned with `columns`; identifier cells are `null`. */
  preview: (string | null)[][];
}

/** File info of an opened table (number formats and blank lines are filled in by the import pass). */
export function fileInfo(source: TableSource, sourceFile: string): FileInfo {
  const t = source.layout.text;
  return {
    name: source.fileName,
    source_file: sourceFile,
    sheet: source.layout.sheet,
    sheets: source.layout.sheets?.map((s) => ({ name: s.name, state: s.state })) ?? null,
    header_rows: source.layout.headerRows,
    quotes: t
      ? {
          mode: t.quotes,
          repaired_rows: source.quoteRepairs.rows,
          first_rows: [...source.quoteRepairs.first_rows],
        }
      : null,
    bytes: source.layout.bytes,
    format: source.layout.format,
    encoding: t ? t.encoding : null,
    bom: t ? t.bom : false,
    separator: t ? (t.separator === '\t' ? 'tab' : t.separator) : null,
    newline: t ? (t.newline === '\r\n' ? 'CRLF' : t.newline === '\n' ? 'LF' : 'CR') : null,
    header_row: source.layout.headerRow,
    rows_before_header: source.layout.headerRow - 1,
    blank_lines: 0,
    columns: source.columns,
    header_signature: headerSignature(source.columns),
    number_formats: {},
    synthetic: source.layout.synthetic,
  };
}

/**
 * A sample row with identifier cells withheld: every cell of an identifier column, and any other cell that looks
 * like personal data (a name, an address or a NIK in a column where it does not belong; see `person-names.ts`).
 */
export function withholdIdentifiers(
  row: readonly string[],
  columns: readonly string[],
  identifiers: readonly IdentifierColumn[],
): (string | null)[] {
  const drop = new Set(identifiers.map((i) => columns.indexOf(i.column)));
  return columns.map((_, j) => {
    const cell = row[j] ?? null;
    return drop.has(j) || (cell !== null && looksLikePersonalData(cell)) ? null : cell;
  });
}

/**
 * Opens `bytes` (CSV/TSV/TXT or XLSX; its bytes or a `ByteSource`, of which a text file's first MiB is read) and proposes a mapping (see the module comment). `mapping`, when the app
 * remembered one for this header signature, helps find the header of a file with unusual column names.
 * Throws {@link ImportError} for a file that cannot be a table (empty, binary, GeoJSON, no header, no rows).
 */
export async function inspectFile(
  bytes: Uint8Array | ByteSource,
  fileName: string,
  options: InspectOptions = {},
): Promise<FileInspection> {
  const extraHeaderNames = Object.values(options.mapping?.fields ?? {}).filter(
    (v): v is string => typeof v === 'string',
  );
  const source = await openTable(bytes, fileName, {
    extraHeaderNames,
    ...(options.sheet !== undefined ? { sheet: options.sheet } : {}),
  });
  if (source.sample.length === 0)
    throw new ImportError(
      'no_data_rows',
      msg('import.error.no_data_rows', { file: fileName, row: source.layout.headerRow }),
      fileName,
      { row: source.layout.headerRow },
    );
  const kodeKab = options.kodeKab ? normaliseSetCode(options.kodeKab) : null;
  const lookup =
    kodeKab && options.desa ? buildDesaLookup(options.desa, kodeKab, options.namaKab) : undefined;
  const proposal = proposeMapping(source.columns, source.sample, [], lookup);
  const signature = headerSignature(source.columns);
  let sheets: InspectedSheet[] | null = null;
  if (source.layout.sheets) {
    sheets = [];
    for (const s of source.layout.sheets) {
      let same = false;
      if (s.name !== source.layout.sheet && s.state === 'visible') {
        // Only the header of another sheet is read, to say whether it has the same columns.
        const other = await openTable(bytes, fileName, { extraHeaderNames, sheet: s.name }).catch(() => null);
        same = other !== null && headerSignature(other.columns) === signature;
      }
      sheets.push({ name: s.name, state: s.state, read: s.name === source.layout.sheet, same_header: same });
    }
  }
  return {
    file: fileInfo(source, fileName),
    sheets,
    columns: source.columns,
    header_signature: signature,
    identifier_columns: proposal.identifiers,
    proposal,
    preview: source.sample
      .slice(0, PREVIEW_ROWS)
      .map((r) => withholdIdentifiers(r, source.columns, proposal.identifiers)),
  };
}
