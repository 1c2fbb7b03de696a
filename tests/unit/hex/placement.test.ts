/** The hexagon layer's placement summary: what the map's note says about how the counts were placed. */
import { describe, expect, it } from 'vitest';
import { hexbinsFromDesaCounts, hexbinsFromHouseholds } from '../../../src/lib/hex/hexbins.ts';
import { hexLayerFromBins, hexPlacement } from '../../../src/lib/hex/hex-layer.ts';
import { desaCounts, testDistrict, testHouseholds } from './helpers.ts';

describe('hexPlacement', () => {
  const { desa, district } = testDistrict();
  const all = testHouseholds(desa, 8_000, 9, 1);
  const most = testHouseholds(desa, 8_000, 9, 0.8);
  const missing = Array.from(most.lon).filter((x) => Number.isNaN(x)).length;

  it('says "exact" when every household was counted at its coordinates', () => {
    const layer = hexLayerFromBins(district, { '2025-Q1': hexbinsFromHouseholds(district, all, { res: 8 }) });
    expect(layer.placement['2025-Q1']).toEqual({ total: all.lon.length, allocated: 0 });
    expect(hexPlacement(layer, ['2025-Q1'])).toEqual({ kind: 'exact' });
  });

  it('gives the share of households placed from their desa when most have coordinates', () => {
    const layer = hexLayerFromBins(district, {
      '2025-Q1': hexbinsFromHouseholds(district, most, { res: 8 }),
    });
    expect(layer.estimate).toBe(true);
    const placed = hexPlacement(layer, ['2025-Q1']);
    expect(placed).toEqual({ kind: 'part-from-desa', share: missing / most.lon.length });
    // about a fifth: the data do have coordinates, only some households lack them
    expect(missing / most.lon.length).toBeGreaterThan(0.1);
    expect(missing / most.lon.length).toBeLessThan(0.3);
  });

  it('says "all from desa" for counts spread from desa by area', () => {
    const counts = desaCounts(most, desa.length);
    const layer = hexLayerFromBins(district, { '2025-Q1': hexbinsFromDesaCounts(district, counts, 8) });
    expect(hexPlacement(layer, ['2025-Q1'])).toEqual({ kind: 'all-from-desa' });
  });

  it('sums over the periods shown and ignores the others', () => {
    const layer = hexLayerFromBins(district, {
      '2025-Q1': hexbinsFromHouseholds(district, all, { res: 8 }),
      '2025-Q3': hexbinsFromHouseholds(district, most, { res: 8 }),
    });
    expect(hexPlacement(layer, ['2025-Q1', null])).toEqual({ kind: 'exact' });
    expect(hexPlacement(layer, ['2025-Q3', '2025-Q3'])).toEqual({
      kind: 'part-from-desa',
      share: missing / most.lon.length,
    });
    expect(hexPlacement(layer, ['2025-Q3', '2025-Q1'])).toEqual({
      kind: 'part-from-desa',
      share: missing / (most.lon.length + all.lon.length),
    });
    expect(hexPlacement(layer, ['2030-Q1'])).toEqual({ kind: 'exact' });
  });
});
