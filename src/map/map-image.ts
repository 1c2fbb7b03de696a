import type { Map as MapLibreMap } from 'maplibre-gl';

/**
 * Largest side of the map's canvas, in device pixels (the map is created with this `maxCanvasSize`): 4096 is
 * within every WebGL implementation's texture limit, and MapLibre would quietly lower a larger pixel ratio.
 */
export const MAX_CANVAS = 4096;

/**
 * Resolves once the map has drawn everything after a repaint: sources loaded, no camera move, labels
 * placed and faded in (MapLibre's `idle`). Gives up after `timeoutMs` (a basemap tile that never arrives
 * must not block an export) and resolves with the frame as it is.
 */
export function nextIdle(map: MapLibreMap, timeoutMs = 15_000): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      map.off('idle', done);
      resolve();
    };
    const timer = setTimeout(done, timeoutMs);
    map.once('idle', done);
    map.triggerRepaint();
  });
}

/**
 * Resolves at the first frame drawn after a repaint with every source loaded and the camera still (at most
 * `timeoutMs`). On a map that was idle, a new pixel ratio changes no label placement, so this first frame
 * is the final one (checked: it equals the frame at `idle` pixel for pixel); waiting for `idle` instead
 * would draw more frames at the large size, and in software WebGL each costs a second or more.
 */
export function nextFrame(map: MapLibreMap, timeoutMs = 15_000): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      map.off('render', onRender);
      resolve();
    };
    const onRender = () => {
      if (map.loaded() && !map.isMoving()) done();
    };
    const timer = setTimeout(done, timeoutMs);
    map.on('render', onRender);
    map.triggerRepaint();
  });
}

/** Resolves once the camera is still (a fly-to or fit in progress has ended), at most `timeoutMs`. */
export function cameraStill(map: MapLibreMap, timeoutMs = 5_000): Promise<void> {
  if (!map.isMoving()) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, timeoutMs);
    map.once('moveend', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/**
 * Renders the map at `pixelRatio` (device pixels per CSS pixel; lowered to keep both sides within
 * {@link MAX_CANVAS}), calls `draw` with its canvas while that frame is on it, and restores the map's own
 * pixel ratio. The view is the same at any ratio — same extent, labels and line widths in the same place —
 * only drawn with more pixels, which is what a poster needs. The map keeps its drawing buffer
 * (`preserveDrawingBuffer`), so the frame stays readable until the next one. Call it on a map at rest (see
 * {@link nextFrame}); a camera move in progress is waited for.
 */
export async function withMapRendered<T>(
  map: MapLibreMap,
  pixelRatio: number,
  draw: (canvas: HTMLCanvasElement) => T,
): Promise<T> {
  const container = map.getContainer();
  const fit = MAX_CANVAS / Math.max(container.clientWidth, container.clientHeight, 1);
  const ratio = Math.min(pixelRatio, fit);
  const own = map.getPixelRatio();
  const change = Math.abs(ratio - own) > 1e-6;
  try {
    // a camera that was moving places its labels again and fades them in: let that finish at the small size
    if (map.isMoving()) {
      await cameraStill(map);
      await nextIdle(map);
    }
    if (change) map.setPixelRatio(ratio);
    await nextFrame(map);
    return draw(map.getCanvas());
  } finally {
    // null gives the map back to the device's pixel ratio (the app never overrides it otherwise)
    if (change) map.setPixelRatio(null as unknown as number);
  }
}
