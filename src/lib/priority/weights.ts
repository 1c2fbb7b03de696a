/**
 * Weights of a priority index as whole percentages that always sum to 100, as the sliders show them. Moving
 * one slider sets it (clamped to 0–100) and spreads the difference over the other indicators in proportion
 * to their current weights (equally when they are all 0); the largest-remainder method keeps every weight a
 * whole number and the sum exact (Hamilton's apportionment, as statistics offices round shares).
 */

/**
 * Whole numbers summing to `total` in proportion to non-negative `raw` (equal parts when all are 0): the
 * floors of the exact parts, then one more to the largest remainders (ties to the lower index).
 */
export function apportion(raw: readonly number[], total: number): number[] {
  const n = raw.length;
  if (n === 0) return [];
  const clean = raw.map((w) => (Number.isFinite(w) && w > 0 ? w : 0));
  const sum = clean.reduce((a, b) => a + b, 0);
  const exact = sum > 0 ? clean.map((w) => (total * w) / sum) : clean.map(() => total / n);
  const floors = exact.map(Math.floor);
  let left = total - floors.reduce((a, b) => a + b, 0);
  const order = exact.map((s, i) => ({ i, r: s - Math.floor(s) })).sort((a, b) => b.r - a.r || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    floors[i]++;
    left--;
  }
  return floors;
}

/** Whole percentages summing to 100 from non-negative raw weights (equal when all are 0). */
export function toPercentages(raw: readonly number[]): number[] {
  return apportion(raw, 100);
}

/**
 * Sets weight `index` to `value` (a slider move or a typed number) and rebalances the others so the sum stays
 * 100. A single indicator always weighs 100.
 */
export function setWeight(weights: readonly number[], index: number, value: number): number[] {
  const n = weights.length;
  if (n <= 1) return n === 1 ? [100] : [];
  const target = Math.min(100, Math.max(0, Math.round(Number.isFinite(value) ? value : 0)));
  const others = apportion(
    weights.filter((_, i) => i !== index),
    100 - target,
  );
  const out: number[] = [];
  let k = 0;
  for (let i = 0; i < n; i++) out.push(i === index ? target : others[k++]);
  return out;
}
