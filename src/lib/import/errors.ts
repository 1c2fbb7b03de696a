/**
 * Errors that make a file unusable as a whole, and the cooperative cancellation used by the long steps.
 * Row-level problems never throw: they are tallied in the join report (see `report.ts`).
 */
import { MessageError, type Message } from '../messages/message.ts';

/** Machine codes of {@link ImportError}; `detail` carries the explanation as a message code with parameters. */
export type ImportErrorCode =
  | 'empty_file'
  | 'binary_file'
  | 'not_a_table'
  | 'xls_unsupported'
  | 'xlsx_unreadable'
  | 'xlsx_too_large'
  | 'sheet_not_found'
  | 'no_header'
  | 'no_data_rows'
  | 'no_desil_column'
  | 'no_desa_key_column'
  | 'mapping_invalid'
  | 'mapping_uses_identifier'
  | 'salt_required'
  | 'unknown_kabupaten'
  | 'nothing_joined';

/**
 * A file that cannot be imported at all (empty, binary, GeoJSON, no desil column...). `detail` is one
 * sentence (a {@link Message}) that names the file and, where it applies, the row and column; surfaces render
 * it in their language, and `message` is its Indonesian rendering. Nothing of the file has been kept when this
 * is thrown. `details` may hold the join report of a file whose rows all failed.
 */
export class ImportError extends MessageError {
  constructor(
    readonly code: ImportErrorCode,
    detail: Message,
    readonly fileName: string,
    readonly details: { row?: number; column?: string; report?: unknown } = {},
  ) {
    super(detail);
    this.name = 'ImportError';
  }
}

/** Progress callback of the long steps: `fraction` grows from 0 to 1. */
export type ProgressCallback = (fraction: number) => void;

/**
 * Lets the event loop run (so a Worker can receive an abort message) and then throws the signal's reason if
 * the caller aborted. Called between batches of rows, never inside one.
 */
export async function checkpoint(signal: AbortSignal | undefined): Promise<void> {
  if (!signal) return;
  await new Promise<void>((resolve) => setTimeout(resolve, 0));
  signal.throwIfAborted();
}
