import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { preview, type PreviewServer } from 'vite';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    appUrl: string;
  }
}

/** The browser-test build: the app with its test hooks (`npm run build:test`, run by `npm run test:browser`). */
export const TEST_BUILD_DIR = 'dist-test';

let server: PreviewServer | undefined;

/** Serves the browser-test build on a loopback port; refuses a missing build or one without test hooks. */
export async function setup(project: TestProject): Promise<void> {
  const dir = path.resolve(TEST_BUILD_DIR);
  if (!existsSync(path.join(dir, 'index.html')))
    throw new Error(
      `${TEST_BUILD_DIR}/ not found: build it with "npm run build:test" (npm run test:browser does)`,
    );
  // The tests read the map through window.__kantong, which only a VITE_KANTONG_TEST_HOOKS=1 build sets.
  const scripts = readdirSync(path.join(dir, 'assets')).filter((f) => f.endsWith('.js'));
  if (!scripts.some((f) => readFileSync(path.join(dir, 'assets', f), 'utf8').includes('__kantong')))
    throw new Error(`${TEST_BUILD_DIR}/ has no test hooks: rebuild it with "npm run build:test"`);
  server = await preview({
    build: { outDir: TEST_BUILD_DIR },
    preview: { host: '127.0.0.1', port: 0, strictPort: false, open: false },
    logLevel: 'warn',
  });
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error('vite preview did not report a local URL');
  project.provide('appUrl', url);
}

export async function teardown(): Promise<void> {
  await new Promise<void>((resolve) => server?.httpServer.close(() => resolve()) ?? resolve());
}
