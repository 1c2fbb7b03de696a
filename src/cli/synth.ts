/**
 * `npm run synth -- --kab 33.24 --households 300000 --seed 1 --periods 2025-Q1,2025-Q3`
 *
 * Writes synthetic DT-SEN household extracts (one CSV per period) and a desa-level aggregate for a district
 * whose boundaries were built with `npm run geo`. Everything written says DATA SINTETIS.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { CliError, runCli } from './errors.ts';
import { resolveKodeKab } from '../node/synth-geo.ts';
import { runSynth } from '../node/synth-files.ts';
import { cliOptions, cliParams } from './params.ts';
import { ANALYSIS_PARAMS } from '../lib/params/analysis.ts';
import { intParam, nullable, numberParam } from '../lib/params/schema.ts';
import { parseKabSpec, resolveKabSet } from '../lib/region/kab-filter.ts';
import { loadRegencies } from '../node/gazetteer.ts';
import { gazetteerDesa, writeStreamedHouseholds } from '../node/synth-stream.ts';

const USAGE = `usage: npm run synth -- --kab 33.24 [--households N] [--seed N] [--periods 2025-Q1,2025-Q3]
                      [--geotag-share 0.85] [--geo public/geo] [--out data/sintetis/<kab>] [--plant-needs]
       npm run synth -- --kab all|33|33.24,33.25 --households N --stream [--seed N] [--periods 2025-Q1]
                      [--out data/sintetis/<kab>]   (benchmark files for the big path, written in chunks)`;

/** Period labels: a year, optionally with a quarter, half-year or month (2025, 2025-Q3, 2025-S1, 2025-07). */
const PERIOD = /^\d{4}(-(Q[1-4]|S[12]|0[1-9]|1[0-2]))?$/;

/** Numeric flags from the shared parameter schema (one parser for every command). */
const SYNTH_PARAMS = {
  households: nullable(intParam('households', 1, 200_000_000, 1)),
  seed: ANALYSIS_PARAMS.seed,
  geotagShare: numberParam('geotag-share', { min: 0, max: 1, minInclusive: true }, 0.85),
} as const;

async function main(argv: string[]): Promise<void> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        kab: { type: 'string' },
        ...cliOptions(SYNTH_PARAMS),
        periods: { type: 'string', default: '2025-Q1,2025-Q3' },
        geo: { type: 'string', default: 'public/geo' },
        out: { type: 'string' },
        stream: { type: 'boolean' },
        'plant-needs': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new CliError(`${(error as Error).message}\n${USAGE}`);
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  if (!values.kab)
    throw new CliError(`--kab is required (a Kemendagri kabupaten/kota code such as 33.24)\n${USAGE}`);
  if (values.stream) {
    await runStreamed(values.kab, values);
    return;
  }
  const kodeKab = await resolveKodeKab(values.geo, values.kab);
  if (!kodeKab) {
    throw new CliError(
      `--kab "${values.kab}" is not a kabupaten/kota code like 33.24 (nor a district folder listed in ${path.join(values.geo, 'index.json')})`,
    );
  }
  const params = cliParams(SYNTH_PARAMS, values);
  const households = params.households ?? undefined;
  const { seed, geotagShare } = params;
  const periods = values.periods.split(',').map((p) => p.trim());
  const bad = periods.find((p) => !PERIOD.test(p));
  if (bad !== undefined)
    throw new CliError(`--periods: "${bad}" is not a period like 2025-Q1, 2025-S1, 2025-07 or 2025`);
  if (new Set(periods).size !== periods.length)
    throw new CliError(`--periods lists a period twice: ${values.periods}`);
  const outDir = values.out ?? path.join('data', 'sintetis', kodeKab);

  const started = performance.now();
  const result = await runSynth({
    kodeKab,
    geoDir: values.geo,
    outDir,
    households,
    seed,
    periods,
    geotagShare,
    plantNeeds: values['plant-needs'],
  });
  const seconds = (performance.now() - started) / 1000;

  const pct = (x: number, digits = 2) => `${(100 * x).toFixed(digits)}%`;
  const int = (x: number) => x.toLocaleString('en-US');
  const lines = [
    `DATA SINTETIS: ${result.district.desa[0].properties.nama_kab} (${kodeKab}), ${result.district.desa.length} desa, seed ${seed}`,
    `calibration: ${result.district.profile.label}`,
    ...result.summaries.map(
      (s, t) =>
        `  ${s.periode}: ${int(s.households)} households (${t === 0 ? 'initial' : `-${int(s.leavers)} left, +${int(s.joiners)} new`}), ` +
        `desil 1 ${pct(s.desil1Share)} (target ${pct(result.district.periods[t].target.desilShares[0])}), ` +
        `extreme ${pct(s.extremeShare)} (target ${pct(result.district.periods[t].target.extremeShare)}), ` +
        `${int(s.persons)} persons, geotagged ${pct(s.geotaggedShare, 1)}`,
    ),
    `pockets: ${result.district.landscape.pockets.length}`,
    'files:',
    ...result.files.map((f) => `  ${f.path}  ${(f.bytes / 1e6).toFixed(1)} MB`),
    `time: ${seconds.toFixed(2)} s (load ${(result.timings.load / 1000).toFixed(2)}, generate ${(result.timings.generate / 1000).toFixed(2)}, ` +
      `aggregate ${(result.timings.aggregate / 1000).toFixed(2)}, write ${(result.timings.write / 1000).toFixed(2)})`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

/** `--stream`: the big path's benchmark file for a set of kabupaten (see `src/node/synth-stream.ts`). */
async function runStreamed(
  kabText: string,
  values: { households?: string; seed?: string; periods: string; out?: string },
): Promise<void> {
  const spec = parseKabSpec(kabText);
  if (!spec) throw new CliError(`--kab "${kabText}" is not a kabupaten code, a list, a province or all`);
  const resolved = resolveKabSet(
    spec,
    (await loadRegencies()).map((r) => r.code),
  );
  if (!resolved.ok) throw new CliError(`--kab ${kabText}: no kabupaten/kota ${resolved.unknown.join(', ')}`);
  const params = cliParams(SYNTH_PARAMS, values);
  if (params.households === null) throw new CliError('--stream needs --households N');
  const periods = values.periods.split(',').map((p) => p.trim());
  const bad = periods.find((p) => !PERIOD.test(p));
  if (bad !== undefined) throw new CliError(`--periods: "${bad}" is not a period like 2025-Q1`);
  const label =
    spec.kind === 'all'
      ? 'all'
      : resolved.set.codes.length === 1
        ? resolved.set.codes[0]
        : kabText.replace(/[^0-9.]+/g, '+');
  const desa = await gazetteerDesa(resolved.set.codes);
  const started = performance.now();
  const files = await writeStreamedHouseholds({
    desa,
    households: params.households,
    seed: params.seed,
    periods,
    outDir: values.out ?? path.join('data', 'sintetis', label),
    label,
  });
  const int = (x: number) => x.toLocaleString('en-US');
  const lines = [
    `DATA SINTETIS (streamed): --kab ${kabText}, ${resolved.set.codes.length} kabupaten/kota, ${int(desa.length)} desa, seed ${params.seed}`,
    ...files.map((f) => `  ${f.path}  ${int(f.rows)} rows, ${(f.bytes / 1e6).toFixed(1)} MB`),
    `time: ${((performance.now() - started) / 1000).toFixed(1)} s, peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

await runCli('synth', main);
