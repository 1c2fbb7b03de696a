/**
 * Runs the big path's SQL (`src/lib/big/aggregate.sql`) on the embedded engine (`@duckdb/node-api`) over one
 * household file: CSV/TSV/TXT (also gzip-compressed, `.gz`) or Parquet. The import core reads the file's
 * first MiB (layout: separator, encoding, preamble, header; the mapping proposal with its identifier columns);
 * DuckDB then reads the whole file with exactly that layout, every column as text, and only the mapped
 * columns are selected (identifier columns never enter a query's result). Rows with the wrong number of
 * cells are kept aside by DuckDB (`store_rejects`) and counted as `column_count` rejections.
 */
import { createReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import TEXTS_SQL from '../lib/big/aggregate-texts.sql?raw';
import AGGREGATE_SQL from '../lib/big/aggregate.sql?raw';
import type { RawGroup } from '../lib/big/raw-groups.ts';
import { bytesSource, type ByteSource } from '../lib/import/byte-source.ts';
import { flagValue, parseSize } from '../lib/import/households.ts';
import type { ColumnMapping } from '../lib/import/mapping.ts';
import { SNIFF_HEAD_BYTES } from '../lib/import/text-table.ts';
import { openFileSource } from './file-source.ts';

export { AGGREGATE_SQL, TEXTS_SQL };

/** The columns a run reads, by their role (see `aggregate.sql`). */
export interface MappedColumns {
  kode: number;
  desil: number;
  periode: number | null;
  art: number | null;
  flags: Record<string, number>;
}

/** The mapped columns of a mapping, as indices into `columns`. */
export function mappedColumns(mapping: ColumnMapping, columns: readonly string[]): MappedColumns | null {
  const at = (name: string | undefined) => (name === undefined ? -1 : columns.indexOf(name));
  const kode = at(mapping.fields.kode_desa);
  const desil = at(mapping.fields.desil);
  if (kode < 0 || desil < 0) return null;
  const periode = at(mapping.fields.periode);
  const art = at(mapping.fields.jumlah_art);
  const flags: Record<string, number> = {};
  for (const [key, column] of Object.entries(mapping.flags ?? {})) {
    const j = at(column);
    if (j >= 0 && /^[a-z][a-z0-9_]*$/.test(key)) flags[key] = j;
  }
  return { kode, desil, periode: periode >= 0 ? periode : null, art: art >= 0 ? art : null, flags };
}

/** The SQL for a set of flags: the `-- FLAG:` lines expanded, once per flag (see `aggregate.sql`). */
export function aggregateSql(flags: readonly string[]): string {
  return AGGREGATE_SQL.split('\n')
    .flatMap((line) => {
      const m = /^(\s*)-- FLAG: (.*)$/.exec(line);
      if (!m) return [line];
      return flags.map((f) => `${m[1]}${m[2].replaceAll('{flag}', f)}`);
    })
    .filter((line) => !/^\s*--/.test(line))
    .join('\n');
}

/** Rows read to collect the size and flag texts for `aggregate-texts.sql`, and the most texts per column. */
export const TEXT_SAMPLE_ROWS = 100_000;
export const MAX_TEXTS_PER_COLUMN = 16;

/** One counted (column, text) pair of `aggregate-texts.sql`, with its output column. */
export interface CountedText {
  column: string;
  text: string;
  name: string;
}

/** The SQL of `aggregate-texts.sql` for the texts of each column (the `-- TEXT:` line expanded). */
export function textsSql(texts: ReadonlyMap<string, readonly string[]>): {
  sql: string;
  counted: CountedText[];
} {
  const counted: CountedText[] = [];
  for (const [column, list] of texts)
    for (const text of list) counted.push({ column, text, name: `t_${counted.length}` });
  const sql = TEXTS_SQL.split('\n')
    .flatMap((line) => {
      const m = /^(\s*)-- TEXT: (.*)$/.exec(line);
      if (!m) return [line];
      return counted.map(
        (c) =>
          m[1] +
          m[2]
            .replaceAll('{column}', c.column)
            .replaceAll('{name}', c.name)
            .replaceAll('{text}', quoteLiteral(c.text)),
      );
    })
    .filter((line) => !/^\s*--/.test(line))
    .join('\n');
  return { sql, counted };
}

/** Whether a file is Parquet (by its magic number `PAR1`). */
export async function isParquet(source: ByteSource): Promise<boolean> {
  const head = await source.read(0, 4);
  return head.length === 4 && String.fromCharCode(...head) === 'PAR1';
}

/** Whether a file is gzip-compressed (magic number 1F 8B). */
export async function isGzip(source: ByteSource): Promise<boolean> {
  const head = await source.read(0, 2);
  return head[0] === 0x1f && head[1] === 0x8b;
}

/** The first MiB of a gzip file, decompressed, as a source for the core's inspection. */
export async function gunzipHead(file: string): Promise<ByteSource> {
  const parts: Buffer[] = [];
  let length = 0;
  const gunzip = createGunzip();
  const input = createReadStream(file);
  input.pipe(gunzip);
  try {
    for await (const chunk of gunzip as AsyncIterable<Buffer>) {
      parts.push(chunk);
      length += chunk.length;
      if (length >= SNIFF_HEAD_BYTES) break;
    }
  } finally {
    input.destroy();
    gunzip.destroy();
  }
  return bytesSource(new Uint8Array(Buffer.concat(parts)));
}

const quoteLiteral = (s: string) => `'${s.replace(/'/g, "''")}'`;

/** How DuckDB is to read one file. */
export type FileRead =
  | {
      format: 'csv';
      file: string;
      separator: string;
      encoding: string;
      /** Lines before the first data row (preamble and header). */
      skip: number;
      width: number;
      columns: MappedColumns;
    }
  | { format: 'parquet'; file: string; names: string[]; columns: MappedColumns };

/** DuckDB's encoding name for the core's. */
function duckEncoding(encoding: string): string {
  if (encoding === 'windows-1252') return 'latin-1';
  if (encoding.startsWith('utf-16')) return 'utf-16';
  return 'utf-8';
}

/** An embedded DuckDB for one run: two threads at most by default, memory capped, spilling to `tmp`. */
export async function openEngine(options: { threads?: number; memoryLimit?: string; tempDir?: string } = {}) {
  const instance = await DuckDBInstance.create(':memory:', {
    threads: String(options.threads ?? 2),
    memory_limit: options.memoryLimit ?? '600MB',
    preserve_insertion_order: 'false',
    ...(options.tempDir ? { temp_directory: options.tempDir } : {}),
  });
  const connection = await instance.connect();
  return {
    connection,
    close: () => {
      connection.closeSync();
      instance.closeSync();
    },
  };
}

/** Column names and up to `limit` rows (as text) of a Parquet file, for the core's mapping proposal. */
export async function parquetSample(
  connection: DuckDBConnection,
  file: string,
  limit = 500,
): Promise<{ columns: string[]; sample: string[][] }> {
  const describe = await connection.runAndReadAll(
    `DESCRIBE SELECT * FROM read_parquet(${quoteLiteral(file)})`,
  );
  const columns = describe.getRowObjectsJson().map((r) => String(r.column_name));
  const cast = columns.map((c) => `CAST("${c.replace(/"/g, '""')}" AS VARCHAR)`).join(', ');
  const rows = await connection.runAndReadAll(
    `SELECT ${cast} FROM read_parquet(${quoteLiteral(file)}) LIMIT ${limit}`,
  );
  return { columns, sample: rows.getRowsJson().map((r) => r.map((v) => (v === null ? '' : String(v)))) };
}

/** Test hooks of {@link aggregateFile}: the general query only, or a smaller sample of texts. */
export interface AggregateOptions {
  query?: 'auto' | 'rule';
  sampleRows?: number;
}

/**
 * Reads one file with DuckDB and runs `aggregate-texts.sql` (or, when a cell outside the sample turns up,
 * `aggregate.sql`) on it: the groups, and the rows DuckDB could not read
 * as records of the header's width (rejected as `column_count`).
 */
export async function aggregateFile(
  connection: DuckDBConnection,
  read: FileRead,
  options: AggregateOptions = {},
): Promise<{ groups: RawGroup[]; columnCountRows: number; query: 'texts' | 'rule' }> {
  const c = read.columns;
  const flags = Object.keys(c.flags);
  let relation: string;
  let name: (j: number) => string;
  if (read.format === 'csv') {
    const types = Array.from({ length: read.width }, (_, j) => `'c${j}': 'VARCHAR'`).join(', ');
    relation =
      `read_csv(${quoteLiteral(read.file)}, delim = ${quoteLiteral(read.separator)}, quote = '"', ` +
      `escape = '"', header = false, skip = ${read.skip}, auto_detect = false, columns = {${types}}, ` +
      `encoding = ${quoteLiteral(duckEncoding(read.encoding))}, store_rejects = true, ` +
      `rejects_table = 'kantong_rejects', rejects_scan = 'kantong_reject_scans', compression = 'auto')`;
    name = (j) => `c${j}`;
  } else {
    relation = `read_parquet(${quoteLiteral(read.file)})`;
    const names = read.names;
    name = (j) => `CAST("${names[j].replace(/"/g, '""')}" AS VARCHAR)`;
  }
  // Only the mapped columns, renamed to their role: identifier columns are never selected.
  const select = [
    `${name(c.kode)} AS kode_raw`,
    `${name(c.desil)} AS desil_raw`,
    c.periode === null ? `'' AS periode_raw` : `${name(c.periode)} AS periode_raw`,
    c.art === null ? `CAST(NULL AS VARCHAR) AS art_raw` : `${name(c.art)} AS art_raw`,
    ...flags.map((f) => `${name(c.flags[f])} AS flag_${f}`),
  ].join(', ');
  await connection.run('DROP TABLE IF EXISTS kantong_rejects; DROP TABLE IF EXISTS kantong_reject_scans');
  await connection.run(`CREATE OR REPLACE TEMP VIEW households AS SELECT ${select} FROM ${relation}`);
  const counted =
    options.query === 'rule'
      ? null
      : await countedTextGroups(connection, flags, c.art !== null, options.sampleRows ?? TEXT_SAMPLE_ROWS);
  const groups = counted ?? (await ruleGroups(connection, flags));
  let columnCountRows = 0;
  if (read.format === 'csv') {
    // Every scan of the file (the sample, the counts, the general query) adds its rejected lines: count each once.
    const rej = await connection.runAndReadAll(`SELECT COUNT(DISTINCT line) AS n FROM kantong_rejects`);
    columnCountRows = Number(rej.getRowObjectsJson()[0]?.n ?? 0);
  }
  await connection.run('DROP VIEW households');
  return { groups, columnCountRows, query: counted ? 'texts' : 'rule' };
}

/**
 * The fast path (`aggregate-texts.sql`): the size and flag texts of the first rows, counted per group over the
 * whole file and read by the core's rules here; null when a column has too many texts or a cell outside the
 * sample turns up (the caller then runs the general query).
 */
async function countedTextGroups(
  connection: DuckDBConnection,
  flags: readonly string[],
  sizeRead: boolean,
  sampleRows: number,
): Promise<RawGroup[] | null> {
  const columns = [...(sizeRead ? ['art_raw'] : []), ...flags.map((f) => `flag_${f}`)];
  const texts = new Map<string, string[]>(columns.map((col) => [col, []]));
  if (columns.length > 0) {
    const sample = await connection.runAndReadAll(
      `SELECT ${columns.join(', ')} FROM households LIMIT ${sampleRows}`,
    );
    const values = sample.getColumnsObjectJS();
    for (const col of columns) {
      const seen = new Set((values[col] ?? []).map((v) => (v === null ? '' : String(v))));
      if (seen.size > MAX_TEXTS_PER_COLUMN) return null;
      texts.set(col, [...seen].sort());
    }
  }
  const { sql, counted } = textsSql(texts);
  const cols = (await connection.runAndReadAll(sql)).getColumnsObjectJS();
  const num = (name: string) => (cols[name] ?? []).map((v) => (v === null ? 0 : Number(v)));
  const kode = cols.kode_raw as (string | null)[];
  const desil = cols.desil_raw as (string | null)[];
  const periode = cols.periode_raw as (string | null)[];
  const households = num('households');
  const counts = counted.map((t) => ({ ...t, n: num(t.name) }));
  const covered = new Map<string, number[]>(columns.map((col) => [col, households.map(() => 0)]));
  for (const t of counts) {
    const sum = covered.get(t.column) as number[];
    for (let i = 0; i < sum.length; i++) sum[i] += t.n[i];
  }
  for (const sum of covered.values())
    for (let i = 0; i < sum.length; i++) if (sum[i] !== households[i]) return null;
  const sizes = counts
    .filter((t) => t.column === 'art_raw')
    .map((t) => ({ n: t.n, size: parseSize(t.text) }));
  const flagTexts = flags.map((f) => ({
    f,
    texts: counts.filter((t) => t.column === `flag_${f}`).map((t) => ({ n: t.n, v: flagValue(t.text) })),
  }));
  return kode.map((k, i) => {
    let persons = 0;
    let known = 0;
    for (const s of sizes)
      if (s.size > 0) {
        persons += s.size * s.n[i];
        known += s.n[i];
      }
    const yes: Record<string, number> = {};
    const odd: Record<string, number> = {};
    for (const { f, texts: list } of flagTexts) {
      yes[f] = 0;
      odd[f] = 0;
      for (const t of list) {
        if (t.v === 1) yes[f] += t.n[i];
        else if (t.v === 2) odd[f] += t.n[i];
      }
    }
    return {
      kode_raw: k ?? '',
      desil_raw: desil[i] ?? '',
      periode_raw: periode[i] ?? '',
      households: households[i],
      persons,
      persons_known: known,
      yes,
      odd,
    };
  });
}

/** The general path (`aggregate.sql`): every size and flag cell read by the rule written in SQL. */
async function ruleGroups(connection: DuckDBConnection, flags: readonly string[]): Promise<RawGroup[]> {
  const result = await connection.runAndReadAll(aggregateSql(flags));
  // Column by column (no object per value): the national file has close to a million groups.
  const cols = result.getColumnsObjectJS();
  const text = (name: string) => cols[name] as (string | null)[];
  const num = (name: string) => (cols[name] ?? []).map((v) => (v === null ? 0 : Number(v)));
  const kode = text('kode_raw');
  const desil = text('desil_raw');
  const periode = text('periode_raw');
  const households = num('households');
  const persons = num('persons');
  const known = num('persons_known');
  const yes = Object.fromEntries(flags.map((f) => [f, num(`yes_${f}`)]));
  const odd = Object.fromEntries(flags.map((f) => [f, num(`odd_${f}`)]));
  return kode.map((k, i) => ({
    kode_raw: k ?? '',
    desil_raw: desil[i] ?? '',
    periode_raw: periode[i] ?? '',
    households: households[i],
    persons: persons[i],
    persons_known: known[i],
    yes: Object.fromEntries(flags.map((f) => [f, yes[f][i]])),
    odd: Object.fromEntries(flags.map((f) => [f, odd[f][i]])),
  }));
}

export { openFileSource };
