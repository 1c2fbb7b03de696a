/**
 * The result of the latest request to the analysis Worker. Requests are keyed by what they depend on; an
 * answer to an older request that arrives after a newer one was made is dropped, so a planner clicking
 * through settings never sees a stale map arrive last.
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
  #latest = 0;

  /** The result when it answers `key` (null while a newer request runs or after an error). */
  resultFor(key: string | null | undefined): T | null {
    return key != null && this.resultKey === key ? this.result : null;
  }

  async run(key: string, start: () => Promise<T>): Promise<void> {
    const id = ++this.#latest;
    this.status = 'running';
    try {
      const result = await start();
      if (id !== this.#latest) return;
      this.result = result;
      this.resultKey = key;
      this.error = null;
      this.status = 'ready';
    } catch (error) {
      if (id !== this.#latest) return;
      this.result = null;
      this.resultKey = null;
      this.error = errorReason(error);
      this.status = 'error';
    }
  }
}
