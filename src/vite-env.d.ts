/// <reference types="vite/client" />
/// <reference types="vite-plugin-pwa/client" />

interface ImportMetaEnv {
  /** "1" only in the browser-test build (`npm run build:test`): exposes `window.__kantong` for the tests. */
  readonly VITE_KANTONG_TEST_HOOKS?: string;
}
