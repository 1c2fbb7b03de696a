import * as Comlink from 'comlink';
import type { WorkerApi as AnalysisApi } from '../worker/analysis.worker.ts';

let api: Comlink.Remote<AnalysisApi> | null = null;

/**
 * The one analysis Worker of the app (weights, LISA, hexbins, pockets), created on first use. One Worker, not
 * one per feature: it keeps the district geometry, the weights and the hexbins cached between requests.
 */
export function analysisWorker(): Comlink.Remote<AnalysisApi> {
  api ??= Comlink.wrap<AnalysisApi>(
    new Worker(new URL('../worker/analysis.worker.ts', import.meta.url), {
      type: 'module',
      name: 'kantong-analysis',
    }),
  );
  return api;
}
