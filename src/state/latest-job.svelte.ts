/**
 * The result of the latest request of one kind to the analysis Worker. Requests are keyed by everything they
 * depend on. Three rules keep a fast-clicking planner from breaking the map:
 * - a request whose key is already in flight is not posted again (no duplicate runs, no second transfer of
 *   the same buffers);
 * - a request whose key already has a result (or an error) is answered from it;
 * - an answer is accepted only while its key is still the one wanted, so a stale answer arriving after a
 *   newer request never overwrites it — and if the user comes back to a key still in flight, its answer is
 *   accepted when it arrives.
 * Whatever `start` posts must be the caller's private copy (see `ExploreState.runJobs`): the Worker may take
 * ownership of transferred buffers.
 */
import type { Message } from '../lib/messages/message.ts';
import { isKnownMessage } from '../lib/messages/render.ts';

/** A failure's reason: the core message of an error the analysis Worker passed on whole, or its text. */
function errorReason(error: unknown): Message | string {
  if (typeof error === 'object' && error !== null && isKnownMessage((error as { detail?: unknown }).detail))
    return (error as { detail: Message }).detail;
  return error instanceof Error ? error.message : String(error);
}
export class LatestJob<T> {
  status = $state<'idle' | 'running' | 'ready' | 'error'>('idle');
  result = $state.raw<T | null>(null);
  /** Key of the request the result answers. */
  resultKey = $state<string | null>(null);
  /** Why the last request failed: a core message where the Worker sent one, else the error's text. */
  error = $state.raw<Message | string | null>(null);
  /** Key the error belongs to: the same request is not retried until its key changes. */
  errorKey = $state<string | null>(null);
  /** Jobs posted to the Worker so far (for tests and the debug panel). */
  posted = 0;
  #wanted: string | null = null;
  readonly #inFlight = new Map<string, Promise<void>>();

  /** The result when it answers `key` (null while a newer request runs or after an error). */
  resultFor(key: string | null | undefined): T | null {
    return key != null && this.resultKey === key ? this.result : null;
  }

  /** Key of the latest request (the one whose answer will be shown). */
  get wantedKey(): string | null {
    return this.#wanted;
  }

  /** Whether a job for `key` is posted and not answered yet. */
  isInFlight(key: string): boolean {
    return this.#inFlight.has(key);
  }

  /**
   * Wants the result for `key`, starting the job only if no result, error or running job exists for it.
   * Returns when the job for `key` has settled.
   */
  run(key: string, start: () => Promise<T>): Promise<void> {
    this.#wanted = key;
    if (this.resultKey === key) {
      this.status = 'ready';
      return Promise.resolve();
    }
    if (this.errorKey === key) {
      this.status = 'error';
      return Promise.resolve();
    }
    this.status = 'running';
    const running = this.#inFlight.get(key);
    if (running) return running;
    this.posted++;
    const job = (async () => {
      try {
        const result = await start();
        if (this.#wanted !== key) return;
        this.result = result;
        this.resultKey = key;
        this.error = null;
        this.errorKey = null;
        this.status = 'ready';
      } catch (error) {
        if (this.#wanted !== key) return;
        this.result = null;
        this.resultKey = null;
        this.error = errorReason(error);
        this.errorKey = key;
        this.status = 'error';
      } finally {
        this.#inFlight.delete(key);
      }
    })();
    this.#inFlight.set(key, job);
    return job;
  }

  /** Nothing is wanted any more (e.g. the mode that needed the job was left). */
  clear(): void {
    this.#wanted = null;
    if (this.status === 'running') this.status = 'idle';
  }
}
