/**
 * Weights of a priority index as whole percentages that always sum to 100, as the sliders show them. Moving
 * one slider sets it (clamped to 0–100) and spreads the difference over the other indicators in proportion
 * to their current weights (equally when they are all 0); the largest-remainder method keeps every weight a
 * whole number and the sum exactly 100 (Hamilton's apportionment, as statistics offices round shares).
 */

/** Whole percentages summing to 100 from non-negative raw weights (equal when all are 0). */
export function toPercentages(raw: readonly number[]): number[] {
  const n = raw.length;
  if (n === 0) return [];
  const clean = raw.map((w) => (Number.isFinite(w) && w > 0 ? w : 0));
  const total = clean.reduce((a, b) => a + b, 0);
  const shares = total > 0 ? clean.map((w) => (100 * w) / total) : clean.map(() => 100 / n);
  const floors = shares.map(Math.floor);
  let left = 100 - floors.reduce((a, b) => a + b, 0);
  const order = shares.map((s, i) => ({ i, r: s - Math.floor(s) })).sort((a, b) => b.r - a.r || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    floors[i]++;
    left--;
  }
  return floors;
}

/**
 * Sets weight `index` to `value` (a slider move or a typed number) and rebalances the others so the sum stays
 * 100. A single indicator always weighs 100.
 */
export function setWeight(weights: readonly number[], index: number, value: number): number[] {
  const n = weights.length;
  if (n <= 1) return n === 1 ? [100] : [];
  const target = Math.min(100, Math.max(0, Math.round(Number.isFinite(value) ? value : 0)));
  const others = weights.map((w, i) => (i === index ? 0 : Math.max(0, w)));
  const othersTotal = others.reduce((a, b) => a + b, 0);
  const rest = 100 - target;
  const spread =
    othersTotal > 0
      ? others.map((w, i) => (i === index ? 0 : (rest * w) / othersTotal))
      : others.map((_, i) => (i === index ? 0 : rest / (n - 1)));
  // apportion the rest among the others alone, then put the moved weight back
  const parts = toPercentages(spread.filter((_, i) => i !== index));
  const scaled = rest === 0 ? parts.map(() => 0) : rescale(parts, rest);
  const out: number[] = [];
  let k = 0;
  for (let i = 0; i < n; i++) out.push(i === index ? target : scaled[k++]);
  return out;
}

/** Whole numbers proportional to `parts` (which sum to 100) summing to `total`, by largest remainder. */
function rescale(parts: readonly number[], total: number): number[] {
  const exact = parts.map((p) => (p * total) / 100);
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
