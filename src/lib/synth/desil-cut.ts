/**
 * Indices 0…n−1 ordered by ascending score, ties broken by index (a stable, deterministic argsort).
 */
export function argsortAscending(score: ArrayLike<number>): Uint32Array {
  const order = new Uint32Array(score.length);
  for (let i = 0; i < order.length; i++) order[i] = i;
  order.sort((a, b) => score[a] - score[b] || a - b);
  return order;
}

/**
 * Assigns classes 1…K by rank: the households are ordered by ascending score (poorest first) and the first
 * b₁ = round(n·S₁) get class 1, the next up to b₂ = round(n·(S₁+S₂)) class 2, and so on, where Sₖ are the
 * target shares. Each class count is therefore within 1 of n·Sₖ: the calibration is exact up to rounding.
 * This is how DT-SEN desil work too: ranks of a welfare score cut at fixed shares.
 *
 * @param score one welfare score per household (lower = poorer)
 * @param shares target shares of classes 1…K, summing to 1
 * @returns the class (1-based) of each household, and the ascending order used
 */
export function cutByShares(
  score: ArrayLike<number>,
  shares: readonly number[],
): { classOf: Uint8Array; order: Uint32Array } {
  const total = shares.reduce((a, b) => a + b, 0);
  if (Math.abs(total - 1) > 1e-9) throw new RangeError(`target shares sum to ${total}, not 1`);
  if (shares.length > 255) throw new RangeError('at most 255 classes');
  const n = score.length;
  const order = argsortAscending(score);
  const classOf = new Uint8Array(n);
  let cumulative = 0;
  let rank = 0;
  for (let k = 0; k < shares.length; k++) {
    cumulative += shares[k];
    const bound = k === shares.length - 1 ? n : Math.round(n * cumulative);
    for (; rank < bound; rank++) classOf[order[rank]] = k + 1;
  }
  return { classOf, order };
}
