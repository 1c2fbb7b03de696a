/**
 * Pockets over time: the pocket analysis of each period (same settings), and what became of each pocket from
 * one period to the next — the TKPK's strategy is "fewer pockets".
 *
 * Pockets of consecutive periods t and t+1 are matched by the units (desa or hexagons) they share: an overlap
 * graph with an edge between a pocket of t and a pocket of t+1 that have at least one member in common.
 * Then, for a pocket of t+1:
 * - `new`: no pocket of t overlaps it;
 * - `merged`: two or more pockets of t overlap it;
 * - `split`: its one predecessor overlaps two or more pockets of t+1;
 * - otherwise one predecessor with one successor: `grew`, `shrank` or `stable` by the change of its desil-1
 *   households (the figure the list ranks pockets by; equal counts are `stable`);
 * and a pocket of t that overlaps no pocket of t+1 has `disappeared`.
 *
 * Reference: event-based tracking of spatial clusters over time (continue, grow, shrink, split, merge, appear,
 * disappear) as in Spiliopoulou et al. (2006), "MONIC: modeling and monitoring cluster transitions", KDD.
 */

/** What a pocket is for the matching: its id, members and totals. */
export interface PocketOfPeriod {
  id: string;
  name: string;
  members: readonly string[];
  households: number;
  desil1: number;
}

/** One period's pocket analysis. */
export interface PeriodPockets {
  periode: string;
  pockets: readonly PocketOfPeriod[];
}

export type PocketStatus = 'new' | 'disappeared' | 'grew' | 'shrank' | 'stable' | 'split' | 'merged';

/** What became of one pocket between two consecutive periods. */
export interface PocketChange {
  /** The later period, or for `disappeared` the period in which it is no longer there. */
  periode: string;
  /** The earlier period (null for the first period's pockets, which have no status). */
  previous: string;
  status: PocketStatus;
  /** The pocket of `periode` (null for `disappeared`). */
  pocket: PocketOfPeriod | null;
  /** The pockets of `previous` it overlaps (for `disappeared`: the pocket that is gone). */
  predecessors: PocketOfPeriod[];
  /** Members shared with the predecessors. */
  shared: number;
}

/** The timeline: pockets and their desil-1 households per period. */
export interface PocketTimelinePoint {
  periode: string;
  pockets: number;
  desil1: number;
  households: number;
}

/** The timeline of {@link PeriodPockets} in the order given (time order). */
export function pocketTimeline(periods: readonly PeriodPockets[]): PocketTimelinePoint[] {
  return periods.map((p) => ({
    periode: p.periode,
    pockets: p.pockets.length,
    desil1: p.pockets.reduce((a, x) => a + x.desil1, 0),
    households: p.pockets.reduce((a, x) => a + x.households, 0),
  }));
}

/** The changes between two consecutive periods (see the module comment): later pockets first, then the gone. */
export function matchPockets(before: PeriodPockets, after: PeriodPockets): PocketChange[] {
  const owner = new Map<string, number>();
  before.pockets.forEach((p, i) => p.members.forEach((m) => owner.set(m, i)));
  const predecessors = after.pockets.map((p) => {
    const shared = new Map<number, number>();
    for (const m of p.members) {
      const i = owner.get(m);
      if (i !== undefined) shared.set(i, (shared.get(i) ?? 0) + 1);
    }
    return shared;
  });
  const successors = before.pockets.map(() => 0);
  for (const shared of predecessors) for (const i of shared.keys()) successors[i]++;
  const out: PocketChange[] = after.pockets.map((p, j) => {
    const shared = predecessors[j];
    const preds = [...shared.keys()].sort((a, b) => a - b);
    let status: PocketStatus;
    if (preds.length === 0) status = 'new';
    else if (preds.length > 1) status = 'merged';
    else if (successors[preds[0]] > 1) status = 'split';
    else {
      const d = p.desil1 - before.pockets[preds[0]].desil1;
      status = d > 0 ? 'grew' : d < 0 ? 'shrank' : 'stable';
    }
    return {
      periode: after.periode,
      previous: before.periode,
      status,
      pocket: p,
      predecessors: preds.map((i) => before.pockets[i]),
      shared: [...shared.values()].reduce((a, b) => a + b, 0),
    };
  });
  before.pockets.forEach((p, i) => {
    if (successors[i] === 0)
      out.push({
        periode: after.periode,
        previous: before.periode,
        status: 'disappeared',
        pocket: null,
        predecessors: [p],
        shared: 0,
      });
  });
  return out;
}

/** {@link matchPockets} for every pair of consecutive periods, in time order. */
export function pocketsOverTime(periods: readonly PeriodPockets[]): PocketChange[] {
  const out: PocketChange[] = [];
  for (let t = 1; t < periods.length; t++) out.push(...matchPockets(periods[t - 1], periods[t]));
  return out;
}
