/**
 * The needs and verification data of an import: computed from the joined households right after the import
 * pass (`importFile`), so the app's Worker and the CLI get them from the same core, and only counts and row
 * numbers leave the pass. Several files are combined with {@link combineNeeds} (counts added, issues listed
 * per file, period jumps over the combined periods).
 */
import type { AreaGeometry } from '../geo/types.ts';
import type { DesilRejectedRows, JoinedHouseholds } from '../import/households.ts';
import { countNeeds, mergeNeedsCounts, type NeedsCounts } from './counts.ts';
import {
  periodJumps,
  sortIssues,
  verifyHouseholds,
  type IssueCode,
  type VerificationIssue,
} from './verification.ts';

/** What one import (or a combination of imports) gives the needs views. */
export interface NeedsData {
  counts: NeedsCounts;
  issues: VerificationIssue[];
  checked: IssueCode[];
  /** Codes of the desa list the indices refer to (set by surfaces that store the data apart from the list). */
  desaCodes?: string[];
}

/** The needs data of one import's households (see the module comment). */
export function householdNeeds(
  h: JoinedHouseholds,
  desaCount: number,
  options: {
    fileName: string;
    geometries?: readonly AreaGeometry[] | null;
    toleranceM?: number;
    desilRejected: DesilRejectedRows | null;
    sizeRead: boolean;
  },
): NeedsData {
  const v = verifyHouseholds(h, options);
  return { counts: countNeeds(h, desaCount), issues: v.issues, checked: v.checked };
}

/** Combines the needs data of several imports over one desa list, adding the period checks. */
export function combineNeeds(parts: readonly NeedsData[], desaCount: number): NeedsData {
  const counts = mergeNeedsCounts(
    parts.map((p) => p.counts),
    desaCount,
  );
  const checked = new Set(parts.flatMap((p) => p.checked));
  if (counts.periods.length >= 2) {
    checked.add('households_jump');
    checked.add('desil1_share_jump');
  }
  return {
    counts,
    issues: sortIssues([...parts.flatMap((p) => p.issues), ...periodJumps(counts)]),
    checked: [...checked],
  };
}

/** The checks that compare periods: {@link combineNeeds} derives them again from the periods it holds. */
const PERIOD_CHECKS: readonly IssueCode[] = ['households_jump', 'desil1_share_jump'];

/**
 * `data` without the periods in `removed`: their counts and their issues go, and so do the period checks
 * (which {@link combineNeeds} recomputes over the periods left). Used when a period of a dataset is replaced
 * or removed, so the needs views always describe exactly the periods the dataset holds.
 */
export function needsWithoutPeriods(data: NeedsData, removed: readonly string[]): NeedsData {
  const gone = new Set(removed);
  const c = data.counts;
  const kept = c.periods.map((periode, p) => ({ periode, p })).filter(({ periode }) => !gone.has(periode));
  const block = c.desaCount * 10;
  const take = (a: Uint32Array) => {
    const out = new Uint32Array(kept.length * block);
    kept.forEach(({ p }, q) => out.set(a.subarray(p * block, (p + 1) * block), q * block));
    return out;
  };
  return {
    ...data,
    counts: {
      periods: kept.map((k) => k.periode),
      desaCount: c.desaCount,
      flags: c.flags,
      desil: take(c.desil),
      flagDesil: Object.fromEntries(c.flags.map((f) => [f, take(c.flagDesil[f])])),
    },
    issues: data.issues.filter(
      (e) => !PERIOD_CHECKS.includes(e.issue) && (e.periode === null || !gone.has(e.periode)),
    ),
    checked: data.checked.filter((k) => !PERIOD_CHECKS.includes(k)),
  };
}

/** The needs data of a dataset's periods joined with those of another import over the same desa list. */
export function mergeNeedsPeriods(existing: NeedsData | null, added: NeedsData | null): NeedsData | null {
  const parts = [existing, added].filter((n): n is NeedsData => n !== null);
  if (parts.length === 0) return null;
  const desaCount = parts[0].counts.desaCount;
  const base = added && existing ? needsWithoutPeriods(existing, added.counts.periods) : existing;
  const merged = combineNeeds(
    [base, added].filter((n): n is NeedsData => n !== null),
    desaCount,
  );
  const desaCodes = added?.desaCodes ?? existing?.desaCodes;
  return desaCodes ? { ...merged, desaCodes } : merged;
}
