/**
 * Step N2: targeting accuracy ("tepat sasaran") of one programme per desa, with kecamatan and kabupaten
 * totals. For eligible deciles [a, b] (see `keys.ts`) and a desa's households:
 *
 *   eligible              E  = #{desil ∈ [a, b]}
 *   excluded              X  = #{desil ∈ [a, b], not receiving}          exclusion rate  X / E
 *   receiving eligible    RE = E − X
 *   recipients            R  = #{receiving}
 *   included ineligible   I  = #{receiving, desil ∉ [a, b]}              inclusion rate  I / R
 *   clear inclusion       C  = #{receiving, desil ≥ 6 and ∉ [a, b]}      (a subset of I)
 *
 * These are the exclusion and inclusion errors of targeting studies (Cornia & Stewart 1993, "Two errors of
 * targeting"; World Bank 2017, "Towards a Comprehensive, Integrated, and Effective Social Assistance System
 * in Indonesia"), measured against the decile ranking rather than a survey of true need.
 */
import { countIn, type NeedsCounts } from './counts.ts';
import { CLEAR_INCLUSION_FROM, type DesilBounds } from './keys.ts';

/** Exact targeting counts of one unit (desa, kecamatan or kabupaten). */
export interface TargetingCounts {
  households: number;
  eligible: number;
  excluded: number;
  recipients: number;
  includedIneligible: number;
  clearInclusion: number;
}

/** Targeting of one programme in one period. */
export interface ProgrammeTargeting {
  programme: string;
  bounds: DesilBounds;
  /** Per desa (index of the desa list). */
  desa: TargetingCounts[];
  /** Per group (kecamatan), by the `groups` given. */
  groups: TargetingCounts[];
  total: TargetingCounts;
}

const zero = (): TargetingCounts => ({
  households: 0,
  eligible: 0,
  excluded: 0,
  recipients: 0,
  includedIneligible: 0,
  clearInclusion: 0,
});

function add(to: TargetingCounts, c: TargetingCounts): void {
  to.households += c.households;
  to.eligible += c.eligible;
  to.excluded += c.excluded;
  to.recipients += c.recipients;
  to.includedIneligible += c.includedIneligible;
  to.clearInclusion += c.clearInclusion;
}

/** The counts of desa `i` in period index `p` (see the module comment). */
export function desaTargeting(
  c: NeedsCounts,
  p: number,
  i: number,
  programme: string,
  [a, b]: DesilBounds,
): TargetingCounts {
  const eligible = countIn(c, p, i, a, b);
  const receivingEligible = countIn(c, p, i, a, b, programme);
  const recipients = countIn(c, p, i, 1, 10, programme);
  let clearInclusion = 0;
  for (let d = Math.max(CLEAR_INCLUSION_FROM, 1); d <= 10; d++)
    if (d < a || d > b) clearInclusion += countIn(c, p, i, d, d, programme);
  return {
    households: countIn(c, p, i, 1, 10),
    eligible,
    excluded: eligible - receivingEligible,
    recipients,
    includedIneligible: recipients - receivingEligible,
    clearInclusion,
  };
}

/**
 * Targeting of `programme` in `periode` for every desa, summed per group (`groups[i]` = group index of desa
 * i, e.g. its kecamatan) and for the kabupaten. Throws a RangeError for a period or programme not counted.
 */
export function programmeTargeting(
  c: NeedsCounts,
  periode: string,
  programme: string,
  bounds: DesilBounds,
  groups: ArrayLike<number>,
): ProgrammeTargeting {
  const p = c.periods.indexOf(periode);
  if (p < 0) throw new RangeError(`period ${periode} not counted`);
  if (!c.flags.includes(programme)) throw new RangeError(`programme ${programme} not in the data`);
  const desa: TargetingCounts[] = [];
  const byGroup: TargetingCounts[] = [];
  const total = zero();
  for (let i = 0; i < c.desaCount; i++) {
    const t = desaTargeting(c, p, i, programme, bounds);
    desa.push(t);
    add((byGroup[groups[i]] ??= zero()), t);
    add(total, t);
  }
  for (let g = 0; g < byGroup.length; g++) byGroup[g] ??= zero();
  return { programme, bounds, desa, groups: byGroup, total };
}

/** Exclusion rate X / E (null when nobody is eligible). */
export function exclusionRate(t: TargetingCounts): number | null {
  return t.eligible > 0 ? t.excluded / t.eligible : null;
}

/** Inclusion rate I / R (null without recipients). */
export function inclusionRate(t: TargetingCounts): number | null {
  return t.recipients > 0 ? t.includedIneligible / t.recipients : null;
}
