/**
 * The synthetic generator's movement between periods: its built-in desil transition probabilities
 * (`modelTransitionMatrix`, exact under its AR(1) model) against the matrix the graduation core measures on
 * its households linked by their hashed No. KK — a chi-square test and a per-cell tolerance —, the same seed
 * giving the same matrix, and its stuck area found again by the stuck-pocket analysis.
 */
import { describe, expect, it } from 'vitest';
import { calibrationProfile, kendalProfile } from '../../../src/lib/synth/calibration.ts';
import { generateHouseholds, type SyntheticDistrict } from '../../../src/lib/synth/households.ts';
import { modelTransitionMatrix } from '../../../src/lib/synth/transitions.ts';
import { fakeNoKK } from '../../../src/lib/synth/identifiers.ts';
import { createHouseholdKeyHasher, KEY_HASH_BYTES } from '../../../src/lib/import/household-key.ts';
import type { PeriodPanel } from '../../../src/lib/graduation/panel.ts';
import { kabupatenMatrix, transitionCounts } from '../../../src/lib/graduation/transitions.ts';
import { graduationOf, graduationPerUnit } from '../../../src/lib/graduation/rates.ts';
import { findStuck } from '../../../src/lib/graduation/stuck.ts';
import { buildWeights } from '../../../src/lib/weights/build.ts';
import { gridDistrict, gridNeighbours, KENDAL_GRID, type GridKecamatan } from './fixture.ts';

const hasher = createHouseholdKeyHasher('garam-uji-transisi');

/** The linking panels of a synthetic district: its No. KK hashed as the import hashes a mapped key. */
function panels(d: SyntheticDistrict): PeriodPanel[] {
  const codes = d.desa.map((f) => f.properties.kode_desa);
  return d.periods.map((p) => {
    const keyHash = new Uint8Array(p.count * KEY_HASH_BYTES);
    for (let k = 0; k < p.count; k++)
      hasher.hashInto(fakeNoKK(d.kodeKab, p.key[k]), keyHash, k * KEY_HASH_BYTES);
    return {
      periode: p.periode,
      desaCodes: codes,
      count: p.count,
      keyHash,
      desa: Uint16Array.from(p.desa),
      desil: Uint8Array.from(p.desil),
      withoutKey: 0,
    };
  });
}

function measured(d: SyntheticDistrict) {
  const [a, b] = panels(d);
  return transitionCounts(
    a,
    b,
    d.desa.map((f) => f.properties.kode_desa),
  );
}

/**
 * Upper tail of χ²(df) by the Wilson–Hilferty cube-root normal approximation (Wilson & Hilferty 1931), good to
 * a few per cent of p for df ≥ 30.
 */
function chiSquareUpper(x: number, df: number): number {
  const z = (Math.cbrt(x / df) - (1 - 2 / (9 * df))) / Math.sqrt(2 / (9 * df));
  // Φ(−z) by the Abramowitz–Stegun 26.2.17 polynomial (|error| < 7.5e−8)
  const t = 1 / (1 + 0.2316419 * Math.abs(z));
  const poly =
    t * (0.31938153 + t * (-0.356563782 + t * (1.781477937 + t * (-1.821255978 + t * 1.330274429))));
  const tail = (Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI)) * poly;
  return z >= 0 ? tail : 1 - tail;
}

describe('built-in transitions of the synthetic generator', () => {
  const options = { households: 40_000, seed: 5, periods: ['2025-Q1', '2025-Q3'], geotagShare: 0 };
  const district = generateHouseholds('33.24', gridDistrict('33.24', KENDAL_GRID), kendalProfile, options);
  const model = modelTransitionMatrix(district, 0, 1);
  const counts = measured(district);
  const observed = kabupatenMatrix(counts);

  it('are non-trivial: persistent, mostly within one desil, with graduation and falls both happening', () => {
    for (let i = 0; i < 10; i++) {
      const row = model.probability.subarray(i * 10, i * 10 + 10);
      expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
      // staying is the likeliest single outcome of the extreme desil, but far from certain
      if (i === 0 || i === 9) expect(row[i]).toBeGreaterThan(0.5);
      expect(row[i]).toBeLessThan(0.8);
    }
    const g = graduationOf(model.expected);
    expect(g.rate).toBeGreaterThan(0.15);
    expect(g.rate).toBeLessThan(0.4);
    expect(g.fallbackRate).toBeGreaterThan(0.02);
  });

  it('the measured matrix matches them within sampling error (chi-square and per cell)', () => {
    expect(observed.reduce((a, b) => a + b, 0)).toBe(counts.base_tally.matched);
    // every stayer is linked: leavers and joiners are the only unmatched households, counted apart
    const [first, second] = district.periods;
    expect(counts.base_tally.matched).toBe(first.count - second.leavers);
    expect(counts.base_tally.only).toBe(second.leavers);
    expect(counts.comparison_tally.only).toBe(second.joiners);
    let chi = 0;
    let df = 0;
    for (let i = 0; i < 10; i++) {
      const rowTotal = observed.subarray(i * 10, i * 10 + 10).reduce((a, b) => a + b, 0);
      let cells = 0;
      for (let j = 0; j < 10; j++) {
        const p = model.probability[i * 10 + j];
        const e = rowTotal * p;
        const o = observed[i * 10 + j];
        // per cell: within 4.5 binomial standard errors (and one household)
        expect(Math.abs(o - e), `cell ${i + 1}→${j + 1}`).toBeLessThanOrEqual(
          4.5 * Math.sqrt(rowTotal * p * (1 - p)) + 1,
        );
        if (e >= 5) {
          chi += (o - e) ** 2 / e;
          cells++;
        }
      }
      df += Math.max(0, cells - 1);
    }
    expect(df).toBeGreaterThan(40);
    expect(chiSquareUpper(chi, df)).toBeGreaterThan(0.001);
  });

  it('the same seed gives the same matrix; another seed another one', () => {
    const again = kabupatenMatrix(
      measured(generateHouseholds('33.24', gridDistrict('33.24', KENDAL_GRID), kendalProfile, options)),
    );
    expect([...again]).toEqual([...observed]);
    const other = kabupatenMatrix(
      measured(
        generateHouseholds('33.24', gridDistrict('33.24', KENDAL_GRID), kendalProfile, {
          ...options,
          seed: 6,
        }),
      ),
    );
    expect([...other]).not.toEqual([...observed]);
  });
});

describe('the stuck area ("kantong stagnan")', () => {
  // 20 kecamatan of 3×3 desa (180 desa of 4 km²), no profile of their own
  const kecamatan: GridKecamatan[] = Array.from({ length: 20 }, (_, k) => ({
    kode: `91.71.${String(k + 1).padStart(2, '0')}`,
    nama: `Kec ${k + 1}`,
  }));
  const desa = gridDistrict('91.71', kecamatan, { perRow: 5 });
  const district = generateHouseholds('91.71', desa, calibrationProfile('91.71'), {
    households: 180_000,
    seed: 3,
    periods: ['2025-Q1', '2025-Q3'],
    geotagShare: 0,
    stuckDesa: 12,
  });
  const stuck = [...district.stuck.keys()].filter((i) => district.stuck[i]);
  const per = graduationPerUnit(measured(district).matrix);

  it('is 12 connected desa outside the pockets, where graduation is far lower than elsewhere', () => {
    expect(stuck.length).toBe(12);
    const neighbours = gridNeighbours(desa);
    // connected over rook contiguity
    const seen = new Set([stuck[0]]);
    for (let grew = true; grew;) {
      grew = false;
      for (const i of stuck)
        if (!seen.has(i) && neighbours[i].some((j) => seen.has(j))) {
          seen.add(i);
          grew = true;
        }
    }
    expect(seen.size).toBe(12);
    const rate = (units: number[]) =>
      units.reduce((a, i) => a + per[i].graduated, 0) / units.reduce((a, i) => a + per[i].poor, 0);
    const others = desa.map((_, i) => i).filter((i) => !district.stuck[i]);
    expect(rate(stuck)).toBeLessThan(0.6 * rate(others));
  });

  it('is found by the stuck-pocket analysis (EB rates, LISA Low–Low, FDR)', () => {
    const { weights } = buildWeights(
      { kind: 'tolerant', toleranceMetres: 10 },
      desa.map((f) => f.geometry),
    );
    const r = findStuck(per, weights, {
      permutations: 999,
      seed: 1,
      alpha: 0.05,
      pAdjust: 'fdr',
      minPoor: 10,
    });
    const found = [...r.stuck.keys()].filter((i) => r.stuck[i]);
    const hits = found.filter((i) => district.stuck[i]).length;
    // half of the stuck area is found at least …
    expect(hits).toBeGreaterThanOrEqual(6);
    // … and what is found is the stuck area or its rim (low-low clusters take their neighbours along)
    const neighbours = gridNeighbours(desa);
    const near = found.filter(
      (i) => district.stuck[i] || neighbours[i].some((j) => district.stuck[j]),
    ).length;
    expect(near / found.length).toBeGreaterThanOrEqual(0.75);
    expect(r.groups.some((g) => g.filter((i) => district.stuck[i]).length >= 5)).toBe(true);
  });
});
