/**
 * Step 4c: household coordinates (geotags), kept for hexbins when they are valid.
 *
 * Cells are read one by one: a decimal comma or point (never thousands separators in a coordinate), an
 * optional leading apostrophe. A pair is valid when it lies inside the extent (the kabupaten's bounding box
 * plus a margin when known, else Indonesia's); a pair that is valid only after exchanging latitude and
 * longitude is swapped back and counted; anything else is dropped (the row itself stays: coordinates are
 * optional).
 */

/** Longitude/latitude bounds in degrees (WGS84). */
export interface Extent {
  minLon: number;
  minLat: number;
  maxLon: number;
  maxLat: number;
}

/** Indonesia with a margin: 94°–141.5° E, 11.5° S–6.5° N. */
export const INDONESIA_EXTENT: Extent = { minLon: 94, minLat: -11.5, maxLon: 141.5, maxLat: 6.5 };

/** Margin added around a kabupaten's bounding box: 0.02° ≈ 2 km, for geotags taken at a boundary. */
export const EXTENT_MARGIN_DEG = 0.02;

/** `bbox` `[minLon, minLat, maxLon, maxLat]` grown by {@link EXTENT_MARGIN_DEG}. */
export function extentFromBbox(bbox: readonly [number, number, number, number]): Extent {
  const m = EXTENT_MARGIN_DEG;
  return { minLon: bbox[0] - m, minLat: bbox[1] - m, maxLon: bbox[2] + m, maxLat: bbox[3] + m };
}

/** Powers of ten that are exact doubles (10^0 … 10^22). */
const POW10 = Array.from({ length: 23 }, (_, k) => 10 ** k);

/**
 * One coordinate: `-6,9876543`, `110.1234567`, `'-6.98`; NaN when not a plain decimal number (sign, digits, at
 * most one decimal comma or point). Read character by character, since this runs twice per household: with
 * d digits of which k after the separator, the value is N / 10^k where N is the integer of all the digits.
 * For d ≤ 15, N and 10^k are exact doubles and IEEE division rounds once, so the result is the correctly
 * rounded value, the same as `Number("-6.9876543")`; longer numbers go through `Number`.
 */
export function parseCoordinate(text: string): number {
  let start = 0;
  let end = text.length;
  while (start < end && text.charCodeAt(start) <= 32) start++;
  while (end > start && text.charCodeAt(end - 1) <= 32) end--;
  if (start < end && text.charCodeAt(start) === 39) start++;
  if (start === end) return Number.NaN;
  let i = start;
  const sign = text.charCodeAt(i);
  const negative = sign === 45;
  if (negative || sign === 43) i++;
  let digits = 0;
  let decimals = 0;
  let separator = -1;
  let n = 0;
  for (; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      n = n * 10 + (c - 48);
      digits++;
      if (separator >= 0) decimals++;
    } else if ((c === 44 || c === 46) && separator < 0) separator = i;
    else return Number.NaN;
  }
  if (digits === 0) return Number.NaN;
  if (digits > 15) {
    const t = text.slice(start, end);
    return Number(separator < 0 ? t : `${t.slice(0, separator - start)}.${t.slice(separator - start + 1)}`);
  }
  const v = n / POW10[decimals];
  return negative ? -v : v;
}

/**
 * A `koordinat` cell holding both values, latitude first: `-6.98, 110.12`, `-6.98;110.12`, `-6.98 110.12`,
 * `(-6.98, 110.12)`, or with decimal commas `-6,98, 110,12` / `-6,98 110,12`. Null when it cannot be split into
 * two numbers.
 */
export function parseCoordinatePair(text: string): [number, number] | null {
  const t = text
    .trim()
    .replace(/^[([]|[)\]]$/g, '')
    .trim();
  if (t === '') return null;
  let parts: string[] | null = null;
  if (/[;|\t]/.test(t)) parts = t.split(/\s*[;|\t]\s*/);
  else if (/,\s+/.test(t) && t.split(/,\s+/).length === 2) parts = t.split(/,\s+/);
  else if (/\s/.test(t)) parts = t.split(/\s+/);
  else {
    const commas = t.split(',');
    if (commas.length === 2) parts = commas;
    else if (commas.length === 4) parts = [`${commas[0]},${commas[1]}`, `${commas[2]},${commas[3]}`];
  }
  if (!parts || parts.length !== 2) return null;
  const a = parseCoordinate(parts[0]);
  const b = parseCoordinate(parts[1]);
  return Number.isNaN(a) || Number.isNaN(b) ? null : [a, b];
}

/** Outcome of {@link placeCoordinates}. */
export const CoordinateStatus = { Missing: 0, Valid: 1, Swapped: 2, Outside: 3, Invalid: 4 } as const;
/** One of the {@link CoordinateStatus} values. */
export type CoordinateStatus = (typeof CoordinateStatus)[keyof typeof CoordinateStatus];

function inside(lat: number, lon: number, e: Extent): boolean {
  return lat >= e.minLat && lat <= e.maxLat && lon >= e.minLon && lon <= e.maxLon;
}

/**
 * Checks a latitude/longitude pair against `extent`; writes the kept `[lat, lon]` into `out` (swapped back
 * when needed) and returns the status. Missing: both NaN. Outside: a number pair inside Indonesia but outside
 * the extent. Invalid: anything else (one value missing, not a coordinate at all).
 */
export function placeCoordinates(
  lat: number,
  lon: number,
  extent: Extent,
  out: Float64Array,
): CoordinateStatus {
  if (Number.isNaN(lat) && Number.isNaN(lon)) return CoordinateStatus.Missing;
  if (inside(lat, lon, extent)) {
    out[0] = lat;
    out[1] = lon;
    return CoordinateStatus.Valid;
  }
  if (inside(lon, lat, extent)) {
    out[0] = lon;
    out[1] = lat;
    return CoordinateStatus.Swapped;
  }
  if (inside(lat, lon, INDONESIA_EXTENT) || inside(lon, lat, INDONESIA_EXTENT))
    return CoordinateStatus.Outside;
  return CoordinateStatus.Invalid;
}
