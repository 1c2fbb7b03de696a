/**
 * Step 2c: the first look at a file, for the mapping screen: how it was read, its columns, the identifier
 * columns that will be dropped, a proposed mapping with confidence and reasons, the header signature, and a
 * preview of the first rows in which identifier cells are withheld (`null`): their values never leave this
 * function.
 */
import { msg } from '../messages/message.ts';
import { ImportError } from './errors.ts';
import type { IdentifierColumn } from './identifiers.ts';
import { headerSignature, proposeMapping, type MappingProposal } from './mapping.ts';
import type { FileInfo } from './report.ts';
import { openTable, type TableSource } from './table-source.ts';

/** Rows in the preview. */
export const PREVIEW_ROWS = 20;

/** Result of {@link inspectFile}; plain data. */
export interface FileInspection {
  file: FileInfo;
  columns: string[];
  header_signature: string;
  identifier_columns: IdentifierColumn[];
  proposal: MappingProposal;
  /** First data rows aligned with `columns`; identifier cells are `null`. */
  preview: (string | null)[][];
}

/** File info of an opened table (number formats and blank lines are filled in by the import pass). */
export function fileInfo(source: TableSource): FileInfo {
  const t = source.layout.text;
  return {
    name: source.fileName,
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

/** A sample row with identifier cells withheld. */
export function withholdIdentifiers(
  row: readonly string[],
  columns: readonly string[],
  identifiers: readonly IdentifierColumn[],
): (string | null)[] {
  const drop = new Set(identifiers.map((i) => columns.indexOf(i.column)));
  return columns.map((_, j) => (drop.has(j) ? null : (row[j] ?? null)));
}

/**
 * Opens `bytes` (CSV/TSV/TXT or XLSX) and proposes a mapping (see the module comment). `mapping`, when the app
 * remembered one for this header signature, helps find the header of a file with unusual column names.
 * Throws {@link ImportError} for a file that cannot be a table (empty, binary, GeoJSON, no header, no rows).
 */
export async function inspectFile(
  bytes: Uint8Array,
  fileName: string,
  options: { mapping?: { fields?: Record<string, string | undefined> } } = {},
): Promise<FileInspection> {
  const source = await openTable(
    bytes,
    fileName,
    Object.values(options.mapping?.fields ?? {}).filter((v): v is string => typeof v === 'string'),
  );
  if (source.sample.length === 0)
    throw new ImportError(
      'no_data_rows',
      msg('import.error.no_data_rows', { file: fileName, row: source.layout.headerRow }),
      fileName,
      { row: source.layout.headerRow },
    );
  const proposal = proposeMapping(source.columns, source.sample);
  return {
    file: fileInfo(source),
    columns: source.columns,
    header_signature: headerSignature(source.columns),
    identifier_columns: proposal.identifiers,
    proposal,
    preview: source.sample
      .slice(0, PREVIEW_ROWS)
      .map((r) => withholdIdentifiers(r, source.columns, proposal.identifiers)),
  };
}
