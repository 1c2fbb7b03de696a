/**
 * What every browser benchmark starts with: the browser-test build served on a loopback port and Debian's
 * Chromium with software WebGL (STACK.md's flags, as the browser tests use), or a one-line skip when either
 * is missing. The benches measure the app as a user's machine runs it, so GPU compositing stays on.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { preview } from 'vite';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface BenchBrowser {
  url: string;
  browser: Browser;
  close(): Promise<void>;
}

/**
 * The served app and a Chromium, or null (after saying why) when `dist-test/` or Chromium is missing, or
 * `needs` names something else missing.
 */
export async function openBenchBrowser(
  bench: string,
  needs: { ok: boolean; what: string } = { ok: true, what: '' },
): Promise<BenchBrowser | null> {
  if (!existsSync('dist-test/index.html') || !existsSync(CHROMIUM) || !needs.ok) {
    const what = ['dist-test/ (npm run build:test)', 'Chromium', needs.what].filter(Boolean).join(', ');
    console.log(`${bench}: needs ${what}; skipped`);
    return null;
  }
  const server = await preview({
    build: { outDir: 'dist-test' },
    preview: { host: '127.0.0.1', port: 0 },
    logLevel: 'silent',
  });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--enable-unsafe-swiftshader',
      '--use-angle=swiftshader',
      '--disable-background-networking',
      '--no-first-run',
    ],
  });
  return {
    url: server.resolvedUrls!.local[0],
    browser,
    async close() {
      await browser.close();
      await server.close();
    },
  };
}
