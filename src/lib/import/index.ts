/**
 * The import core's public API, for the app's Worker and the CLI (see each module for the details):
 *
 * 1. `inspectFile(bytes, fileName, { sheet?, desa?, kodeKab?, namaKab?, mapping? })` → columns, identifier columns
 *    dropped, proposed mapping (with confidence and reasons; desa and kecamatan columns chosen by the gazetteer
 *    when the desa are given), header signature, preview with personal data withheld, a workbook's sheets;
 *    `sheetsToImport(inspection, 'all' | name)` → the sheets to import.
 * 2. `importFile(bytes, { fileName, kodeKab, desa, namaKab?, sheet?, onConflict?, mapping?, salt?, periode?, bbox?,
 *    onProgress?, signal? })` → `{ report, desa_rows, households }` (typed arrays; `transferables(result)` lists
 *    their buffers). The report says how contradictions between codes and names were resolved (`conflicts`),
 *    how a text file's quotes were read (`file.quotes`) and which sheet of a workbook was read.
 * 3. `combineImports(imports, desa, kodeKab, namaKab)` → aggregates per desa, kecamatan and kabupaten, and the
 *    combined join report (with the sheets of the workbooks that were not read, `sheets_not_read`).
 * 4. `formatDesaCsv` / `formatAreaCsv` for files.
 * Unusable input throws `ImportError` (`code`, and `detail`: a message naming the file, rendered by each surface
 * in its language; `message` is its Indonesian rendering). Report notes and lines (`warnings`, `messages`) and
 * proposal reasons are messages too.
 */
export {
  inspectFile,
  PREVIEW_ROWS,
  sheetsToImport,
  type FileInspection,
  type InspectedSheet,
  type InspectOptions,
} from './inspect.ts';
export {
  combineImports,
  importFile,
  sheetsNotRead,
  transferables,
  type CombinedReport,
  type FileImport,
  type ImportOptions,
  type ImportSummary,
  type SheetNotRead,
} from './import-file.ts';
export { ImportError, type ImportErrorCode, type ProgressCallback } from './errors.ts';
export { blobSource, bytesSource, type ByteSource } from './byte-source.ts';
export {
  CONFLICT_CHOICES,
  headerSignature,
  MAPPING_VERSION,
  proposeMapping,
  validateMapping,
  type ColumnMapping,
  type ConflictChoice,
  type FieldProposal,
  type MappingProposal,
  type NameMatch,
  type TableKind,
} from './mapping.ts';
export type { FieldName, IdentifierKind } from './column-names.ts';
export type { IdentifierColumn } from './identifiers.ts';
export type { JoinedHouseholds } from './households.ts';
export type { ConflictPair, ConflictReport, DesaName } from './conflicts.ts';
export type { DesaRef, DesaSuggestion } from './desa-lookup.ts';
export { REJECT_REASONS, reasonLabel, type RejectReason } from './reasons.ts';
export { filePeriode, needsGivenPeriode, parsePeriode, type PeriodeOrigin } from './periode.ts';
export type {
  DesaWithoutRows,
  FileInfo,
  JoinReport,
  NameSuggestion,
  RejectedReasonEntry,
  UnmatchedKey,
} from './report.ts';
export { formatAreaCsv, formatDesaCsv } from './output-csv.ts';
export type { AreaAggregateRow, NamedDesaAggregateRow } from '../aggregate/area-rollup.ts';
