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

/** One counted (column, text) of `aggregate-texts.sql`, with its output column. */
export interface CountedText {
  column: string;
  text: string;
  name: string;
}

/** The weight of the second text of a pair in `aggregate-texts.sql` (a group's count of each stays below it). */
export const PAIR_WEIGHT = 2 ** 31;

/**
 * The SQL of `aggregate-texts.sql` for the texts of each column: the `-- PAIR:` line once per two texts of a
 * column, the `-- TEXT:` line once per text.
 */
export function textsSql(texts: ReadonlyMap<string, readonly string[]>): {
  sql: string;
  counted: CountedText[];
} {
  const counted: CountedText[] = [];
  const pairs: { name: string; weights: string }[] = [];
  const decodes: { name: string; decode: string }[] = [];
  for (const [column, list] of texts)
    for (let j = 0; j < list.length; j += 2) {
      const pair = `p_${pairs.length}`;
      const two = list.slice(j, j + 2);
      const weight = (i: number) => (i === 0 ? '1' : String(PAIR_WEIGHT));
      const whens = two.map((t, i) => `WHEN ${quoteLiteral(t)} THEN ${weight(i)}`).join(' ');
      // A NULL cell (an empty one) matches no WHEN of a simple CASE: with '' in the pair it is tested first.
      const empty = two.indexOf('');
      pairs.push({
        name: pair,
        weights:
          empty >= 0
            ? `CASE WHEN ${column} IS NULL THEN ${weight(empty)} ELSE CASE ${column} ${whens} END END`
            : `CASE ${column} ${whens} END`,
      });
      for (const [i, t] of two.entries()) {
        const name = `t_${counted.length}`;
        counted.push({ column, text: t, name });
        decodes.push({ name, decode: `COALESCE(${pair}, 0) ${i === 0 ? '%' : '//'} ${PAIR_WEIGHT}` });
      }
    }
  const sql = TEXTS_SQL.split('\n')
    .flatMap((line) => {
      const pair = /^(\s*)-- PAIR: (.*)$/.exec(line);
      if (pair)
        return pairs.map(
          (p) => pair[1] + pair[2].replaceAll('{pair}', p.name).replaceAll('{weights}', p.weights),
        );
      const m = /^(\s*)-- TEXT: (.*)$/.exec(line);
      if (!m) return [line];
      return decodes.map((d) => m[1] + m[2].replaceAll('{name}', d.name).replaceAll('{decode}', d.decode));
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

export const quoteLiteral = (s: string) => `'${s.replace(/'/g, "''")}'`;

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
  const cast = columns.map((c) => `CAST(${quoteIdentifier(c)} AS VARCHAR)`).join(', ');
  const rows = await connection.runAndReadAll(
    `SELECT ${cast} FROM read_parquet(${quoteLiteral(file)}) LIMIT ${limit}`,
  );
  return { columns, sample: rows.getRowsJson().map((r) => r.map((v) => (v === null ? '' : String(v)))) };
}

/**
 * The SQL relation that reads `read.file` (DuckDB's `read_csv` with the core's layout, every column as text,
 * lines of the wrong width kept aside in `kantong_rejects`; or `read_parquet`) and each column's SQL
 * expression as text, by its index among the file's columns.
 */
export function fileRelation(read: FileRead): { relation: string; name: (j: number) => string } {
  if (read.format === 'csv') {
    const types = Array.from({ length: read.width }, (_, j) => `'c${j}': 'VARCHAR'`).join(', ');
    return {
      relation:
        `read_csv(${quoteLiteral(read.file)}, delim = ${quoteLiteral(read.separator)}, quote = '"', ` +
        `escape = '"', header = false, skip = ${read.skip}, auto_detect = false, columns = {${types}}, ` +
        `encoding = ${quoteLiteral(duckEncoding(read.encoding))}, store_rejects = true, ` +
        `rejects_table = 'kantong_rejects', rejects_scan = 'kantong_reject_scans', compression = 'auto')`,
      name: (j) => `c${j}`,
    };
  }
  const names = read.names;
  return {
    relation: `read_parquet(${quoteLiteral(read.file)})`,
    name: (j) => `CAST(${quoteIdentifier(names[j])} AS VARCHAR)`,
  };
}

/** An SQL identifier, double quotes doubled. */
export const quoteIdentifier = (s: string) => `"${s.replace(/"/g, '""')}"`;

/** Lines of the last CSV scans DuckDB could not read as records of the header's width (each line once). */
export async function unreadableLines(connection: DuckDBConnection): Promise<number> {
  const rej = await connection.runAndReadAll(`SELECT COUNT(DISTINCT line) AS n FROM kantong_rejects`);
  return Number(rej.getRowObjectsJson()[0]?.n ?? 0);
}

/** Test hooks of {@link aggregateFile}: the general query only, or a smaller sample of texts. */
export interface AggregateOptions {
  query?: 'auto' | 'rule';
  sampleRows?: number;
}

/** Groups handed over per result chunk (2,048 rows), so the national file's million groups are never held. */
export type GroupSink = (groups: RawGroup[]) => void | Promise<void>;

/**
 * Reads one file with DuckDB and runs `aggregate-texts.sql` (or, when a cell outside the sample turns up,
 * `aggregate.sql`) on it, handing the groups to `sink` chunk by chunk (without one, they are collected and
 * returned); also the rows DuckDB could not read as records of the header's width (rejected as
 * `column_count`) and which query ran.
 */
export async function aggregateFile(
  connection: DuckDBConnection,
  read: FileRead,
  options: AggregateOptions = {},
  sink?: GroupSink,
): Promise<{ groups: RawGroup[]; columnCountRows: number; query: 'texts' | 'rule' }> {
  const c = read.columns;
  const flags = Object.keys(c.flags);
  const { relation, name } = fileRelation(read);
  // Only the mapped columns, renamed to their role: identifier columns are never selected.
  const select = [
    `${name(c.kode)} AS kode_raw`,
    `${name(c.desil)} AS desil_raw`,
    c.periode === null ? `'' AS periode_raw` : `${name(c.periode)} AS periode_raw`,
    c.art === null ? `CAST(NULL AS VARCHAR) AS art_raw` : `${name(c.art)} AS art_raw`,
    ...flags.map((f) => `${name(c.flags[f])} AS flag_${f}`),
  ].join(', ');
  const collected: RawGroup[] = [];
  const give: GroupSink =
    sink ??
    ((groups) => {
      collected.push(...groups);
    });
  await connection.run(
    'DROP TABLE IF EXISTS kantong_rejects; DROP TABLE IF EXISTS kantong_reject_scans; DROP TABLE IF EXISTS kantong_counts',
  );
  await connection.run(`CREATE OR REPLACE TEMP VIEW households AS SELECT ${select} FROM ${relation}`);
  const counted =
    options.query === 'rule'
      ? false
      : await countedTextGroups(
          connection,
          flags,
          c.art !== null,
          options.sampleRows ?? TEXT_SAMPLE_ROWS,
          give,
        );
  if (!counted) await ruleGroups(connection, flags, give);
  let columnCountRows = 0;
  // Every scan of the file (the sample, the counts, the general query) adds its rejected lines: count each once.
  if (read.format === 'csv') columnCountRows = await unreadableLines(connection);
  await connection.run('DROP VIEW households; DROP TABLE IF EXISTS kantong_counts');
  return { groups: collected, columnCountRows, query: counted ? 'texts' : 'rule' };
}

/** Streams a query's result chunk by chunk: each column's values by name, as JS values. */
async function forEachChunk(
  connection: DuckDBConnection,
  sql: string,
  each: (column: (name: string) => unknown[], rows: number) => void | Promise<void>,
): Promise<void> {
  const result = await connection.stream(sql);
  const index = new Map(result.columnNames().map((n, j) => [n, j]));
  for (;;) {
    const chunk = await result.fetchChunk();
    if (!chunk || chunk.rowCount === 0) return;
    const cache = new Map<string, unknown[]>();
    await each((name) => {
      let values = cache.get(name);
      if (!values) {
        const j = index.get(name);
        values = j === undefined ? [] : (chunk.getColumnValues(j) as unknown[]);
        cache.set(name, values);
      }
      return values;
    }, chunk.rowCount);
  }
}

const text = (v: unknown) => (v === null || v === undefined ? '' : String(v));
const count = (v: unknown) => (v === null || v === undefined ? 0 : Number(v));

/**
 * The fast path (`aggregate-texts.sql`): the size and flag texts of the first rows, counted per group over the
 * whole file into a temporary table (DuckDB's memory, spilled when needed), checked to cover every row, then
 * read by the core's rules chunk by chunk; false (nothing handed over) when a column has too many texts or a
 * cell outside the sample turns up (the caller then runs the general query).
 */
async function countedTextGroups(
  connection: DuckDBConnection,
  flags: readonly string[],
  sizeRead: boolean,
  sampleRows: number,
  give: GroupSink,
): Promise<boolean> {
  const columns = [...(sizeRead ? ['art_raw'] : []), ...flags.map((f) => `flag_${f}`)];
  const texts = new Map<string, string[]>(columns.map((col) => [col, []]));
  if (columns.length > 0) {
    const sample = await connection.runAndReadAll(
      `SELECT ${columns.join(', ')} FROM households LIMIT ${sampleRows}`,
    );
    const values = sample.getColumnsObjectJS();
    for (const col of columns) {
      const seen = new Set((values[col] ?? []).map(text));
      if (seen.size > MAX_TEXTS_PER_COLUMN) return false;
      texts.set(col, [...seen].sort());
    }
  }
  const { sql, counted } = textsSql(texts);
  await connection.run(`CREATE TEMP TABLE kantong_counts AS ${sql}`);
  // Each pair's sum is exact while every group has fewer rows than the second text's weight.
  const largest = await connection.runAndReadAll('SELECT MAX(households) AS n FROM kantong_counts');
  if (count(largest.getRowObjectsJS()[0]?.n) >= PAIR_WEIGHT) return false;
  // Every row's cell of every column is one of the counted texts, or the general query must read them.
  const uncovered = columns.map((col) => {
    const sum = counted.filter((t) => t.column === col).map((t) => t.name);
    return `SUM(CASE WHEN households <> ${sum.length ? sum.join(' + ') : '0'} THEN 1 ELSE 0 END) AS u_${col}`;
  });
  if (uncovered.length > 0) {
    const check = await connection.runAndReadAll(`SELECT ${uncovered.join(', ')} FROM kantong_counts`);
    if (Object.values(check.getRowObjectsJS()[0] ?? {}).some((v) => count(v) > 0)) return false;
  }
  // The core's rules read each counted text once (here, in JS); SQL only adds the counts of the texts each
  // rule put in the same class, over the groups (not the rows), as exact doubles (JS numbers, not BigInt).
  const sum = (terms: string[]) => (terms.length ? `CAST(${terms.join(' + ')} AS DOUBLE)` : '0');
  const sizes = counted
    .filter((t) => t.column === 'art_raw')
    .map((t) => ({ name: t.name, size: parseSize(t.text) }))
    .filter((t) => t.size > 0);
  const select = [
    'kode_raw',
    'desil_raw',
    'periode_raw',
    'CAST(households AS DOUBLE) AS households',
    `${sum(sizes.map((t) => `${t.size} * ${t.name}`))} AS persons`,
    `${sum(sizes.map((t) => t.name))} AS persons_known`,
    ...flags.flatMap((f) => {
      const of = counted.filter((t) => t.column === `flag_${f}`).map((t) => ({ ...t, v: flagValue(t.text) }));
      return [
        `${sum(of.filter((t) => t.v === 1).map((t) => t.name))} AS yes_${f}`,
        `${sum(of.filter((t) => t.v === 2).map((t) => t.name))} AS odd_${f}`,
      ];
    }),
  ];
  await forEachChunk(connection, `SELECT ${select.join(', ')} FROM kantong_counts`, (column, rows) =>
    give(groupsOfChunk(column, rows, flags)),
  );
  return true;
}

/** The groups of one result chunk of {@link countedTextGroups} or {@link ruleGroups} (the same columns). */
function groupsOfChunk(
  column: (name: string) => unknown[],
  rows: number,
  flags: readonly string[],
): RawGroup[] {
  const kode = column('kode_raw');
  const desil = column('desil_raw');
  const periode = column('periode_raw');
  const households = column('households');
  const persons = column('persons');
  const known = column('persons_known');
  const yes = flags.map((f) => column(`yes_${f}`));
  const odd = flags.map((f) => column(`odd_${f}`));
  const groups: RawGroup[] = new Array(rows);
  for (let i = 0; i < rows; i++) {
    const y: Record<string, number> = {};
    const o: Record<string, number> = {};
    for (let j = 0; j < flags.length; j++) {
      y[flags[j]] = count(yes[j][i]);
      o[flags[j]] = count(odd[j][i]);
    }
    groups[i] = {
      kode_raw: text(kode[i]),
      desil_raw: text(desil[i]),
      periode_raw: text(periode[i]),
      households: count(households[i]),
      persons: count(persons[i]),
      persons_known: count(known[i]),
      yes: y,
      odd: o,
    };
  }
  return groups;
}

/** The general path (`aggregate.sql`): every size and flag cell read by the rule written in SQL. */
async function ruleGroups(
  connection: DuckDBConnection,
  flags: readonly string[],
  give: GroupSink,
): Promise<void> {
  await forEachChunk(connection, aggregateSql(flags), (column, rows) =>
    give(groupsOfChunk(column, rows, flags)),
  );
}

export { openFileSource };
