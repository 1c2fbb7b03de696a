/**
 * The scale bar drawn into an exported map: the ground length of one pixel at the map's centre, and the
 * longest "round" length (1, 2 or 5 × 10ⁿ metres) whose bar fits a given width.
 *
 * In Web Mercator at zoom z with tiles of T pixels the world is T · 2^z pixels around the equator, so one
 * pixel covers
 *
 *   m/px = C · cos φ / (T · 2^z),   C = 2π · 6 378 137 m (the WGS 84 equator),
 *
 * at latitude φ. MapLibre's tiles are 512 pixels (CSS pixels: the export's pixel ratio scales them). The
 * scale is exact only along the centre's parallel; over a kabupaten (≈ 0.4° of latitude near the equator)
 * it varies by well under 1%. Reference: Snyder (1987), *Map Projections — A Working Manual*, USGS PP 1395,
 * §7 (Mercator scale factor sec φ).
 */

/** Circumference of the WGS 84 equator, metres. */
export const EARTH_CIRCUMFERENCE = 2 * Math.PI * 6_378_137;

/** Ground metres per CSS pixel at `latitude` (degrees) and `zoom`, for tiles of `tileSize` pixels. */
export function metresPerPixel(latitude: number, zoom: number, tileSize = 512): number {
  return (EARTH_CIRCUMFERENCE * Math.cos((latitude * Math.PI) / 180)) / (tileSize * 2 ** zoom);
}

/** A scale bar: its ground length, its length in pixels, and the length as a number with a unit. */
export interface ScaleBar {
  metres: number;
  pixels: number;
  value: number;
  unit: 'm' | 'km';
}

/**
 * The longest bar of 1, 2 or 5 × 10ⁿ metres no longer than `maxPixels`, at `metresPerPx` (> 0). Lengths of
 * 1 km and more are given in km.
 */
export function scaleBar(metresPerPx: number, maxPixels: number): ScaleBar {
  if (!(metresPerPx > 0) || !(maxPixels > 0)) throw new RangeError('scale bar: lengths must be positive');
  const most = metresPerPx * maxPixels;
  const power = 10 ** Math.floor(Math.log10(most));
  const step = [5, 2, 1].find((s) => s * power <= most) ?? 1;
  const metres = step * power;
  return {
    metres,
    pixels: metres / metresPerPx,
    value: metres >= 1000 ? metres / 1000 : metres,
    unit: metres >= 1000 ? 'km' : 'm',
  };
}
