import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { selectedComponents } from '../../../src/lib/pockets/components.ts';
import { kecamatanPart, pocketNames } from '../../../src/lib/pockets/naming.ts';
import { pocketId } from '../../../src/lib/pockets/pocket-id.ts';
import { parseCriterion, pocketCandidates } from '../../../src/lib/pockets/select.ts';
import { weightsFromPairs } from '../../../src/lib/weights/types.ts';

const graph = fc.integer({ min: 1, max: 40 }).chain((n) =>
  fc.record({
    n: fc.constant(n),
    pairs: fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1)), { maxLength: 3 * n }),
    selected: fc.array(fc.boolean(), { minLength: n, maxLength: n }),
    minUnits: fc.integer({ min: 1, max: 4 }),
  }),
);

describe('selectedComponents', () => {
  it('gives connected, disjoint, maximal groups of selected units only', () => {
    fc.assert(
      fc.property(graph, ({ n, pairs, selected, minUnits }) => {
        const clean = pairs.filter(([i, j]) => i !== j);
        const w = weightsFromPairs(
          n,
          clean.map((p) => p[0]),
          clean.map((p) => p[1]),
          'test',
        );
        const adj = (i: number, j: number) =>
          clean.some(([a, b]) => (a === i && b === j) || (a === j && b === i));
        const groups = selectedComponents(selected, w, minUnits);
        const owner = new Map<number, number>();
        groups.forEach((g, k) => {
          expect(g.length).toBeGreaterThanOrEqual(minUnits);
          for (const u of g) {
            expect(selected[u]).toBe(true);
            expect(owner.has(u)).toBe(false);
            owner.set(u, k);
          }
          // connected: a walk from the first member inside the group reaches every member
          const reached = new Set([g[0]]);
          for (let grew = true; grew;) {
            grew = false;
            for (const u of g)
              if (!reached.has(u) && [...reached].some((r) => adj(r, u))) {
                reached.add(u);
                grew = true;
              }
          }
          expect(reached.size).toBe(g.length);
        });
        // maximal: a selected neighbour of a member is in the same group
        for (const [i, j] of clean) if (owner.has(i) && selected[j]) expect(owner.get(j)).toBe(owner.get(i));
        // with minUnits = 1 every selected unit is in a group
        if (minUnits === 1) expect(owner.size).toBe(selected.filter(Boolean).length);
      }),
      { numRuns: 300, seed: 3 },
    );
  });
});

describe('pocket selection, ids and names', () => {
  it('selects High-High units, or Gi* hot spots at the confidence asked', () => {
    const labels = { clusters: [1, 0, 1, 3, 4, 1], giTiers: [3, 1, 2, -3, 0, 1] };
    expect(Array.from(pocketCandidates(labels, { kind: 'lisa' }))).toEqual([1, 0, 1, 0, 0, 1]);
    expect(Array.from(pocketCandidates(labels, { kind: 'gi', confidence: 95 }))).toEqual([1, 0, 1, 0, 0, 0]);
    expect(Array.from(pocketCandidates(labels, { kind: 'gi', confidence: 90 }))).toEqual([1, 1, 1, 0, 0, 1]);
    expect(parseCriterion('gi99')).toEqual({ kind: 'gi', confidence: 99 });
    expect(parseCriterion('LISA')).toEqual({ kind: 'lisa' });
    expect(parseCriterion('gi80')).toBeNull();
  });

  it('derives the id from the sorted members only', () => {
    const a = pocketId('h8', ['8865a', '8865b', '8865c']);
    expect(a).toMatch(/^h8-[0-9a-f]{10}$/);
    expect(pocketId('h8', ['8865c', '8865a', '8865b'])).toBe(a);
    expect(pocketId('h8', ['8865a', '8865b'])).not.toBe(a);
    expect(pocketId('h9', ['8865a', '8865b', '8865c'])).not.toBe(a);
  });

  it('names pockets after the kecamatan they touch, heaviest first, numbered per name', () => {
    const pl = { kode_kec: '33.24.01', nama_kec: 'Plantungan' };
    const sk = { kode_kec: '33.24.02', nama_kec: 'Sukorejo' };
    const bj = { kode_kec: '33.24.07', nama_kec: 'Boja' };
    const lb = { kode_kec: '33.24.08', nama_kec: 'Limbangan' };
    expect(
      kecamatanPart([
        { ...sk, weight: 10 },
        { ...pl, weight: 40 },
      ]),
    ).toBe('Plantungan–Sukorejo');
    expect(
      kecamatanPart([
        { ...sk, weight: 5 },
        { ...pl, weight: 5 },
      ]),
    ).toBe('Plantungan–Sukorejo');
    expect(
      kecamatanPart([
        { ...bj, weight: 4 },
        { ...lb, weight: 3 },
        { ...pl, weight: 2 },
        { ...sk, weight: 1 },
      ]),
    ).toBe('Boja–Limbangan–Plantungan dkk');
    expect(
      pocketNames([
        [
          { ...pl, weight: 40 },
          { ...sk, weight: 10 },
        ],
        [{ ...bj, weight: 9 }],
        [
          { ...pl, weight: 3 },
          { ...sk, weight: 1 },
        ],
        [],
      ]),
    ).toEqual([
      'Kantong Plantungan–Sukorejo 1',
      'Kantong Boja 1',
      'Kantong Plantungan–Sukorejo 2',
      'Kantong 1',
    ]);
  });
});
