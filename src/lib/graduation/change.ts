/**
 * Change of one map unit (desa, kecamatan, hexagon) between a base period t0 and a comparison period t1, from
 * its aggregate counts: households in desil 1 and in desil 1–4 at each period, the absolute change
 * c₁ − c₀, the relative change (c₁ − c₀)/c₀ (null when c₀ = 0), and the change of their shares in
 * proportion points (share₁ − share₀, ×100 = percentage points).
 *
 * Shares divide by all households of the unit, so when that total moves a lot — new registrations, a data
 * cleaning that dropped ineligible rows, a desa split — a share can change with no household changing desil.
 * Such units are flagged when |N₁ − N₀| / N₀ ≥ {@link TOTAL_CHANGE_NOTE}, so a map reader is told.
 */
import type { UnitCounts } from '../indicators/units.ts';

/**
 * Relative change of a unit's households from which its shares are flagged as distorted: 10%. Normal churn
 * of a quarter (households leaving and joining, about 2% each in the synthetic data) stays well below it; a
 * registration drive or a cleaning of the register moves a desa by more.
 */
export const TOTAL_CHANGE_NOTE = 0.1;

/** One count at both periods and its changes. */
export interface CountChange {
  base: number;
  comparison: number;
  /** comparison − base. */
  absolute: number;
  /** (comparison − base) / base; null when base is 0. */
  relative: number | null;
}

/** A unit's change between two periods (see the module comment). */
export interface UnitChange {
  households: CountChange;
  desil1: CountChange;
  desil14: CountChange;
  /** share₁ − share₀ of desil 1 and of desil 1–4, in proportion points. */
  shareD1: number;
  shareD14: number;
  /** |N₁ − N₀| / N₀ ≥ TOTAL_CHANGE_NOTE: the shares' change rests partly on the change of the total. */
  totalChanged: boolean;
}

function countChange(base: number, comparison: number): CountChange {
  return {
    base,
    comparison,
    absolute: comparison - base,
    relative: base > 0 ? (comparison - base) / base : null,
  };
}

const sum = (c: UnitCounts, upTo: number) => c.kk_desil.slice(0, upTo).reduce((a, b) => a + b, 0);

/**
 * The change of a unit with households at both periods, or null when it has none at one of them (no change
 * can be computed).
 */
export function unitChange(
  base: UnitCounts | undefined,
  comparison: UnitCounts | undefined,
): UnitChange | null {
  if (!base || !comparison || base.jumlah_kk === 0 || comparison.jumlah_kk === 0) return null;
  const households = countChange(base.jumlah_kk, comparison.jumlah_kk);
  const desil1 = countChange(sum(base, 1), sum(comparison, 1));
  const desil14 = countChange(sum(base, 4), sum(comparison, 4));
  return {
    households,
    desil1,
    desil14,
    shareD1: desil1.comparison / households.comparison - desil1.base / households.base,
    shareD14: desil14.comparison / households.comparison - desil14.base / households.base,
    totalChanged: Math.abs(households.relative ?? 0) >= TOTAL_CHANGE_NOTE,
  };
}
