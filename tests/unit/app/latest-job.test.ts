import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { msg } from '../../../src/lib/messages/message.ts';
import { LatestJob } from '../../../src/state/latest-job.svelte.ts';

/** A job whose answer the test releases by hand, to order answers as a slow Worker would. */
function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

describe('LatestJob', () => {
  it('posts a key in flight only once, and answers a repeated request from the result', async () => {
    const job = new LatestJob<string>();
    const d = deferred<string>();
    let starts = 0;
    const start = () => (starts++, d.promise);
    const a = job.run('k1', start);
    const b = job.run('k1', start);
    expect(starts).toBe(1);
    d.resolve('one');
    await Promise.all([a, b]);
    expect(job.resultFor('k1')).toBe('one');
    await job.run('k1', start);
    expect(starts).toBe(1);
    expect(job.posted).toBe(1);
  });

  it('never lets a stale answer overwrite a newer one, and accepts a key the user came back to', async () => {
    const job = new LatestJob<string>();
    const slow = deferred<string>();
    const fast = deferred<string>();
    const first = job.run('a', () => slow.promise);
    const second = job.run('b', () => fast.promise);
    fast.resolve('B');
    await second;
    expect(job.resultFor('b')).toBe('B');
    slow.resolve('A');
    await first;
    expect(job.resultKey).toBe('b');
    expect(job.status).toBe('ready');
    // back to a key whose job is still in flight: its answer is taken when it arrives
    const again = deferred<string>();
    const c = job.run('a', () => again.promise);
    const d = job.run('b', () => fast.promise);
    const e = job.run('a', () => again.promise);
    expect(job.status).toBe('running');
    again.resolve('A2');
    await Promise.all([c, d, e]);
    expect(job.resultFor('a')).toBe('A2');
  });

  it('keeps an error to its key: not retried for the same key, cleared by a new one', async () => {
    const job = new LatestJob<string>();
    let starts = 0;
    await job.run('bad', async () => {
      starts++;
      throw new Error('detached ArrayBuffer');
    });
    expect(job.status).toBe('error');
    await job.run('bad', async () => (starts++, 'x'));
    expect(starts).toBe(1);
    await job.run('good', async () => 'ok');
    expect(job.status).toBe('ready');
    expect(job.error).toBeNull();
  });

  it('ends on the answer to the last key whatever order answers arrive in (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.constantFrom('a', 'b', 'c', 'd'), { minLength: 1, maxLength: 12 }),
        fc.array(fc.nat(), { minLength: 12, maxLength: 12 }),
        async (keys, order) => {
          const job = new LatestJob<string>();
          const pending = new Map<string, ReturnType<typeof deferred<string>>>();
          const starts: string[] = [];
          const runs = keys.map((key) =>
            job.run(key, () => {
              starts.push(key);
              const d = deferred<string>();
              pending.set(key, d);
              return d.promise;
            }),
          );
          // no key was posted twice while in flight
          expect(new Set(starts).size).toBe(starts.length);
          const open = [...pending.entries()];
          open.sort((x, y) => order[keys.indexOf(x[0] as never)] - order[keys.indexOf(y[0] as never)]);
          for (const [key, d] of open) d.resolve(`answer ${key}`);
          await Promise.all(runs);
          const last = keys.at(-1)!;
          expect(job.resultKey).toBe(last);
          expect(job.result).toBe(`answer ${last}`);
          expect(job.status).toBe('ready');
        },
      ),
      { seed: 2, numRuns: 200 },
    );
  });
  it('keeps the message of an error passed on whole, the text of any other', async () => {
    const job = new LatestJob<number>();
    const detail = msg('guardrail.noVariance', { value: 0.2 });
    await job.run('a', () => Promise.reject({ message: 'every value equals 0.2', detail }));
    expect(job.status).toBe('error');
    expect(job.error).toEqual(detail);
    await job.run('b', () => Promise.reject(new Error('district not set')));
    expect(job.error).toBe('district not set');
    // Something that only looks like a message is shown as text, never rendered.
    await job.run('c', () => Promise.reject({ message: 'x', detail: { code: 'no.such.code' } }));
    expect(job.error).toBe('[object Object]');
    await job.run('d', () => Promise.resolve(7));
    expect([job.status, job.error, job.resultFor('d')]).toEqual(['ready', null, 7]);
  });
});
