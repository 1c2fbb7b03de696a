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
import { getProvinces } from 'idn-area-data';
import { parseSetCode, setCode, setName } from '../lib/geo/boundary-set.ts';
import type { BoundaryFieldMapping } from '../lib/geo/boundary-match.ts';
import { buildWilayahSet } from '../node/set-build.ts';
import { buildUserFile, type UserBuildResult } from '../node/user-boundaries.ts';
import { ANALYSIS_PARAMS } from '../lib/params/analysis.ts';
import { numberParam } from '../lib/params/schema.ts';
import { CliError } from './errors.ts';

/** Where the command writes text: `process.stdout`/`stderr`, or a collector in tests. */
export interface TextSink {
  write(text: string): unknown;
}

const USAGE = `usage: npm run geo -- --kab <code> [options]     build public/geo/<code>/ from wilayah_boundaries
       npm run geo -- --file F [--kab CODE] [--code-field F] [--name-field F] [--crs EPSG:N] [--out DIR]
                                                 build a boundary set from your own file
       npm run geo -- --demo [--seed N] [--out DIR]   regenerate the demo district

options:
  --kab CODE        Kemendagri kabupaten/kota code: 33.24 or 3324; a province: 33 (all its kabupaten/kota);
                    a list: 33.24,33.25,33.26 (a set, in public/geo/33.24+33.25+33.26/)
  --file F          your boundary file: GeoJSON, TopoJSON or a zipped Shapefile (.shp, .dbf, .prj)
  --code-field F    column of the desa code (Kemendagri or BPS form); default: proposed from the values
  --name-field F    column of the desa name (matched to the gazetteer where the code is missing or BPS)
  --kec-field F     column of the kecamatan name or code (names are then matched within the kecamatan)
  --kab-field F     column of the kabupaten/kota name or code
  --crs EPSG:N      coordinate system of a shapefile without .prj: EPSG:32749 (UTM 49S) or EPSG:4326
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
  file?: string;
  mapping: BoundaryFieldMapping;
  crs?: string;
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
        file: { type: 'string' },
        'code-field': { type: 'string' },
        'name-field': { type: 'string' },
        'kec-field': { type: 'string' },
        'kab-field': { type: 'string' },
        crs: { type: 'string' },
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
    file: values.file,
    mapping: {
      ...(values['code-field'] !== undefined ? { kode: values['code-field'] } : {}),
      ...(values['name-field'] !== undefined ? { nama: values['name-field'] } : {}),
      ...(values['kec-field'] !== undefined ? { kecamatan: values['kec-field'] } : {}),
      ...(values['kab-field'] !== undefined ? { kabupaten: values['kab-field'] } : {}),
    },
    crs: values.crs,
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
  if (options.file) {
    const setKab = options.kab ? parseSetCode(options.kab) : null;
    if (options.kab && setKab?.kind !== 'kabupaten')
      throw new CliError(`--kab "${options.kab}" with --file must be kabupaten/kota codes (like 33.24)`);
    const result = await buildUserFile(
      path.resolve(options.file),
      options.outDir,
      setKab?.kind === 'kabupaten' ? setKab.codes : undefined,
      options.mapping,
      options.crs,
    );
    out.write(userSummary(result, options.outDir));
    return;
  }
  if (!options.kab)
    throw new CliError('missing --kab <code> (e.g. --kab 33.24), --file F, or --demo (see --help)');
  const asked = parseSetCode(options.kab);
  if (!asked)
    throw new CliError(
      `--kab "${options.kab}" is not a kabupaten/kota code (expected like 33.24 or 3324, a province like 33, or a list 33.24,33.25)`,
    );
  if (asked.kind === 'province' || asked.codes.length > 1) {
    await runSet(asked, options, out, err);
    return;
  }
  const kodeKab = normaliseKodeKab(asked.codes[0])!;
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

/** Builds a set of several kabupaten/kota (a province or a list) from the public source. */
async function runSet(
  asked: NonNullable<ReturnType<typeof parseSetCode>>,
  options: Options,
  out: TextSink,
  err: TextSink,
): Promise<void> {
  const regencies = await loadRegencies();
  let codes: string[];
  let provinceName: string | undefined;
  if (asked.kind === 'province') {
    codes = regencies.filter((r) => r.code.startsWith(`${asked.province}.`)).map((r) => r.code);
    if (codes.length === 0)
      throw new CliError(`unknown province code ${asked.province}: no kabupaten/kota in the gazetteer`);
    provinceName = (await getProvinces()).find((p) => p.code === asked.province)?.name;
  } else {
    codes = asked.codes;
    const unknown = codes.filter((c) => !regencies.some((r) => r.code === c));
    if (unknown.length > 0)
      throw new CliError(`unknown kabupaten/kota code ${unknown.join(', ')}: not in the gazetteer`);
  }
  const started = performance.now();
  const jobs = [];
  for (const kodeKab of codes) {
    let raw: WilayahFile;
    try {
      raw = options.from
        ? await readLocalWilayah(path.resolve(options.from), kodeKab)
        : await downloadWilayah(options.baseUrl, kodeKab, options.timeoutMs);
    } catch (error) {
      if (error instanceof WilayahSourceError || error instanceof WilayahOfflineError)
        throw new CliError(`${error.message}; the set was NOT built (nothing written)`);
      throw error;
    }
    let file;
    try {
      file = verifyWilayahChecksum(raw);
    } catch (error) {
      if (error instanceof WilayahSourceError) throw new CliError(error.message);
      throw error;
    }
    const gazetteer = await loadKabupatenGazetteer(kodeKab);
    if (!gazetteer) throw new CliError(`unknown kabupaten/kota code ${kodeKab}: not in the gazetteer`);
    jobs.push({ file, gazetteer });
  }
  const readMs = performance.now() - started;
  const kode = asked.kind === 'province' ? asked.province : setCode(codes);
  const nama = setName(
    jobs.map((j) => ({ nama_kab: regencyDisplayName(j.gazetteer.regency.name) })),
    provinceName,
  );
  let result;
  try {
    result = await buildWilayahSet(jobs, { kode, nama }, options.outDir);
  } catch (error) {
    if (error instanceof BoundarySourceError) throw new CliError(error.message);
    throw error;
  }
  result.timings = { read: readMs, ...result.timings, total: performance.now() - started };
  for (const j of jobs)
    if (j.file.checksum_status === 'recorded')
      err.write(
        `geo: warning: ${j.file.path} is not in the pinned checksum table; its sha256 was recorded\n`,
      );
  const m = result.manifest;
  const v = m.validation;
  const lines = [
    `geo: ${m.nama_kab} (${m.kode_kab}): ${m.kabupaten?.length} kabupaten/kota, ${m.counts.desa} desa + ${m.counts.kelurahan} kelurahan in ${m.counts.kecamatan} kecamatan`,
    `  gazetteer: ${v.unknown_in_gazetteer.length} unknown code(s), ${v.missing_from_source.length} desa missing from source, ${v.name_differences.length} name difference(s)`,
    `  overlaps ${v.overlaps_km2} km², gaps ${v.gaps_km2} km²; holes kept: ${v.holes_kept}`,
    `  files in ${displayPath(path.join(options.outDir, result.folder))} (${Object.entries(m.files)
      .map(([f, b]) => `${f} ${kb(b)}`)
      .join(', ')}), and one folder per kabupaten/kota`,
    `  index: ${displayPath(path.join(options.outDir, 'index.json'))} lists ${result.index.districts.length} boundary sets; default ${result.index.default}`,
    `  time: ${Object.entries(result.timings)
      .map(([k, ms]) => `${k} ${seconds(ms)}`)
      .join(', ')}`,
  ];
  out.write(`${lines.join('\n')}\n`);
}

/** The short report printed after a user's file was built. */
function userSummary(result: UserBuildResult, outDir: string): string {
  const s = result.set;
  const m = s.manifest;
  const r = s.report;
  const v = m.validation;
  const lines = [
    `geo: ${m.nama_kab} (${m.kode_kab}) from your file ${path.basename(result.path)} (${s.content.format}${s.content.layer ? ` layer ${s.content.layer}` : ''}, ${s.content.crs}${s.content.crsSource === 'chosen' ? ' as chosen' : ''}): ${m.counts.desa} desa + ${m.counts.kelurahan} kelurahan in ${m.counts.kecamatan} kecamatan`,
    `  columns: code ${s.mapping.kode ?? '-'}, name ${s.mapping.nama ?? '-'}${s.mapping.kecamatan ? `, kecamatan ${s.mapping.kecamatan}` : ''}${s.mapping.kabupaten ? `, kabupaten ${s.mapping.kabupaten}` : ''}`,
    `  matched: ${r.matched_by_code} by code, ${r.matched_by_name} by name (${r.bps_codes} BPS code(s)), ${r.unmatched.length} feature(s) matched no desa${r.unmatched.length ? ` [${listSome(r.unmatched.map((u) => `#${u.feature} ${u.nama || u.kode}`))}]` : ''}; ${s.content.skipped} non-polygon feature(s) left out`,
    `  gazetteer: ${v.unknown_in_gazetteer.length} unknown code(s)${v.unknown_in_gazetteer.length ? ` [${listSome(v.unknown_in_gazetteer)}]` : ''}, ${v.missing_from_source.length} desa missing from the file${v.missing_from_source.length ? ` [${listSome(v.missing_from_source)}]` : ''}, ${v.name_differences.length} name difference(s) (the file's names kept)`,
    `  overlaps ${v.overlaps_km2} km², gaps ${v.gaps_km2} km²; sliver holes removed ${v.sliver_holes_removed}, holes kept ${v.holes_kept}`,
    `  files in ${displayPath(path.join(outDir, s.kode))}; index lists ${result.index.districts.length} boundary sets`,
  ];
  return `${lines.join('\n')}\n`;
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
