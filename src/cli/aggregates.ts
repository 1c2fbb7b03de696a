/**
 * The aggregate directory written by `kantong import` or `kantong aggregate` (its `desa.csv`, the exact
 * internal working table), read by the commands that need desa counts only (`pockets --unit desa`, `rank`,
 * `graduation` without a household key, `needs` for its per-desa counts), so a batch parses the households
 * once. A directory or the `desa.csv` itself; rows of kabupaten outside `--kab` (an aggregate of a province
 * read for one kabupaten) are left out and counted per kabupaten.
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { parseDesaAggregateTable, type DesaAggregateRow } from '../lib/aggregate/desa-aggregate-table.ts';
import { msg } from '../lib/messages/message.ts';
import type { Language } from '../lib/messages/render.ts';
import { kabOfDesa } from '../lib/region/kab-filter.ts';
import { CliError } from './errors.ts';
import { cliMessage } from './params.ts';
import { inRegion, type Region } from './region.ts';

/** What {@link readAggregates} gives. */
export interface AggregateInput {
  rows: DesaAggregateRow[];
  synthetic: boolean;
  source: string;
  /** Desa rows of kabupaten outside the region, by kabupaten (sorted). */
  otherKabupaten: Record<string, number>;
  /** One line on the rows left out (`region.aggregatesOther`), or null when none were. */
  note: string | null;
}

/** The desa rows of the region in an aggregate directory or `desa.csv` (see the module comment). */
export async function readAggregates(
  given: string,
  region: Pick<Region, 'kab' | 'kabupaten'>,
  lang: Language,
): Promise<AggregateInput> {
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
  const rows = table.rows.filter((r) => inRegion(region, r.kode_desa));
  const other = new Map<string, number>();
  for (const r of table.rows)
    if (!inRegion(region, r.kode_desa))
      other.set(kabOfDesa(r.kode_desa), (other.get(kabOfDesa(r.kode_desa)) ?? 0) + 1);
  const otherKabupaten = Object.fromEntries([...other].sort(([a], [b]) => (a < b ? -1 : 1)));
  const list =
    Object.entries(otherKabupaten)
      .slice(0, 12)
      .map(([k, n]) => `${k}: ${n}`)
      .join(', ') + (other.size > 12 ? ', …' : '');
  if (rows.length === 0)
    throw new CliError(
      cliMessage(
        msg('region.aggregatesNone', {
          file,
          kab: region.kab,
          other: table.rows.length,
          kabupaten: list || '-',
        }),
        lang,
      ),
    );
  const source = path.basename(path.resolve(file, '..')) + '/' + path.basename(file);
  const count = table.rows.length - rows.length;
  return {
    rows,
    synthetic: table.comments.some((c) => /SINTETIS/i.test(c)),
    source,
    otherKabupaten,
    note:
      count > 0
        ? cliMessage(
            msg('region.aggregatesOther', { file: source, count, kab: region.kab, kabupaten: list }),
            lang,
          )
        : null,
  };
}
