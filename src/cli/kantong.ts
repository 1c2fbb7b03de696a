/**
 * `npm run kantong -- <command> [options]`: the headless pipeline on the same core as the app.
 * Each command lives in `src/cli/commands/<command>.ts` and exports `run(argv)`.
 */
import { CliError, runCli } from './errors.ts';

const commands: Record<
  string,
  { summary: string; load: () => Promise<{ run: (argv: string[]) => Promise<void> }> }
> = {
  aggregate: {
    summary: 'big extracts (a province, the country; CSV, .gz, Parquet) aggregated on DuckDB: desa tables',
    load: () => import('./commands/aggregate.ts'),
  },
  convert: {
    summary:
      'a household extract (CSV/TSV, .gz, Parquet) to Parquet with only the columns aggregate maps (national runs)',
    load: () => import('./commands/convert.ts'),
  },
  graduation: {
    summary: 'graduation between periods: transitions, change per desa, stuck desa, pockets over time',
    load: () => import('./commands/graduation.ts'),
  },
  import: {
    summary: 'import DT-SEN household extracts or desa tables: join report and aggregates',
    load: () => import('./commands/import.ts'),
  },
  lisa: {
    summary: "spatial weights, Moran's I, LISA and Gi* for one variable of a GeoJSON file",
    load: () => import('./commands/lisa.ts'),
  },
  pockets: {
    summary: 'poverty pockets (desa or H3 hexagons) from a DT-SEN extract',
    load: () => import('./commands/pockets.ts'),
  },
  needs: {
    summary: 'targeting accuracy, needs per agency and the field-verification worklist (CSV, XLSX)',
    load: () => import('./commands/needs.ts'),
  },
  run: {
    summary:
      'a batch from one config file: import (or aggregate) once, then pockets, rank, graduation, needs',
    load: () => import('./commands/run.ts'),
  },
  rank: {
    summary: 'priority ranking and shortlist of target desa (ranking.csv, shortlist.xlsx)',
    load: () => import('./commands/rank.ts'),
  },
};

function usage(): string {
  const lines = Object.entries(commands).map(([name, c]) => `  ${name.padEnd(10)} ${c.summary}`);
  return ['usage: npm run kantong -- <command> [options]', '', 'commands:', ...lines].join('\n');
}

await runCli('kantong', async (argv) => {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h') {
    process.stdout.write(`${usage()}\n`);
    return;
  }
  const command = commands[name];
  if (!command)
    throw new CliError(
      `unknown command "${name}" (known: ${Object.keys(commands).join(', ') || 'none yet'})`,
    );
  await (await command.load()).run(rest);
});
