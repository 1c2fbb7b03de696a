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

/** Camera padding with every side given, in pixels. */
export type Padding = Required<Pick<PaddingOptions, 'top' | 'right' | 'bottom' | 'left'>>;

/** A box in the map container's pixels (left, top, right, bottom). */
export interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/**
 * Camera padding that keeps the fitted area clear of every panel floating over the map (title, legend, card,
 * controls; read from the page as boxes relative to the map): each panel is cut off from the side where that
 * costs the least map, so the free area — the container minus the padding — overlaps no panel. When panels
 * leave less than `minFree` pixels either way, the padding of that axis shrinks in proportion (a fit with
 * no room at all would not move the map) and the free area is the largest that remains.
 *
 * The rule is the one of a "safe area": for panel P and container C the four cuts are
 * P.right − C.left (left), C.right − P.left (right), P.bottom − C.top (top) and C.bottom − P.top (bottom),
 * plus `margin`; the one leaving the largest free area (width × height) is taken.
 */
export function clearOfPanels(
  width: number,
  height: number,
  panels: readonly Box[],
  base: Padding = { top: 20, right: 20, bottom: 20, left: 20 },
  margin = 10,
  minFree = 80,
): Padding {
  const pad: Padding = { ...base };
  for (const p of panels) {
    // Only what lies over the map counts; a panel outside it or empty is no cover.
    const l = Math.max(0, p.left);
    const t = Math.max(0, p.top);
    const r = Math.min(width, p.right);
    const b = Math.min(height, p.bottom);
    if (r - l <= 0 || b - t <= 0) continue;
    const cuts: [keyof Padding, number][] = [
      ['left', r + margin],
      ['right', width - l + margin],
      ['top', b + margin],
      ['bottom', height - t + margin],
    ];
    // A panel already outside the free area costs nothing more.
    if (l >= width - pad.right || r <= pad.left || t >= height - pad.bottom || b <= pad.top) continue;
    // the cut that leaves the largest free area (a tall legend goes to the side, a wide title to the top)
    const freeArea = ([side, need]: [keyof Padding, number]) => {
      const p = { ...pad, [side]: Math.max(pad[side], need) };
      return Math.max(0, width - p.left - p.right) * Math.max(0, height - p.top - p.bottom);
    };
    const [side, need] = cuts.reduce((best, c) => (freeArea(c) > freeArea(best) ? c : best));
    pad[side] = Math.max(pad[side], need);
  }
  const shrink = (a: 'left' | 'top', b: 'right' | 'bottom', size: number) => {
    const room = size - minFree;
    const sum = pad[a] + pad[b];
    if (sum <= room) return;
    const k = Math.max(0, room) / sum;
    pad[a] = Math.floor(pad[a] * k);
    pad[b] = Math.floor(pad[b] * k);
  };
  shrink('left', 'right', width);
  shrink('top', 'bottom', height);
  return pad;
}
