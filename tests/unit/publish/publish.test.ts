import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeIndicator, INDICATORS } from '../../../src/lib/indicators/catalogue.ts';
import type { UnitData } from '../../../src/lib/indicators/units.ts';
import { csvCellText, neutraliseFormula, publishedCsv } from '../../../src/lib/publish/csv.ts';
import { publishIndicator } from '../../../src/lib/publish/indicators.ts';
import { publishPocket } from '../../../src/lib/publish/pockets.ts';
import {
  below,
  HIDDEN,
  publishedText,
  sortKey,
  value,
  type Published,
} from '../../../src/lib/publish/published.ts';
import {
  publishedDesil,
  publishedHouseholds,
  publishedProgramme,
  publishUnits,
  unitShown,
} from '../../../src/lib/publish/units.ts';
import { recoverable, type SeenFigure } from '../helpers/leak-audit.ts';

/** What a reader sees of a published figure (see the leak auditor). */
function asSeen(p: Published, k: number, hiddenUnit = false): SeenFigure {
  if (p.kind === 'value') return { kind: 'value', value: p.value };
  if (p.kind === 'none') return { kind: 'value', value: 0 };
  if (p.kind === 'below') return { kind: 'below', k };
  return hiddenUnit ? { kind: 'withheld', hi: Infinity } : { kind: 'withheld' };
}

/** Random unit tables: units in a few kecamatan, desil counts often small, one programme. */
const tables = fc
  .record({
    k: fc.integer({ min: 3, max: 20 }),
    units: fc.array(
      fc.record({
        kec: fc.integer({ min: 0, max: 3 }),
        desil: fc.array(
          fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 60 })),
          {
            minLength: 10,
            maxLength: 10,
          },
        ),
        pkhShare: fc.double({ min: 0, max: 1, noNaN: true }),
        area: fc.double({ min: 0.1, max: 20, noNaN: true }),
      }),
      { minLength: 1, maxLength: 25 },
    ),
  })
  .map(({ k, units }) => ({
    k,
    kec: units.map((u) => u.kec),
    households: units.map((u) => u.desil.reduce((a, b) => a + b, 0)),
    desil: units.flatMap((u) => u.desil),
    pkh: units.map((u) => Math.round(u.pkhShare * (u.desil[0] + u.desil[1] + u.desil[2] + u.desil[3]))),
    area: units.map((u) => u.area),
  }));

function unitData(t: { households: number[]; desil: number[]; pkh: number[]; area: number[] }): UnitData[] {
  return t.households.map((h, u) => ({
    kode: String(u),
    luas_km2: t.area[u],
    byPeriod: new Map(
      h > 0
        ? [
            [
              '2025-Q1',
              {
                jumlah_kk: h,
                kk_desil: t.desil.slice(u * 10, u * 10 + 10),
                jumlah_jiwa: null,
                programmes: { pkh_desil_1_4: t.pkh[u] },
              },
            ],
          ]
        : [],
    ),
  }));
}

describe('publication layer: unit tables', () => {
  it('never shows a count of 1 … k−1, and no withheld count follows from a kecamatan or kabupaten total', () => {
    fc.assert(
      fc.property(tables, (t) => {
        const pub = publishUnits({ ...t, groups: t.kec, programmes: { pkh_desil_1_4: t.pkh }, k: t.k });
        const n = t.households.length;
        for (let u = 0; u < n; u++) {
          const h = publishedHouseholds(pub, u);
          if (h.kind === 'value') expect(h.value >= t.k).toBe(true);
          for (let d = 1; d <= 10; d++) {
            const p = publishedDesil(pub, u, d);
            if (p.kind === 'value') expect(p.value === 0 || p.value >= t.k).toBe(true);
            if (p.kind === 'below') expect(p.bound).toBe(t.k);
          }
          const pk = publishedProgramme(pub, u, 'pkh_desil_1_4');
          if (pk.kind === 'value') expect(pk.value === 0 || pk.value >= t.k).toBe(true);
        }
        // the reader's audit: kecamatan and kabupaten totals per desil are public
        const lines = [...new Set(t.kec)].map((g) => t.kec.flatMap((kec, u) => (kec === g ? [u] : [])));
        lines.push(t.households.map((_, u) => u));
        const residual = new Set(
          pub.suppression.residual.map((r) => `${r.kind}|${r.line}|${r.column ?? ''}`),
        );
        for (const [li, members] of lines.entries()) {
          const name = li === lines.length - 1 ? 'table' : `group:${[...new Set(t.kec)][li]}`;
          for (let d = 1; d <= 10; d++) {
            const figures = members.map((u) => asSeen(publishedDesil(pub, u, d), t.k, !unitShown(pub, u)));
            const total = members.reduce((a, u) => a + t.desil[u * 10 + d - 1], 0);
            if (residual.has(`column|${name}|${d - 1}`)) continue;
            expect(recoverable(figures, total, t.k)).toEqual([]);
          }
        }
        // each shown unit's row: households public, desil withheld entries not recoverable
        for (let u = 0; u < n; u++) {
          if (!unitShown(pub, u) || residual.has(`row|${u}|`)) continue;
          const figures = Array.from({ length: 10 }, (_, d) => asSeen(publishedDesil(pub, u, d + 1), t.k));
          expect(recoverable(figures, t.households[u], t.k)).toEqual([]);
        }
      }),
      { seed: 21, numRuns: 300 },
    );
  });

  it('publishes an indicator exactly only when no count behind it is 1 … k−1 (shares with their denominators)', () => {
    fc.assert(
      fc.property(tables, (t) => {
        const pub = publishUnits({ ...t, groups: t.kec, programmes: { pkh_desil_1_4: t.pkh }, k: t.k });
        const units = unitData(t);
        for (const def of INDICATORS) {
          if (def.needsTwoPeriods || def.programme === 'bpnt' || def.programme === 'pbi_jk') continue;
          const exact = computeIndicator(def.id, units, '2025-Q1');
          const published = publishIndicator(def.id, exact, { now: pub, areaKm2: t.area });
          published.forEach((p, u) => {
            const d1 = t.desil[u * 10];
            const d14 = t.desil.slice(u * 10, u * 10 + 4).reduce((a, b) => a + b, 0);
            const small = (x: number) => x > 0 && x < t.k;
            if (p.kind === 'value') {
              expect(unitShown(pub, u)).toBe(true);
              expect(p.value).toBe(exact[u]);
              // the counts a reader can get back from the value and the shown households
              if (['share_d1', 'count_d1', 'density_d1', 'eb_share_d1'].includes(def.id))
                expect(small(d1)).toBe(false);
              if (['share_d1_4', 'count_d1_4'].includes(def.id)) expect(small(d14)).toBe(false);
              if (def.id === 'coverage_pkh') {
                expect(small(t.pkh[u])).toBe(false);
                expect(small(d14 - t.pkh[u])).toBe(false); // households missed by the programme
              }
            }
            if (p.kind === 'below') {
              expect(small(d1)).toBe(true);
              const bound =
                def.id === 'share_d1' ? t.k / t.households[u] : def.id === 'count_d1' ? t.k : t.k / t.area[u];
              expect(p.bound).toBeCloseTo(bound, 12);
              expect(exact[u]!).toBeLessThan(p.bound);
            }
          });
        }
      }),
      { seed: 5, numRuns: 200 },
    );
  });

  it('hides a change when either period would give a count back', () => {
    const now = publishUnits({ households: [100], desil: [40, 60, 0, 0, 0, 0, 0, 0, 0, 0], k: 10 });
    const before = publishUnits({ households: [100], desil: [5, 95, 0, 0, 0, 0, 0, 0, 0, 0], k: 10 });
    const change = publishIndicator('change_count_d1', [35], { now, previous: before, areaKm2: [1] });
    expect(change[0]).toEqual(HIDDEN);
    const ok = publishIndicator('change_count_d1', [35], { now, previous: now, areaKm2: [1] });
    expect(ok[0]).toEqual(value(35));
  });
});

describe('publication layer: pockets, text, CSV', () => {
  it('publishes pocket totals as lines: a small desil-1 total is "< k" and its share a bound', () => {
    expect(publishPocket({ households: 400, desil1: 7, share: 7 / 400 }, 10)).toEqual({
      households: value(400),
      desil1: below(10),
      share: below(10 / 400),
    });
    expect(publishPocket({ households: 400, desil1: 70, share: 70 / 400 }, 10).share).toEqual(
      value(70 / 400),
    );
  });

  it('writes "< k", withheld and no-data figures the way each surface asks', () => {
    const t = { format: (v: number) => v.toFixed(1), hidden: '×', none: '–' };
    expect(publishedText(value(12.345), t)).toBe('12.3');
    expect(publishedText(below(10), t)).toBe('< 10.0');
    expect(publishedText(HIDDEN, t)).toBe('×');
    expect(publishedText({ kind: 'none' }, t)).toBe('–');
    // sorting never orders withheld figures by their true values
    expect([sortKey(value(9)), sortKey(below(10)), sortKey(HIDDEN)]).toEqual([9, null, null]);
  });

  it('neutralises formula-like text cells, keeps numbers, writes a BOM on request', () => {
    expect(neutraliseFormula('=HYPERLINK("x")')).toBe('\'=HYPERLINK("x")');
    expect(neutraliseFormula('+62 812')).toBe("'+62 812");
    expect(neutraliseFormula('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(neutraliseFormula('Kendal')).toBe('Kendal');
    expect(csvCellText(-3)).toBe('-3');
    expect(csvCellText(0.123456789)).toBe('0.123457');
    const text = publishedCsv(
      { comments: ['DATA SINTETIS - uji'], fields: ['a', 'b', 'c'], rows: [[below(10), HIDDEN, '=1+1']] },
      { bom: true },
    );
    expect(text).toBe("\uFEFF# DATA SINTETIS - uji\r\na;b;c\r\n< 10;;'=1+1\r\n");
  });
});
