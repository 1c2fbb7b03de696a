/**
 * A figure as a person may see it: the value itself, only a bound ("fewer than 10"), or nothing. Everything
 * shown on screen or written to a file that people receive passes through this module's functions (the
 * "publication layer"); the counts behind it stay exact only in internal working files (the import's
 * aggregate table, the project file).
 *
 * Reference: Hundepool et al. (2012), *Statistical Disclosure Control*, ch. 4 (threshold rule, primary and
 * secondary suppression); see `src/lib/hex/suppression.ts` for the rules themselves.
 */
import { Suppressed } from '../hex/suppression.ts';

/** A published figure. */
export type Published =
  /** Shown as it is. */
  | { kind: 'value'; value: number }
  /** Shown only as "< bound" (a count of 1 … k−1 households, or a figure that would reveal one). */
  | { kind: 'below'; bound: number }
  /** Not shown: hidden to protect another figure, or part of a hidden unit. */
  | { kind: 'hidden' }
  /** No data (no households, or the figure does not apply). */
  | { kind: 'none' };

export const NONE: Published = { kind: 'none' };
export const HIDDEN: Published = { kind: 'hidden' };

export const value = (v: number): Published => ({ kind: 'value', value: v });
export const below = (bound: number): Published => ({ kind: 'below', bound });

/**
 * A count with its suppression status (from `suppressSmallCounts`): shown, "< k" (primary: 1 … k−1), or
 * hidden (complementary, or a value of a hidden unit). Zero is shown: it discloses no household.
 */
export function publishCount(count: number, status: number, k: number): Published {
  if (status === Suppressed.Shown) return value(count);
  if (status === Suppressed.Primary) return below(k);
  return HIDDEN;
}

/** A count that is a published line's own total (rule 4): shown when 0 or ≥ k, else "< k". */
export function publishTotal(count: number, k: number): Published {
  return count > 0 && count < k ? below(k) : value(count);
}

/** True when the figure can be used as a number (sorting, a class colour, a chart bar). */
export function isValue(p: Published): p is { kind: 'value'; value: number } {
  return p.kind === 'value';
}

/** The number, or null when it is not shown exactly. */
export function valueOrNull(p: Published): number | null {
  return p.kind === 'value' ? p.value : null;
}

/**
 * A sort key that never orders withheld figures by their true values: values as they are; "< bound",
 * withheld and no data have none (callers put them last, in a stable order). A "< bound" is not sorted at
 * its bound, which would rank a share of 2% among the highest just because its desa is small.
 */
export function sortKey(p: Published): number | null {
  return p.kind === 'value' ? p.value : null;
}

/** How a surface writes the figures that are not values. */
export interface PublishedText {
  format: (v: number) => string;
  /** Text of a hidden figure (a file: empty; the screen: a mark explained in the legend). */
  hidden: string;
  /** Text of no data. */
  none: string;
}

/** The text of a published figure: the formatted value, `< bound`, or the surface's marks. */
export function publishedText(p: Published, t: PublishedText): string {
  switch (p.kind) {
    case 'value':
      return t.format(p.value);
    case 'below':
      return `< ${t.format(p.bound)}`;
    case 'hidden':
      return t.hidden;
    case 'none':
      return t.none;
  }
}
