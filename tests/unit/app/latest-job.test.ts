/** The latest analysis request: a failure keeps the core's message when the Worker passed one on. */
import { describe, expect, it } from 'vitest';
import { msg } from '../../../src/lib/messages/message.ts';
import { LatestJob } from '../../../src/state/latest-job.svelte.ts';

describe('LatestJob', () => {
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
