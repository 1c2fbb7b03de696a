import * as Comlink from 'comlink';
import type { Geometry } from 'geojson';
import type { AnalysisApi, ClusterRequest, ClusterResponse } from '../worker/analysis.worker.ts';

/**
 * LISA / Gi* results for the current view, computed in the analysis Worker. Only the latest request's
 * answer is kept: a planner clicking through settings never sees an older result arrive last.
 */
export class ClusterState {
  status = $state<'idle' | 'running' | 'ready' | 'error'>('idle');
  result = $state.raw<ClusterResponse | null>(null);
  /** The request the result answers (level and values length tell whether it still fits the map). */
  resultKey = $state<string | null>(null);
  error = $state<string | null>(null);
  #api: Comlink.Remote<AnalysisApi> | null = null;
  #latest = 0;

  #worker(): Comlink.Remote<AnalysisApi> {
    this.#api ??= Comlink.wrap<AnalysisApi>(
      new Worker(new URL('../worker/analysis.worker.ts', import.meta.url), {
        type: 'module',
        name: 'kantong-analysis',
      }),
    );
    return this.#api;
  }

  async setGeometries(level: string, geometries: Geometry[]): Promise<void> {
    await this.#worker().setGeometries(level, geometries);
  }

  async run(key: string, request: ClusterRequest): Promise<void> {
    const id = ++this.#latest;
    this.status = 'running';
    try {
      const result = await this.#worker().clusters(
        Comlink.transfer(request, [request.values.buffer as ArrayBuffer]),
      );
      if (id !== this.#latest) return;
      this.result = result;
      this.resultKey = key;
      this.error = null;
      this.status = 'ready';
    } catch (error) {
      if (id !== this.#latest) return;
      this.result = null;
      this.resultKey = null;
      this.error = error instanceof Error ? error.message : String(error);
      this.status = 'error';
    }
  }
}
