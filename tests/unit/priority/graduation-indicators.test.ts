/** Graduation and stagnant-pocket membership as priority indicators (part 7 of the graduation issue). */
import { describe, expect, it } from 'vitest';
import {
  availablePriorityIndicators,
  priorityIndicatorInfo,
  priorityValues,
  type PriorityData,
} from '../../../src/lib/priority/indicators.ts';
import type { UnitData } from '../../../src/lib/indicators/units.ts';

const unit = (kode: string): UnitData => ({
  kode,
  luas_km2: 1,
  byPeriod: new Map([
    [
      '2025-Q1',
      { jumlah_kk: 100, kk_desil: [20, 10, 10, 10, 10, 10, 10, 10, 5, 5], jumlah_jiwa: null, programmes: {} },
    ],
    [
      '2025-Q3',
      {
        jumlah_kk: 100,
        kk_desil: [15, 10, 10, 10, 10, 10, 10, 10, 10, 5],
        jumlah_jiwa: null,
        programmes: {},
      },
    ],
  ]),
});

describe('graduation indicators', () => {
  const units = ['a', 'b', 'c'].map(unit);
  const base: PriorityData = { units, period: '2025-Q3', previous: '2025-Q1', pocket: null };

  it('are offered only where periods were linked; low graduation ranks as more need', () => {
    expect(availablePriorityIndicators(base, ['2025-Q1', '2025-Q3'])).not.toContain('graduation_rate');
    const linked = { ...base, graduation: [0.1, null, 0.4], stuck: Uint8Array.from([1, 0, 0]) };
    const ids = availablePriorityIndicators(linked, ['2025-Q1', '2025-Q3']);
    expect(ids).toContain('graduation_rate');
    expect(ids).toContain('stuck');
    expect(ids).toContain('change_share_d1');
    expect(priorityIndicatorInfo('graduation_rate')).toMatchObject({ direction: 'lower', kind: 'share' });
    expect(priorityIndicatorInfo('stuck')).toMatchObject({ direction: 'higher', kind: 'membership' });
    expect(priorityValues('graduation_rate', linked)).toEqual([0.1, null, 0.4]);
    expect(priorityValues('stuck', linked)).toEqual([1, 0, 0]);
    expect(priorityValues('stuck', base)).toEqual([null, null, null]);
  });
});
