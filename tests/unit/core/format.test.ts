import { describe, expect, it } from 'vitest';
import { formatCount, formatDecimal, formatPercent } from '../../../src/lib/format/number.ts';

describe('number format', () => {
  it('uses the Indonesian thousands dot and decimal comma by default', () => {
    expect(formatCount(1234567)).toBe('1.234.567');
    expect(formatDecimal(1234.5)).toBe('1.234,5');
    expect(formatPercent(0.0935)).toBe('9,4%');
  });
  it('formats English when asked', () => {
    expect(formatCount(1234567, 'en-GB')).toBe('1,234,567');
    expect(formatPercent(0.0935, 'en-GB')).toBe('9.4%');
  });
});
