/**
 * The app's analysis Worker: the engine of `analysis-api.ts` behind comlink. Typed arrays of the answers
 * are transferred, not copied.
 */
import * as Comlink from 'comlink';
import { createAnalysisApi } from './analysis-api.ts';

const engine = createAnalysisApi();

Comlink.expose({
  ...engine,
  async clusters(...args: Parameters<typeof engine.clusters>) {
    const r = await engine.clusters(...args);
    return Comlink.transfer(r, [
      r.clusters.buffer,
      r.p.buffer,
      r.giTiers.buffer,
      r.hasValue.buffer,
    ] as ArrayBuffer[]);
  },
});

export type WorkerApi = typeof engine;
