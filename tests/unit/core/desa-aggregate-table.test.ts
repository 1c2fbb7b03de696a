import { describe, expect, it } from 'vitest';
import { parseDesaAggregateTable } from '../../../src/lib/aggregate/desa-aggregate-table.ts';
import { computeIndicator, availableIndicators } from '../../../src/lib/indicators/catalogue.ts';
import { unitsFromDesaRows } from '../../../src/lib/indicators/units.ts';
import { classify } from '../../../src/lib/classify/breaks.ts';

const header =
  'periode;kode_desa;nama_desa;kode_kec;nama_kec;jumlah_kk;kk_desil_1;kk_desil_2;kk_desil_3;kk_desil_4;kk_desil_5;kk_desil_6;kk_desil_7;kk_desil_8;kk_desil_9;kk_desil_10;jumlah_jiwa;kk_pkh';
const row = (p: string, kode: string, d: number[], pkh = 1) =>
  `${p};${kode};Desa;33.24.01;Kec;${d.reduce((a, b) => a + b, 0)};${d.join(';')};${d.reduce((a, b) => a + b, 0) * 3};${pkh}`;

describe('desa aggregate table', () => {
  it('reads rows, comments and periods, and accounts for every line', () => {
    const text = [
      '# DATA SINTETIS - bukan data DT-SEN asli',
      header,
      row('2025-Q1', '33.24.01.2001', [10, 10, 10, 10, 10, 10, 10, 10, 10, 10]),
      row('2025-Q3', '33.24.01.2001', [5, 15, 10, 10, 10, 10, 10, 10, 10, 10]),
      '2025-Q1;3324012002;Desa;33.24.01;Kec;1;1;0;0;0;0;0;0;0;0;0;3;0',
      '2025-Q1;33.24.01.2003;Desa;33.24.01;Kec;5;1;0;0;0;0;0;0;0;0;0;3;0',
      '2025-Q1;33.24.01.2004;Desa;33.24.01;Kec;x;1;0;0;0;0;0;0;0;0;0;3;0',
      '',
    ].join('\r\n');
    const t = parseDesaAggregateTable(text);
    expect(t.comments[0]).toContain('DATA SINTETIS');
    expect(t.periods).toEqual(['2025-Q1', '2025-Q3']);
    expect(t.rows).toHaveLength(2);
    expect(t.rows[0].programmes).toEqual({ pkh: 1 });
    expect(t.rejected.map((r) => r.line)).toEqual([5, 6, 7]);
    expect(t.rejected[0].reason).toContain('bukan kode Kemendagri');
    expect(t.rejected[1].reason).toContain('tidak sama dengan jumlah_kk');
    expect(t.rejected[2].reason).toContain('jumlah_kk');
  });

  it('refuses a table without the required columns, naming them', () => {
    expect(() => parseDesaAggregateTable('periode;kode_desa\n2025-Q1;33.24.01.2001')).toThrow(/jumlah_kk/);
  });

  it('computes shares and classes over the mapped desa; a mapped desa without rows is no data', () => {
    const t = parseDesaAggregateTable(
      [
        header,
        row('P', '33.24.01.2001', [1, 9, 0, 0, 0, 0, 0, 0, 0, 0]),
        row('P', '33.24.01.2002', [5, 5, 0, 0, 0, 0, 0, 0, 0, 0]),
        row('P', '99.99.01.2001', [9, 1, 0, 0, 0, 0, 0, 0, 0, 0]),
      ].join('\n'),
    );
    const areas = ['33.24.01.2001', '33.24.01.2002', '33.24.01.2003'].map((kode) => ({ kode, luas_km2: 2 }));
    const units = unitsFromDesaRows(t.rows, areas);
    const share = computeIndicator('share_d1', units, 'P');
    expect(share[0]).toBeCloseTo(0.1);
    expect(share[1]).toBeCloseTo(0.5);
    expect(share[2]).toBeNull();
    const c = classify(share, 5, 'natural');
    expect(c.noDataCount).toBe(1);
    expect(c.edges).toEqual([0.1, 0.5, 0.5]);
    expect(c.counts).toEqual([1, 1]);
    expect(computeIndicator('density_d1', units, 'P')).toEqual([0.5, 2.5, null]);
    const kec = unitsFromDesaRows(t.rows, [{ kode: '33.24.01', luas_km2: 6 }], (k) => k.slice(0, 8));
    expect(computeIndicator('share_d1', kec, 'P')[0]).toBeCloseTo(6 / 20);
    expect(availableIndicators(units, ['P']).some((d) => d.kind === 'change_share')).toBe(false);
  });
});
