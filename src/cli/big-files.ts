/**
 * How the big path (`kantong aggregate`, `kantong convert`) reads one household file: the import core looks at
 * its first MiB (layout, mapping proposal, identifier columns; a Parquet file through a sample of its rows),
 * and DuckDB then reads the whole file with exactly that layout, only the mapped columns. A Parquet file
 * written by `kantong convert` carries its mapping, period, synthetic label and unreadable lines
 * (`src/node/duckdb-parquet.ts`), so it is read as its extract was.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import {
  ImportError,
  inspectFile,
  proposeMapping,
  validateMapping,
  type ColumnMapping,
} from '../lib/import/index.ts';
import {
  gunzipHead,
  isGzip,
  isParquet,
  mappedColumns,
  parquetSample,
  type FileRead,
} from '../node/duckdb-aggregate.ts';
import { readConvertedParquet, type ConvertedParquet } from '../node/duckdb-parquet.ts';
import { msg } from '../lib/messages/message.ts';
import type { Language } from '../lib/messages/render.ts';
import { CliError } from './errors.ts';
import { readFileSource } from './households.ts';
import { cliMessage } from './params.ts';

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** How DuckDB reads a file, with the mapping used and what the core found. */
export interface FilePlan {
  read: FileRead;
  /** The file's columns (header names), in order. */
  columns: string[];
  mapping: ColumnMapping;
  identifiers: string[];
  synthetic: boolean;
  /** The metadata of a Parquet file written by `kantong convert`, else null. */
  converted: ConvertedParquet | null;
}

/** The JSON of `--mapping FILE`, or undefined without one; one line when it cannot be read. */
export async function readMappingFlag(file: string | undefined): Promise<unknown> {
  if (file === undefined) return undefined;
  return readFile(file, 'utf8')
    .then((t) => JSON.parse(t) as unknown)
    .catch((error: Error) => {
      throw new CliError(`--mapping ${file}: cannot read it as JSON (${error.message})`);
    });
}

/**
 * The first line of an error's message, at most 300 characters, long digit runs masked (an engine's message
 * may quote a line of the file: an identifier must not reach the terminal).
 */
export function firstLine(error: unknown): string {
  return String((error as Error).message ?? error)
    .split('\n')[0]
    .replace(/\d{12,}/g, '…')
    .slice(0, 300);
}

/**
 * How DuckDB reads `file` and the mapping used (`mappingGiven`, else a converted file's own, else the core's
 * proposal), from the core's look at its start; a `CliError` (one line) for a file the big path cannot read.
 */
export async function planFile(
  file: string,
  mappingGiven: unknown,
  connection: DuckDBConnection,
  lang: Language,
): Promise<FilePlan> {
  const fileName = path.basename(file);
  const source = await readFileSource(file);
  let columns: string[];
  let mapping: ColumnMapping;
  let identifiers: string[];
  let synthetic: boolean;
  let converted: ConvertedParquet | null = null;
  let read: DistributiveOmit<FileRead, 'columns'>;
  try {
    if (await isParquet(source)) {
      let sample: { columns: string[]; sample: string[][] };
      try {
        sample = await parquetSample(connection, file);
        converted = await readConvertedParquet(connection, file);
      } catch (error) {
        throw new CliError(`${fileName}: cannot read as Parquet (${firstLine(error)})`);
      }
      columns = sample.columns;
      const proposal = proposeMapping(columns, sample.sample, []);
      mapping = validateMapping(
        mappingGiven ?? converted?.mapping ?? proposal.mapping,
        columns,
        proposal.identifiers,
        fileName,
      );
      identifiers = converted
        ? converted.identifier_columns_dropped
        : proposal.identifiers.map((i) => i.column);
      synthetic = converted?.synthetic ?? false;
      read = { format: 'parquet', file, names: columns };
    } else {
      let head = source;
      if (await isGzip(source))
        head = await gunzipHead(file).catch((error: unknown) => {
          throw new CliError(
            cliMessage(msg('cli.fileCannotRead', { file: fileName, why: firstLine(error) }), lang),
          );
        });
      const inspection = await inspectFile(head, fileName);
      const info = inspection.file;
      columns = inspection.columns;
      mapping = validateMapping(
        mappingGiven ?? inspection.proposal.mapping,
        columns,
        inspection.identifier_columns,
        fileName,
      );
      identifiers = inspection.identifier_columns.map((i) => i.column);
      synthetic = info.synthetic;
      if (info.header_rows !== 1 || info.quotes?.mode === 'tolerant')
        throw new CliError(
          `${fileName}: ${info.header_rows !== 1 ? 'a two-row header' : 'stray quotes'} need the careful reader: use kantong import for this file`,
        );
      read = {
        format: 'csv',
        file,
        separator: info.separator === 'tab' ? '\t' : (info.separator ?? ','),
        encoding: info.encoding ?? 'utf-8',
        skip: info.header_row,
        width: columns.length,
      };
    }
  } catch (error) {
    if (error instanceof ImportError) throw new CliError(error.message);
    throw error;
  }
  if (mapping.kind !== 'households')
    throw new CliError(`${fileName}: a desa table, not household rows: use kantong import for it`);
  const mapped = mappedColumns(mapping, columns);
  if (!mapped)
    throw new CliError(
      `${fileName}: no ${mapping.fields.desil ? 'desa code' : 'desil'} column among ${columns.slice(0, 30).join(', ')} (the big path joins by desa code; use kantong import to join by names)`,
    );
  return {
    read: { ...read, columns: mapped } as FileRead,
    columns,
    mapping,
    identifiers,
    synthetic,
    converted,
  };
}
