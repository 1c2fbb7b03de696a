import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decodeView, DEFAULT_VIEW, encodeView, type ViewParams } from '../../../src/lib/params/view.ts';
import { INDICATORS } from '../../../src/lib/indicators/catalogue.ts';

const view = fc.record<ViewParams>({
  kab: fc.option(fc.constantFrom('33.24', 'demo'), { nil: null }),
  task: fc.constantFrom('explore', 'priority'),
  level: fc.constantFrom('kecamatan', 'desa', 'hex'),
  indicator: fc.constantFrom(...INDICATORS.map((i) => i.id)),
  periode: fc.option(fc.constantFrom('2025-Q1', '2025-Q3'), { nil: null }),
  method: fc.constantFrom('natural', 'quantile', 'equal', 'manual'),
  classes: fc.integer({ min: 3, max: 7 }),
  breaks: fc
    .uniqueArray(fc.integer({ min: -1000, max: 1000 }), { minLength: 0, maxLength: 6 })
    .map((a) => a.sort((x, y) => x - y).map((x) => x / 100)),
  focus: fc.option(fc.constantFrom('33.24.01', '33.24.20'), { nil: null }),
  fit: fc.boolean(),
  selected: fc.option(fc.constantFrom('33.24.01.2001', '33.24.20.2004'), { nil: null }),
  mode: fc.constantFrom('value', 'lisa', 'significance', 'gistar'),
  alpha: fc.constantFrom(0.1, 0.05, 0.01, 0.001),
  adjust: fc.constantFrom('none', 'fdr', 'bonferroni'),
  permutations: fc.constantFrom(99, 499, 999, 9999),
  seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
  weights: fc.constantFrom('tolerant', 'queen', 'rook', 'knn6'),
  tolerance: fc.integer({ min: 0, max: 500 }),
  res: fc.constantFrom(7, 8, 9),
  minCount: fc.integer({ min: 3, max: 1000 }),
  pockets: fc.boolean(),
  criterion: fc.constantFrom('lisa', 'gi90', 'gi95', 'gi99', 'gi90-high', 'gi95-high', 'gi99-high'),
  minUnits: fc.option(fc.integer({ min: 1, max: 1000 }), { nil: null }),
  minHouseholds: fc.integer({ min: 0, max: 100_000 }),
  gate: fc.constantFrom('require', 'indicative'),
  stability: fc.constantFrom(0, 2, 20, 100),
  pocket: fc.option(fc.constantFrom('desa-0123456789', 'h8-abcdef0123'), { nil: null }),
  rate: fc.constantFrom('eb', 'raw'),
  base: fc.option(fc.constantFrom('2025-Q1', '2024-Q3'), { nil: null }),
  poorDesil: fc.integer({ min: 1, max: 9 }),
  graduatedDesil: fc.integer({ min: 2, max: 10 }),
});

/** What a view means once encoded: breaks only count with manual classes, fit only with a focus. */
function canonical(v: ViewParams): ViewParams {
  return { ...v, breaks: v.method === 'manual' ? v.breaks : [], fit: v.fit && v.focus !== null };
}

describe('view ↔ URL', () => {
  it('round-trips every view (property)', () => {
    fc.assert(
      fc.property(view, (v) => {
        expect(canonical(decodeView(encodeView(v)))).toEqual(canonical(v));
      }),
      { seed: 1, numRuns: 500 },
    );
  });

  it('writes nothing for the default view and only what differs otherwise', () => {
    expect(encodeView(DEFAULT_VIEW)).toBe('');
    expect(encodeView({ ...DEFAULT_VIEW, level: 'kecamatan', focus: '33.24.03' })).toBe(
      '?level=kecamatan&kecamatan=33.24.03',
    );
  });

  it('still opens links written with the older short keys', () => {
    const v = decodeView(
      '?ind=count_d1&k=4&kec=33.24.03&sel=33.24.03.2001&w=queen&tol=25&min=20&crit=gi95&pmin=2&pk=1&period=2025-Q1',
    );
    expect(v).toMatchObject({
      indicator: 'count_d1',
      classes: 4,
      focus: '33.24.03',
      selected: '33.24.03.2001',
      weights: 'queen',
      tolerance: 25,
      minCount: 20,
      criterion: 'gi95',
      minUnits: 2,
      pockets: true,
      periode: '2025-Q1',
    });
  });

  it('falls back to defaults value by value for a hand-edited or outdated link', () => {
    const v = decodeView(
      '?level=provinsi&ind=nope&k=12&alpha=0.2&perm=5&mode=lisa&breaks=3,2,1&method=manual',
    );
    expect(v.level).toBe('desa');
    expect(v.indicator).toBe('share_d1');
    expect(v.classes).toBe(5);
    expect(v.alpha).toBe(0.05);
    expect(v.permutations).toBe(999);
    expect(v.mode).toBe('lisa');
    expect(v.method).toBe('manual');
    expect(v.breaks).toEqual([]);
  });
});
