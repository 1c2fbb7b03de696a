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

const USAGE = `usage: npm run synth -- --kab 33.24 [--households N] [--seed N] [--periods 2025-Q1,2025-Q3]
                      [--geotag-share 0.85] [--geo public/geo] [--out data/sintetis/<kab>]`;

/** Period labels: a year, optionally with a quarter, half-year or month (2025, 2025-Q3, 2025-S1, 2025-07). */
const PERIOD = /^\d{4}(-(Q[1-4]|S[12]|0[1-9]|1[0-2]))?$/;

function parseIntegerOption(name: string, value: string, min: number): number {
  const n = Number(value);
  if (!/^-?\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < min)
    throw new CliError(`--${name} must be an integer ≥ ${min}, got "${value}"`);
  return n;
}

async function main(argv: string[]): Promise<void> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        kab: { type: 'string' },
        households: { type: 'string' },
        seed: { type: 'string', default: '1' },
        periods: { type: 'string', default: '2025-Q1,2025-Q3' },
        'geotag-share': { type: 'string', default: '0.85' },
        geo: { type: 'string', default: 'public/geo' },
        out: { type: 'string' },
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
  const kodeKab = await resolveKodeKab(values.geo, values.kab);
  if (!kodeKab) {
    throw new CliError(
      `--kab "${values.kab}" is not a kabupaten/kota code like 33.24 (nor a district folder listed in ${path.join(values.geo, 'index.json')})`,
    );
  }
  const households =
    values.households === undefined ? undefined : parseIntegerOption('households', values.households, 1);
  const seed = parseIntegerOption('seed', values.seed, -2147483648);
  if (seed > 2147483647) throw new CliError(`--seed must fit in 32 bits, got "${values.seed}"`);
  const periods = values.periods.split(',').map((p) => p.trim());
  const bad = periods.find((p) => !PERIOD.test(p));
  if (bad !== undefined)
    throw new CliError(`--periods: "${bad}" is not a period like 2025-Q1, 2025-S1, 2025-07 or 2025`);
  if (new Set(periods).size !== periods.length)
    throw new CliError(`--periods lists a period twice: ${values.periods}`);
  const geotagShare = Number(values['geotag-share']);
  if (!(geotagShare >= 0 && geotagShare <= 1) || values['geotag-share'].trim() === '')
    throw new CliError(`--geotag-share must be a number from 0 to 1, got "${values['geotag-share']}"`);
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

await runCli('synth', main);
