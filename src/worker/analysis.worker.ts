/**
 * The app's analysis Worker: the engine of `analysis-api.ts` behind comlink. Typed arrays of the answers
 * are transferred, not copied, and errors that carry a core message reach the page whole.
 */
import * as Comlink from 'comlink';
import type { Message } from '../lib/messages/message.ts';
import { SpatialInputError } from '../lib/weights/types.ts';
import { boundaryText } from '../state/boundary-store.ts';
import { createAnalysisApi, type CellHelper } from './analysis-api.ts';
import type { HexCellsHelper } from './hex-cells.worker.ts';

/** Starts the second thread of big hexagon cell tables; a helper that fails to start rejects its calls. */
function spawnCellHelper(): CellHelper {
  const worker = new Worker(new URL('./hex-cells.worker.ts', import.meta.url), {
    type: 'module',
    name: 'hex-cells',
  });
  const remote = Comlink.wrap<HexCellsHelper>(worker);
  const failed = new Promise<never>((_, reject) =>
    worker.addEventListener('error', (e) => reject(new Error(`hex-cells helper: ${e.message}`)), {
      once: true,
    }),
  );
  failed.catch(() => undefined);
  return {
    load: (district) => Promise.race([remote.load(district), failed]),
    rows: (resolution, part, parts) => Promise.race([remote.rows(resolution, part, parts), failed]),
    terminate: () => {
      remote[Comlink.releaseProxy]();
      worker.terminate();
    },
  };
}

const engine = createAnalysisApi(boundaryText, spawnCellHelper);

/** What the page receives instead of an Error that carries a core message (see {@link passMessages}). */
export interface ErrorWithMessage {
  message: string;
  detail: Message;
}

function rethrow(error: unknown): never {
  if (error instanceof SpatialInputError && error.detail)
    throw { message: error.message, detail: error.detail } satisfies ErrorWithMessage;
  throw error;
}

/**
 * Comlink hands an Error to the page as its English message only. An error that carries a core message (a
 * blocking guardrail) is thrown on as a plain `{ message, detail }` object instead, which arrives whole, so
 * the page can say it in the UI language.
 */
function passMessages<T extends Record<string, (...args: never[]) => unknown>>(methods: T): T {
  const out: Record<string, (...args: never[]) => unknown> = {};
  for (const [name, method] of Object.entries(methods))
    out[name] = (...args) => {
      try {
        const result = method(...args);
        return result instanceof Promise ? result.catch(rethrow) : result;
      } catch (error) {
        return rethrow(error);
      }
    };
  return out as T;
}

Comlink.expose(
  passMessages({
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
    async pocketStability(...args: Parameters<typeof engine.pocketStability>) {
      const r = await engine.pocketStability(...args);
      return Comlink.transfer(r, [r.unitShare.buffer as ArrayBuffer]);
    },
  }),
);

// For the benchmarks: the Worker's script has run (its clock starts when the page created it).
performance.mark('kantong:worker-ready');

export type WorkerApi = typeof engine;
