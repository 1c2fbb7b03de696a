import type { BoundaryManifest, SetMember } from './types.ts';

/**
 * Lazy desa geometry of a boundary set (a province: 8,563 desa). The map opens with the light overview copy
 * of every desa (`desa.overview.json`, built by mapshaper at 300 m) and, once zoomed in to
 * {@link DESA_DETAIL_ZOOM} or closer, swaps in the display copy (40 m) of each kabupaten in view, fetched once
 * (`desa.display.<kab>.json`). Statistics never use either: the Worker reads the full-precision `desa.json`.
 * One kabupaten (Kendal) has none of these files and opens with its display copy as before. Pure.
 */

/** Zoom from which the detailed desa of the kabupaten in view are loaded: ~150 m per pixel, where 300 m steps show. */
export const DESA_DETAIL_ZOOM = 9.5;

/** The file of one member kabupaten's detailed desa display geometry. */
export function desaDetailFile(kodeKab: string): string {
  return `desa.display.${kodeKab}.json`;
}

/** Whether a set was built with the overview and per-kabupaten desa files (the manifest lists them). */
export function hasLazyDesa(manifest: Pick<BoundaryManifest, 'files' | 'kabupaten'>): boolean {
  return (
    manifest.files['desa.overview.json'] !== undefined &&
    (manifest.kabupaten ?? []).every((k) => manifest.files[desaDetailFile(k.kode_kab)] !== undefined)
  );
}

/**
 * Member kabupaten whose bounding box meets the view `[west, south, east, north]`, not yet in `loaded`, in
 * the order of the manifest. Boxes that only touch count (a desa on the edge is drawn in detail too).
 */
export function kabupatenToLoad(
  members: readonly SetMember[],
  view: readonly [number, number, number, number],
  loaded: ReadonlySet<string>,
): string[] {
  const [w, s, e, n] = view;
  return members
    .filter((m) => !loaded.has(m.kode_kab))
    .filter((m) => m.bbox[0] <= e && m.bbox[2] >= w && m.bbox[1] <= n && m.bbox[3] >= s)
    .map((m) => m.kode_kab);
}
