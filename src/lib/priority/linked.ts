/**
 * The graduation indicators of the priority index (`graduation_rate`, `stuck`; see `indicators.ts`) from the
 * monitoring analysis (`src/lib/graduation/monitor.ts`), for the app's Prioritas mode and `kantong rank`
 * alike: the monitoring request of a view's parameters (base = the period before the ranked one, comparison
 * = the ranked period, the view's graduation bounds, stuck-desa and pocket settings), and its result as the
 * ranking's inputs.
 *
 *   graduation[i] = EB-smoothed graduation rate of desa i where the stuck analysis analysed it, else null
 *   stuck[i]      = 1 for a desa of a stagnant pocket ("kantong stagnan", `stuck.ts`), else 0
 *   shown[i]      = whether desa i's smoothed rate may be published (both of its counts shown)
 *
 * Only with households linked between the two periods by a hashed key (panels); without them there is no
 * graduation rate, and the result is null.
 */
import type { MonitorInput, MonitorResult } from '../graduation/monitor.ts';
import { DEFAULT_BOUNDS, type GraduationBounds } from '../graduation/rates.ts';
import { pocketOptionsOf, type AnalysisParams } from '../params/analysis.ts';

/** The ranking's graduation inputs (see the module comment). */
export interface LinkedIndicators {
  graduation: (number | null)[];
  stuck: Uint8Array;
  shown: boolean[];
}

/** The graduation indicators of a monitoring result, or null without a stuck analysis (no linked periods). */
export function linkedIndicators(
  result: Pick<MonitorResult, 'stuck' | 'smoothedShown'> | null | undefined,
): LinkedIndicators | null {
  const s = result?.stuck;
  if (!s || !result.smoothedShown) return null;
  return {
    graduation: Array.from(s.smoothed, (v, i) => (s.analysed[i] && Number.isFinite(v) ? v : null)),
    stuck: s.stuck,
    shown: result.smoothedShown,
  };
}

/** Graduation bounds of the parameters (the defaults when the two do not make a definition). */
export function graduationBoundsOf(
  v: Pick<AnalysisParams, 'poorDesil' | 'graduatedDesil'>,
): GraduationBounds {
  return v.graduatedDesil > v.poorDesil
    ? { poorUpTo: v.poorDesil, graduatedFrom: v.graduatedDesil }
    : DEFAULT_BOUNDS;
}

/** The settings part of the monitoring request for a view's parameters (see the module comment). */
export function monitorSettingsOf(
  v: AnalysisParams,
): Pick<MonitorInput, 'k' | 'bounds' | 'stuck' | 'pockets'> {
  return {
    k: v.minCount,
    bounds: graduationBoundsOf(v),
    stuck: { permutations: v.permutations, seed: v.seed, alpha: v.alpha, pAdjust: v.adjust },
    pockets: pocketOptionsOf(v, 'desa'),
  };
}
