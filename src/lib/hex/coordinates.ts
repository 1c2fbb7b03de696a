/** What {@link repairSwappedCoordinates} found and did. */
export interface CoordinateRepair {
  /** Longitudes and latitudes after swapping exchanged pairs back (copies; the input is not changed). */
  lon: Float64Array;
  lat: Float64Array;
  /** Pairs with both coordinates present. */
  geotagged: number;
  /** Pairs outside the kabupaten box that fall inside it with latitude and longitude exchanged: swapped back. */
  swapped: number;
  /** Pairs outside the box either way (left as they are; later counted as outside). */
  outside: number;
  /**
   * True when most pairs that are outside as given fall inside once exchanged: the latitude and longitude
   * columns (or a share of the rows) were entered the wrong way round.
   */
  swapDetected: boolean;
}

/** Margin around the kabupaten's bounding box, degrees (≈ 2 km): geotags taken on a boundary road count as inside. */
export const BOX_MARGIN_DEG = 0.02;

/**
 * Detects and repairs exchanged latitude/longitude. In Indonesia |lat| < 12° and lon ∈ [94°, 142°], so an
 * exchanged pair is far outside any kabupaten (and usually not even a valid latitude); a pair (y, x) is
 * swapped back when (x, y) lies outside the kabupaten's box grown by {@link BOX_MARGIN_DEG} and (y, x) lies
 * inside it. The swap is detected, and said, when the swapped pairs are the majority of the pairs outside
 * as given (swapped ≥ outside-either-way). Missing pairs (NaN) are left alone.
 *
 * Reference: the bounding-box plausibility check of geocoding QA (e.g. Goldberg, Wilson & Knoblock 2007,
 * "From text to geographic coordinates: the current state of geocoding", URISA Journal 19(1)).
 */
export function repairSwappedCoordinates(
  lon: ArrayLike<number>,
  lat: ArrayLike<number>,
  bbox: readonly [number, number, number, number],
  marginDeg = BOX_MARGIN_DEG,
): CoordinateRepair {
  const n = lon.length;
  const outLon = Float64Array.from(lon);
  const outLat = Float64Array.from(lat);
  const [minX, minY, maxX, maxY] = [
    bbox[0] - marginDeg,
    bbox[1] - marginDeg,
    bbox[2] + marginDeg,
    bbox[3] + marginDeg,
  ];
  let geotagged = 0;
  let swapped = 0;
  let outside = 0;
  for (let i = 0; i < n; i++) {
    const x = outLon[i];
    const y = outLat[i];
    if (Number.isNaN(x) || Number.isNaN(y)) continue;
    geotagged++;
    if (x >= minX && x <= maxX && y >= minY && y <= maxY) continue;
    if (y >= minX && y <= maxX && x >= minY && x <= maxY) {
      outLon[i] = y;
      outLat[i] = x;
      swapped++;
    } else {
      outside++;
    }
  }
  return {
    lon: outLon,
    lat: outLat,
    geotagged,
    swapped,
    outside,
    swapDetected: swapped > 0 && swapped >= outside,
  };
}
