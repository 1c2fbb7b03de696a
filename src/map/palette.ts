import { interpolateRdBu, schemeYlOrRd } from 'd3-scale-chromatic';
import type { IndicatorKind } from '../lib/indicators/catalogue.ts';

/** Fill for units without data: a neutral grey that no class colour uses. */
export const NO_DATA_COLOR = '#d9d9d9';

/** Fill for units hidden by small-number suppression: lighter than "no data", so the two read apart. */
export const HIDDEN_COLOUR = '#f2f2f2';

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

/**
 * Diverging ColorBrewer RdBu (colour-blind safe) for changes: each class takes the colour of its midpoint
 * on a scale symmetric around 0, so more poverty is red, less is blue, and a class straddling 0 is near
 * white whatever the breaks are.
 */
export function divergingPalette(edges: number[]): string[] {
  const span = Math.max(Math.abs(edges[0] ?? 0), Math.abs(edges.at(-1) ?? 0)) || 1;
  const colours: string[] = [];
  for (let i = 0; i + 1 < edges.length; i++) {
    const mid = (edges[i] + edges[i + 1]) / 2;
    // RdBu runs red (0) → blue (1); keep away from the darkest ends for legibility of outlines and labels.
    colours.push(interpolateRdBu(0.5 - 0.45 * (mid / span)));
  }
  return colours;
}

export function colourForKind(kind: IndicatorKind, edges: number[]): string[] {
  const classes = Math.max(0, edges.length - 1);
  return kind === 'change_share' || kind === 'change_count' || kind === 'change_rel'
    ? divergingPalette(edges)
    : sequentialPalette(classes);
}

/** LISA cluster colours as in GeoDa: HH red, LL blue, LH light blue, HL light red; not significant grey. */
export const CLUSTER_COLOURS = {
  0: '#eeeeee',
  1: '#d7191c',
  2: '#abd9e9',
  3: '#2c7bb6',
  4: '#fdae61',
} as const;

/** Significance tiers (p ≤ 0.05, 0.01, 0.001) in ColorBrewer greens; not significant grey. */
export const SIGNIFICANCE_COLOURS = ['#eeeeee', '#a1d99b', '#41ab5d', '#006d2c'] as const;

/** Gi* tiers −3…3 (cold 99/95/90%, not significant, hot 90/95/99%), ColorBrewer RdYlBu ends. */
export const GI_COLOURS: Record<number, string> = {
  [-3]: '#2166ac',
  [-2]: '#67a9cf',
  [-1]: '#d1e5f0',
  0: '#eeeeee',
  1: '#fddbc7',
  2: '#ef8a62',
  3: '#b2182b',
};

/**
 * Okabe & Ito (2008) colour-blind-safe categorical colours, for the indicators of a priority index (their
 * contribution bars and legend swatches), in the order the indicators are listed.
 */
export const INDICATOR_COLOURS = [
  '#0072B2',
  '#E69F00',
  '#009E73',
  '#CC79A7',
  '#56B4E9',
  '#D55E00',
  '#F0E442',
  '#000000',
];

/** Outline of the desa on a priority shortlist. */
export const SHORTLIST_COLOUR = '#08306b';
