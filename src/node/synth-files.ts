import { mkdir, open, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { calibrationProfile, defaultHouseholdCount } from '../lib/synth/calibration.ts';
import {
  aggregateComment,
  aggregateFileName,
  formatAggregateCsv,
  householdFileHead,
  householdFileName,
  HouseholdRowFormatter,
} from '../lib/synth/csv-format.ts';
import type { DesaAggregate } from '../lib/synth/desa-aggregate.ts';
import { generateHouseholds, type SyntheticDistrict } from '../lib/synth/households.ts';
import { plantNeedsPatterns } from '../lib/synth/needs-patterns.ts';
import { aggregatePeriods, summarise, type PeriodSummary } from '../lib/synth/summary.ts';
import { loadDesaBoundaries, provinceName } from './synth-geo.ts';

/** A file written, with its size in bytes. */
export interface WrittenFile {
  path: string;
  bytes: number;
}

/** Rows formatted per write: about 1 MB of text. */
const ROWS_PER_CHUNK = 4096;

/**
 * Writes `text` produced chunk by chunk to `file` atomically: into `<file>.part` first, renamed at the end, so
 * an interrupted run never leaves a half-written file under the final name.
 */
async function writeAtomically(file: string, chunks: () => Iterable<string>): Promise<WrittenFile> {
  await mkdir(path.dirname(file), { recursive: true });
  const part = `${file}.part`;
  const handle = await open(part, 'w');
  try {
    for (const chunk of chunks()) await handle.write(chunk);
  } catch (error) {
    await handle.close();
    await rm(part, { force: true });
    throw error;
  }
  await handle.close();
  await rename(part, file);
  return { path: file, bytes: (await stat(file)).size };
}

/** Streams one period's household extract to `file` (see {@link HouseholdRowFormatter} for the layout). */
export async function writeHouseholdFile(
  district: SyntheticDistrict,
  periodIndex: number,
  province: string,
  file: string,
): Promise<WrittenFile> {
  const formatter = new HouseholdRowFormatter(district, periodIndex, province);
  const seed = district.options.seed;
  const periode = district.periods[periodIndex].periode;
  return writeAtomically(file, function* () {
    yield householdFileHead(seed, periode);
    for (let from = 0; from < formatter.count; from += ROWS_PER_CHUNK)
      yield formatter.rows(from, Math.min(formatter.count, from + ROWS_PER_CHUNK));
  });
}

/** Writes the desa-level aggregate of all periods to `file`. */
export async function writeAggregateFile(
  district: SyntheticDistrict,
  aggregates: readonly DesaAggregate[],
  file: string,
): Promise<WrittenFile> {
  const periodes = district.periods.map((p) => p.periode);
  const text = formatAggregateCsv(
    district,
    periodes,
    aggregates,
    aggregateComment(district.options.seed, periodes),
  );
  return writeAtomically(file, () => [text]);
}

/** Options of {@link runSynth} (the CLI's). */
export interface SynthRun {
  kodeKab: string;
  geoDir: string;
  outDir: string;
  /** Default: the profile's ({@link defaultHouseholdCount}). */
  households?: number;
  seed: number;
  periods: readonly string[];
  geotagShare: number;
  /** Plant the needs and verification patterns (`needs-patterns.ts`) and write `planted-needs.json`. */
  plantNeeds?: boolean;
}

/** What {@link runSynth} did, with timings in milliseconds. */
export interface SynthRunResult {
  district: SyntheticDistrict;
  summaries: PeriodSummary[];
  files: WrittenFile[];
  timings: { load: number; generate: number; aggregate: number; write: number };
}

/** Loads the boundaries, generates, and writes every household file plus the aggregate into `outDir`. */
export async function runSynth(run: SynthRun): Promise<SynthRunResult> {
  let t0 = performance.now();
  const desa = await loadDesaBoundaries(run.geoDir, run.kodeKab);
  const province = await provinceName(run.kodeKab);
  const load = performance.now() - t0;
  t0 = performance.now();
  const profile = calibrationProfile(run.kodeKab);
  const households =
    run.households ??
    defaultHouseholdCount(
      profile,
      desa.map((d) => d.properties),
    );
  const generated = generateHouseholds(run.kodeKab, desa, profile, {
    households,
    seed: run.seed,
    periods: run.periods,
    geotagShare: run.geotagShare,
  });
  const plant = run.plantNeeds ? plantNeedsPatterns(generated) : null;
  const district = plant ? plant.district : generated;
  const generate = performance.now() - t0;
  t0 = performance.now();
  const aggregates = aggregatePeriods(district);
  const summaries = summarise(district, aggregates);
  const aggregate = performance.now() - t0;
  t0 = performance.now();
  const files: WrittenFile[] = [];
  for (let t = 0; t < district.periods.length; t++) {
    files.push(
      await writeHouseholdFile(
        district,
        t,
        province,
        path.join(run.outDir, householdFileName(run.kodeKab, district.periods[t].periode)),
      ),
    );
  }
  files.push(
    await writeAggregateFile(district, aggregates, path.join(run.outDir, aggregateFileName(run.kodeKab))),
  );
  if (plant)
    files.push(
      await writeAtomically(path.join(run.outDir, 'planted-needs.json'), () => [
        `${JSON.stringify({ note: 'DATA SINTETIS: planted needs patterns', ...plant.planted }, null, 2)}\n`,
      ]),
    );
  const write = performance.now() - t0;
  return { district, summaries, files, timings: { load, generate, aggregate, write } };
}

/** Options of {@link writeSyntheticAggregate}; every one has a default. */
export interface AggregateOnlyOptions {
  /** Boundary folder (default `public/geo`, from the working directory). */
  geoDir?: string;
  seed?: number;
  /** Default: the profile's (300,000 for Kendal; ~300 per km², at least 5,000, elsewhere). */
  households?: number;
  periods?: readonly string[];
  /** Coordinates are not written here, so none are drawn by default (faster). */
  geotagShare?: number;
}

/** Periods of the bundled default aggregate. */
export const DEFAULT_PERIODS = ['2025-Q1', '2025-Q3'] as const;

/**
 * Generates a district's synthetic households with default options and writes only the desa-level aggregate to
 * `outFile` (e.g. `public/data/33.24/sintetis-agregat-desa-33.24.csv`), no household files. For
 * `scripts/prepare-default.ts`. Throws a `CliError` when the boundaries are missing.
 */
export async function writeSyntheticAggregate(
  kodeKab: string,
  outFile: string,
  options: AggregateOnlyOptions = {},
): Promise<WrittenFile & { households: number; summaries: PeriodSummary[] }> {
  const desa = await loadDesaBoundaries(options.geoDir ?? path.resolve('public/geo'), kodeKab);
  const profile = calibrationProfile(kodeKab);
  const households =
    options.households ??
    defaultHouseholdCount(
      profile,
      desa.map((d) => d.properties),
    );
  const district = generateHouseholds(kodeKab, desa, profile, {
    households,
    seed: options.seed ?? 1,
    periods: options.periods ?? DEFAULT_PERIODS,
    geotagShare: options.geotagShare ?? 0,
  });
  const aggregates = aggregatePeriods(district);
  const written = await writeAggregateFile(district, aggregates, outFile);
  return { ...written, households, summaries: summarise(district, aggregates) };
}
