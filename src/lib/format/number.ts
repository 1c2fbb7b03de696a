/**
 * Number formatting for the UI and exports. Indonesian users read `1.234,5` (id-ID): thousands dot,
 * decimal comma. Formatters are cached because `Intl.NumberFormat` construction is slow on phones.
 */
export type Locale = 'id-ID' | 'en-GB';

const cache = new Map<string, Intl.NumberFormat>();

function formatter(locale: Locale, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let f = cache.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale, options);
    cache.set(key, f);
  }
  return f;
}

/** An integer count: `12.345` in id-ID. */
export function formatCount(value: number, locale: Locale = 'id-ID'): string {
  return formatter(locale, { maximumFractionDigits: 0 }).format(value);
}

/** A share in [0, 1] as a percentage with `digits` decimals: 0.0935 → `9,4%` in id-ID. */
export function formatPercent(share: number, locale: Locale = 'id-ID', digits = 1): string {
  return formatter(locale, {
    style: 'percent',
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(share);
}

/** A decimal number with up to `digits` decimals: 1234.5 → `1.234,5` in id-ID. */
export function formatDecimal(value: number, locale: Locale = 'id-ID', digits = 1): string {
  return formatter(locale, { maximumFractionDigits: digits }).format(value);
}

/** A number with exactly `digits` decimals: 0.7 → `0,70` in id-ID (an index read down a column). */
export function formatFixed(value: number, locale: Locale = 'id-ID', digits = 2): string {
  return formatter(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value);
}
