/**
 * The targets panel: a kabupaten's poverty targets beside proxy figures from its DT-SEN data, their trend
 * over the periods, and a straight-line projection to each target year.
 *
 * Proxies (the data has desil, national welfare ranks, not the BPS poverty line):
 * - poverty: the share of households in desil 1 — the generator's and the project's stated simplification
 *   (desil 1 ≈ P0; see `desilSharesFromP0`); P0 counts people, this counts families;
 * - extreme poverty: the share of households flagged `miskin_ekstrem` where the extract has the flag, else the
 *   desil-1 share, an upper bound, labelled as rough.
 * Each figure carries the message that says which proxy it is; no surface may call it the BPS rate.
 *
 * Trend: ordinary least squares of the proxy (in proportion) on time tᵢ (decimal years at the middle of each
 * period, {@link periodTime}): slope b = Σ(t−t̄)(y−ȳ)/Σ(t−t̄)², and the projection ŷ(T) = ȳ + b (T − t̄) at the
 * middle of the target year T + 0.5, floored at 0. With one period there is no trend.
 *
 * Reference: the targets of Kabupaten Kendal's TKPK (0% extreme poverty in 2026, 4.5% poverty in 2029;
 * `../shared/data/kendal/FACTS.md`); least squares as in any regression text (e.g. Draper & Smith 1998, ch. 1).
 */
import { msg, type Message } from '../messages/message.ts';

export type TargetId = 'extreme' | 'poverty';

/** One target: reach `value` (a share, 0.045 = 4.5%) or less by `year`. */
export interface Target {
  id: TargetId;
  year: number;
  value: number;
}

/** Kendal's TKPK targets, the defaults for any kabupaten until it sets its own (editable, saved in the project). */
export const DEFAULT_TARGETS: readonly Target[] = [
  { id: 'extreme', year: 2026, value: 0 },
  { id: 'poverty', year: 2029, value: 0.045 },
];

/** Checks a list of targets from a file or a form: one per id, years 2000–2100, shares in [0, 1]. */
export function checkTargets(
  value: unknown,
): { ok: true; targets: Target[] } | { ok: false; error: Message } {
  const fail = (reason: string) => ({
    ok: false as const,
    error: msg('graduation.targets.invalid', { reason }),
  });
  if (!Array.isArray(value)) return fail('not a list');
  const out: Target[] = [];
  for (const t of value) {
    if (typeof t !== 'object' || t === null) return fail('not an object');
    const { id, year, value: v } = t as Record<string, unknown>;
    if (id !== 'extreme' && id !== 'poverty') return fail(`id ${String(id)}`);
    if (!Number.isInteger(year) || (year as number) < 2000 || (year as number) > 2100)
      return fail(`year ${String(year)}`);
    if (typeof v !== 'number' || !(v >= 0 && v <= 1)) return fail(`value ${String(v)}`);
    if (out.some((x) => x.id === id)) return fail(`${id} twice`);
    out.push({ id, year: year as number, value: v });
  }
  return { ok: true, targets: out };
}

/**
 * Decimal year at the middle of a canonical period: `2025` → 2025.5, `2025-S1` → 2025.25, `2025-Q3` →
 * 2025.625, `2025-07` → 2025.542 (month m: (m − 0.5)/12).
 */
export function periodTime(periode: string): number {
  const [y, rest = ''] = periode.split('-');
  const year = Number(y);
  if (rest.startsWith('Q')) return year + (3 * Number(rest[1]) - 1.5) / 12;
  if (rest.startsWith('S')) return year + (6 * Number(rest[1]) - 3) / 12;
  if (rest) return year + (Number(rest) - 0.5) / 12;
  return year + 0.5;
}

/** Counts of one area (kabupaten or kecamatan) in one period. */
export interface ProxyCounts {
  periode: string;
  households: number;
  desil1: number;
  /** Households flagged extremely poor; null when the data has no such flag. */
  extremeFlag: number | null;
}

/** A proxy figure of one period. */
export interface ProxyPoint {
  periode: string;
  t: number;
  /** The share (proportion), or null without households. */
  value: number | null;
  numerator: number;
  denominator: number;
}

/** One target's row: the proxy over the periods, its trend and projection. */
export interface TargetTrack {
  target: Target;
  /** Which proxy it is (a message for the label; see the module comment). */
  proxy: Message;
  points: ProxyPoint[];
  /** Slope in proportion per year (null with fewer than two points). */
  slope: number | null;
  /** Projected share at the middle of the target year (null without a trend), at least 0. */
  projected: number | null;
  /** projected ≤ target (null without a trend). */
  onTrack: boolean | null;
  /** The sentence under the figures. */
  verdict: Message;
}

/** Least-squares line through (tᵢ, yᵢ): slope and the value at T (see the module comment). */
export function linearTrend(
  points: readonly { t: number; value: number }[],
  at: number,
): { slope: number; value: number } | null {
  if (points.length < 2) return null;
  const tMean = points.reduce((a, p) => a + p.t, 0) / points.length;
  const yMean = points.reduce((a, p) => a + p.value, 0) / points.length;
  let sxy = 0;
  let sxx = 0;
  for (const p of points) {
    sxy += (p.t - tMean) * (p.value - yMean);
    sxx += (p.t - tMean) ** 2;
  }
  if (sxx === 0) return null;
  const slope = sxy / sxx;
  return { slope, value: yMean + slope * (at - tMean) };
}

const pct = (x: number) => Math.round(x * 1000) / 10;

/**
 * The track of each target for one area, from its counts per period (time order). Extreme poverty uses the
 * flag where every period has it, else desil 1 (see the module comment).
 */
export function trackTargets(counts: readonly ProxyCounts[], targets: readonly Target[]): TargetTrack[] {
  const flagged = counts.length > 0 && counts.every((c) => c.extremeFlag !== null);
  return targets.map((target) => {
    const useFlag = target.id === 'extreme' && flagged;
    const points: ProxyPoint[] = counts.map((c) => {
      const numerator = useFlag ? (c.extremeFlag as number) : c.desil1;
      return {
        periode: c.periode,
        t: periodTime(c.periode),
        value: c.households > 0 ? numerator / c.households : null,
        numerator,
        denominator: c.households,
      };
    });
    const proxy = msg(
      target.id === 'poverty'
        ? 'graduation.targets.proxy.poverty'
        : useFlag
          ? 'graduation.targets.proxy.extremeFlag'
          : 'graduation.targets.proxy.extremeDesil',
    );
    const known = points.filter((p): p is ProxyPoint & { value: number } => p.value !== null);
    const at = target.year + 0.5;
    const last = known.at(-1);
    const trend = linearTrend(known, at);
    if (last && last.t > at)
      return {
        target,
        proxy,
        points,
        slope: trend?.slope ?? null,
        projected: null,
        onTrack: last.value <= target.value,
        verdict: msg('graduation.targets.passed', {
          year: target.year,
          current: pct(last.value),
          target: pct(target.value),
        }),
      };
    if (!trend)
      return {
        target,
        proxy,
        points,
        slope: null,
        projected: null,
        onTrack: null,
        verdict: msg('graduation.targets.onePeriod'),
      };
    const projected = Math.max(0, trend.value);
    const onTrack = projected <= target.value;
    return {
      target,
      proxy,
      points,
      slope: trend.slope,
      projected,
      onTrack,
      verdict: msg(onTrack ? 'graduation.targets.onTrack' : 'graduation.targets.offTrack', {
        slope: Math.round(trend.slope * 1000) / 10,
        year: target.year,
        projected: pct(projected),
        target: pct(target.value),
      }),
    };
  });
}
