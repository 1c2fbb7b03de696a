/**
 * `npm run bench -- aggregate [--rows 10000000] [--kab 33] [--national 0] [--national-parquet 0] [--dir D]`:
 * the big path's time and peak memory. Writes (once, into `--dir`, default `.bench/aggregate/`, git-ignored; a
 * national file is 19 GB, so give a folder outside the repository) a streamed synthetic extract of `--rows`
 * households over the desa of `--kab` (`npm run synth -- --kab 33 --households N --stream`), then times, each
 * in its own process with its peak RSS:
 *
 * - `kantong aggregate` (the bundled CLI: process start, the core's look at the file, DuckDB, the core's join
 *   of the groups, the files written) over the file;
 * - DuckDB's own time (the baseline): the same table written as bare SQL, the way a DuckDB user would for
 *   this file: the same `read_csv` options and columns, `GROUP BY` code, desil, period with `COUNT(*)`, the
 *   sum of `TRY_CAST(size AS INTEGER)` and `COUNT_IF(flag = 'YA')` per flag, in its own process with the
 *   same settings (threads, memory_limit, preserve_insertion_order), the query's time only (no process start);
 * - for reference, the general query (`src/lib/big/aggregate.sql`, every cell read by the rule in SQL) alone
 *   in DuckDB, and a bare `GROUP BY code, desil` with `COUNT(*)`.
 *
 * The ratio (whole command ÷ the baseline's query) is our overhead; the target is 1.5 or less. Each time is
 * printed with the load average when it started (the machine is shared) and the process's CPU seconds.
 * `--national N` adds a run on an N-row file of every kabupaten (`--kab all`). `--national-parquet N` converts
 * that N-row file once with `kantong convert` (timed; the CSV's pages dropped from the page cache first, as
 * an extract that was not just written) and times `kantong aggregate --kab all` on the Parquet file twice:
 * cold (its pages dropped with `dd iflag=nocache`) and warm. Timings are printed, never asserted.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    rows: { type: 'string', default: '10000000' },
    kab: { type: 'string', default: '33' },
    national: { type: 'string', default: '0' },
    'national-parquet': { type: 'string', default: '0' },
    dir: { type: 'string' },
    threads: { type: 'string', default: '2' },
  },
});
const root = path.resolve(import.meta.dirname, '..');
const dir = path.resolve(values.dir ?? path.join(root, '.bench', 'aggregate'));
mkdirSync(dir, { recursive: true });

/** Runs a command under /usr/bin/time: wall seconds and peak RSS (MB), or throws with its stderr. */
function timed(args: string[]): {
  seconds: number;
  rssMb: number;
  cpu: number;
  load: string;
  stdout: string;
} {
  const load = readFileSync('/proc/loadavg', 'utf8').split(' ')[0];
  const t0 = process.hrtime.bigint();
  const r = spawnSync('/usr/bin/time', ['-f', '%U %S %M', process.execPath, ...args], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 1 << 26,
  });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  if (r.status !== 0) throw new Error(`${args.join(' ')}: exit ${r.status}\n${r.stderr}`);
  const [user, sys, rss] = (r.stderr.trim().split('\n').at(-1) ?? '').split(' ').map(Number);
  return { seconds, rssMb: rss / 1024, cpu: user + sys, load, stdout: r.stdout };
}

function ensureFile(kab: string, rows: number): string {
  const label = kab === 'all' ? 'all' : kab;
  const out = path.join(dir, `${label}-${rows}`);
  const file = path.join(out, `sintetis-dtsen-${label}-2025-Q1.csv`);
  if (!existsSync(file)) {
    console.log(`writing ${rows.toLocaleString('en-US')} rows for --kab ${kab} (once) ...`);
    const t = timed([
      'scripts/kantong.mjs',
      'synth',
      '--kab',
      kab,
      '--households',
      String(rows),
      '--stream',
      '--periods',
      '2025-Q1',
      '--out',
      out,
    ]);
    console.log(`  synth --stream: ${t.seconds.toFixed(1)} s, peak RSS ${t.rssMb.toFixed(0)} MB`);
  }
  return file;
}

// DuckDB alone: the same SQL text and read options as src/node/duckdb-aggregate.ts, in a plain ES module.
const duckOnly = path.join(dir, 'duckdb-only.mjs');
writeFileSync(
  duckOnly,
  `import { readFileSync } from 'node:fs';
import { DuckDBInstance } from '@duckdb/node-api';
const [file, threads, mode] = process.argv.slice(2);
const flags = ['pkh', 'bpnt', 'pbi_jk', 'lantai_tanah', 'air_tidak_layak', 'sanitasi_tidak_layak', 'miskin_ekstrem'];
const sql = readFileSync(${JSON.stringify(path.join(root, 'src/lib/big/aggregate.sql'))}, 'utf8').split('\\n').flatMap((line) => {
  const m = /^(\\s*)-- FLAG: (.*)$/.exec(line);
  return m ? flags.map((f) => m[1] + m[2].replaceAll('{flag}', f)) : [line];
}).filter((l) => !/^\\s*--/.test(l)).join('\\n');
const types = Array.from({ length: 21 }, (_, j) => "'c" + j + "': 'VARCHAR'").join(', ');
const relation = "read_csv('" + file + "', delim = ';', quote = '\\"', escape = '\\"', header = false, skip = 2, auto_detect = false, columns = {" + types + "}, encoding = 'utf-8', store_rejects = true)";
const instance = await DuckDBInstance.create(':memory:', { threads, memory_limit: '600MB', preserve_insertion_order: 'false' });
const c = await instance.connect();
const t0 = performance.now();
let groups;
if (mode === 'bare') groups = (await c.runAndReadAll('SELECT c4, c10, COUNT(*) FROM ' + relation + ' GROUP BY c4, c10')).currentRowCount;
else if (mode === 'baseline') groups = (await c.runAndReadAll('SELECT c4, c10, c20, COUNT(*), SUM(TRY_CAST(c9 AS INTEGER)), ' + flags.map((f, k) => "COUNT_IF(c" + (13 + k) + " = 'YA')").join(', ') + ' FROM ' + relation + ' GROUP BY c4, c10, c20')).currentRowCount;
else {
  await c.run('CREATE TEMP VIEW households AS SELECT c4 AS kode_raw, c10 AS desil_raw, c20 AS periode_raw, c9 AS art_raw, ' + flags.map((f, k) => 'c' + (13 + k) + ' AS flag_' + f).join(', ') + ' FROM ' + relation);
  groups = (await c.runAndReadAll(sql)).currentRowCount;
}
console.log(JSON.stringify({ query_s: (performance.now() - t0) / 1000, groups }));
`,
);

function bench(kab: string, rows: number): void {
  const file = ensureFile(kab, rows);
  const size = statSync(file).size;
  console.log(
    `\n${rows.toLocaleString('en-US')} rows, ${(size / 1e9).toFixed(2)} GB, --kab ${kab}, ${values.threads} threads`,
  );
  const out = path.join(dir, 'out');
  rmSync(out, { recursive: true, force: true });
  // Every run reads the file from the page cache: the first one would otherwise pay the disk alone (this
  // machine's disk reads ~90 MB/s, 23 s for 2 GB), which made the first-timed command look slow.
  const w0 = performance.now();
  spawnSync('cat', [file], { stdio: ['ignore', 'ignore', 'inherit'] });
  console.log(`  page cache warmed (file read once): ${((performance.now() - w0) / 1000).toFixed(1)} s`);
  const ours = timed([
    'dist-cli/kantong.mjs',
    'aggregate',
    '--kab',
    kab,
    '--households',
    file,
    '--threads',
    values.threads,
    '--out',
    out,
  ]);
  const baseline = timed([duckOnly, file, values.threads, 'baseline']);
  const same = timed([duckOnly, file, values.threads, 'same']);
  const bare = timed([duckOnly, file, values.threads, 'bare']);
  const q = (t: { stdout: string }) =>
    JSON.parse(t.stdout.trim().split('\n').at(-1) ?? '{}') as { query_s: number; groups: number };
  line('kantong aggregate (whole command)', ours.seconds, ours);
  line(
    `DuckDB baseline: bare SQL, same table (query; ${q(baseline).groups} groups)`,
    q(baseline).query_s,
    baseline,
  );
  line('DuckDB baseline (whole process)', baseline.seconds, baseline);
  line('DuckDB alone, the general query aggregate.sql (query)', q(same).query_s, same);
  line('DuckDB alone, bare GROUP BY code, desil (query)', q(bare).query_s, bare);
  console.log(
    `  ratio kantong aggregate ÷ DuckDB baseline query: ${(ours.seconds / q(baseline).query_s).toFixed(2)} (whole process ÷ whole process: ${(ours.seconds / baseline.seconds).toFixed(2)}; CPU ÷ CPU: ${(ours.cpu / baseline.cpu).toFixed(2)})`,
  );
  console.log(`  rows/s: ${(rows / ours.seconds / 1e6).toFixed(2)} M`);
}

/** Drops a file's pages from the page cache (GNU dd: posix_fadvise DONTNEED for that file only). */
function dropFromCache(file: string): boolean {
  return spawnSync('dd', [`if=${file}`, 'iflag=nocache', 'count=0'], { stdio: 'ignore' }).status === 0;
}

const line = (label: string, s: number, t: { rssMb: number; cpu: number; load: string }) =>
  console.log(
    `  ${label.padEnd(58)} ${s.toFixed(2).padStart(7)} s   CPU ${t.cpu.toFixed(1).padStart(6)} s   peak RSS ${t.rssMb.toFixed(0).padStart(5)} MB   load ${t.load}`,
  );

/** The national file converted once to Parquet (`kantong convert`), then aggregated from it, cold and warm. */
function benchParquet(rows: number): void {
  const file = ensureFile('all', rows);
  const parquet = file.replace(/\.csv$/, '.parquet');
  console.log(`\n${rows.toLocaleString('en-US')} rows, --kab all, from Parquet (kantong convert)`);
  if (!existsSync(parquet)) {
    const cold = dropFromCache(file);
    const t = timed(['dist-cli/kantong.mjs', 'convert', '--households', file, '--out', parquet]);
    line(
      `kantong convert (${(statSync(file).size / 1e9).toFixed(1)} GB CSV${cold ? ', not cached' : ''})`,
      t.seconds,
      t,
    );
  }
  console.log(`  Parquet file: ${(statSync(parquet).size / 1e6).toFixed(0)} MB`);
  const out = path.join(dir, 'out-parquet');
  const args = ['dist-cli/kantong.mjs', 'aggregate', '--kab', 'all', '--households', parquet];
  for (const run of ['cold', 'warm']) {
    rmSync(out, { recursive: true, force: true });
    const cold = run === 'cold' && dropFromCache(parquet);
    const t = timed([...args, '--threads', values.threads, '--out', out]);
    line(`kantong aggregate --kab all, Parquet, ${cold ? 'not cached' : 'page cache warm'}`, t.seconds, t);
    const report = JSON.parse(readFileSync(path.join(out, 'join-report.json'), 'utf8')) as {
      rows_read: number;
      rows_joined: number;
      rows_rejected: number;
    };
    if (run === 'warm')
      console.log(
        `  rows read ${report.rows_read.toLocaleString('en-US')} = joined ${report.rows_joined.toLocaleString('en-US')} + rejected ${report.rows_rejected.toLocaleString('en-US')}; ${(rows / t.seconds / 1e6).toFixed(2)} M rows/s`,
      );
  }
}

spawnSync(process.execPath, ['scripts/build-cli.mjs'], { cwd: root, stdio: 'inherit' });
if (Number(values.rows) > 0) bench(values.kab, Number(values.rows));
if (Number(values.national) > 0) bench('all', Number(values.national));
if (Number(values['national-parquet']) > 0) benchParquet(Number(values['national-parquet']));
