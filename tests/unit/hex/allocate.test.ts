import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { geodesicAreaM2 } from '../../../src/lib/geo/geodesic-area.ts';
import { allocateCounts } from '../../../src/lib/hex/allocate.ts';
import { coverDesa } from '../../../src/lib/hex/desa-cover.ts';
import { hexbinsFromDesaCounts } from '../../../src/lib/hex/hexbins.ts';
import { desaCounts, testDistrict, testHouseholds } from './helpers.ts';

describe('allocateCounts (largest remainder)', () => {
  it('keeps every desa total and every desil total exactly, each part within 1 of its quota', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            counts: fc.array(fc.integer({ min: 0, max: 500 }), { minLength: 10, maxLength: 10 }),
            weights: fc.array(fc.double({ min: 0, max: 5, noNaN: true }), { minLength: 1, maxLength: 8 }),
          }),
          { minLength: 1, maxLength: 6 },
        ),
        (desa) => {
          const counts = desa.flatMap((d) => d.counts);
          const desaList = desa.map((_, i) => i);
          const offsets = [0];
          const cells: string[] = [];
          const weight: number[] = [];
          desa.forEach((d, i) => {
            // desa share some cells: cell names overlap between neighbours
            d.weights.forEach((w, k) => {
              cells.push(`c${i + k}`);
              weight.push(w);
            });
            offsets.push(cells.length);
          });
          const all = allocateCounts(counts, { desaList, offsets, cells, weight });
          const grand = counts.reduce((a, b) => a + b, 0);
          expect(all.allocated).toBe(grand);
          expect(all.desil.reduce((a, b) => a + b, 0)).toBe(grand);
          // per desa: allocate that desa alone
          desa.forEach((d, i) => {
            const alone = counts.map((v, j) => (Math.floor(j / 10) === i ? v : 0));
            const one = allocateCounts(alone, { desaList, offsets, cells, weight });
            for (let q = 0; q < 10; q++) {
              let s = 0;
              for (let c = 0; c < one.cells.length; c++) s += one.desil[c * 10 + q];
              expect(s).toBe(d.counts[q]);
            }
            const sumW = d.weights.reduce((a, b) => a + b, 0);
            if (sumW > 0)
              one.cells.forEach((cell, c) => {
                const k = cells.slice(offsets[i], offsets[i + 1]).indexOf(cell);
                for (let q = 0; q < 10; q++) {
                  const quota = (d.counts[q] * d.weights[k]) / sumW;
                  expect(Math.abs(one.desil[c * 10 + q] - quota)).toBeLessThan(1 + 1e-9);
                }
              });
          });
        },
      ),
      { numRuns: 150, seed: 5 },
    );
  });
});

describe('hexbinsFromDesaCounts (area-weighted allocation)', () => {
  const { desa, district, outline } = testDistrict();
  const counts = desaCounts(testHouseholds(desa, 12_000, 4, 0), desa.length);
  const kabupaten = counts.reduce((a, b) => a + b, 0);

  it.each([7, 8, 9])('preserves each desa total and the kabupaten total (res %i)', (res) => {
    const bins = hexbinsFromDesaCounts(district, counts, res);
    expect(bins.estimate).toBe(true);
    expect(bins.source).toBe('allocation');
    expect(bins.total).toBe(kabupaten);
    expect(bins.households.reduce((a, b) => a + b, 0)).toBe(kabupaten);
    expect(bins.messages.some((m) => m.code === 'estimate')).toBe(true);
    // each desa alone: its households all land in cells, exactly
    for (const d of [0, 4, 13, desa.length - 1]) {
      const alone = counts.map((v, j) => (Math.floor(j / 10) === d ? v : 0));
      const one = hexbinsFromDesaCounts(district, alone, res);
      expect(one.total).toBe(counts.slice(d * 10, d * 10 + 10).reduce((a, b) => a + b, 0));
    }
  });

  it('splits a desa in proportion to overlapping area', () => {
    const d = 20;
    const alone = new Uint32Array(counts.length);
    alone[d * 10] = 100_000;
    const cover = coverDesa(district, [d], 9);
    const one = hexbinsFromDesaCounts(district, alone, 9);
    const byCell = new Map(one.cells.map((c, k) => [c, one.households[k]]));
    const areaSum = cover.share.reduce((a, b) => a + b, 0);
    cover.cells.forEach((cell, k) => {
      const expected = (100_000 * cover.share[k]) / areaSum;
      // cell areas differ by < 0.1% inside a small district: shares are proportional to overlap areas
      expect(Math.abs((byCell.get(cell) ?? 0) - expected)).toBeLessThan(1 + expected * 2e-3);
    });
  });

  it('clips border cells: clipped areas add up to the district area', () => {
    for (const res of [7, 8, 9]) {
      const bins = hexbinsFromDesaCounts(district, counts, res);
      const area = bins.areaKm2.reduce((a, b) => a + b, 0);
      expect(area).toBeCloseTo(geodesicAreaM2(outline) / 1e6, 1);
      expect(bins.border.some((b) => b === 1)).toBe(true);
      bins.cells.forEach((_, c) => {
        if (!bins.border[c]) expect(bins.areaKm2[c]).toBeGreaterThan(0);
      });
    }
  });
});
