import type { Pocket } from '../pockets/pockets.ts';
import { below, HIDDEN, publishTotal, value, type Published } from './published.ts';

/** A pocket's totals as published: each total is a public line of the suppression (see `pockets/analysis`). */
export interface PublishedPocket {
  households: Published;
  desil1: Published;
  /** desil-1 share: exact with its count, a bound when the count is "< k". */
  share: Published;
}

/**
 * Published totals of a pocket: households and desil-1 households are pocket lines (rule 4: a line total of
 * 1 … k−1 is "< k"); the share follows its numerator.
 */
export function publishPocket(
  p: Pick<Pocket, 'households' | 'desil1' | 'share'>,
  k: number,
): PublishedPocket {
  const households = publishTotal(p.households, k);
  const desil1 = publishTotal(p.desil1, k);
  const share =
    desil1.kind === 'value'
      ? value(p.share)
      : households.kind === 'value' && p.households > 0
        ? below(k / p.households)
        : HIDDEN;
  return { households, desil1, share };
}
