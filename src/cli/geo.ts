/**
 * `npm run geo -- --kab 33.24 [--from DIR | --base-url URL] [--sha256 HEX] [--out DIR]`
 * `npm run geo -- --demo [--seed N] [--out DIR]`
 *
 * Builds `public/geo/<kab>/` (desa, kecamatan, kabupaten, display copies, manifest) from the public
 * `cahyadsn/wilayah_boundaries` dataset, and `public/geo/index.json`. Without network and without `--from`
 * it says so and writes the generated demo district instead, so the app always has something to open.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { normaliseKodeKab, regencyDisplayName } from '../lib/geo/gazetteer.ts';
import { WILAYAH_BASE_URL_ENV, WILAYAH_DEFAULT_BASE_URL } from '../lib/geo/wilayah-source.ts';
import {
  BoundarySourceError,
  buildDemoDistrict,
  buildRealDistrict,
  displayPath,
  type BuildResult,
} from '../node/boundary-pipeline.ts';
import { loadKabupatenGazetteer, loadRegencies } from '../node/gazetteer.ts';
import {
  downloadWilayah,
  readLocalWilayah,
  verifyWilayahChecksum,
  WilayahOfflineError,
  WilayahSourceError,
  type WilayahFile,
} from '../node/wilayah-fetch.ts';
import { cliOptions, cliParams } from './params.ts';
import { ANALYSIS_PARAMS } from '../lib/params/analysis.ts';
import { numberParam } from '../lib/params/schema.ts';
import { CliError } from './errors.ts';

/** Where the command writes text: `process.stdout`/`stderr`, or a collector in tests. */
export interface TextSink {
  write(text: string): unknown;
}

const USAGE = `usage: npm run geo -- --kab <code> [options]     build public/geo/<code>/ from wilayah_boundaries
       npm run geo -- --demo [--seed N] [--out DIR]   regenerate the demo district

options:
  --kab CODE        Kemendagri kabupaten/kota code: 33.24 or 3324
  --from DIR        local copy of cahyadsn/wilayah_boundaries in its own layout (db/kel/<prov>/...)
  --base-url URL    download base (default ${WILAYAH_DEFAULT_BASE_URL};
                    env ${WILAYAH_BASE_URL_ENV})
  --sha256 HEX      expected sha256 of the source file (overrides the pinned table)
  --timeout SEC     download timeout in seconds (default 60)
  --out DIR         output folder (default public/geo)
  --demo            write the generated demo district (public/geo/demo)
  --seed N          seed of the demo district (default 1)
`;

/**
 * Runs the command. Returns the exit code instead of exiting, so tests call it in-process.
 * Errors meant for the user are one line on `err`; the summary goes to `out`.
 */
export async function main(
  argv: string[],
  out: TextSink = process.stdout,
  err: TextSink = process.stderr,
): Promise<number> {
  try {
    await run(argv, out, err);
    return 0;
  } catch (error) {
    if (error instanceof CliError) {
      err.write(`geo: ${error.message}\n`);
      return error.exitCode;
    }
    throw error;
  }
}

interface Options {
  kab?: string;
  from?: string;
  baseUrl: string;
  sha256?: string;
  timeoutMs: number;
  outDir: string;
  demo: boolean;
  seed: number;
  help: boolean;
}

/** Numeric flags from the shared parameter schema: download timeout (seconds), demo-district seed. */
const GEO_PARAMS = {
  timeout: numberParam('timeout', { min: 0, max: 3600 }, 60),
  seed: ANALYSIS_PARAMS.seed,
} as const;

function parseOptions(argv: string[]): Options {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        kab: { type: 'string' },
        from: { type: 'string' },
        'base-url': { type: 'string' },
        sha256: { type: 'string' },
        ...cliOptions(GEO_PARAMS),
        out: { type: 'string' },
        demo: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }));
  } catch (error) {
    throw new CliError(`${(error as Error).message.split('\n')[0]} (see --help)`);
  }
  const { timeout, seed } = cliParams(GEO_PARAMS, values);
  if (values.sha256 !== undefined && !/^[0-9a-fA-F]{64}$/.test(values.sha256)) {
    throw new CliError(`--sha256 must be 64 hexadecimal characters, got "${values.sha256}"`);
  }
  return {
    kab: values.kab,
    from: values.from,
    baseUrl: values['base-url'] ?? process.env[WILAYAH_BASE_URL_ENV] ?? WILAYAH_DEFAULT_BASE_URL,
    sha256: values.sha256,
    timeoutMs: timeout * 1000,
    outDir: path.resolve(values.out ?? 'public/geo'),
    demo: values.demo,
    seed,
    help: values.help,
  };
}

async function run(argv: string[], out: TextSink, err: TextSink): Promise<void> {
  const options = parseOptions(argv);
  if (options.help) {
    out.write(USAGE);
    return;
  }
  if (options.demo) {
    if (options.kab) throw new CliError('use either --demo or --kab, not both');
    const result = await buildDemoDistrict(options.outDir, options.seed);
    out.write(summary(result, options.outDir));
    return;
  }
  if (!options.kab) throw new CliError('missing --kab <code> (e.g. --kab 33.24), or --demo (see --help)');
  const kodeKab = normaliseKodeKab(options.kab);
  if (!kodeKab)
    throw new CliError(`--kab "${options.kab}" is not a kabupaten/kota code (expected like 33.24 or 3324)`);
  const regency = (await loadRegencies()).find((r) => r.code === kodeKab);
  if (!regency)
    throw new CliError(
      `unknown kabupaten/kota code ${kodeKab}: not in the gazetteer (idn-area-data regencies.csv)`,
    );
  const namaKab = regencyDisplayName(regency.name);

  let raw: WilayahFile;
  try {
    raw = options.from
      ? await readLocalWilayah(path.resolve(options.from), kodeKab)
      : await downloadWilayah(options.baseUrl, kodeKab, options.timeoutMs);
  } catch (error) {
    if (error instanceof WilayahSourceError) throw new CliError(error.message);
    if (error instanceof WilayahOfflineError) {
      err.write(
        `geo: ${error.message}; no network and no --from copy, so ${namaKab} (${kodeKab}) was NOT built.\n`,
      );
      const demo = await buildDemoDistrict(options.outDir);
      err.write(
        `geo: fell back to the demo district "${demo.manifest.nama_kab}" (made-up, code ${demo.manifest.kode_kab}) in ${displayPath(path.join(options.outDir, demo.folder))}; rerun online or with --from DIR to build ${kodeKab}.\n`,
      );
      return;
    }
    throw error;
  }

  let file;
  try {
    file = verifyWilayahChecksum(raw, options.sha256);
  } catch (error) {
    if (error instanceof WilayahSourceError) throw new CliError(error.message);
    throw error;
  }

  const gazetteer = await loadKabupatenGazetteer(kodeKab);
  if (!gazetteer) throw new CliError(`unknown kabupaten/kota code ${kodeKab}: not in the gazetteer`);
  let result: BuildResult;
  const started = performance.now();
  try {
    result = await buildRealDistrict(file, gazetteer, options.outDir);
  } catch (error) {
    if (error instanceof BoundarySourceError) throw new CliError(error.message);
    throw error;
  }
  result.timings.total = performance.now() - started;
  // Said only once the build succeeded, so a failure stays a single line.
  if (file.checksum_status === 'recorded') {
    err.write(
      `geo: warning: ${file.path} is not in the pinned checksum table; its sha256 ${file.sha256} was recorded in the manifest, not verified (pin it with --sha256).\n`,
    );
  }
  out.write(summary(result, options.outDir));
}

function kb(bytes: number): string {
  return `${(bytes / 1024).toFixed(0)} KB`;
}

function seconds(ms: number | undefined): string {
  return `${((ms ?? 0) / 1000).toFixed(2)} s`;
}

function listSome(items: readonly string[], max = 8): string {
  return items.length <= max
    ? items.join(', ')
    : `${items.slice(0, max).join(', ')} … (+${items.length - max})`;
}

/** The short report printed after a build. */
function summary(result: BuildResult, outDir: string): string {
  const m = result.manifest;
  const v = m.validation;
  const lines: string[] = [];
  const source = m.demo
    ? `generated (${m.source.location})`
    : `${m.source.file} (sha256 ${m.source.sha256?.slice(0, 12)}…, ${m.source.checksum_status})`;
  lines.push(
    `geo: ${m.nama_kab} (${m.kode_kab}): ${m.counts.desa} desa + ${m.counts.kelurahan} kelurahan in ${m.counts.kecamatan} kecamatan, from ${source}`,
  );
  if (!m.demo) {
    const g = result.gazetteer;
    lines.push(
      `  gazetteer: ${v.unknown_in_gazetteer.length} unknown code(s)${v.unknown_in_gazetteer.length ? ` [${listSome(v.unknown_in_gazetteer)}]` : ''}, ` +
        `${g.missing_from_source.length} desa missing from source${g.missing_from_source.length ? ` [${listSome(g.missing_from_source)}]` : ''}, ` +
        `${g.name_differences.length} name difference(s)`,
    );
    for (const d of g.name_differences.slice(0, 8))
      lines.push(`    ${d.kode}: source "${d.source}", gazetteer "${d.gazetteer}" (source name kept)`);
    if (g.name_differences.length > 8)
      lines.push(`    … (+${g.name_differences.length - 8}, see manifest.json)`);
    lines.push(`  parse: ${result.warnings.length} warning(s)`);
    for (const w of result.warnings.slice(0, 8)) lines.push(`    line ${w.line} ${w.kode}: ${w.message}`);
  }
  const h = v.holes;
  if (h) {
    const kept = (level: typeof h.kecamatan): string =>
      level.kept.length ? level.kept.map((k) => `${k.kode} ${k.area_ha} ha`).join(', ') : 'none';
    lines.push(
      `  holes: kecamatan ${h.kecamatan.removed} sliver(s) < 1 ha removed (largest ${h.kecamatan.largest_removed_ha} ha), kept: ${kept(h.kecamatan)}`,
    );
    lines.push(
      `         kabupaten ${h.kabupaten.removed} sliver(s) removed (largest ${h.kabupaten.largest_removed_ha} ha), kept: ${kept(h.kabupaten)}`,
    );
  }
  const f = m.files;
  const levels = ['desa', 'kecamatan', 'kabupaten'];
  lines.push(
    `  files in ${displayPath(path.join(outDir, result.folder))}: ${levels.map((l) => `${l} ${kb(f[`${l}.json`])} (display ${kb(f[`${l}.display.json`])})`).join(', ')}`,
  );
  lines.push(
    `  index: ${displayPath(path.join(outDir, 'index.json'))} lists ${result.index.districts.map((d) => d.folder).join(', ')}; default ${result.index.default}`,
  );
  const t = result.timings;
  lines.push(
    `  time: ${Object.entries(t)
      .map(([k, ms]) => `${k} ${seconds(ms)}`)
      .join(', ')}`,
  );
  return `${lines.join('\n')}\n`;
}

// Run when executed directly (`tsx src/cli/geo.ts`), not when imported by tests.
if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  process.exitCode = await main(process.argv.slice(2));
}
