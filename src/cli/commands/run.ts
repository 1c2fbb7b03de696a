/**
 * `npm run kantong -- run --config batch.json`: a batch from one config file, parsing the households once:
 * `import` (or `aggregate`, the big path) writes the aggregate directory, then `pockets` and `rank` read it
 * (`--aggregates`), each into its own folder under `out`:
 *
 * ```json
 * {"kab": "33.24", "households": ["dtsen-2025-Q1.csv", "dtsen-2025-Q3.csv"], "out": "hasil",
 *  "engine": "import", "geo": "public/geo", "periode": "2025-Q3",
 *  "pockets": {"unit": "desa", "stability": 20}, "rank": {"weights": "weights.json", "select": 20}}
 * ```
 *
 * Paths are relative to the config file. Each step's options are the command's own flags (`"min-count": 10`
 * is `--min-count 10`; `true` is a bare flag); `"pockets": false` or `"rank": false` skips a step; `unit: hex`
 * makes `pockets` read the household files (hexagons need their coordinates). Two optional steps follow:
 * `"graduation": {}` reads the aggregate folder too (change per desa, stuck desa, pockets over time), or the
 * household files when it links households (`"key": "NO_KK", "salt-file": "salt.txt"`); `"needs": {}` always
 * reads the household files (programmes per desil, geotags and duplicate keys are not in `desa.csv`). `kab` is
 * one kabupaten or a set (`"33.24,33.25"`, `"33"`). A step that fails stops the batch with its one-line
 * message, naming the step; the steps before it have written their folders.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { CliError } from '../errors.ts';
import { parseCommandArgs } from '../params.ts';

const USAGE = 'usage: npm run kantong -- run --config batch.json';

type Options = Record<string, string | number | boolean | string[]>;

/** Flags whose value is a file, resolved against the config file's folder. */
const PATH_FLAGS = new Set(['weights', 'mapping', 'salt-file', 'agencies']);

/** A step's options as command-line flags (see the module comment). */
export function flagsOf(options: Options, base: string): string[] {
  const out: string[] = [];
  for (const [key, value] of Object.entries(options)) {
    if (value === false) continue;
    if (value === true) out.push(`--${key}`);
    else if (Array.isArray(value)) for (const v of value) out.push(`--${key}`, String(v));
    else out.push(`--${key}`, PATH_FLAGS.has(key) ? path.resolve(base, String(value)) : String(value));
  }
  return out;
}

interface Config {
  kab: string;
  households: string[];
  out: string;
  engine?: 'import' | 'aggregate';
  geo?: string;
  periode?: string;
  lang?: string;
  import?: Options;
  pockets?: Options | false;
  rank?: (Options & { weights: string }) | false;
  graduation?: Options | false;
  needs?: Options | false;
}

function readConfig(text: string, file: string): Config {
  let c: Partial<Config>;
  try {
    c = JSON.parse(text) as Partial<Config>;
  } catch (error) {
    throw new CliError(`--config ${file}: not valid JSON (${(error as Error).message})`);
  }
  const bad = (what: string) => new CliError(`--config ${file}: ${what}`);
  if (typeof c !== 'object' || c === null) throw bad('not an object');
  if (typeof c.kab !== 'string') throw bad('"kab" (e.g. "33.24") is required');
  if (
    !Array.isArray(c.households) ||
    c.households.length === 0 ||
    !c.households.every((h) => typeof h === 'string')
  )
    throw bad('"households" must list at least one file');
  if (typeof c.out !== 'string') throw bad('"out" (a folder) is required');
  if (c.engine !== undefined && c.engine !== 'import' && c.engine !== 'aggregate')
    throw bad('"engine" is import or aggregate');
  if (c.rank && typeof c.rank.weights !== 'string') throw bad('"rank" needs "weights" (a weights.json file)');
  return c as Config;
}

/** Runs the command (see the module comment); throws `CliError` for unusable input. */
export async function run(argv: string[]): Promise<void> {
  const values = parseCommandArgs('run', argv, {
    config: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  if (!values.config) throw new CliError(`--config FILE is required\n${USAGE}`);
  const text = await readFile(values.config, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new CliError(`--config ${values.config}: cannot read (${error.code ?? String(error)})`);
  });
  const config = readConfig(text, values.config);
  const base = path.dirname(path.resolve(values.config));
  const at = (p: string) => path.resolve(base, p);
  const out = at(config.out);
  const households = config.households.flatMap((h) => ['--households', at(h)]);
  const common = [
    '--kab',
    config.kab,
    '--geo',
    at(config.geo ?? 'public/geo'),
    ...(config.lang ? ['--lang', config.lang] : []),
  ];
  const periode = config.periode ? ['--periode', config.periode] : [];
  const engine = config.engine ?? 'import';
  const aggregates = path.join(out, engine);
  const step = async (
    name: string,
    load: () => Promise<{ run: (a: string[]) => Promise<void> }>,
    args: string[],
  ) => {
    process.stdout.write(`== ${name}\n`);
    try {
      await (await load()).run(args);
    } catch (error) {
      if (error instanceof CliError)
        throw new CliError(`${name}: ${error.message.split('\n')[0]}`, error.exitCode);
      throw error;
    }
  };
  await step(engine, () => (engine === 'aggregate' ? import('./aggregate.ts') : import('./import.ts')), [
    ...common,
    ...households,
    ...periode,
    ...flagsOf(config.import ?? {}, base),
    '--out',
    aggregates,
  ]);
  if (config.pockets !== false) {
    const p = config.pockets ?? {};
    const source = p.unit === 'hex' ? households : ['--aggregates', aggregates];
    await step('pockets', () => import('./pockets.ts'), [
      ...common,
      ...source,
      ...(p.periode === undefined ? periode : []),
      ...flagsOf(p, base),
      '--out',
      path.join(out, 'pockets'),
    ]);
  }
  if (config.rank) {
    await step('rank', () => import('./rank.ts'), [
      ...common,
      '--aggregates',
      aggregates,
      ...(config.rank.periode === undefined ? periode : []),
      ...flagsOf(config.rank, base),
      '--out',
      path.join(out, 'rank'),
    ]);
  }
  if (config.graduation) {
    const g = config.graduation;
    // linking households needs their rows; the counts per desa come from the aggregate folder
    const source = g.key !== undefined ? households : ['--aggregates', aggregates];
    await step('graduation', () => import('./graduation.ts'), [
      ...common,
      ...source,
      ...flagsOf(g, base),
      '--out',
      path.join(out, 'graduation'),
    ]);
  }
  if (config.needs) {
    await step('needs', () => import('./needs.ts'), [
      ...common,
      ...households,
      ...(config.needs.periode === undefined ? periode : []),
      ...flagsOf(config.needs, base),
      '--out',
      path.join(out, 'needs'),
    ]);
  }
  process.stdout.write(`batch done: ${out}\n`);
}
