/**
 * `kantong convert`: a household extract (CSV/TSV/TXT, also `.gz`, or Parquet) rewritten, streamed by DuckDB,
 * as a Parquet file holding only the columns the big path maps (desa code, desil, period, household size, the
 * flags), every cell as the text it had, under their own header names. Identifier columns are never selected.
 * What the aggregation needs to give the same result as from the extract itself is written into the file's
 * key-value metadata (key `kantong`, JSON, {@link ConvertedParquet}): the mapping, the period of rows without
 * one (from the extract's name or `--periode`), the synthetic label, and the lines that could not be read as
 * records of the header's width, which `kantong aggregate` counts as `column_count` rejections exactly as it
 * does on the extract. The file is written under a temporary name and renamed when complete.
 */
import { rename, rm } from 'node:fs/promises';
import path from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { ColumnMapping } from '../lib/import/mapping.ts';
import {
  fileRelation,
  quoteIdentifier,
  quoteLiteral,
  unreadableLines,
  type FileRead,
} from './duckdb-aggregate.ts';

/** The metadata key of a converted file. */
export const PARQUET_META_KEY = 'kantong';
/** The format tag of {@link ConvertedParquet}. */
export const PARQUET_META_FORMAT = 'kantong-households/1';

/** What a converted Parquet file says about itself (its key-value metadata `kantong`, as JSON). */
export interface ConvertedParquet {
  format: typeof PARQUET_META_FORMAT;
  /** The extract's file name (no folder). */
  source: string;
  /** Lines of the extract with the wrong number of cells: rejected as `column_count` when aggregated. */
  rows_unreadable: number;
  /** The mapping, restricted to the columns kept. */
  mapping: ColumnMapping;
  /** Period of rows without a period cell (the extract's name, else the mapping's or `--periode`), or null. */
  periode: string | null;
  synthetic: boolean;
  /** Identifier columns of the extract (never read). */
  identifier_columns_dropped: string[];
  /** Every other column of the extract not kept. */
  columns_dropped: string[];
}

/**
 * The temporary files a conversion to `out` may leave while it runs: ours (`<out>.part`, `<out>.part2`) and
 * DuckDB's own (`tmp_<name>`, which it renames when its copy ends).
 */
export function partFiles(out: string): string[] {
  return [`${out}.part`, `${out}.part2`].flatMap((f) => [
    f,
    path.join(path.dirname(f), `tmp_${path.basename(f)}`),
  ]);
}

/** The kept columns' indices, in the file's order, and the mapping restricted to them. */
export function keptColumns(
  read: FileRead,
  mapping: ColumnMapping,
  columns: readonly string[],
): { indices: number[]; mapping: ColumnMapping } {
  const c = read.columns;
  const indices = [
    ...new Set([
      c.kode,
      c.desil,
      ...(c.periode === null ? [] : [c.periode]),
      ...(c.art === null ? [] : [c.art]),
      ...Object.values(c.flags),
    ]),
  ].sort((a, b) => a - b);
  const kept = new Set(indices.map((j) => columns[j]));
  const fields: ColumnMapping['fields'] = {};
  for (const [field, column] of Object.entries(mapping.fields) as [keyof ColumnMapping['fields'], string][])
    if (kept.has(column)) fields[field] = column;
  const flags = Object.fromEntries(Object.keys(c.flags).map((f) => [f, columns[c.flags[f]]]));
  return { indices, mapping: { version: mapping.version, kind: mapping.kind, fields, flags } };
}

/**
 * Writes `read`'s kept columns to `out` as Parquet (ZSTD, dictionary-encoded by DuckDB) with the metadata;
 * returns the metadata written and the rows written. Written as `<out>.part` and renamed; nothing is left on
 * failure.
 */
export async function writeConvertedParquet(
  connection: DuckDBConnection,
  read: FileRead,
  columns: readonly string[],
  meta: Omit<ConvertedParquet, 'format' | 'rows_unreadable' | 'mapping' | 'columns_dropped'> & {
    mapping: ColumnMapping;
  },
  out: string,
  /** Unreadable lines already counted (a converted file converted again). */
  unreadableBefore = 0,
): Promise<{ meta: ConvertedParquet; rows: number }> {
  const { indices, mapping } = keptColumns(read, meta.mapping, columns);
  const identifiers = new Set(meta.identifier_columns_dropped);
  const clash = indices.find((j) => identifiers.has(columns[j]));
  if (clash !== undefined) throw new Error(`internal error: identifier column ${columns[clash]} selected`);
  const { relation, name } = fileRelation(read);
  const select = indices.map((j) => `${name(j)} AS ${quoteIdentifier(columns[j])}`).join(', ');
  const keptSet = new Set(indices);
  const full: ConvertedParquet = {
    format: PARQUET_META_FORMAT,
    source: meta.source,
    rows_unreadable: 0,
    mapping,
    periode: meta.periode,
    synthetic: meta.synthetic,
    identifier_columns_dropped: meta.identifier_columns_dropped,
    columns_dropped: columns.filter((c, j) => !keptSet.has(j) && !identifiers.has(c)),
  };
  const copy = (from: string, to: string, m: ConvertedParquet) =>
    connection.runAndReadAll(
      `COPY (${from}) TO ${quoteLiteral(to)} (FORMAT parquet, COMPRESSION zstd, ` +
        `KV_METADATA {${PARQUET_META_KEY}: ${quoteLiteral(JSON.stringify(m))}})`,
    );
  const part = `${out}.part`;
  const second = `${out}.part2`;
  try {
    await connection.run('DROP TABLE IF EXISTS kantong_rejects; DROP TABLE IF EXISTS kantong_reject_scans');
    const written = await copy(`SELECT ${select} FROM ${relation}`, part, full);
    const rows = Number(written.getRowsJson()[0]?.[0] ?? 0);
    const unreadable = unreadableBefore + (read.format === 'csv' ? await unreadableLines(connection) : 0);
    // The metadata goes into the file with the data, and the unreadable lines are known only at the end of
    // the scan: when there are any, the (small) Parquet file is copied once more with their count.
    if (unreadable > 0) {
      full.rows_unreadable = unreadable;
      await copy(`SELECT * FROM read_parquet(${quoteLiteral(part)})`, second, full);
      await rm(part, { force: true });
      await rename(second, out);
    } else await rename(part, out);
    return { meta: full, rows };
  } catch (error) {
    await rm(part, { force: true });
    await rm(second, { force: true });
    throw error;
  }
}

/** The metadata of a converted Parquet file, or null for any other Parquet file. */
export async function readConvertedParquet(
  connection: DuckDBConnection,
  file: string,
): Promise<ConvertedParquet | null> {
  const rows = await connection.runAndReadAll(
    `SELECT decode(value) AS v FROM parquet_kv_metadata(${quoteLiteral(file)}) WHERE decode(key) = ${quoteLiteral(PARQUET_META_KEY)}`,
  );
  const text = rows.getRowsJson()[0]?.[0];
  if (typeof text !== 'string') return null;
  const meta = JSON.parse(text) as ConvertedParquet;
  return meta.format === PARQUET_META_FORMAT ? meta : null;
}
