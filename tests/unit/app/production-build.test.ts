/**
 * The production build ships no test hook: `window.__kantong` (the map and the explore state, for the browser
 * tests) is set only in a build made with VITE_KANTONG_TEST_HOOKS=1. Builds the app in memory, as
 * `npm run build` does (same config, minified; ≈ 5 s), and searches every emitted script, workers included.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, type Rolldown } from 'vite';

type Output = Rolldown.RolldownOutput['output'][number];

let scripts: { name: string; text: string }[] = [];
const saved = { flag: process.env.VITE_KANTONG_TEST_HOOKS, nodeEnv: process.env.NODE_ENV };

beforeAll(async () => {
  // A developer may have the flag exported in the shell: the build checked here is the one without it.
  delete process.env.VITE_KANTONG_TEST_HOOKS;
  // Vitest sets NODE_ENV=test, under which Svelte compiles in dev mode; `vite build` runs with production.
  process.env.NODE_ENV = 'production';
  const root = path.resolve(import.meta.dirname, '../../..');
  const result = await build({
    root,
    configFile: path.join(root, 'vite.config.ts'),
    logLevel: 'silent',
    build: { write: false },
  });
  const outputs: Output[] = (Array.isArray(result) ? result : [result]).flatMap((r) =>
    'output' in r ? r.output : [],
  );
  scripts = outputs
    .filter((o) => o.fileName.endsWith('.js'))
    .map((o) => ({
      name: o.fileName,
      text:
        o.type === 'chunk'
          ? o.code
          : typeof o.source === 'string'
            ? o.source
            : new TextDecoder().decode(o.source),
    }));
}, 120_000);

afterAll(() => {
  for (const [key, value] of [
    ['VITE_KANTONG_TEST_HOOKS', saved.flag],
    ['NODE_ENV', saved.nodeEnv],
  ] as const)
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
});

describe('production build', () => {
  it('contains the map component and its workers, and no window.__kantong anywhere', () => {
    // The search looks at the right code: the map view (its ready flag) and both analysis workers are there.
    expect(scripts.some((s) => s.text.includes('mapReady'))).toBe(true);
    expect(scripts.map((s) => s.name).filter((n) => /(analysis|import)\.worker/.test(n))).toHaveLength(2);
    expect(scripts.filter((s) => s.text.includes('__kantong')).map((s) => s.name)).toEqual([]);
  });
});
