import { gridDisk, latLngToCell } from 'h3-js';
import { describe, expect, it } from 'vitest';
import { cellListKey } from '../../../src/lib/hex/cell-list-key.ts';

/** 127 res-8 cells around a point in Kendal, ascending as the hexagon layer orders them. */
const cells = gridDisk(latLngToCell(-6.95, 110.2, 8), 6).sort();

describe('cellListKey', () => {
  it('is the same for the same cells in the same order', () => {
    expect(cells.length).toBe(127);
    expect(cellListKey([...cells])).toBe(cellListKey(cells));
    expect(cellListKey(cells)).toMatch(/^127\|[0-9a-f]{64}$/);
  });

  it('differs for two lists with the same length, first and last cell that differ only in the middle', () => {
    const other = [...cells];
    const outside = gridDisk(cells[0], 8).find((c) => !cells.includes(c))!;
    other[63] = outside;
    expect([other.length, other[0], other.at(-1)]).toEqual([cells.length, cells[0], cells.at(-1)]);
    expect(cellListKey(other)).not.toBe(cellListKey(cells));
  });

  it('differs when only the order in the middle differs (weights rows follow the list)', () => {
    const swapped = [...cells];
    [swapped[40], swapped[41]] = [swapped[41], swapped[40]];
    expect(cellListKey(swapped)).not.toBe(cellListKey(cells));
  });

  it('does not merge cells across the separator', () => {
    expect(cellListKey(['ab', 'c'])).not.toBe(cellListKey(['a', 'bc']));
    expect(cellListKey([])).not.toBe(cellListKey(['']));
  });
});
