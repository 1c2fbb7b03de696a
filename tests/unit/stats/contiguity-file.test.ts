/**
 * `contiguity.json`, the tolerant contiguity `npm run geo` writes beside the boundaries, holds exactly the
 * weights the analysis Worker would build from the full-precision geometry at the default tolerance, and the
 * Worker's LISA / Gi* on it is the LISA / Gi* on the geometry: the same weights, the same seed, the same
 * answer. The Worker reads it instead of the geometry only where it holds the weights asked for (the default
 * tolerance, the level's unit count), and builds them from the geometry otherwise or without the file.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildWeights } from '../../../src/lib/weights/build.ts';
import {
  CONTIGUITY_FILE,
  CONTIGUITY_LEVELS,
  contiguityFileOf,
  parseContiguityFile,
  weightsFromContiguityFile,
  type ContiguityFile,
  type ContiguityLevel,
} from '../../../src/lib/weights/contiguity-file.ts';
import { DEFAULT_TOLERANCE_M } from '../../../src/lib/weights/tolerant.ts';
import { neighbourLists } from '../../../src/lib/weights/types.ts';
import { SeededRandom } from '../../../src/lib/random.ts';
import { createAnalysisApi } from '../../../src/worker/analysis-api.ts';
import type { DistrictGeometry } from '../../../src/worker/district-geometry.ts';

const GEO = path.resolve('public/geo');
const LEVELS = Object.keys(CONTIGUITY_LEVELS) as ContiguityLevel[];

/** The committed demo district always; Kendal when it has been built (`npm run geo -- --kab 33.24`). */
const folders = ['demo', '33.24'].map((folder) => ({
  folder,
  present: existsSync(path.join(GEO, folder, CONTIGUITY_FILE)),
}));

function readText(folder: string, name: string): string {
  return readFileSync(path.join(GEO, folder, name), 'utf8');
}

function geometryOf(folder: string): DistrictGeometry {
  const read = (name: string) => JSON.parse(readText(folder, `${name}.json`));
  return { desa: read('desa'), kecamatan: read('kecamatan'), kabupaten: read('kabupaten') };
}

/**
 * An engine reading `folder` from public/geo with the contiguity file replaced by `contiguity` (a text, or
 * null: the set has none), and the names it read.
 */
function engineOf(folder: string, contiguity?: string | null) {
  const reads: string[] = [];
  const api = createAnalysisApi(async (_base, f, name) => {
    reads.push(name);
    if (name === CONTIGUITY_FILE && contiguity !== undefined) {
      if (contiguity === null) throw new Error(`${f}/${name}: HTTP 404`);
      return contiguity;
    }
    return readText(f, name);
  });
  api.loadDistrict('http://localhost/', folder);
  return { api, reads };
}

/** Seeded values with some desa without one (they leave the sub-graph, as in the app). */
function valuesFor(n: number, seed: number): Float64Array {
  const random = new SeededRandom(seed);
  return Float64Array.from({ length: n }, () => (random.float() < 0.05 ? NaN : random.float()));
}

const clusterRequest = (level: string, values: Float64Array, toleranceMetres = DEFAULT_TOLERANCE_M) => ({
  level,
  values,
  weights: { kind: 'tolerant', toleranceMetres },
  options: { permutations: 199, seed: 7, alpha: 0.05, pAdjust: 'fdr' as const, expectRate: true },
});

describe('contiguity.json of the built boundary sets', () => {
  for (const { folder, present } of folders)
    it.skipIf(!present)(
      `${folder}: holds the tolerant contiguity of the full geometry at ${DEFAULT_TOLERANCE_M} m, by level${present ? '' : ' (not built: skipped)'}`,
      () => {
        const file = parseContiguityFile(readText(folder, CONTIGUITY_FILE))!;
        expect(file).not.toBeNull();
        expect(file.tolerance_m).toBe(DEFAULT_TOLERANCE_M);
        const g = geometryOf(folder);
        for (const level of LEVELS) {
          const features = g[level].features;
          const built = buildWeights(
            { kind: 'tolerant', toleranceMetres: DEFAULT_TOLERANCE_M },
            features.map((f) => f.geometry),
          );
          const stored = file.levels[level];
          expect(stored.codes).toEqual(
            features.map(
              (f) => (f.properties as unknown as Record<string, string>)[CONTIGUITY_LEVELS[level]],
            ),
          );
          expect(stored.neighbors).toEqual(neighbourLists(built.weights));
          expect(stored.description).toEqual(built.description);
          // Read back: the very arrays buildWeights gives (CSR offsets, neighbours, weights, style, kind).
          const back = weightsFromContiguityFile(file, level, { kind: 'tolerant' }, features.length)!;
          expect(back.weights).toEqual(built.weights);
        }
        expect(file.levels.desa.neighbors.some((row) => row.length > 0)).toBe(true);
      },
    );
});

describe('the analysis Worker on contiguity.json', () => {
  for (const { folder, present } of folders)
    it.skipIf(!present)(
      `${folder}: LISA and Gi* read from the file equal those on the geometry, answered before desa.json is read`,
      async () => {
        const g = geometryOf(folder);
        const onGeometry = createAnalysisApi(async () => {
          throw new Error('setDistrict: nothing is read');
        });
        onGeometry.setDistrict(g);
        const withFile = engineOf(folder);
        const withoutFile = engineOf(folder, null);
        const geometryFiles = ['desa.json', 'kabupaten.json', 'kecamatan.json'];
        for (const level of ['desa', 'kecamatan'] as const) {
          const values = valuesFor(g[level].features.length, level === 'desa' ? 3 : 4);
          const expected = await onGeometry.clusters(clusterRequest(level, values));
          expect(await withFile.api.clusters(clusterRequest(level, values))).toEqual(expected);
          expect(await withoutFile.api.clusters(clusterRequest(level, values))).toEqual(expected);
          if (level !== 'desa') continue;
          // The answer came from the file alone; the geometry is fetched a second after it.
          expect(withFile.reads).toEqual([CONTIGUITY_FILE]);
          await new Promise((resolve) => setTimeout(resolve, 1100));
        }
        // The prefetch reads the desa and the outline; kecamatan.json only when kecamatan weights need it.
        expect(withFile.reads.sort()).toEqual([CONTIGUITY_FILE, 'desa.json', 'kabupaten.json'].sort());
        expect(withoutFile.reads.sort()).toEqual([CONTIGUITY_FILE, ...geometryFiles].sort());
      },
    );

  // A file edited so that desa 0 has no neighbour: the answers show which weights were used.
  const demoFile = parseContiguityFile(readText('demo', CONTIGUITY_FILE))!;
  const edited: ContiguityFile = structuredClone(demoFile);
  const row = edited.levels.desa.neighbors;
  for (const j of row[0]) row[j] = row[j].filter((k) => k !== 0);
  row[0] = [];
  const editedText = JSON.stringify(edited);
  const n = row.length;

  it('uses the file for the default tolerance, the geometry for another tolerance and other weights', async () => {
    const values = valuesFor(n, 5).map((v) => (Number.isNaN(v) ? 0.5 : v));
    const onFile = engineOf('demo', editedText);
    const real = engineOf('demo');
    const fromFile = await onFile.api.clusters(clusterRequest('desa', values));
    const fromReal = await real.api.clusters(clusterRequest('desa', values));
    expect(fromFile.islands).toBe(fromReal.islands + 1);
    expect(onFile.reads).toEqual([CONTIGUITY_FILE]);
    // 15 m: not in the file, built from the geometry (and equal to the real engine's).
    const wider = await onFile.api.clusters(clusterRequest('desa', values, 15));
    expect(wider).toEqual(await real.api.clusters(clusterRequest('desa', values, 15)));
    expect(onFile.reads).toContain('desa.json');
    const queen = { ...clusterRequest('desa', values), weights: { kind: 'queen' } };
    expect(await onFile.api.clusters(queen)).toEqual(await real.api.clusters(queen));
  });

  it('builds from the geometry when the file does not fit: another unit count, or not a contiguity file', async () => {
    const values = valuesFor(n, 6).map((v) => (Number.isNaN(v) ? 0.5 : v));
    const expected = await engineOf('demo', null).api.clusters(clusterRequest('desa', values));
    const short: ContiguityFile = structuredClone(demoFile);
    short.levels.desa.codes.pop();
    short.levels.desa.neighbors = short.levels.desa.neighbors
      .slice(0, -1)
      .map((r) => r.filter((j) => j < n - 1));
    for (const text of [JSON.stringify(short), '<!doctype html><html></html>', '{"format":"other"}']) {
      const e = engineOf('demo', text);
      expect(await e.api.clusters(clusterRequest('desa', values))).toEqual(expected);
      expect(e.reads).toContain('desa.json');
    }
  });

  it('holds weights only for tolerant contiguity at its tolerance, on a level it has, for its unit count', () => {
    expect(
      weightsFromContiguityFile(demoFile, 'desa', { kind: 'tolerant', toleranceMetres: 10 }, n),
    ).not.toBeNull();
    expect(
      weightsFromContiguityFile(demoFile, 'desa', { kind: 'tolerant', toleranceMetres: 15 }, n),
    ).toBeNull();
    expect(weightsFromContiguityFile(demoFile, 'desa', { kind: 'queen' }, n)).toBeNull();
    expect(weightsFromContiguityFile(demoFile, 'desa', { kind: 'tolerant' }, n + 1)).toBeNull();
    expect(weightsFromContiguityFile(demoFile, 'hex', { kind: 'tolerant' }, n)).toBeNull();
  });
});

describe('contiguityFileOf', () => {
  it('is what renderDistrictFiles writes for the demo district (same text as the committed file)', () => {
    const g = geometryOf('demo');
    expect(JSON.stringify(contiguityFileOf(g))).toBe(readText('demo', CONTIGUITY_FILE));
  });
});
