/**
 * The graduation core on small hand-made panels: linking two periods (matched, only at one period, duplicate
 * and ambiguous keys, moves), the transition matrix, graduation and fall-back rates against hand computation,
 * their publication, the change of a unit, pockets over time and the targets.
 */
import { describe, expect, it } from 'vitest';
import { KeyIndex } from '../../../src/lib/graduation/key-index.ts';
import { panelsFromHouseholds } from '../../../src/lib/graduation/panel.ts';
import { graduationOf, graduationPerUnit, checkBounds } from '../../../src/lib/graduation/rates.ts';
import { kabupatenMatrix, sumMatrices, transitionCounts } from '../../../src/lib/graduation/transitions.ts';
import { TOTAL_CHANGE_NOTE, unitChange } from '../../../src/lib/graduation/change.ts';
import {
  matchPockets,
  pocketTimeline,
  pocketsOverTime,
  type PocketOfPeriod,
} from '../../../src/lib/graduation/pockets-over-time.ts';
import {
  checkTargets,
  DEFAULT_TARGETS,
  linearTrend,
  periodTime,
  trackTargets,
} from '../../../src/lib/graduation/targets.ts';
import { findStuck } from '../../../src/lib/graduation/stuck.ts';
import { publishTransitions, publishUnitGraduation } from '../../../src/lib/publish/transitions.ts';
import { Suppressed } from '../../../src/lib/hex/suppression.ts';
import { renderMessage } from '../../../src/lib/messages/render.ts';
import type { SpatialWeights } from '../../../src/lib/weights/types.ts';
import { matrixOf, panel } from './helpers.ts';

const A = '99.99.01.2001';
const B = '99.99.01.2002';

// t0: k6 twice (a duplicate key), k5 leaves; t1: k9 twice, k8 is new, k7 moved from A to B.
const t0 = panel(
  '2025-Q1',
  [A, B],
  [
    ['k1', 0, 1],
    ['k2', 0, 2],
    ['k3', 0, 5],
    ['k4', 1, 1],
    ['k5', 1, 3],
    ['k6', 1, 2],
    ['k6', 1, 7],
    ['k7', 0, 4],
  ],
  2,
);
// the comparison panel indexes desa in another order (B first): linking goes by code
const t1 = panel(
  '2025-Q3',
  [B, A],
  [
    ['k1', 1, 3],
    ['k2', 1, 2],
    ['k3', 1, 1],
    ['k4', 0, 4],
    ['k6', 0, 2],
    ['k7', 0, 4],
    ['k8', 1, 1],
    ['k9', 0, 1],
    ['k9', 0, 2],
  ],
);

describe('linking two periods', () => {
  const t = transitionCounts(t0, t1, [A, B]);

  it('the matrix holds exactly the matched households, in their base desa', () => {
    const kab = kabupatenMatrix(t);
    expect(kab.reduce((a, b) => a + b, 0)).toBe(t.base_tally.matched);
    expect(t.base_tally.matched).toBe(5);
    expect(
      [...kab].map((v, c) => (v ? `${Math.floor(c / 10) + 1}→${(c % 10) + 1}:${v}` : '')).filter(Boolean),
    ).toEqual(['1→3:1', '1→4:1', '2→2:1', '4→4:1', '5→1:1']);
    // desa A: k1, k2, k3, k7 (k7 moved to B, counted where it started); desa B: k4
    expect(t.matrix.subarray(0, 100).reduce((a, b) => a + b, 0)).toBe(4);
    expect(t.matrix.subarray(100, 200).reduce((a, b) => a + b, 0)).toBe(1);
    expect(t.moved).toBe(1);
  });

  it('households at one period only are counted, not dropped; duplicates and ambiguous keys are reported', () => {
    expect([...t.onlyBase]).toEqual([0, 1]); // k5 left desa B
    expect([...t.onlyComparison]).toEqual([1, 0]); // k8 is new in desa A
    expect(t.base_tally).toEqual({
      households: 10,
      matched: 5,
      only: 1,
      duplicateKeys: 1,
      duplicateRows: 2,
      ambiguous: 0,
      withoutKey: 2,
    });
    expect(t.comparison_tally).toEqual({
      households: 9,
      matched: 5,
      only: 1,
      duplicateKeys: 1,
      duplicateRows: 2,
      ambiguous: 1, // k6 is unique at t1 but two rows share it at t0
      withoutKey: 0,
    });
    for (const s of [t.base_tally, t.comparison_tally])
      expect(s.matched + s.only + s.duplicateRows + s.ambiguous + s.withoutKey).toBe(s.households);
  });

  it('a key index finds every key and counts keys held by several rows', () => {
    const idx = new KeyIndex(t1.keyHash, t1.count);
    for (let r = 0; r < t1.count; r++) expect(idx.find(t1.keyHash, r * 16)).toBeGreaterThanOrEqual(0);
    expect([...idx.duplicate]).toEqual([0, 0, 0, 0, 0, 0, 0, 1, 1]);
    expect([idx.duplicateKeys, idx.duplicateRows]).toEqual([1, 2]);
    const other = panel('x', [A], [['nowhere', 0, 1]]);
    expect(idx.find(other.keyHash, 0)).toBe(-1);
  });

  it('panels from an import keep only keyed rows, period by period', () => {
    const hashes = new Uint8Array(4 * 16);
    hashes.set(t0.keyHash.subarray(0, 32), 0); // rows 0 and 1 keyed, row 2 without a key, row 3 keyed
    hashes.set(t0.keyHash.subarray(32, 48), 48);
    const panels = panelsFromHouseholds(
      {
        count: 4,
        periods: ['2025-Q1', '2025-Q3'],
        desa: Uint16Array.from([0, 1, 1, 0]),
        periode: Uint16Array.from([0, 0, 1, 1]),
        desil: Uint8Array.from([1, 2, 3, 4]),
        size: new Uint8Array(4),
        lat: null,
        lon: null,
        flags: {},
        key_hash: hashes,
        source_row: Uint32Array.from([2, 3, 4, 5]),
      },
      [A, B],
    );
    expect(panels.map((p) => [p.periode, p.count, p.withoutKey, [...p.desil]])).toEqual([
      ['2025-Q1', 2, 0, [1, 2]],
      ['2025-Q3', 1, 1, [4]],
    ]);
    expect(Object.keys(panels[0]).sort()).toEqual(
      ['count', 'desa', 'desaCodes', 'desil', 'keyHash', 'periode', 'withoutKey'].sort(),
    );
  });
});

describe('graduation and fall-back rates', () => {
  const kab = kabupatenMatrix(transitionCounts(t0, t1, [A, B]));

  it('match hand computation with the default bounds (desil 1–2 → desil ≥ 3)', () => {
    // poor at t0: k1 1→3, k2 2→2, k4 1→4: 2 of 3 graduated; others at t0: k3 5→1, k7 4→4: 1 of 2 fell back
    expect(graduationOf(kab)).toEqual({
      poor: 3,
      graduated: 2,
      rate: 2 / 3,
      nonPoor: 2,
      fellBack: 1,
      fallbackRate: 1 / 2,
    });
  });

  it('follow configured bounds (desil 1 → desil ≥ 4)', () => {
    const g = graduationOf(kab, { poorUpTo: 1, graduatedFrom: 4 });
    // poor: k1 1→3 (not ≥ 4), k4 1→4: 1 of 2; others (desil ≥ 4 at t0): k3 5→1, k7 4→4: 1 of 2 fell to desil 1
    expect([g.poor, g.graduated, g.rate, g.nonPoor, g.fellBack, g.fallbackRate]).toEqual([
      2, 1, 0.5, 2, 1, 0.5,
    ]);
    expect(() => checkBounds({ poorUpTo: 3, graduatedFrom: 3 })).toThrow(RangeError);
  });

  it('per unit and per group: the sums of the units', () => {
    const t = transitionCounts(t0, t1, [A, B]);
    const [a, b] = graduationPerUnit(t.matrix);
    expect([a.poor, a.graduated, b.poor, b.graduated]).toEqual([2, 1, 1, 1]);
    expect(graduationOf(sumMatrices(t.matrix, [0, 0], 1))).toEqual(graduationOf(kab));
    expect(graduationOf(new Uint32Array(100)).rate).toBeNull();
  });
});

describe('publication of a transition matrix', () => {
  const k = 10;
  // row 1: 120 stay, 30 → 2, 4 → 3 (a small cell); row 2: 200 → 2, 50 → 3, 7 → 4; row 5: 300 → 5
  const m = matrixOf([
    [1, 1, 120],
    [1, 2, 30],
    [1, 3, 4],
    [2, 2, 200],
    [2, 3, 50],
    [2, 4, 7],
    [5, 5, 300],
  ]);
  const p = publishTransitions(m, k);

  it('a cell of 1 … k−1 is "< k"; no published line gives a hidden cell back', () => {
    expect(p.cells[2]).toEqual({ kind: 'below', bound: 10 });
    expect(p.cells[13]).toEqual({ kind: 'below', bound: 10 });
    const rows = Array.from({ length: 10 }, (_, i) => Array.from({ length: 10 }, (_, j) => i * 10 + j));
    const cols = Array.from({ length: 10 }, (_, j) => Array.from({ length: 10 }, (_, i) => i * 10 + j));
    const lines: [number[], (typeof p.rowTotals)[number]][] = [
      ...rows.map((r, i) => [r, p.rowTotals[i]] as [number[], typeof p.matched]),
      ...cols.map((c, j) => [c, p.columnTotals[j]] as [number[], typeof p.matched]),
      [[...Array(100).keys()], p.matched],
      [[2, 3, 4, 5, 6, 7, 8, 9, 12, 13, 14, 15, 16, 17, 18, 19], p.graduated],
      [[0, 1, 10, 11], (() => p.poor)()],
    ];
    for (const [cells, total] of lines) {
      if (total.kind !== 'value') continue;
      const hidden = cells.filter((c) => p.cells[c].kind !== 'value' && m[c] > 0);
      // a published total with exactly one withheld cell would give it back
      expect(hidden.length === 1, `line ${cells.join(',')}`).toBe(false);
    }
    expect(p.matched).toEqual({ kind: 'value', value: 711 });
  });

  it('rates are shown with their denominators, only when both counts may be', () => {
    expect(p.poor).toEqual({ kind: 'value', value: 411 });
    const exact = graduationOf(m);
    if (p.graduated.kind === 'value') expect(p.rate).toEqual({ kind: 'value', value: exact.rate });
    else expect(p.rate.kind).not.toBe('value');
    const tiny = publishTransitions(
      matrixOf([
        [1, 1, 3],
        [1, 3, 2],
      ]),
      k,
    );
    expect(tiny.rate.kind).not.toBe('value');
    expect(tiny.poor).toEqual({ kind: 'below', bound: 10 });
  });

  it('per desa: a small denominator is "< k", an EB rate only where both counts are shown', () => {
    const units = [
      { poor: 200, graduated: 40 },
      { poor: 150, graduated: 3 },
      { poor: 300, graduated: 90 },
      { poor: 250, graduated: 100 },
    ];
    const u = publishUnitGraduation(units, [0, 0, 0, 0], k);
    expect(u.poor.map((p) => p.kind)).toEqual(['value', 'value', 'value', 'value']);
    expect(u.graduated[1]).toEqual({ kind: 'below', bound: 10 });
    expect(u.rate[1]).toEqual({ kind: 'below', bound: 10 / 150 });
    expect(u.smoothedShown[1]).toBe(false);
    // the kecamatan's graduated total is public: another desa's count is hidden with the "< 10"
    expect(u.graduated.filter((g) => g.kind === 'hidden').length).toBeGreaterThanOrEqual(1);
    for (let i = 0; i < units.length; i++)
      if (u.graduated[i].kind === 'value')
        expect(u.rate[i]).toEqual({ kind: 'value', value: units[i].graduated / units[i].poor });
    const small = publishUnitGraduation(
      [
        { poor: 6, graduated: 1 },
        { poor: 200, graduated: 40 },
        { poor: 300, graduated: 60 },
      ],
      [0, 0, 0],
      k,
    );
    expect(small.poor[0]).toEqual({ kind: 'below', bound: 10 });
    expect(small.smoothedShown[0]).toBe(false);
    expect(Suppressed.Shown).toBe(0);
  });
});

describe('change of a unit', () => {
  const c = (households: number, d1: number, d2to4: number) => ({
    jumlah_kk: households,
    kk_desil: [d1, d2to4, 0, 0, 0, 0, 0, 0, 0, households - d1 - d2to4],
    jumlah_jiwa: null,
    programmes: {},
  });

  it('absolute and relative changes of desil 1 and 1–4, the change of shares, the total-change note', () => {
    const ch = unitChange(c(1000, 100, 200), c(1020, 80, 210))!;
    expect(ch.desil1).toEqual({ base: 100, comparison: 80, absolute: -20, relative: -0.2 });
    expect(ch.desil14).toEqual({ base: 300, comparison: 290, absolute: -10, relative: -10 / 300 });
    expect(ch.shareD1).toBeCloseTo(80 / 1020 - 0.1, 12);
    expect(ch.totalChanged).toBe(false);
    expect(unitChange(c(1000, 100, 0), c(1000 * (1 + TOTAL_CHANGE_NOTE), 100, 0))!.totalChanged).toBe(true);
    expect(unitChange(c(0, 0, 0), c(10, 1, 0))).toBeNull();
    expect(unitChange(c(10, 0, 0), c(10, 1, 0))!.desil1.relative).toBeNull();
  });
});

describe('pockets over time', () => {
  const pk = (id: string, members: string[], desil1: number): PocketOfPeriod => ({
    id,
    name: id,
    members,
    households: desil1 * 5,
    desil1,
  });
  const p1 = {
    periode: '2025-Q1',
    pockets: [
      pk('a', ['1', '2', '3', '4'], 400),
      pk('b', ['7', '8', '9'], 300),
      pk('c', ['20', '21'], 100),
      pk('d', ['30', '31'], 90),
      pk('e', ['40', '41'], 80),
    ],
  };
  const p2 = {
    periode: '2025-Q3',
    pockets: [
      pk('a1', ['1', '2'], 150), // a split into a1 and a2
      pk('a2', ['4', '5'], 160),
      pk('bc', ['9', '10', '20'], 350), // b and c merged
      pk('d', ['30', '31', '32'], 120), // grew
      pk('e', ['40'], 50), // shrank
      pk('n', ['50', '51', '52'], 70), // new
    ],
  };

  it('split, merge, disappear, new, grew and shrank on a hand-made case', () => {
    const changes = matchPockets(p1, p2);
    const byPocket = Object.fromEntries(
      changes.filter((c) => c.pocket).map((c) => [c.pocket!.id, [c.status, c.predecessors.map((p) => p.id)]]),
    );
    expect(byPocket).toEqual({
      a1: ['split', ['a']],
      a2: ['split', ['a']],
      bc: ['merged', ['b', 'c']],
      d: ['grew', ['d']],
      e: ['shrank', ['e']],
      n: ['new', []],
    });
    expect(changes.filter((c) => c.status === 'disappeared')).toEqual([]);
    const gone = matchPockets(p2, { periode: '2026-Q1', pockets: [pk('x', ['1', '2'], 150)] });
    expect(gone.map((c) => [c.status, c.pocket?.id ?? c.predecessors[0].id])).toEqual([
      ['stable', 'x'],
      ['disappeared', 'a2'],
      ['disappeared', 'bc'],
      ['disappeared', 'd'],
      ['disappeared', 'e'],
      ['disappeared', 'n'],
    ]);
  });

  it('the timeline counts pockets and their desil-1 households per period', () => {
    expect(pocketTimeline([p1, p2]).map((t) => [t.periode, t.pockets, t.desil1])).toEqual([
      ['2025-Q1', 5, 970],
      ['2025-Q3', 6, 900],
    ]);
    expect(pocketsOverTime([p1, p2, p1]).length).toBe(
      matchPockets(p1, p2).length + matchPockets(p2, p1).length,
    );
  });
});

describe('targets', () => {
  it('periods sit at their middle; a straight line through two points projects by hand', () => {
    expect(periodTime('2025-Q1')).toBeCloseTo(2025.125, 12);
    expect(periodTime('2025-Q3')).toBeCloseTo(2025.625, 12);
    expect(periodTime('2025')).toBe(2025.5);
    expect(periodTime('2025-S2')).toBe(2025.75);
    expect(periodTime('2025-07')).toBeCloseTo(2025 + 6.5 / 12, 12);
    const line = linearTrend(
      [
        { t: 2025.125, value: 0.0935 },
        { t: 2025.625, value: 0.084 },
      ],
      2029.5,
    )!;
    expect(line.slope).toBeCloseTo(-0.019, 12);
    expect(line.value).toBeCloseTo(0.084 - 0.019 * 3.875, 12);
  });

  it('tracks each target with its proxy: on track, off track, one period only, the flag when present', () => {
    const counts = [
      { periode: '2025-Q1', households: 10_000, desil1: 935, extremeFlag: 49 },
      { periode: '2025-Q3', households: 10_000, desil1: 840, extremeFlag: 30 },
    ];
    const [extreme, poverty] = trackTargets(counts, DEFAULT_TARGETS);
    expect(extreme.proxy.code).toBe('graduation.targets.proxy.extremeFlag');
    expect(extreme.points.map((p) => p.value)).toEqual([0.0049, 0.003]);
    // −0.38 points a year reach 0 before mid-2026
    expect(extreme.projected).toBe(0);
    expect(extreme.onTrack).toBe(true);
    expect(poverty.projected).toBeCloseTo(0.084 - 0.019 * 3.875, 12);
    expect(poverty.onTrack).toBe(true);
    expect(renderMessage(poverty.proxy, 'id')).toMatch(/bukan angka kemiskinan BPS/);
    const noFlag = trackTargets(
      counts.map((c) => ({ ...c, extremeFlag: null })),
      DEFAULT_TARGETS,
    );
    expect(noFlag[0].proxy.code).toBe('graduation.targets.proxy.extremeDesil');
    const one = trackTargets(counts.slice(0, 1), DEFAULT_TARGETS);
    expect(one[1].verdict.code).toBe('graduation.targets.onePeriod');
    const slow = trackTargets(
      [
        { periode: '2025-Q1', households: 100, desil1: 10, extremeFlag: null },
        { periode: '2025-Q3', households: 100, desil1: 10, extremeFlag: null },
      ],
      [{ id: 'poverty', year: 2029, value: 0.045 }],
    );
    expect(slow[0].onTrack).toBe(false);
    expect(slow[0].verdict.code).toBe('graduation.targets.offTrack');
  });

  it('targets from a file are checked', () => {
    expect(checkTargets(DEFAULT_TARGETS)).toEqual({ ok: true, targets: [...DEFAULT_TARGETS] });
    expect(checkTargets([{ id: 'poverty', year: 2029, value: 4.5 }]).ok).toBe(false);
    expect(checkTargets([{ id: 'other', year: 2029, value: 0.1 }]).ok).toBe(false);
    expect(checkTargets('x').ok).toBe(false);
  });
});

describe('stuck pockets', () => {
  /** Rook contiguity of a w × h grid (binary weights). */
  function grid(w: number, h: number): SpatialWeights {
    const offsets = [0];
    const neighbors: number[] = [];
    for (let y = 0; y < h; y++)
      for (let x = 0; x < w; x++) {
        const around = [
          [x, y - 1],
          [x - 1, y],
          [x + 1, y],
          [x, y + 1],
        ].filter(([a, b]) => a >= 0 && b >= 0 && a < w && b < h);
        for (const [a, b] of around.sort((p, q) => p[1] * w + p[0] - (q[1] * w + q[0])))
          neighbors.push(b * w + a);
        offsets.push(neighbors.length);
      }
    return {
      n: w * h,
      offsets: Int32Array.from(offsets),
      neighbors: Int32Array.from(neighbors),
      weights: new Float64Array(neighbors.length).fill(1),
      style: 'B',
      kind: 'rook',
    };
  }

  it('finds a planted block of low graduation and nothing where every desa graduates alike', () => {
    const w = 10;
    const low = new Set([22, 23, 24, 32, 33, 34, 42, 43, 44]);
    // 200 poor households a desa; 30% graduate (± a deterministic wobble), 5% in the planted block
    const units = Array.from({ length: w * w }, (_, i) => ({
      poor: 200,
      graduated: low.has(i) ? 10 : 60 + ((i * 7) % 11) - 5,
    }));
    const options = { permutations: 999, seed: 1, alpha: 0.05, pAdjust: 'fdr' as const, minPoor: 10 };
    const r = findStuck(units, grid(w, w), options);
    expect(r.groups.length).toBe(1);
    expect(r.groups[0].every((i) => low.has(i))).toBe(true);
    expect(r.groups[0].length).toBeGreaterThanOrEqual(5);
    expect(r.outcome.code).toBe('graduation.stuck.found');
    const flat = findStuck(
      units.map(() => ({ poor: 200, graduated: 60 })),
      grid(w, w),
      options,
    );
    expect(flat.groups).toEqual([]);
    expect(flat.outcome.code).toBe('graduation.stuck.noVariance');
    const few = findStuck(units.slice(0, 3), grid(3, 1), options);
    expect(few.outcome.code).toBe('graduation.stuck.tooFew');
  });
});
