import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { expect, inject, test } from 'vitest';
import './harness-types.ts';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOT_DIR = path.resolve('test-results/screenshots');

/** Without Chromium the browser tests cannot run: fail in CI, skip with a message on a developer machine. */
export const chromiumMissing = !existsSync(CHROMIUM);
if (chromiumMissing) {
  const message = `Chromium not found at ${CHROMIUM}: install it (apt-get install -y chromium) or set CHROMIUM_PATH.`;
  if (process.env.CI) throw new Error(message);
  console.warn(`[browser tests skipped] ${message}`);
}

/**
 * Flags from STACK.md: software WebGL (SwiftShader) so MapLibre renders headless, and no background traffic.
 * Not `--disable-gpu-compositing`: it opens the app a third faster, but its screenshots show stale white
 * rectangles over the map where panels moved, and the screenshots are what a reviewer looks at.
 */
const FLAGS = [
  '--no-sandbox',
  '--enable-unsafe-swiftshader',
  '--use-angle=swiftshader',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
  '--disable-quic',
  '--disable-default-apps',
];

export async function launch(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: FLAGS });
}

export interface AppPage {
  page: Page;
  context: BrowserContext;
  /** Every URL the page requested, in order. */
  requests: string[];
  /** Console errors and uncaught page errors. */
  errors: string[];
}

export function appUrl(): string {
  return inject('appUrl');
}

/** Opens the app in a fresh context and waits until the map reports its first full render. */
export async function openApp(
  browser: Browser,
  options: { viewport?: { width: number; height: number }; query?: string; locale?: string } = {},
): Promise<AppPage> {
  const context = await browser.newContext({
    viewport: options.viewport ?? { width: 1366, height: 768 },
    locale: options.locale ?? 'id-ID',
  });
  const page = await context.newPage();
  const requests: string[] = [];
  const errors: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${appUrl()}${options.query ?? ''}`);
  await page.waitForFunction(() => document.body.dataset.mapReady === 'true', null, { timeout: 60_000 });
  return { page, context, requests, errors };
}

/**
 * Waits until the map shows its current data: style and sources loaded, no tile pending, the camera still.
 * Polls the map's state rather than waiting for its `idle` event, which a test could register too late for.
 */
export async function mapSettled(page: Page): Promise<void> {
  await page.waitForFunction(
    () => {
      const { map } = window.__kantong;
      return map.loaded() && map.areTilesLoaded() && !map.isMoving();
    },
    null,
    { timeout: 60_000 },
  );
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}

/** Hosts other than the loopback server the tests started. */
export function foreignHosts(requests: string[]): string[] {
  const allowed = new Set(['127.0.0.1', 'localhost']);
  return [
    ...new Set(
      requests
        .filter((u) => /^(https?|wss?):/.test(u))
        .map((u) => new URL(u).hostname)
        .filter((h) => !allowed.has(h)),
    ),
  ];
}

/**
 * `it` of the browser tests, with two fixtures: `browser`, one Chromium per test file, and `app`, the app opened
 * with its defaults in a fresh context (own storage, history and URL) for each test that asks for it, so that no
 * test relies on what another did and any order works. After the test, `app` fails it if the page asked a host
 * other than the local server or logged an error; tests that go online on purpose, or need other options, open
 * their own page with `openApp(browser, …)`.
 */
export const it = test.extend<{ $test: { app: AppPage }; $file: { browser: Browser } }>({
  browser: [
    // eslint-disable-next-line no-empty-pattern -- Vitest reads a fixture's dependencies from this pattern
    async ({}, use) => {
      const browser = await launch();
      await use(browser);
      await browser.close();
    },
    { scope: 'file' },
  ],
  app: async ({ browser }, use) => {
    const app = await openApp(browser);
    try {
      await use(app);
      expect(foreignHosts(app.requests), 'hosts other than the local server').toEqual([]);
      expect(app.errors, 'console errors').toEqual([]);
    } finally {
      await app.context.close();
    }
  },
});
