/**
 * A worker thread of a set build (`set-build.ts`): prepares one kabupaten at a time
 * (`prepareRealDistrict`: parse, gazetteer check, dissolve, files) and posts it back. The dissolve is the
 * slow step of a province (about 2 s per kabupaten), so a build uses the machine's cores for it.
 */
import { parentPort } from 'node:worker_threads';
import { BoundarySourceError, prepareRealDistrict } from './boundary-pipeline.ts';
import type { KabupatenGazetteer } from '../lib/geo/gazetteer.ts';
import type { VerifiedWilayahFile } from './wilayah-fetch.ts';

/** A job: one kabupaten's verified source file and gazetteer rows. */
export interface DistrictJob {
  id: number;
  file: VerifiedWilayahFile;
  gazetteer: KabupatenGazetteer;
  now: string;
}

parentPort?.on('message', (job: DistrictJob) => {
  try {
    parentPort!.postMessage({
      id: job.id,
      ok: true,
      value: prepareRealDistrict(job.file, job.gazetteer, new Date(job.now)),
    });
  } catch (error) {
    parentPort!.postMessage({
      id: job.id,
      ok: false,
      source: error instanceof BoundarySourceError,
      message: (error as Error).message,
    });
  }
});
