/**
 * The programme and living-condition flag keys the needs and verification views read (the import's flag keys,
 * `src/lib/import/column-names.ts`), and the default eligible deciles of each programme.
 *
 * Eligible deciles are a policy choice, not a fact of the data, so each is configurable. The defaults are the
 * usual reading of DT-SEN targeting in the kabupaten: PKH for the poorest 40% (desil 1–4), BPNT/Sembako and
 * PBI-JK a little further (desil 1–5). Desil ≥ 6 receiving any of them is a clear inclusion error.
 */

/** Programme flags (assistance received), in the order the views list them. */
export const PROGRAMMES = ['pkh', 'bpnt', 'pbi_jk', 'pbi_apbd', 'blt', 'blt_dd', 'bst', 'pip'] as const;

/** Living-condition flags (a deprivation present), in the order the views list them. */
export const CONDITIONS = [
  'rtlh',
  'lantai_tanah',
  'dinding_tidak_layak',
  'atap_tidak_layak',
  'air_tidak_layak',
  'sanitasi_tidak_layak',
  'tanpa_listrik',
] as const;

/** The extreme-poverty flag key. */
export const EXTREME_FLAG = 'miskin_ekstrem';

/** Inclusive desil bounds `[from, to]` within 1–10. */
export type DesilBounds = readonly [number, number];

/** Default eligible deciles per programme (see the module comment); programmes not listed: desil 1–4. */
export const DEFAULT_ELIGIBLE: Readonly<Record<string, DesilBounds>> = {
  pkh: [1, 4],
  bpnt: [1, 5],
  pbi_jk: [1, 5],
  pbi_apbd: [1, 5],
};

/** Recipients in this desil or above are a clear inclusion error whatever the eligible deciles. */
export const CLEAR_INCLUSION_FROM = 6;

/** The eligible deciles of `programme` under `overrides` (else the default, else desil 1–4). */
export function eligibleBounds(
  programme: string,
  overrides: Readonly<Record<string, DesilBounds>> = {},
): DesilBounds {
  return overrides[programme] ?? DEFAULT_ELIGIBLE[programme] ?? [1, 4];
}

/** True for valid bounds: integers with 1 ≤ from ≤ to ≤ 10. */
export function validBounds(b: readonly number[]): b is DesilBounds {
  return (
    b.length === 2 &&
    Number.isInteger(b[0]) &&
    Number.isInteger(b[1]) &&
    b[0] >= 1 &&
    b[0] <= b[1] &&
    b[1] <= 10
  );
}

/**
 * Parses `pkh=1-4,bpnt=1-5` (the CLI flag and the URL form) into bounds; throws a RangeError naming the bad
 * part.
 */
export function parseEligibleBounds(text: string): Record<string, DesilBounds> {
  const out: Record<string, DesilBounds> = {};
  for (const part of text
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p !== '')) {
    const m = /^([a-z0-9_]+)\s*=\s*(\d+)\s*[-–]\s*(\d+)$/.exec(part);
    const b = m ? [Number(m[2]), Number(m[3])] : [];
    if (!m || !validBounds(b)) throw new RangeError(part);
    out[m[1]] = b as unknown as DesilBounds;
  }
  return out;
}
