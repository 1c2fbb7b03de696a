import { describe, expect, it } from 'vitest';
import { schemeYlOrRd } from 'd3-scale-chromatic';
import { colourForKind, divergingPalette, sequentialPalette } from '../../../src/map/palette.ts';

describe('palettes', () => {
  it('sequential ColorBrewer YlOrRd with one colour per class, 1 to 9 classes', () => {
    for (let k = 3; k <= 9; k++) expect(sequentialPalette(k)).toEqual([...schemeYlOrRd[k]]);
    expect(sequentialPalette(1)).toHaveLength(1);
    expect(sequentialPalette(2)).toHaveLength(2);
    expect(sequentialPalette(0)).toEqual([]);
  });

  it('diverging for changes: fewer families red-free, more families red, zero-straddling class near white', () => {
    const colours = divergingPalette([-0.04, -0.02, -0.005, 0.005, 0.02, 0.04]);
    const rgb = (c: string) => c.match(/\d+/g)!.map(Number);
    const [r0, , b0] = rgb(colours[0]);
    const [r4, , b4] = rgb(colours[4]);
    const [r2, g2, b2] = rgb(colours[2]);
    expect(b0).toBeGreaterThan(r0); // a fall is blue
    expect(r4).toBeGreaterThan(b4); // a rise is red
    expect(Math.min(r2, g2, b2)).toBeGreaterThan(230); // around zero: near white
  });

  it('chooses by indicator kind', () => {
    const edges = [0, 0.1, 0.2, 0.3];
    expect(colourForKind('share', edges)).toEqual(sequentialPalette(3));
    expect(colourForKind('count', edges)).toEqual(sequentialPalette(3));
    expect(colourForKind('change_share', [-1, 0, 1])).toEqual(divergingPalette([-1, 0, 1]));
  });
});
