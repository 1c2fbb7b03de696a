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
