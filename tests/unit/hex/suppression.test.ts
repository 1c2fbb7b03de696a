import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  audit as auditLines,
  checkMinCount,
  type Entries,
  type Line,
  Suppressed,
  suppressedText,
  suppressSmallCounts,
  type Suppression,
} from '../../../src/lib/hex/suppression.ts';

/** What a reader of the export can do with one public line: the feasible range of each hidden entry. */
function leaks(
  members: number[],
  value: (id: number) => number,
  status: (id: number) => number,
  hiddenHi: (id: number) => number,
  k: number,
): number[] {
  let total = 0;
  const hidden: number[] = [];
  for (const id of members) {
    total += value(id);
    if (status(id) !== Suppressed.Shown) hidden.push(id);
  }
  // rule 4: a line whose own total is 1 … k−1 is not published
  if (hidden.length === 0 || (total > 0 && total < k)) return [];
  const bound = (id: number): [number, number] =>
    status(id) === Suppressed.Primary
      ? [1, k - 1]
      : status(id) === Suppressed.Complementary
        ? [k, Infinity]
        : [0, hiddenHi(id)];
  const sum = hidden.reduce((a, id) => a + value(id), 0);
  const out: number[] = [];
  for (const id of hidden) {
    // subtraction: total − shown = this entry alone
    if (hidden.length === 1) {
      out.push(id);
      continue;
    }
    if (status(id) !== Suppressed.Primary) continue;
    const [lo, hi] = bound(id);
    let othersLo = 0;
    let othersHi = 0;
    for (const o of hidden)
      if (o !== id) {
        othersLo += bound(o)[0];
        othersHi += bound(o)[1];
      }
    if (Math.max(lo, sum - othersHi) >= Math.min(hi, sum - othersLo)) out.push(id);
  }
  return out;
}

/** Checks the export guarantees; returns the number of leaks not listed as residual. */
function audit(
  totals: number[],
  values: number[],
  groups: number[],
  extra: number[][],
  s: Suppression,
): { unitLeaks: number; valueLeaks: number } {
  const k = s.k;
  const n = totals.length;
  const lines: { name: string; members: number[] }[] = [];
  for (const g of new Set(groups))
    if (g >= 0)
      lines.push({ name: `group:${g}`, members: totals.map((_, u) => u).filter((u) => groups[u] === g) });
  extra.forEach((m, x) => lines.push({ name: `extra:${x}`, members: m }));
  lines.push({ name: 'table', members: totals.map((_, u) => u) });
  const residual = new Set(s.residual.map((r) => `${r.kind}|${r.line}|${r.column ?? ''}`));
  let unitLeaks = 0;
  let valueLeaks = 0;
  for (const line of lines) {
    const l = leaks(
      line.members,
      (u) => totals[u],
      (u) => s.unit[u],
      () => Infinity,
      k,
    );
    if (l.length > 0 && !residual.has(`units|${line.name}|`)) unitLeaks++;
  }
  const value = s.value as Uint8Array;
  const hi = (id: number) => (s.unit[Math.floor(id / 10)] === Suppressed.Primary ? k - 1 : Infinity);
  for (let u = 0; u < n; u++) {
    if (s.unit[u] !== Suppressed.Shown) continue;
    const members = Array.from({ length: 10 }, (_, q) => u * 10 + q);
    if (
      leaks(
        members,
        (id) => values[id],
        (id) => value[id],
        hi,
        k,
      ).length > 0 &&
      !residual.has(`row|${u}|`)
    )
      valueLeaks++;
  }
  for (const line of lines)
    for (let q = 0; q < 10; q++) {
      const members = line.members.map((u) => u * 10 + q);
      if (
        leaks(
          members,
          (id) => values[id],
          (id) => value[id],
          hi,
          k,
        ).length > 0 &&
        !residual.has(`column|${line.name}|${q}`)
      )
        valueLeaks++;
    }
  return { unitLeaks, valueLeaks };
}

const table = fc
  .record({
    k: fc.integer({ min: 3, max: 12 }),
    rows: fc.array(
      fc.record({
        group: fc.integer({ min: -1, max: 4 }),
        desil: fc.array(
          fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 4 }), fc.integer({ min: 0, max: 30 })),
          {
            minLength: 10,
            maxLength: 10,
          },
        ),
      }),
      { minLength: 1, maxLength: 30 },
    ),
    extra: fc.array(fc.array(fc.nat(), { minLength: 1, maxLength: 6 }), { maxLength: 3 }),
  })
  .map(({ k, rows, extra }) => ({
    k,
    totals: rows.map((r) => r.desil.reduce((a, b) => a + b, 0)),
    values: rows.flatMap((r) => r.desil),
    groups: rows.map((r) => r.group),
    extra: extra.map((m) => [...new Set(m.map((u) => u % rows.length))]),
  }));

describe('suppressSmallCounts', () => {
  it('shows no unit and no value under k; no hidden entry can be recovered from a published line', () => {
    fc.assert(
      fc.property(table, ({ k, totals, values, groups, extra }) => {
        const s = suppressSmallCounts({ totals, values, width: 10, groups, extraGroups: extra }, k);
        const value = s.value as Uint8Array;
        totals.forEach((t, u) => {
          if (s.unit[u] === Suppressed.Shown) expect(t === 0 || t >= k).toBe(true);
          if (t > 0 && t < k) expect(s.unit[u]).toBe(Suppressed.Primary);
          for (let q = 0; q < 10; q++) {
            const v = values[u * 10 + q];
            if (value[u * 10 + q] === Suppressed.Shown) expect(v === 0 || v >= k).toBe(true);
            if (s.unit[u] !== Suppressed.Shown) expect(value[u * 10 + q]).toBe(Suppressed.WithUnit);
            // exported text never shows a count under k
            const text = suppressedText(v, value[u * 10 + q], k);
            if (/^\d+$/.test(text)) expect(Number(text) === 0 || Number(text) >= k).toBe(true);
          }
        });
        expect(audit(totals, values, groups, extra, s)).toEqual({ unitLeaks: 0, valueLeaks: 0 });
        // plain subtraction (exactly one hidden entry in a published line of several) never happens, residual or not
        const lines = [...new Set(groups)]
          .filter((g) => g >= 0)
          .map((g) => totals.map((_, u) => u).filter((u) => groups[u] === g))
          .concat(extra, [totals.map((_, u) => u)])
          .filter((m) => m.length > 1);
        for (const m of lines) {
          const sum = m.reduce((a, u) => a + totals[u], 0);
          if (sum > 0 && sum < k) continue;
          expect(m.filter((u) => s.unit[u] !== Suppressed.Shown).length).not.toBe(1);
          for (let q = 0; q < 10; q++) {
            const colSum = m.reduce((a, u) => a + values[u * 10 + q], 0);
            if (colSum > 0 && colSum < k) continue;
            expect(m.filter((u) => value[u * 10 + q] !== Suppressed.Shown).length).not.toBe(1);
          }
        }
        // residual lines only where nothing was left to hide: at most a handful
        expect(s.residual.length).toBeLessThanOrEqual(totals.length * 11 + 40);
      }),
      { numRuns: 400, seed: 11 },
    );
  });

  it('hides the next smallest unit when a group has exactly one suppressed unit', () => {
    const s = suppressSmallCounts(
      { totals: [4, 50, 12, 30, 80], groups: [0, 0, 0, 0, 1], tableTotal: false },
      10,
    );
    expect(Array.from(s.unit)).toEqual([1, 0, 2, 0, 0]);
    expect(s.complementaryUnits).toBe(1);
  });

  it('hides one more when the bounds pin two "< k" entries (9 + 9 = 18 with k = 10)', () => {
    const s = suppressSmallCounts({ totals: [9, 9, 40, 25], groups: [0, 0, 0, 0], tableTotal: false }, 10);
    expect(Array.from(s.unit)).toEqual([1, 1, 0, 2]);
  });

  it('protects a lone "< k" desil count in a row with a complementary count', () => {
    const values = [3, 40, 12, 0, 0, 0, 0, 0, 0, 0];
    const s = suppressSmallCounts({ totals: [55], values, width: 10, tableTotal: false }, 10);
    expect(Array.from((s.value as Uint8Array).slice(0, 3))).toEqual([1, 0, 2]);
    expect(suppressedText(3, 1, 10)).toBe('< 10');
    expect(suppressedText(12, 2, 10)).toBe('');
  });

  it('is deterministic', () => {
    const totals = [1, 2, 30, 40, 50, 7, 8, 90];
    const a = suppressSmallCounts({ totals, groups: [0, 1, 0, 1, 0, 1, 1, 0] }, 10);
    const b = suppressSmallCounts({ totals, groups: [0, 1, 0, 1, 0, 1, 1, 0] }, 10);
    expect(a).toEqual(b);
  });

  it.each([2, 0, -1, 2.5, '10'])('refuses threshold %s (never below 3)', (k) => {
    expect(() => checkMinCount(k)).toThrow(/≥ 3/);
    expect(() => suppressSmallCounts({ totals: [1] }, k as number)).toThrow(RangeError);
  });
});

describe('the audit of complementary suppression', () => {
  // The plain fixed-point loop the audit must equal: every line checked on every pass, bounds per entry.
  const K = 10;
  const boundsOf = (e: Entries, id: number): [number, number] =>
    e.status[id] === Suppressed.Primary
      ? [1, K - 1]
      : e.status[id] === Suppressed.Complementary
        ? [K, Infinity]
        : [0, e.hiddenHi ? e.hiddenHi[id] : Infinity];
  function plainUnsafe(line: Line, e: Entries): boolean {
    let [total, hidden, sumHidden, sumLo, sumHi] = [0, 0, 0, 0, 0];
    for (const id of line.members) {
      total += e.value[id];
      if (e.status[id] === Suppressed.Shown) continue;
      const [lo, hi] = boundsOf(e, id);
      hidden++;
      sumHidden += e.value[id];
      sumLo += lo;
      sumHi += hi;
    }
    if (hidden === 0 || (total > 0 && total < K)) return false;
    if (hidden === 1) return true;
    return Array.from(line.members).some((id) => {
      if (e.status[id] !== Suppressed.Primary) return false;
      const [lo, hi] = boundsOf(e, id);
      return Math.max(lo, sumHidden - (sumHi - hi)) >= Math.min(hi, sumHidden - (sumLo - lo));
    });
  }
  function plainAudit(lines: Line[], e: Entries, minPick: number): Line[] {
    const stuck = new Set<Line>();
    for (let changed = true; changed;) {
      changed = false;
      for (const line of lines) {
        if (stuck.has(line) || !plainUnsafe(line, e)) continue;
        let pick = -1;
        for (const id of line.members)
          if (
            e.status[id] === Suppressed.Shown &&
            e.value[id] >= minPick &&
            (pick < 0 || e.value[id] < e.value[pick] || (e.value[id] === e.value[pick] && id < pick))
          )
            pick = id;
        if (pick < 0) stuck.add(line);
        else {
          e.status[pick] = Suppressed.Complementary;
          changed = true;
        }
      }
    }
    return [...stuck].filter((line) => plainUnsafe(line, e));
  }

  it('hides the same entries and leaves the same lines as the plain fixed-point loop (random tables)', () => {
    const table = fc.integer({ min: 2, max: 60 }).chain((n) =>
      fc.record({
        value: fc.array(fc.oneof(fc.integer({ min: 0, max: 12 }), fc.integer({ min: 0, max: 60 })), {
          minLength: n,
          maxLength: n,
        }),
        // statuses before the audit: shown, primary where 1…k−1, and some hidden with their unit
        withUnit: fc.array(fc.oneof(fc.constant(Infinity), fc.constant(K - 1), fc.constant(0)), {
          minLength: n,
          maxLength: n,
        }),
        lines: fc.array(fc.uniqueArray(fc.integer({ min: 0, max: n - 1 }), { minLength: 1 }), {
          minLength: 1,
          maxLength: 12,
        }),
        minPick: fc.constantFrom(1, K),
      }),
    );
    fc.assert(
      fc.property(table, ({ value, withUnit, lines, minPick }) => {
        const make = (): Entries => {
          const status = Uint8Array.from(value, (v, i) =>
            withUnit[i] !== 0 && i % 3 === 0
              ? Suppressed.WithUnit
              : v > 0 && v < K
                ? Suppressed.Primary
                : Suppressed.Shown,
          );
          return { value, status, hiddenHi: Float64Array.from(withUnit, (h) => (h === 0 ? Infinity : h)) };
        };
        const asLines = (): Line[] =>
          lines.map((members, i) => ({ kind: 'column', name: String(i), members: Int32Array.from(members) }));
        const [a, b] = [make(), make()];
        const stuckA = auditLines(asLines(), a, K, minPick).map((l) => l.name);
        const stuckB = plainAudit(asLines(), b, minPick).map((l) => l.name);
        expect(Array.from(a.status)).toEqual(Array.from(b.status));
        expect(stuckA).toEqual(stuckB);
      }),
      { numRuns: 400, seed: 17 },
    );
  });
});
