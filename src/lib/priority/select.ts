/**
 * Picking target desa from a ranking under the rules planners are given. Desa are taken in rank order
 * (`order`, best first); every rule yields the same kind of answer (the chosen desa, what they reach, and
 * why a rule could not be met):
 *
 * - `top`: the N best-ranked desa;
 * - `reach`: the shortest top of the ranking whose desa hold at least X of the target households
 *   (e.g. 50% of the kabupaten's desil-1 households);
 * - `quota`: the longest top of the ranking whose target households fit a budget (e.g. 5,000 families);
 * - spread: at most M desa per kecamatan (a desa of a full kecamatan is skipped, the next one taken) and at
 *   least m per kecamatan (the best m of each kecamatan are taken first, then the rest in rank order).
 *
 * With upper bounds alone the choice is the greedy one over the ranking, which is optimal for a partition
 * matroid (Edmonds 1971): no other set of N desa within the bounds has a better sum of index. Lower bounds are
 * met first by each kecamatan's own best desa, then filled in rank order.
 *
 * Reference: Edmonds (1971), "Matroids and the greedy algorithm", Math. Programming 1; Korte & Vygen,
 * *Combinatorial Optimization*, §13 (partition matroids).
 */

export type SelectionRule =
  { kind: 'top'; n: number } | { kind: 'reach'; share: number } | { kind: 'quota'; households: number };

export interface SpreadRule {
  /** At most this many desa per kecamatan (null: no limit). */
  maxPerKecamatan: number | null;
  /** At least this many desa per kecamatan that has as many in scope (null: none). */
  minPerKecamatan: number | null;
}

export interface SelectionInput {
  /** Desa positions from rank 1 down. */
  order: ArrayLike<number>;
  /** Kecamatan code of each desa. */
  kecamatan: readonly string[];
  /** Target households of each desa (desil 1, or desil 1–4), what `reach` and `quota` count. */
  target: ArrayLike<number>;
}

export type SelectionProblem =
  | { code: 'none' }
  | { code: 'reachNotMet'; reached: number; wanted: number; desa: number }
  | { code: 'minTooMany'; needed: number; allowed: number }
  | { code: 'minAboveMax'; min: number; max: number }
  | { code: 'badRule' };

export interface Selection {
  /** Chosen desa positions, in the order taken (rank order, lower bounds first when there are some). */
  chosen: number[];
  /** Target households of the chosen desa, and of all desa in scope. */
  reached: number;
  total: number;
  /** Why the rule could not be met as asked (the selection is then the best that could be done). */
  problem: SelectionProblem;
}

function validRule(rule: SelectionRule): boolean {
  if (rule.kind === 'top') return Number.isInteger(rule.n) && rule.n >= 0;
  if (rule.kind === 'reach') return rule.share > 0 && rule.share <= 1;
  return rule.households >= 0 && Number.isFinite(rule.households);
}

/** Chooses desa by `rule` within `spread` (see the module comment). */
export function selectDesa(input: SelectionInput, rule: SelectionRule, spread: SpreadRule): Selection {
  const n = input.order.length;
  let total = 0;
  for (let i = 0; i < n; i++) total += input.target[input.order[i]];
  if (!validRule(rule)) return { chosen: [], reached: 0, total, problem: { code: 'badRule' } };
  const max = spread.maxPerKecamatan ?? Infinity;
  const min = spread.minPerKecamatan ?? 0;
  if (min > max) return { chosen: [], reached: 0, total, problem: { code: 'minAboveMax', min, max } };

  const taken = new Set<number>();
  const perKec = new Map<string, number>();
  const chosen: number[] = [];
  let reached = 0;
  const take = (d: number) => {
    taken.add(d);
    chosen.push(d);
    perKec.set(input.kecamatan[d], (perKec.get(input.kecamatan[d]) ?? 0) + 1);
    reached += input.target[d];
  };

  // lower bounds first: each kecamatan's best desa (as many as it has, up to min)
  if (min > 0) {
    const need = new Map<string, number>();
    for (let i = 0; i < n; i++) {
      const d = input.order[i];
      const k = input.kecamatan[d];
      if ((need.get(k) ?? 0) < min) {
        need.set(k, (need.get(k) ?? 0) + 1);
        take(d);
      }
    }
    if (rule.kind === 'top' && chosen.length > rule.n)
      return {
        chosen: [],
        reached: 0,
        total,
        problem: { code: 'minTooMany', needed: chosen.length, allowed: rule.n },
      };
  }

  const done = () =>
    rule.kind === 'top'
      ? chosen.length >= rule.n
      : rule.kind === 'reach'
        ? reached >= rule.share * total - 1e-9
        : false;
  for (let i = 0; i < n && !done(); i++) {
    const d = input.order[i];
    if (taken.has(d) || (perKec.get(input.kecamatan[d]) ?? 0) >= max) continue;
    if (rule.kind === 'quota' && reached + input.target[d] > rule.households) break;
    take(d);
  }
  // keep the lower-bound picks in rank order with the rest, as a ranking table shows them
  const rankOf = new Map<number, number>();
  for (let i = 0; i < n; i++) rankOf.set(input.order[i], i);
  chosen.sort((a, b) => rankOf.get(a)! - rankOf.get(b)!);
  const problem: SelectionProblem =
    rule.kind === 'reach' && !done()
      ? {
          code: 'reachNotMet',
          reached: total > 0 ? reached / total : 0,
          wanted: rule.share,
          desa: chosen.length,
        }
      : { code: 'none' };
  return { chosen, reached, total, problem };
}

/**
 * The coverage curve: the share of the target households reached by the top N desa in rank order, for N = 0…n
 * (`curve[0]` = 0). Drawn with the chosen point marked; a table of the same values sits behind the chart.
 */
export function coverageCurve(order: ArrayLike<number>, target: ArrayLike<number>): Float64Array {
  const n = order.length;
  const out = new Float64Array(n + 1);
  let total = 0;
  for (let i = 0; i < n; i++) total += target[order[i]];
  let sum = 0;
  for (let i = 0; i < n; i++) {
    sum += target[order[i]];
    out[i + 1] = total > 0 ? sum / total : 0;
  }
  return out;
}
