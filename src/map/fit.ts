import type { PaddingOptions } from 'maplibre-gl';

/**
 * Camera padding that keeps what a map is fitted to clear of its floating title (top left) and legend
 * (bottom left; full width on phones). The on-screen map and exported maps, which draw the same title and
 * legend over the same corners, fit with the same padding.
 */
export function fitPadding(width: number, height: number): PaddingOptions {
  return width < 700
    ? { top: 110, bottom: Math.min(200, height * 0.35), left: 16, right: 16 }
    : { top: 110, bottom: 20, left: Math.min(310, width * 0.3), right: 50 };
}
