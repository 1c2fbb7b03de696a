import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { FeatureCollection, Geometry } from 'geojson';
import { expect } from 'vitest';

/** Repository root, from this file (tests/unit/stats). */
export const repoRoot = path.resolve(import.meta.dirname, '../../..');
/** R spdep 1.2-7 reference values, read in place (never copied into the repository). */
export const spatialStatsDir = path.resolve(repoRoot, '../shared/fixtures/spatial-stats');
export const sharedDataDir = path.resolve(repoRoot, '../shared/data');
export const hasSpatialStats = existsSync(path.join(spatialStatsDir, 'columbus.geojson'));
/** Set by CI (`.ci/run` exports CI=true); "false" and "0" count as unset. */
export const onCI = !['', '0', 'false'].includes((process.env.CI ?? '').toLowerCase());
/**
 * The spdep reference tests skip (with a message) only on a developer machine without `../shared`: under CI they
 * run and fail, so a CI run that lost the reference files cannot pass by skipping the comparison with R.
 */
export const skipSpatialStats = !hasSpatialStats && !onCI;
export const spatialStatsMissing = `${spatialStatsDir} not found (the R spdep reference files sit beside the repository, in ../shared/fixtures)`;
if (skipSpatialStats) console.warn(`skipping spdep reference tests: ${spatialStatsMissing}`);

/** Fails the tests that need the spdep reference files when they are absent (the CI case; see above). */
export function requireSpatialStats(): void {
  if (!hasSpatialStats) throw new Error(`spdep reference tests cannot run under CI: ${spatialStatsMissing}`);
}
export const statsFixturesDir = path.resolve(repoRoot, 'tests/fixtures/stats');

export function readJson<T = unknown>(file: string): T {
  return JSON.parse(readFileSync(file, 'utf8')) as T;
}

export function readGeoJson(file: string): FeatureCollection<Geometry, Record<string, unknown>> {
  return readJson(file);
}

/** The reference `local.csv` as rows of column → text (no quoted commas occur in these files). */
export function readLocalCsv(file: string): { header: string[]; rows: Record<string, string>[] } {
  const lines = readFileSync(file, 'utf8').trim().split(/\r?\n/);
  const header = lines[0].split(',').map((h) => h.replace(/^"|"$/g, ''));
  const rows = lines.slice(1).map((line) => {
    const cells = line.split(',');
    return Object.fromEntries(header.map((h, k) => [h, cells[k].replace(/^"|"$/g, '')]));
  });
  return { header, rows };
}

/** `NA` → NaN, else the number. */
export function num(text: string): number {
  return text === 'NA' ? NaN : Number(text);
}

/** Relative difference |a − b| / |b| (0 when equal, both NaN counts as equal, Infinity when one is NaN). */
export function relDiff(a: number, b: number): number {
  if (Number.isNaN(a) || Number.isNaN(b)) return Number.isNaN(a) && Number.isNaN(b) ? 0 : Infinity;
  if (a === b) return 0;
  return Math.abs(a - b) / Math.max(Math.abs(b), Number.MIN_VALUE);
}

/**
 * Expects every `actual[i]` within `tol` relative of `expected[i]`; two values both below `floor` in magnitude
 * count as equal (a value that is 0 in theory comes out as ±1e-17 from either side). Reports the worst unit.
 */
export function expectClose(
  label: string,
  actual: ArrayLike<number>,
  expected: ArrayLike<number>,
  tol = 1e-9,
  floor = 1e-13,
): void {
  expect(actual.length, `${label}: length`).toBe(expected.length);
  let worst = 0;
  let at = -1;
  for (let i = 0; i < expected.length; i++) {
    const e = expected[i];
    const a = actual[i];
    const d = Math.abs(e) < floor && Math.abs(a) < floor ? 0 : relDiff(a, e);
    if (d > worst) {
      worst = d;
      at = i;
    }
  }
  expect(
    worst,
    `${label}: worst relative difference at unit ${at}: ${actual[at]} vs ${expected[at]}`,
  ).toBeLessThanOrEqual(tol);
}

/** Scalar version of `expectClose`. */
export function expectScalar(label: string, actual: number, expected: number, tol = 1e-9): void {
  expect(relDiff(actual, expected), `${label}: ${actual} vs ${expected}`).toBeLessThanOrEqual(tol);
}

/** The `null` of JSON reference vectors as NaN. */
export function nullToNaN(v: ReadonlyArray<number | null>): number[] {
  return v.map((x) => (x === null ? NaN : x));
}
