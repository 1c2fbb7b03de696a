/**
 * The needs views through the publication layer (`src/lib/publish`): every count a person sees or receives
 * is a {@link Published}. Counts of 1 … k−1 households are shown only as "< k"; a figure that would give one
 * back by subtraction is withheld (complementary suppression, Hundepool et al. 2012, §4.2).
 *
 * Targeting. The desa's eligible households E and its recipients R are public elsewhere (desil counts and
 * programme counts of the explore view), so the parts of the two lines
 *   E = X + RE        (excluded + receiving eligible)
 *   R = RE + I        (receiving eligible + included ineligible)
 * are the atoms: each in 1 … k−1 is "< k"; then, while a line with a public total has exactly one atom not
 * shown, its smallest shown atom is withheld too; a total of at most 2k over a "< k" part is withheld, since
 * with a withheld part (≥ k) it would pin the small one. Clear inclusion C is a part of I: "< k" when few, withheld
 * when I − C is few (or I is withheld). Rates are shown only when numerator and denominator are.
 *
 * Needs. Of the N desil 1–4 households, c have the need: c is "< k" when 1 … k−1, and withheld when N − c
 * is 1 … k−1 (a "nearly all" figure gives away the few without it). Shares follow c.
 *
 * Verification. The count of an issue is published as a line total (`publishTotal`); the row numbers are
 * the source file's own and are listed for the office that holds it — except beside a count shown as "< k",
 * where the length of the list would be the count (`views.ts` withholds them).
 */
import { HIDDEN, NONE, below, isValue, publishTotal, value, type Published } from '../publish/published.ts';
import type { TargetingCounts } from './targeting.ts';

/** A published targeting line. */
export interface PublishedTargeting {
  eligible: Published;
  excluded: Published;
  receivingEligible: Published;
  recipients: Published;
  includedIneligible: Published;
  clearInclusion: Published;
  exclusionRate: Published;
  inclusionRate: Published;
}

const small = (n: number, k: number) => n > 0 && n < k;

/** Publishes one targeting line (see the module comment). */
export function publishTargeting(t: TargetingCounts, k: number): PublishedTargeting {
  const atoms = { X: t.excluded, RE: t.eligible - t.excluded, I: t.includedIneligible };
  type Atom = keyof typeof atoms;
  const status: Record<Atom, 'value' | 'below' | 'hidden'> = { X: 'value', RE: 'value', I: 'value' };
  for (const a of Object.keys(atoms) as Atom[]) if (small(atoms[a], k)) status[a] = 'below';
  const lines: { total: number; atoms: Atom[] }[] = [
    { total: t.eligible, atoms: ['X', 'RE'] },
    { total: t.recipients, atoms: ['RE', 'I'] },
  ];
  for (let changed = true; changed;) {
    changed = false;
    for (const line of lines) {
      if (small(line.total, k)) continue; // such a total is not public itself
      const notShown = line.atoms.filter((a) => status[a] !== 'value');
      const shown = line.atoms.filter((a) => status[a] === 'value');
      if (notShown.length !== 1 || shown.length === 0) continue;
      shown.sort((a, b) => atoms[a] - atoms[b]);
      status[shown[0]] = 'hidden';
      changed = true;
    }
  }
  const atom = (a: Atom): Published =>
    status[a] === 'value' ? value(atoms[a]) : status[a] === 'below' ? below(k) : HIDDEN;
  // a public total T over a "< k" part and a withheld part b ≥ k pins the part when T ≤ k + 1 (T − b ≤ 1):
  // such a total is withheld too (with margin: up to 2k)
  const total = (line: (typeof lines)[number]): Published =>
    line.atoms.some((a) => status[a] === 'below') && line.total <= 2 * k && !small(line.total, k)
      ? HIDDEN
      : publishTotal(line.total, k);
  const eligible = total(lines[0]);
  const recipients = total(lines[1]);
  const excluded = atom('X');
  const includedIneligible = atom('I');
  // clear inclusion is a part of I: "< k" when few, withheld when the rest of I is few and I is shown
  const rest = t.includedIneligible - t.clearInclusion;
  const clearInclusion = small(t.clearInclusion, k)
    ? below(k)
    : small(rest, k) && status.I !== 'below'
      ? HIDDEN
      : status.I === 'value' || t.clearInclusion === 0
        ? value(t.clearInclusion)
        : HIDDEN;
  const rate = (num: Published, den: Published): Published =>
    isValue(num) && isValue(den) ? (den.value > 0 ? value(num.value / den.value) : NONE) : HIDDEN;
  return {
    eligible,
    excluded,
    receivingEligible: atom('RE'),
    recipients,
    includedIneligible,
    clearInclusion,
    exclusionRate: rate(excluded, eligible),
    inclusionRate: rate(includedIneligible, recipients),
  };
}

/** A published need of one unit: count and share among the N desil 1–4 households. */
export interface PublishedNeed {
  poor: Published;
  count: Published;
  share: Published;
}

/** Publishes one need (see the module comment). */
export function publishNeed(count: number, poor: number, k: number): PublishedNeed {
  const p = publishTotal(poor, k);
  let c: Published;
  if (poor === 0) c = NONE;
  else if (small(count, k)) c = below(k);
  else if (small(poor - count, k) || small(poor, k)) c = HIDDEN;
  else c = value(count);
  return {
    poor: p,
    count: c,
    share:
      isValue(c) && isValue(p) && p.value > 0 ? value(c.value / p.value) : c.kind === 'none' ? NONE : HIDDEN,
  };
}

/** Publishes the count of a verification issue (a line total, see the module comment). */
export function publishIssueCount(count: number, k: number): Published {
  return publishTotal(count, k);
}
