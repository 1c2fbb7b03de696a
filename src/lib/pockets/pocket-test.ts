import { msg, type Message } from '../messages/message.ts';
import { empiricalBayesRates } from '../stats/eb-rates.ts';
import { analyseLisa, type LisaResult } from '../stats/lisa.ts';
import { normalUpperTail } from '../stats/normal.ts';
import { adjustPValues } from '../stats/p-adjust.ts';
import { MIN_UNITS } from '../stats/validate.ts';
import { summariseWeights } from '../weights/summary.ts';
import type { SpatialWeights } from '../weights/types.ts';
import type { GlobalTest, PocketOutcome, ResolvedPocketOptions } from './analysis.ts';
import { selectedComponents } from './components.ts';
import { pocketCandidates, type PocketCriterion } from './select.ts';

/** The analysed units of a pocket run (households ≥ k, shown): counts and their neighbours. */
export interface PocketTestInput {
  /** Households of each analysed unit (all > 0). */
  households: ArrayLike<number>;
  /** Desil-1 households of each analysed unit. */
  desil1: ArrayLike<number>;
  /** Neighbours among the analysed units (any style: the statistics row-standardise). */
  weights: SpatialWeights;
}

/** The statistical part of one pocket run, on the analysed units (indices are theirs, 0 … n − 1). */
export interface PocketTest {
  outcome: PocketOutcome;
  /** The analysed variable (EB-smoothed or raw desil-1 share). */
  value: Float64Array;
  /** The LISA / Gi* run; null when the data give no statistic (see `outcome`). */
  lisa: LisaResult | null;
  /** The local p the labels were decided on, after the correction; null with `lisa`. */
  pUsed: Float64Array | null;
  global: GlobalTest | null;
  /** The pockets as groups of analysed-unit indices (ascending): empty unless `outcome` lists pockets. */
  groups: Int32Array[];
  /** Groups that met the size rules, before the gate (reported as `groups` unless the gate held them back). */
  candidates: number;
}

/** The criterion in words (a message for the reasons and the settings line). */
export function criterionMessage(criterion: PocketCriterion): Message {
  if (criterion.kind === 'lisa') return msg('pockets.criterion.lisa');
  return msg(criterion.high ? 'pockets.criterion.giHigh' : 'pockets.criterion.gi', {
    confidence: criterion.confidence,
  });
}

/** Rounded for a message: the statistics keep full precision, a sentence needs three decimals. */
const round3 = (x: number) => Math.round(x * 1000) / 1000;

/**
 * The global test of the gate: Moran's I with its one-sided p for positive autocorrelation, the permutation
 * pseudo p (M + 1)/(R + 1) (Hope 1968) when permutations ran, else 1 − Φ(z) from the randomisation moments;
 * `supported` when p ≤ α (an undefined p supports nothing).
 *
 * Reference: Cliff & Ord (1981), §2.3 and §2.6; Anselin (1995), §5 (a local map is read after the global test).
 */
export function globalTestOf(lisa: LisaResult, alpha: number): GlobalTest {
  const permutation = lisa.moranPermutation;
  const p = permutation ? permutation.pSim : normalUpperTail(lisa.moran.z);
  return {
    I: lisa.moran.I,
    z: lisa.moran.z,
    p,
    method: permutation ? 'permutation' : 'analytical',
    supported: p <= alpha,
  };
}

/**
 * One pocket run on the analysed units, which never throws on valid data:
 *
 * 1. the value: the desil-1 share d1/h, or its global empirical-Bayes smoothing (`empiricalBayesRates`);
 * 2. no statistic, and so no pocket, with the reason, when there is nothing to test: no unit (no households,
 *    or none with k of them), fewer than 4
 *    units, one value everywhere (with EB: the between-unit variance a is 0, i.e. the shares differ no more
 *    than chance would make them), or fewer than 4 units with a neighbour (every desa an island);
 * 3. LISA / Gi* (`analyseLisa`: conditional permutations seeded by `seed`, α, the correction);
 * 4. the candidate units of the criterion (`pocketCandidates`), their connected groups (`selectedComponents`)
 *    of at least `minUnits` units and `minHouseholds` households;
 * 5. the gate: the global test (`globalTestOf`) at α; where it does not support clustering the groups are
 *    withheld (`require`) or reported as indicative (`indicative`).
 *
 * Reference: Anselin (1995); Getis & Ord (1992); Benjamini & Hochberg (1995); Marshall (1991);
 * `docs/methods-pockets.md` for the calibration of the defaults.
 */
export function runPocketTest(
  input: PocketTestInput,
  o: ResolvedPocketOptions,
  seed: number = o.seed,
): PocketTest {
  const n = input.households.length;
  const h = Float64Array.from(input.households);
  const d1 = Float64Array.from(input.desil1);
  const none = (reason: Message, value: Float64Array = new Float64Array(n)): PocketTest => ({
    outcome: { kind: 'none', reason },
    value,
    lisa: null,
    pUsed: null,
    global: null,
    groups: [],
    candidates: 0,
  });
  if (n === 0) return none(msg('pockets.none.noData', { k: o.minCount }));
  if (n < MIN_UNITS)
    return none(msg('pockets.none.tooFewUnits', { count: n, k: o.minCount, min: MIN_UNITS }));
  let value: Float64Array;
  let smoothedFlat = false;
  if (o.rate === 'eb') {
    const eb = empiricalBayesRates(d1, h);
    value = eb.smoothed;
    smoothedFlat = eb.a === 0;
  } else value = Float64Array.from(d1, (c, i) => c / h[i]);
  let same = true;
  for (let i = 1; i < n && same; i++) same = value[i] === value[0];
  if (same)
    return none(
      msg(smoothedFlat ? 'pockets.none.noVarianceEb' : 'pockets.none.noVariance', {
        count: n,
        value: Math.round(value[0] * 1e4) / 100,
      }),
      value,
    );
  const summary = summariseWeights(input.weights);
  if (summary.nEffective < MIN_UNITS)
    return none(
      msg('pockets.none.noNeighbours', { connected: summary.nEffective, count: n, min: MIN_UNITS }),
      value,
    );

  const lisa = analyseLisa(value, input.weights, {
    permutations: o.permutations,
    seed,
    alpha: o.alpha,
    pAdjust: o.pAdjust,
    expectRate: true,
  });
  const pUsed = adjustPValues(lisa.permutation ? lisa.permutation.pSim : lisa.local.pAnalytical, o.pAdjust);
  const global = globalTestOf(lisa, o.alpha);
  const selected = pocketCandidates({ ...lisa, z: lisa.local.z }, o.criterion);
  const significant = selectedComponents(selected, input.weights, 1);
  const kept = significant.filter((g) => {
    if (g.length < o.minUnits) return false;
    let households = 0;
    for (const u of g) households += h[u];
    return households >= o.minHouseholds;
  });
  const testWords = { I: round3(global.I), p: global.p, alpha: o.alpha };
  const base = { value, lisa, pUsed, global, candidates: kept.length };
  if (!global.supported && o.gate === 'require')
    return {
      ...base,
      outcome: {
        kind: 'none',
        reason:
          kept.length > 0
            ? msg('pockets.none.globalCandidates', { ...testWords, count: kept.length })
            : msg('pockets.none.global', testWords),
      },
      groups: [],
    };
  if (kept.length === 0)
    return {
      ...base,
      outcome: {
        kind: 'none',
        reason:
          significant.length > 0
            ? msg('pockets.none.tooSmall', {
                count: significant.length,
                minUnits: o.minUnits,
                minHouseholds: o.minHouseholds,
              })
            : msg('pockets.none.noSignificant', {
                criterion: criterionMessage(o.criterion),
                alpha: o.alpha,
                adjust: msg(`pockets.adjust.${o.pAdjust}`),
              }),
      },
      groups: [],
    };
  return {
    ...base,
    outcome: global.supported
      ? { kind: 'found', reason: msg('pockets.global.supported', testWords) }
      : { kind: 'indicative', reason: msg('pockets.indicative', testWords) },
    groups: kept,
  };
}
