/// <reference types="vite/client" />
/// <reference types="vite-plugin-pwa/client" />

interface ImportMetaEnv {
  /** "1" only in the browser-test build (`npm run build:test`): exposes `window.__kantong` for the tests. */
  readonly VITE_KANTONG_TEST_HOOKS?: string;
}

/** `shpjs` 6 ships no types: the two readers Kantong calls (see `src/lib/geo/boundary-file.ts`). */
declare module 'shpjs' {
  import type { Geometry } from 'geojson';
  /** Geometries of a `.shp`; `trans` false reads the coordinates as they are. */
  export function parseShp(shp: ArrayBuffer | ArrayBufferView, trans?: false): (Geometry | null)[];
  /** Records of a `.dbf`, decoded with the code page of a `.cpg` when given. */
  export function parseDbf(dbf: ArrayBuffer | ArrayBufferView, cpg?: string): Record<string, unknown>[];
}
