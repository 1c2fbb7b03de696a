import { schemeYlOrRd } from 'd3-scale-chromatic';

/** Fill for units without data: a neutral grey that no sequential class uses. */
export const NO_DATA_COLOR = '#d9d9d9';

/**
 * ColorBrewer YlOrRd (Brewer 2003), sequential and colour-blind safe, for shares where more is worse.
 * ColorBrewer defines 3–9 classes; 1–2 classes take the light and dark ends of the 3-class scheme.
 */
export function sequentialPalette(classes: number): string[] {
  if (classes <= 0) return [];
  if (classes === 1) return [schemeYlOrRd[3][1]];
  if (classes === 2) return [schemeYlOrRd[3][0], schemeYlOrRd[3][2]];
  return [...schemeYlOrRd[Math.min(classes, 9)]];
}
