/**
 * `npm run kantong -- convert --households FILE --out FILE.parquet [--mapping mapping.json] [--periode P]`
 *
 * For national extracts: a household file (CSV/TSV/TXT, also `.gz`, or Parquet; any size, streamed by DuckDB)
 * rewritten once as a Parquet file holding only the columns `kantong aggregate` maps (desa code, desil,
 * period, household size, the flags), each cell as the text it had; `kantong aggregate` then reads that file
 * instead (a tenth of the bytes or less). The layout and mapping are the import core's, as for `aggregate`
 * (`src/cli/big-files.ts`); identifier columns (NIK, No. KK, names, addresses) are never selected; lines that
 * cannot be read as records of the header's width are counted into the file's metadata, so aggregating the
 * Parquet file rejects them as `column_count` exactly as aggregating the extract does, and the two give the
 * same tables and counts (`src/node/duckdb-parquet.ts`). The file is written under a temporary name and
 * renamed when complete: a failed run leaves nothing.
 */
import { existsSync, rmSync, statSync } from 'node:fs';
import { mkdtemp, open, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { filePeriode } from '../../lib/import/periode.ts';
import { msg } from '../../lib/messages/message.ts';
import { openEngine } from '../../node/duckdb-aggregate.ts';
import { partFiles, writeConvertedParquet } from '../../node/duckdb-parquet.ts';
import { firstLine, planFile, readMappingFlag } from '../big-files.ts';
import { CliError } from '../errors.ts';
import { cliLanguage, LANG_USAGE } from '../lang.ts';
import { cliMessage, parseCommandArgs, requiredFlag } from '../params.ts';
import { givenPeriode } from '../periode.ts';

const USAGE = `usage: npm run kantong -- convert --households FILE --out FILE.parquet [--mapping mapping.json]
         [--periode 2025-Q1] [--threads 2] ${LANG_USAGE}
  one household extract (CSV/TSV/TXT, also .gz, or Parquet) to a Parquet file of only the columns
  kantong aggregate maps (code, desil, period, size, flags); identifier columns are never read`;

/** Runs the command (see the module comment); throws `CliError` for unusable input. */
export async function run(argv: string[]): Promise<void> {
  const values = parseCommandArgs('convert', argv, {
    households: { type: 'string', multiple: true },
    out: { type: 'string' },
    mapping: { type: 'string' },
    periode: { type: 'string' },
    threads: { type: 'string', default: '2' },
    lang: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const lang = cliLanguage(values.lang);
  const given = values.households ?? [];
  const file = requiredFlag({ households: given[0] }, 'households', 'FILE', lang);
  if (given.length > 1)
    throw new CliError(cliMessage(msg('cli.convertOneFile', { count: given.length }), lang));
  const out = requiredFlag(values, 'out', 'FILE.parquet', lang);
  const periode = givenPeriode(values.periode, lang);
  const threads = Number(values.threads);
  if (!Number.isInteger(threads) || threads < 1 || threads > 64)
    throw new CliError(`--threads "${values.threads}" is not a whole number from 1 to 64`);
  if (path.resolve(out) === path.resolve(file))
    throw new CliError(cliMessage(msg('cli.convertOutIsInput', { out }), lang));
  if (existsSync(out) && statSync(out).isDirectory())
    throw new CliError(cliMessage(msg('cli.convertOutUnwritable', { out, why: 'EISDIR' }), lang));
  const mappingGiven = await readMappingFlag(values.mapping);

  const fileName = path.basename(file);
  const started = performance.now();
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'kantong-duckdb-'));
  const engine = await openEngine({ threads, tempDir: tmp });
  try {
    const plan = await planFile(file, mappingGiven, engine.connection, lang);
    const fallback =
      plan.converted?.periode ?? filePeriode(fileName, plan.mapping.periode ?? periode)?.periode ?? null;
    if (plan.read.columns.periode === null && fallback === null)
      throw new CliError(cliMessage(msg('cli.periodeRequired', { file: fileName }), lang));
    // The output's folder must take a file before the extract is read (the temporary name DuckDB writes).
    const part = `${out}.part`;
    try {
      await (await open(part, 'w')).close();
    } catch (error) {
      const why = (error as NodeJS.ErrnoException).code ?? firstLine(error);
      throw new CliError(cliMessage(msg('cli.convertOutUnwritable', { out, why }), lang));
    }
    // Stopped (Ctrl-C) while DuckDB writes: its files and ours are removed, the output is not written.
    const stop = (signal: NodeJS.Signals) => {
      for (const f of partFiles(out)) rmSync(f, { force: true });
      process.exit(signal === 'SIGINT' ? 130 : 143);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    let written;
    try {
      written = await writeConvertedParquet(
        engine.connection,
        plan.read,
        plan.columns,
        {
          source: plan.converted?.source ?? fileName,
          mapping: plan.mapping,
          periode: fallback,
          synthetic: plan.synthetic,
          identifier_columns_dropped: plan.identifiers,
        },
        out,
        plan.converted?.rows_unreadable ?? 0,
      );
    } catch (error) {
      if (/^internal error/.test(firstLine(error))) throw error;
      throw new CliError(
        cliMessage(msg('cli.fileCannotRead', { file: fileName, why: firstLine(error) }), lang),
      );
    } finally {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      await rm(part, { force: true });
    }
    const { meta, rows } = written;
    const size = (await stat(out)).size / 1e6;
    const none = cliMessage(msg('cli.convertNone'), lang);
    const lines = [
      (meta.synthetic ? 'DATA SINTETIS: ' : '') +
        cliMessage(
          msg('cli.convertDone', {
            file: fileName,
            rows,
            out,
            size: Math.round(size * 10) / 10,
            columns: [
              ...new Set([...Object.values(meta.mapping.fields), ...Object.values(meta.mapping.flags)]),
            ].join(', '),
            identifiers: meta.identifier_columns_dropped.join(', ') || none,
            dropped: meta.columns_dropped.join(', ') || none,
          }),
          lang,
        ),
      ...(meta.rows_unreadable > 0
        ? [cliMessage(msg('cli.convertUnreadable', { count: meta.rows_unreadable }), lang)]
        : []),
      cliMessage(msg('cli.convertNext', { out }), lang),
      `time: ${((performance.now() - started) / 1000).toFixed(1)} s, CPU ${cpuSeconds().toFixed(1)} s, peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`,
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    engine.close();
    await rm(tmp, { recursive: true, force: true });
  }
}

function cpuSeconds(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
}
