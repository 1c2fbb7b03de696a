/**
 * `npm run bench -- stats`: timings of the spatial statistics core, beside R spdep's.
 *
 * - the 10,000-cell grid of ../shared/fixtures/spatial-stats: queen/rook weights, local Moran with 999
 *   conditional permutations, Gi*, global Moran permutation test, the whole LISA run;
 * - tolerant contiguity (10 m, UTM) on the real Kendal desa and on every desa of Jawa Tengah (~8,500, from
 *   ../shared/data/wilayah_boundaries), then local Moran 999 and Gi* on the Kendal weights;
 * - spdep's figures from the fixtures' README, and from a run of ../shared/tools/spdep_oracle.R on the same grid
 *   when `Rscript` with spdep is installed (set KANTONG_BENCH_R=0 to skip that ~40 s run).
 *
 * Each figure is the median of several runs after a warm-up (wall-clock, one thread); the first, cold run is
 * shown too. Timings are printed, never asserted.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FeatureCollection, Geometry } from 'geojson';
import { parseWilayahSql } from '../src/lib/geo/wilayah-sql.ts';
import { getisOrd } from '../src/lib/stats/getis-ord.ts';
import { analyseLisa } from '../src/lib/stats/lisa.ts';
import { localMoranPermutation } from '../src/lib/stats/local-moran-permutation.ts';
import { localMoran } from '../src/lib/stats/local-moran.ts';
import { moranPermutationTest } from '../src/lib/stats/moran-permutation.ts';
import { SeededRandom } from '../src/lib/random.ts';
import { contiguityWeights } from '../src/lib/weights/contiguity.ts';
import { rowStandardise } from '../src/lib/weights/standardise.ts';
import { summariseWeights } from '../src/lib/weights/summary.ts';
import { tolerantContiguityWeights } from '../src/lib/weights/tolerant.ts';

const root = path.resolve(import.meta.dirname, '..');
const fixtures = path.resolve(root, '../shared/fixtures/spatial-stats');
const shared = path.resolve(root, '../shared');
const REPEATS = 5;

interface Timing {
  first: number;
  median: number;
}

/** Runs `fn` once cold, then `repeats` times; seconds. */
function time<T>(fn: () => T, repeats = REPEATS): Timing & { value: T } {
  let t = performance.now();
  const value = fn();
  const first = (performance.now() - t) / 1000;
  const runs: number[] = [];
  for (let r = 0; r < repeats; r++) {
    t = performance.now();
    fn();
    runs.push((performance.now() - t) / 1000);
  }
  runs.sort((a, b) => a - b);
  return { first, median: runs[Math.floor(runs.length / 2)], value };
}

function seconds(s: number | undefined): string {
  if (s === undefined || !Number.isFinite(s)) return '—';
  return s < 0.01
    ? `${(s * 1000).toFixed(2)} ms`
    : s < 1
      ? `${(s * 1000).toFixed(0)} ms`
      : `${s.toFixed(2)} s`;
}

function row(label: string, ours: Timing, spdepReadme?: number, spdepHere?: number): void {
  const ref = spdepHere ?? spdepReadme;
  const ratio = ref !== undefined && ours.median > 0 ? `${(ref / ours.median).toFixed(0)}×` : '';
  console.log(
    `  ${label.padEnd(42)} ${seconds(ours.median).padStart(9)} ${`(cold ${seconds(ours.first)})`.padEnd(17)} ${seconds(spdepReadme).padStart(9)} ${seconds(spdepHere).padStart(12)} ${ratio.padStart(7)}`,
  );
}

function header(title: string): void {
  console.log(`\n${title}`);
  console.log(
    `  ${''.padEnd(42)} ${'kantong'.padStart(9)} ${''.padEnd(17)} ${'spdep*'.padStart(9)} ${'spdep (now)'.padStart(12)} ${'ratio'.padStart(7)}`,
  );
}

/** spdep timings of the README table: { 'grid 10,000|queen': { 'build weights': 2.93, … } }. */
function readmeTimings(): Record<string, Record<string, number>> {
  const file = path.join(fixtures, 'README.md');
  if (!existsSync(file)) return {};
  const lines = readFileSync(file, 'utf8').split('\n');
  const headIdx = lines.findIndex((l) => l.startsWith('| data | weights |'));
  if (headIdx < 0) return {};
  const cols = lines[headIdx].split('|').map((c) => c.trim());
  const out: Record<string, Record<string, number>> = {};
  for (let i = headIdx + 2; i < lines.length && lines[i].startsWith('|'); i++) {
    const cells = lines[i].split('|').map((c) => c.trim());
    const rec: Record<string, number> = {};
    for (let c = 3; c < cols.length - 1; c++) rec[cols[c]] = Number(cells[c]);
    out[`${cells[1]}|${cells[2]}`] = rec;
  }
  return out;
}

/** Runs the spdep oracle on the grid (queen) and returns its timings.json, or null. */
function spdepNow(weights: 'queen' | 'rook'): Record<string, { elapsed: number }> | null {
  if (process.env.KANTONG_BENCH_R === '0') return null;
  const oracle = path.join(shared, 'tools/spdep_oracle.R');
  const probe = spawnSync(
    'Rscript',
    ['-e', 'suppressPackageStartupMessages(library(spdep)); cat(as.character(packageVersion("spdep")))'],
    { encoding: 'utf8' },
  );
  if (probe.status !== 0 || !existsSync(oracle)) return null;
  const out = mkdtempSync(path.join(tmpdir(), 'kantong-spdep-'));
  try {
    console.log(
      `  (running spdep ${probe.stdout.trim()} on the grid, ${weights}: ~40 s; KANTONG_BENCH_R=0 skips it)`,
    );
    const r = spawnSync(
      'Rscript',
      [
        oracle,
        path.join(fixtures, 'grid100.geojson'),
        'value',
        out,
        '--weights',
        weights,
        '--perm',
        '999',
        '--seed',
        '1',
      ],
      { encoding: 'utf8' },
    );
    if (r.status !== 0) return null;
    return JSON.parse(readFileSync(path.join(out, 'timings.json'), 'utf8'));
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

function gridBenchmarks(): void {
  const file = path.join(fixtures, 'grid100.geojson');
  if (!existsSync(file)) {
    console.log(`grid benchmarks skipped: ${file} not found`);
    return;
  }
  const fc = JSON.parse(readFileSync(file, 'utf8')) as FeatureCollection<Geometry, { value: number }>;
  const geometries = fc.features.map((f) => f.geometry);
  const x = Float64Array.from(fc.features.map((f) => f.properties.value));
  const readme = readmeTimings();
  for (const rule of ['queen', 'rook'] as const) {
    const ref = readme[`grid 10,000|${rule}`] ?? {};
    const now = spdepNow(rule);
    const e = (k: string) => now?.[k]?.elapsed;
    header(
      `grid 10,000 cells, ${rule} (n = ${geometries.length}; spdep* = fixtures README, median of repeats)`,
    );
    const weights = time(() => rowStandardise(contiguityWeights(geometries, { rule })));
    row('build weights (poly2nb + nb2listw)', weights, ref['build weights'], e('weights'));
    const w = weights.value;
    const local = localMoran(x, w);
    row(
      'local Moran, analytical',
      time(() => localMoran(x, w)),
      ref.localmoran,
      e('localmoran'),
    );
    row(
      'local Moran, 999 permutations',
      time(() => localMoranPermutation(x, w, { local, permutations: 999, seed: 1 })),
      ref['localmoran_perm 999'],
      e('localmoran_perm'),
    );
    row(
      'Gi* (and Gi)',
      time(() => getisOrd(x, w)),
      ref['localG (Gi*)'],
      e('localG_star'),
    );
    row(
      'global Moran, 999 permutations',
      time(() => moranPermutationTest(x, w, { permutations: 999, seed: 1 })),
      ref['moran.mc 999'],
      e('global_moran_perm'),
    );
    row(
      'whole LISA run (all of the above)',
      time(() => analyseLisa(x, w, { permutations: 999, seed: 1 })),
    );
  }
}

function readDesa(file: string): Geometry[] {
  const fc = JSON.parse(readFileSync(file, 'utf8')) as FeatureCollection;
  return fc.features.map((f) => f.geometry);
}

function tolerantBenchmarks(): void {
  const kendalFile = path.join(shared, 'data/kendal/desa.geojson');
  header('tolerant contiguity, 10 m in UTM (no spdep equivalent; GEOS pairs checked in the tests)');
  if (existsSync(kendalFile)) {
    const kendal = readDesa(kendalFile);
    const t = time(() => tolerantContiguityWeights(kendal, { toleranceMetres: 10 }));
    const s = summariseWeights(t.value.weights);
    row(`Kendal desa (n = ${kendal.length}, ${s.nLinks / 2} pairs)`, t);
    const w = rowStandardise(t.value.weights);
    const random = new SeededRandom(2026);
    const x = Float64Array.from(kendal, () => random.float());
    const local = localMoran(x, w);
    row(
      '  local Moran, 999 permutations',
      time(() => localMoranPermutation(x, w, { local, permutations: 999, seed: 1 })),
    );
    row(
      '  Gi* (and Gi)',
      time(() => getisOrd(x, w)),
    );
  } else {
    console.log(`  Kendal skipped: ${kendalFile} not found`);
  }
  const sqlDir = path.join(shared, 'data/wilayah_boundaries/db/kel/33');
  if (existsSync(sqlDir)) {
    const geometries: Geometry[] = [];
    for (const f of readdirSync(sqlDir)
      .filter((name) => name.endsWith('.sql'))
      .sort()) {
      for (const r of parseWilayahSql(readFileSync(path.join(sqlDir, f), 'utf8')).rows)
        geometries.push(r.geometry);
    }
    const t = time(() => tolerantContiguityWeights(geometries, { toleranceMetres: 10 }), 2);
    const s = summariseWeights(t.value.weights);
    row(`Jawa Tengah desa (n = ${geometries.length}, ${s.nLinks / 2} pairs)`, t);
    console.log(
      `  ${''.padEnd(34)} islands: ${s.islands.length}, components: ${s.components}, projection ${t.value.projection?.name}; target < 3 s`,
    );
  } else {
    console.log(`  Jawa Tengah skipped: ${sqlDir} not found`);
  }
}

console.log(
  `Kantong spatial statistics benchmark — Node ${process.version}, one thread; * spdep 1.2-7 figures from ${path.relative(root, path.join(fixtures, 'README.md'))}`,
);
gridBenchmarks();
tolerantBenchmarks();
