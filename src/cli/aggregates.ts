/**
 * The aggregate directory written by `kantong import` or `kantong aggregate` (its `desa.csv`, the exact
 * internal working table), read by the commands that need desa counts only (`pockets --unit desa`, `rank`),
 * so a batch parses the households once. A directory or the `desa.csv` itself; rows of other kabupaten (an
 * aggregate of several) are left out and counted.
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { parseDesaAggregateTable, type DesaAggregateRow } from '../lib/aggregate/desa-aggregate-table.ts';
import { parseKabSpec } from '../lib/region/kab-filter.ts';
import { CliError } from './errors.ts';

/** The desa rows of kabupaten `kodeKab` in an aggregate directory or `desa.csv` (see the module comment). */
export async function readAggregates(
  given: string,
  kodeKab: string,
): Promise<{ rows: DesaAggregateRow[]; synthetic: boolean; source: string; otherKabupaten: number }> {
  let file = given;
  try {
    if ((await stat(given)).isDirectory()) file = path.join(given, 'desa.csv');
  } catch (error) {
    throw new CliError(`${given}: cannot read (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new CliError(
      `${file}: cannot read (${error.code ?? String(error)}): an aggregate directory of kantong import?`,
    );
  });
  const table = parseDesaAggregateTable(text);
  const rows = table.rows.filter((r) => r.kode_desa.startsWith(`${kodeKab}.`));
  if (rows.length === 0)
    throw new CliError(
      `${file}: no desa rows of ${kodeKab} could be read (${table.rows.length} rows of other kabupaten)`,
    );
  return {
    rows,
    synthetic: table.comments.some((c) => /SINTETIS/i.test(c)),
    source: path.basename(path.resolve(file, '..')) + '/' + path.basename(file),
    otherKabupaten: table.rows.length - rows.length,
  };
}

/**
 * `--kab` of a command that reads one kabupaten (its boundaries, its desa names): a set (`33`, `33.24,33.25`,
 * `all`) is refused in one line that names the command that reads sets, `kantong aggregate`.
 */
export function singleKabupaten(command: string, kab: string): void {
  const spec = parseKabSpec(kab);
  if (spec && (spec.kind !== 'kabupaten' || spec.codes.length > 1))
    throw new CliError(
      `--kab ${kab}: ${command} reads one kabupaten/kota at a time (its boundaries and desa names); for a set use kantong aggregate --kab ${kab}, then --aggregates with each kabupaten's code`,
    );
}
