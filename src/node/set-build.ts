/**
 * Builds boundary sets of several kabupaten/kota from the public source (`npm run geo -- --kab 33` for a whole
 * province, `--kab 33.24,33.25`): every kabupaten is prepared on its own in worker threads, written to its own
 * folder (so each can also be opened alone), then the set is written to `<outDir>/<set code>/` with the same
 * files as one kabupaten plus `outline.json`, and display copies simplified by mapshaper (Visvalingam on a
 * shared topology, so neighbours keep a common border; `@turf/simplify` would open gaps between them).
 */
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import mapshaper from 'mapshaper';
import { combineDistricts } from '../lib/geo/boundary-set.ts';
import { renderDistrictFiles, type DistrictFile } from '../lib/geo/district-files.ts';
import type { District } from '../lib/geo/district.ts';
import type { KabupatenGazetteer } from '../lib/geo/gazetteer.ts';
import type {
  BoundaryManifest,
  DesaCollection,
  DistrictIndex,
  KecamatanCollection,
} from '../lib/geo/types.ts';
import { labelPoints } from '../lib/geo/label-points.ts';
import { desaDetailFile } from '../lib/geo/lazy-desa.ts';
import { WILAYAH_COMMIT, WILAYAH_LICENCE } from '../lib/geo/wilayah-source.ts';
import { BoundarySourceError, prepareRealDistrict, type PreparedDistrict } from './boundary-pipeline.ts';
import type { DistrictJob } from './district-thread.ts';
import { updateDistrictIndex, writeDistrictFolder } from './geo-files.ts';
import type { VerifiedWilayahFile } from './wilayah-fetch.ts';

/** Display simplification of a set, metres between kept vertices (mapshaper `interval`): ~1 px at zoom 11. */
export const SET_DISPLAY_INTERVAL_M = 40;

const THREAD_URL = new URL('./district-thread.ts', import.meta.url).href;

/** Threads for a build: the cores there are, at most one per kabupaten; `KANTONG_GEO_THREADS` overrides. */
export function buildThreads(jobs: number): number {
  const env = Number(process.env.KANTONG_GEO_THREADS);
  const cores = Number.isInteger(env) && env > 0 ? env : os.availableParallelism();
  return Math.max(1, Math.min(cores, jobs));
}

/**
 * Prepares every kabupaten (see `prepareRealDistrict`), in `threads` worker threads (in this thread when 1).
 * Results come back in the order of `jobs`; the first failure rejects after the running jobs end.
 */
export async function prepareDistricts(
  jobs: readonly { file: VerifiedWilayahFile; gazetteer: KabupatenGazetteer }[],
  now: Date,
  threads = buildThreads(jobs.length),
): Promise<PreparedDistrict[]> {
  if (threads <= 1) return jobs.map((j) => prepareRealDistrict(j.file, j.gazetteer, now));
  const results: PreparedDistrict[] = new Array(jobs.length);
  let next = 0;
  let failure: Error | null = null;
  const run = (worker: Worker) =>
    new Promise<void>((resolve) => {
      const take = () => {
        if (failure || next >= jobs.length) return resolve();
        const id = next++;
        const job: DistrictJob = {
          id,
          file: jobs[id].file,
          gazetteer: jobs[id].gazetteer,
          now: now.toISOString(),
        };
        worker.postMessage(job);
      };
      worker.on(
        'message',
        (m: { id: number; ok: boolean; value?: PreparedDistrict; source?: boolean; message?: string }) => {
          if (m.ok) results[m.id] = m.value!;
          else failure ??= m.source ? new BoundarySourceError(m.message!) : new Error(m.message);
          take();
        },
      );
      worker.on('error', (error) => {
        failure ??= error;
        resolve();
      });
      take();
    });
  const workers = Array.from(
    { length: threads },
    () =>
      // The thread is TypeScript: loaded through tsx's API (a `--import tsx` execArgv is not applied to a
      // worker's entry on Node 20), from an eval bootstrap that works the same under tsx and Vitest.
      new Worker(
        `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then((m) => m.tsImport(${JSON.stringify(THREAD_URL)}, ${JSON.stringify(THREAD_URL)}))`,
        { eval: true },
      ),
  );
  try {
    await Promise.all(workers.map(run));
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  if (failure) throw failure;
  return results;
}

/**
 * Overview simplification of a set's desa, metres between kept vertices: ~0.5 px at zoom 8, the zoom a whole
 * province opens at. Closer in, the map swaps in each kabupaten's `desa.display.<kab>.json` (see
 * {@link setLazyFiles}).
 */
export const SET_OVERVIEW_INTERVAL_M = 300;

/**
 * Topology-preserving display copies of a set's three levels (mapshaper: `-simplify interval=… keep-shapes`,
 * coordinates to 5 decimals ≈ 1 m), as GeoJSON texts, and the desa overview copy (simplified again from the
 * same topology at {@link SET_OVERVIEW_INTERVAL_M}, coordinates to 4 decimals ≈ 11 m).
 */
export async function setDisplayCopies(
  district: District,
  intervalM = SET_DISPLAY_INTERVAL_M,
  overviewM = SET_OVERVIEW_INTERVAL_M,
): Promise<Record<'desa' | 'kecamatan' | 'kabupaten' | 'desaOverview', string>> {
  const out = {} as Record<'desa' | 'kecamatan' | 'kabupaten' | 'desaOverview', string>;
  for (const level of ['desa', 'kecamatan', 'kabupaten'] as const) {
    const overview =
      level === 'desa'
        ? ` -simplify interval=${overviewM} keep-shapes -o overview.json format=geojson precision=0.0001`
        : '';
    const result = await mapshaper.applyCommands(
      `-i in.json -simplify interval=${intervalM} keep-shapes -o out.json format=geojson precision=0.00001${overview}`,
      { 'in.json': JSON.stringify(district[level]) },
    );
    out[level] = String(result['out.json']);
    if (level === 'desa') out.desaOverview = String(result['overview.json']);
  }
  return out;
}

/**
 * The files a set adds for the map to open fast and load detail lazily: `desa.overview.json` (the light desa
 * layer the province opens with), `desa.display.<kab>.json` per member kabupaten (the desa display copy cut by
 * kabupaten, fetched when the map is zoomed into it) and label anchors computed here rather than on the
 * page's main thread (`desa.labels.json`, `kecamatan.labels.json`; see `labelPoints`).
 */
export function setLazyFiles(display: Record<'desa' | 'kecamatan' | 'desaOverview', string>): DistrictFile[] {
  const desa = JSON.parse(display.desa) as DesaCollection;
  const kecamatan = JSON.parse(display.kecamatan) as KecamatanCollection;
  const byKab = new Map<string, DesaCollection['features']>();
  for (const f of desa.features) {
    const list = byKab.get(f.properties.kode_kab);
    if (list) list.push(f);
    else byKab.set(f.properties.kode_kab, [f]);
  }
  return [
    { name: 'desa.overview.json', text: display.desaOverview },
    ...[...byKab].map(([kab, features]) => ({
      name: desaDetailFile(kab),
      text: JSON.stringify({ type: 'FeatureCollection', features }),
    })),
    {
      name: 'desa.labels.json',
      text: JSON.stringify(labelPoints(desa, (p) => ({ kode: p.kode_desa, nama: p.nama_desa }))),
    },
    {
      name: 'kecamatan.labels.json',
      text: JSON.stringify(labelPoints(kecamatan, (p) => ({ kode: p.kode_kec, nama: p.nama_kec }))),
    },
  ];
}

/** What a set build produced. */
export interface SetBuildResult {
  folder: string;
  manifest: BoundaryManifest;
  parts: PreparedDistrict[];
  district: District;
  index: DistrictIndex;
  timings: Record<string, number>;
}

/**
 * Builds a set from its kabupaten's verified source files and writes every kabupaten folder and the set's
 * (see the module comment). Nothing is written before every kabupaten has been prepared.
 */
export async function buildWilayahSet(
  jobs: readonly { file: VerifiedWilayahFile; gazetteer: KabupatenGazetteer }[],
  set: { kode: string; nama: string },
  outDir: string,
  now: Date = new Date(),
): Promise<SetBuildResult> {
  const timings: Record<string, number> = {};
  let t = performance.now();
  const lap = (name: string) => {
    const n = performance.now();
    timings[name] = n - t;
    t = n;
  };
  const parts = await prepareDistricts(jobs, now);
  lap('kabupaten');
  const district = combineDistricts(
    parts.map((p) => p.district),
    set,
  );
  lap('outline');
  const display = await setDisplayCopies(district);
  lap('display');
  const { files, manifest } = renderDistrictFiles(district, {
    demo: false,
    source: {
      name: 'cahyadsn/wilayah_boundaries',
      location:
        jobs.length === 1 ? jobs[0].file.location : `${jobs.length} files, ${jobs[0].file.location} …`,
      commit: WILAYAH_COMMIT,
      file: jobs.map((j) => j.file.path).join(', '),
      sha256: null,
      checksum_status: jobs.every((j) => j.file.checksum_status === 'pinned') ? 'pinned' : 'recorded',
      licence: WILAYAH_LICENCE,
    },
    validation: {
      unknown_in_gazetteer: parts.flatMap((p) => p.manifest.validation.unknown_in_gazetteer).sort(),
      missing_from_source: parts.flatMap((p) => p.manifest.validation.missing_from_source).sort(),
      name_differences: parts.flatMap((p) => p.manifest.validation.name_differences),
      parse_warnings: parts.flatMap((p) => p.manifest.validation.parse_warnings ?? []),
    },
    display,
    extraFiles: setLazyFiles(display),
    generated_at: now.toISOString(),
  });
  lap('render');
  for (const p of parts) await writeDistrictFolder(outDir, p.folder, p.files);
  await writeDistrictFolder(outDir, set.kode, files as DistrictFile[]);
  const index = await updateDistrictIndex(outDir);
  lap('write');
  return { folder: set.kode, manifest, parts, district, index, timings };
}
