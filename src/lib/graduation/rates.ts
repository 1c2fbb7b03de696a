/**
 * Graduation and fall-back from a desil transition matrix (households found at both periods):
 *
 *   graduation rate = #{desil ≤ L at t0 and desil ≥ U at t1} / #{desil ≤ L at t0}
 *   fall-back rate  = #{desil ≥ U at t0 and desil ≤ L at t1} / #{desil ≥ U at t0}
 *
 * with L = `poorUpTo` (default 2: desil 1–2, the poorest fifth that graduation programmes start from) and
 * U = `graduatedFrom` (default 3), U > L. Denominators are households present at both periods: a household
 * that left is neither graduated nor stuck (the transition counts report them apart). A rate with a zero
 * denominator is null.
 *
 * Reference: the graduation approach of BRAC's Targeting the Ultra Poor and its evaluations (Banerjee et
 * al. 2015, Science 348, "A multifaceted program causes lasting progress for the very poor"), which count
 * graduation as leaving the entry group; here the groups are DT-SEN desil, not a poverty line.
 */
import { DESIL_COUNT } from '../hex/types.ts';
import { MATRIX_CELLS } from './transitions.ts';

/** The two bounds of the graduation definition (see the module comment). */
export interface GraduationBounds {
  /** Highest desil of the poor group at t0 (and of a fall at t1). */
  poorUpTo: number;
  /** Lowest desil that counts as graduated at t1 (and as the group that can fall back at t0). */
  graduatedFrom: number;
}

export const DEFAULT_BOUNDS: GraduationBounds = { poorUpTo: 2, graduatedFrom: 3 };

/** Checks the bounds: whole numbers with 1 ≤ L < U ≤ 10; throws a RangeError otherwise. */
export function checkBounds(b: GraduationBounds): GraduationBounds {
  const whole = (v: number) => Number.isInteger(v) && v >= 1 && v <= DESIL_COUNT;
  if (!whole(b.poorUpTo) || !whole(b.graduatedFrom) || b.graduatedFrom <= b.poorUpTo)
    throw new RangeError(
      `graduation bounds must satisfy 1 ≤ poor-up-to < graduated-from ≤ 10, got ${b.poorUpTo} and ${b.graduatedFrom}`,
    );
  return b;
}

/** The counts behind the two rates, and the rates. */
export interface Graduation {
  /** Households in desil ≤ L at t0 (found at t1): the graduation denominator. */
  poor: number;
  /** Of them, in desil ≥ U at t1. */
  graduated: number;
  rate: number | null;
  /** Households in desil ≥ U at t0 (found at t1): the fall-back denominator. */
  nonPoor: number;
  /** Of them, in desil ≤ L at t1. */
  fellBack: number;
  fallbackRate: number | null;
}

/**
 * The graduation and fall-back of the matrix at `matrix[offset … offset + 99]` (row-major from × to desil;
 * see the module comment).
 */
export function graduationOf(
  matrix: ArrayLike<number>,
  bounds: GraduationBounds = DEFAULT_BOUNDS,
  offset = 0,
): Graduation {
  const { poorUpTo: L, graduatedFrom: U } = checkBounds(bounds);
  let poor = 0;
  let graduated = 0;
  let nonPoor = 0;
  let fellBack = 0;
  for (let i = 1; i <= DESIL_COUNT; i++)
    for (let j = 1; j <= DESIL_COUNT; j++) {
      const v = matrix[offset + (i - 1) * DESIL_COUNT + (j - 1)];
      if (i <= L) {
        poor += v;
        if (j >= U) graduated += v;
      } else if (i >= U) {
        nonPoor += v;
        if (j <= L) fellBack += v;
      }
    }
  return {
    poor,
    graduated,
    rate: poor > 0 ? graduated / poor : null,
    nonPoor,
    fellBack,
    fallbackRate: nonPoor > 0 ? fellBack / nonPoor : null,
  };
}

/** {@link graduationOf} for each of `units` matrices laid end to end (`[u · 100 + cell]`). */
export function graduationPerUnit(
  matrices: ArrayLike<number>,
  bounds: GraduationBounds = DEFAULT_BOUNDS,
): Graduation[] {
  const units = Math.floor(matrices.length / MATRIX_CELLS);
  return Array.from({ length: units }, (_, u) => graduationOf(matrices, bounds, u * MATRIX_CELLS));
}
