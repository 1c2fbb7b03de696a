import { msg, type Message } from '../messages/message.ts';
import type { ResolvedPocketOptions } from './analysis.ts';
import { criterionMessage } from './pocket-test.ts';
import { isStable } from './stability.ts';

/**
 * The settings of a pocket run in words, for the legend, the pocket list and every export: criterion, α,
 * correction, the size rules, the gate, the value analysed, permutations and seed, and the reruns behind the
 * stability. A pocket list without them cannot be read, so each surface shows this one message.
 */
export function pocketSettingsMessage(o: ResolvedPocketOptions, stabilityRuns: number): Message {
  return msg('pockets.settings', {
    criterion: criterionMessage(o.criterion),
    alpha: o.alpha,
    adjust: msg(`pockets.adjust.${o.pAdjust}`),
    minUnits: o.minUnits,
    minHouseholds: o.minHouseholds,
    gate: msg(`pockets.gate.${o.gate}`),
    rate: msg(`pockets.rate.${o.rate}`),
    permutations: o.permutations,
    seed: o.seed,
    runs: stabilityRuns,
  });
}

/**
 * "Stable: in 95% of 20 reruns" / "less stable: …" for a share of reruns (see `isStable`, `STABLE_SHARE`);
 * the percentage is rounded to a whole number.
 */
export function stabilityMessage(share: number, runs: number): Message {
  return msg(isStable(share) ? 'pockets.stability.stable' : 'pockets.stability.unstable', {
    share: Math.round(share * 100),
    runs,
  });
}
