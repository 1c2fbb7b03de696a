import * as Comlink from 'comlink';
import type { WorkerApi as AnalysisApi } from '../worker/analysis.worker.ts';

let api: Comlink.Remote<AnalysisApi> | null = null;
/** The district the Worker is to load once it exists (see {@link setAnalysisDistrict}). */
let district: { baseUrl: string; folder: string } | null = null;

/**
 * The one analysis Worker of the app (weights, LISA, hexbins, pockets), created on first use. One Worker, not
 * one per feature: it keeps the district geometry, the weights and the hexbins cached between requests.
 * It starts only when a statistic is first asked for (the first map needs none), and is then told the open
 * district before any request (Comlink calls run in order); it reads the district's files as it needs them.
 */
export function analysisWorker(): Comlink.Remote<AnalysisApi> {
  if (!api) {
    // For the benchmarks: when the Worker was started (its own measures are relative to its creation).
    performance.mark('kantong:analysis-worker');
    api = Comlink.wrap<AnalysisApi>(
      new Worker(new URL('../worker/analysis.worker.ts', import.meta.url), {
        type: 'module',
        name: 'kantong-analysis',
      }),
    );
    if (district) void api.loadDistrict(district.baseUrl, district.folder);
  }
  return api;
}

/** The district open in the app: loaded by the Worker now if it runs, else when it starts. */
export function setAnalysisDistrict(baseUrl: string, folder: string): void {
  district = { baseUrl, folder };
  if (api) void api.loadDistrict(baseUrl, folder);
}

/** Whether the Worker has been started (for the tests and benchmarks of the first load). */
export function analysisWorkerStarted(): boolean {
  return api !== null;
}
