/**
 * An independent leak auditor: what a reader of a published table can work out. It knows only the published
 * figures and the public rules (a "< k" figure lies in [1, k−1], a withheld one in [k, ∞) or belongs to a
 * hidden unit), never the suppression code's statuses. Used by the suppression property tests, by the audit
 * of every published CLI file and by the browser test of the screen.
 */

/** One figure of a published line, as the reader sees it. */
export type SeenFigure =
  { kind: 'value'; value: number } | { kind: 'below'; k: number } | { kind: 'withheld'; hi?: number };

/**
 * Entries of a public line whose exact value follows from the line's public total: by subtraction (one
 * withheld entry alone), or because the bounds of the withheld entries pin one of them.
 * Returns the positions of the recoverable entries. `total` null = the line's total is not published.
 */
export function recoverable(figures: readonly SeenFigure[], total: number | null, k: number): number[] {
  if (total === null) return [];
  if (total > 0 && total < k) return []; // rule 4: such a total is itself not published
  const hidden = figures.map((f, i) => ({ f, i })).filter(({ f }) => f.kind !== 'value');
  if (hidden.length === 0) return [];
  if (hidden.length === 1) return [hidden[0].i];
  const shown = figures.reduce((a, f) => a + (f.kind === 'value' ? f.value : 0), 0);
  const rest = total - shown;
  const bound = (f: SeenFigure): [number, number] =>
    f.kind === 'below'
      ? [1, f.k - 1]
      : f.kind === 'withheld'
        ? [f.hi === undefined ? k : 0, f.hi ?? Infinity]
        : [f.value, f.value];
  const out: number[] = [];
  for (const { f, i } of hidden) {
    if (f.kind !== 'below') continue;
    const [lo, hi] = bound(f);
    let othersLo = 0;
    let othersHi = 0;
    for (const o of hidden)
      if (o.i !== i) {
        othersLo += bound(o.f)[0];
        othersHi += bound(o.f)[1];
      }
    if (Math.max(lo, rest - othersHi) >= Math.min(hi, rest - othersLo)) out.push(i);
  }
  return out;
}

/** A published cell's text as the reader sees it: `< 10`, empty (withheld), or a number. */
export function seen(text: string): SeenFigure | null {
  const t = text.trim();
  if (t === '') return { kind: 'withheld' };
  const m = /^<\s*(\d+)$/.exec(t);
  if (m) return { kind: 'below', k: Number(m[1]) };
  return /^-?\d+(\.\d+)?$/.test(t) ? { kind: 'value', value: Number(t) } : null;
}

/** Integer counts shown between 1 and k−1 (the primary rule): the cells that break it. */
export function smallCounts(texts: readonly string[], k: number): string[] {
  return texts.filter((t) => /^\d+$/.test(t.trim()) && Number(t) >= 1 && Number(t) < k);
}
