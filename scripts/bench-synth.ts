/**
 * `npx tsx scripts/bench-synth.ts [--households 300000] [--runs 3]`: times the synthetic generator on Kendal,
 * 300,000 households × 2 periods (generate, aggregate, write all three files), and prints the figures.
 * Boundaries: public/geo/33.24/desa.json when built, else ../shared/data/kendal/desa.geojson read in place.
 * Files go to .bench/synth/ (git-ignored) and are removed afterwards.
 */
import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { kendalProfile } from '../src/lib/synth/calibration.ts';
import { aggregateFileName, householdFileName } from '../src/lib/synth/csv-format.ts';
import { generateHouseholds } from '../src/lib/synth/households.ts';
import { aggregatePeriods, summarise } from '../src/lib/synth/summary.ts';
import { writeAggregateFile, writeHouseholdFile } from '../src/node/synth-files.ts';
import { loadDesaFile, provinceName } from '../src/node/synth-geo.ts';

const { values } = parseArgs({
  options: { households: { type: 'string', default: '300000' }, runs: { type: 'string', default: '3' } },
});
const households = Number(values.households);
const runs = Number(values.runs);
const candidates = [
  path.resolve('public/geo/33.24/desa.json'),
  path.resolve('../shared/data/kendal/desa.geojson'),
];
const source = candidates.find((f) => existsSync(f));
if (!source) {
  process.stderr.write(
    `bench-synth: no Kendal boundaries (looked for ${candidates.join(', ')}); run "npm run geo -- --kab 33.24"\n`,
  );
  process.exit(1);
}
const desa = await loadDesaFile(source, '33.24');
const province = await provinceName('33.24');
const outDir = path.resolve('.bench/synth');
const periods = ['2025-Q1', '2025-Q3'];
const ms = (t: number) => `${t.toFixed(0).padStart(5)} ms`;

process.stdout.write(
  `synthetic generator: ${households.toLocaleString('en-US')} households × ${periods.length} periods, ${desa.length} desa (${path.relative(process.cwd(), source)})\n`,
);
for (let r = 1; r <= runs; r++) {
  const t0 = performance.now();
  const district = generateHouseholds('33.24', desa, kendalProfile, {
    households,
    seed: r,
    periods,
    geotagShare: 0.85,
  });
  const t1 = performance.now();
  const aggregates = aggregatePeriods(district);
  const summaries = summarise(district, aggregates);
  const t2 = performance.now();
  let bytes = 0;
  for (let t = 0; t < periods.length; t++)
    bytes += (
      await writeHouseholdFile(
        district,
        t,
        province,
        path.join(outDir, householdFileName('33.24', periods[t])),
      )
    ).bytes;
  bytes += (await writeAggregateFile(district, aggregates, path.join(outDir, aggregateFileName('33.24'))))
    .bytes;
  const t3 = performance.now();
  const rss = process.memoryUsage().rss / 1e6;
  process.stdout.write(
    `run ${r} (seed ${r}): generate ${ms(t1 - t0)}  aggregate ${ms(t2 - t1)}  write ${ms(t3 - t2)} (${(bytes / 1e6).toFixed(1)} MB)  total ${ms(t3 - t0)}  rss ${rss.toFixed(0)} MB` +
      `  desil-1 ${summaries.map((s) => (100 * s.desil1Share).toFixed(2) + '%').join('/')}\n`,
  );
}
rmSync(outDir, { recursive: true, force: true });
