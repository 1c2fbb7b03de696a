import type { ExpressionSpecification, LineLayerSpecification, StyleSpecification } from 'maplibre-gl';
import type { FeatureCollection } from 'geojson';
import { NO_DATA_COLOR, SHORTLIST_COLOUR } from './palette.ts';

/**
 * With no `glyphs` in the style MapLibre draws labels itself with CSS fonts: it reads the weight from the
 * first name ("Bold" → 700) and uses the whole list as the CSS font-family, so the second entry names the
 * family that @fontsource/noto-sans actually registers.
 */
export const LABEL_FONT_REGULAR = ['Noto Sans Regular', 'Noto Sans'];
export const LABEL_FONT_BOLD = ['Noto Sans Bold', 'Noto Sans'];

export const LAYER = {
  desaFill: 'desa-fill',
  kabupatenFill: 'kabupaten-fill',
  kecamatanFill: 'kecamatan-fill',
  hexFill: 'hex-fill',
  hexLine: 'hex-line',
  pocketLine: 'pocket-line',
  pocketSelected: 'pocket-selected',
  desaLine: 'desa-line',
  kecamatanLine: 'kecamatan-line',
  kabupatenLine: 'kabupaten-line',
  desaShortlist: 'desa-shortlist',
  hoverLine: 'hover-line',
  selectedLine: 'selected-line',
  desaLabel: 'desa-label',
  kecamatanLabel: 'kecamatan-label',
} as const;

export const SOURCE = {
  desa: 'desa',
  kecamatan: 'kecamatan',
  kabupaten: 'kabupaten',
  desaLabels: 'desa-labels',
  kecamatanLabels: 'kecamatan-labels',
  hex: 'hex',
  pockets: 'pockets',
  /** The hovered and the selected unit of the level shown (`properties.state`: `hover` or `selected`). */
  highlight: 'highlight',
  /** The desa of a priority shortlist. */
  shortlist: 'shortlist',
} as const;

/** Layers shown only at some levels; the others (outlines, kecamatan labels, pockets) show at every level. */
export const LAYER_LEVELS: Record<string, readonly ('desa' | 'kecamatan' | 'kabupaten' | 'hex')[]> = {
  [LAYER.desaFill]: ['desa'],
  [LAYER.desaLine]: ['desa'],
  [LAYER.desaShortlist]: ['desa'],
  // Desa names help to read hexagons too.
  [LAYER.desaLabel]: ['desa', 'hex'],
  [LAYER.kecamatanFill]: ['kecamatan'],
  [LAYER.kabupatenFill]: ['kabupaten'],
  [LAYER.hexFill]: ['hex'],
  [LAYER.hexLine]: ['hex'],
};

/** The fill layer and the source holding the units of each level. */
export const LEVEL_FILL = {
  desa: { layer: LAYER.desaFill, source: SOURCE.desa, id: 'kode_desa' },
  kecamatan: { layer: LAYER.kecamatanFill, source: SOURCE.kecamatan, id: 'kode_kec' },
  kabupaten: { layer: LAYER.kabupatenFill, source: SOURCE.kabupaten, id: 'kode_kab' },
  hex: { layer: LAYER.hexFill, source: SOURCE.hex, id: 'cell' },
} as const;

const empty: FeatureCollection = { type: 'FeatureCollection', features: [] };

/** Class colour from feature-state; units the map has no value for stay in the no-data grey. */
const unitColour: ExpressionSpecification = ['coalesce', ['feature-state', 'color'], NO_DATA_COLOR];
/** Units outside the kecamatan in focus are dimmed, not hidden: the camat still sees the neighbours. */
const unitOpacity: ExpressionSpecification = [
  'case',
  ['boolean', ['feature-state', 'dim'], false],
  0.25,
  0.92,
];
/**
 * Hover and selection outlines come from a source of their own holding only those one or two units, with a
 * constant width: a width from feature-state would make the map draw every unit's outline again at width 0
 * (in software WebGL the province's 8,563 desa, or 345,000 cells, once more per outline layer and frame).
 */
const highlightLine = (state: 'hover' | 'selected', width: number): LineLayerSpecification => ({
  id: state === 'hover' ? LAYER.hoverLine : LAYER.selectedLine,
  type: 'line',
  source: SOURCE.highlight,
  filter: ['==', ['get', 'state'], state],
  layout: { 'line-join': 'round' },
  paint: { 'line-color': '#08306b', 'line-width': width },
});

/**
 * The offline base style: no basemap, no remote source, no `glyphs` (labels come from local fonts), so the
 * map makes no request beyond the app's own files. Values reach the fills through `feature-state` so that
 * changing the indicator never rebuilds the geometry.
 */
/**
 * Fill of the desa, kecamatan and kabupaten levels. No antialiasing pass: each level's own line layer draws
 * the edges, and the extra outline program costs a shader compile on first load and a pass over every edge
 * at every frame (in software WebGL, the province's 8,563 desa while panning).
 */
const unitFillPaint = {
  'fill-color': unitColour,
  'fill-opacity': unitOpacity,
  'fill-antialias': false,
} as const;

export function baseStyle(): StyleSpecification {
  return {
    version: 8,
    sources: {
      [SOURCE.desa]: { type: 'geojson', data: empty, promoteId: 'kode_desa' },
      [SOURCE.kecamatan]: { type: 'geojson', data: empty, promoteId: 'kode_kec' },
      [SOURCE.kabupaten]: { type: 'geojson', data: empty, promoteId: 'kode_kab' },
      [SOURCE.desaLabels]: { type: 'geojson', data: empty },
      [SOURCE.kecamatanLabels]: { type: 'geojson', data: empty },
      [SOURCE.hex]: { type: 'geojson', data: empty, promoteId: 'cell' },
      [SOURCE.pockets]: { type: 'geojson', data: empty, promoteId: 'id' },
      [SOURCE.highlight]: { type: 'geojson', data: empty },
      [SOURCE.shortlist]: { type: 'geojson', data: empty },
    },
    layers: [
      { id: 'background', type: 'background', paint: { 'background-color': '#eef2f3' } },
      {
        id: LAYER.desaFill,
        type: 'fill',
        source: SOURCE.desa,
        paint: unitFillPaint,
      },
      {
        id: LAYER.kecamatanFill,
        type: 'fill',
        source: SOURCE.kecamatan,
        layout: { visibility: 'none' },
        paint: unitFillPaint,
      },
      {
        id: LAYER.kabupatenFill,
        type: 'fill',
        source: SOURCE.kabupaten,
        layout: { visibility: 'none' },
        paint: unitFillPaint,
      },
      {
        id: LAYER.hexFill,
        type: 'fill',
        source: SOURCE.hex,
        layout: { visibility: 'none' },
        // Cells without a colour are hidden (small-number suppression), not grey. No antialiasing pass:
        // thousands of cell edges at every frame cost more than they show (the line layer draws edges up close).
        paint: {
          'fill-color': ['coalesce', ['feature-state', 'color'], 'rgba(0,0,0,0)'],
          'fill-opacity': unitOpacity,
          'fill-antialias': false,
        },
      },
      {
        id: LAYER.hexLine,
        type: 'line',
        source: SOURCE.hex,
        minzoom: 11,
        layout: { visibility: 'none' },
        paint: {
          'line-color': '#ffffff',
          'line-opacity': ['case', ['==', ['feature-state', 'color'], null], 0, 0.6],
          'line-width': ['interpolate', ['linear'], ['zoom'], 9, 0.1, 13, 0.8],
        },
      },
      {
        id: LAYER.desaLine,
        type: 'line',
        source: SOURCE.desa,
        paint: {
          'line-color': '#ffffff',
          'line-width': ['interpolate', ['linear'], ['zoom'], 9, 0.3, 13, 1.2],
          // A whole province (zoom 7–8) puts a desa in a few pixels: its outline would only grey the colours,
          // and at opacity 0 the map skips the layer (in software WebGL, 8,563 outlines less per frame).
          'line-opacity': ['interpolate', ['linear'], ['zoom'], 7.9, 0, 8.6, 1],
        },
      },
      {
        id: LAYER.kecamatanLine,
        type: 'line',
        source: SOURCE.kecamatan,
        paint: {
          'line-color': '#3d3d3d',
          'line-width': ['interpolate', ['linear'], ['zoom'], 9, 1, 13, 2.5],
        },
      },
      {
        id: LAYER.kabupatenLine,
        type: 'line',
        source: SOURCE.kabupaten,
        paint: { 'line-color': '#1a1a1a', 'line-width': 2.5 },
      },
      {
        // the desa of a priority shortlist (their own source, for the reason given at highlightLine)
        id: LAYER.desaShortlist,
        type: 'line',
        source: SOURCE.shortlist,
        layout: { 'line-join': 'round' },
        paint: { 'line-color': SHORTLIST_COLOUR, 'line-width': 3.5 },
      },
      highlightLine('hover', 2.5),
      highlightLine('selected', 3.5),
      {
        id: LAYER.pocketLine,
        type: 'line',
        source: SOURCE.pockets,
        layout: { 'line-join': 'round' },
        paint: {
          'line-color': '#54278f',
          'line-width': ['interpolate', ['linear'], ['zoom'], 9, 2, 13, 4],
          'line-dasharray': [2, 1],
        },
      },
      {
        id: LAYER.pocketSelected,
        type: 'line',
        source: SOURCE.pockets,
        layout: { 'line-join': 'round' },
        paint: {
          'line-color': '#54278f',
          'line-width': ['case', ['boolean', ['feature-state', 'selected'], false], 6, 0],
        },
      },
      {
        id: LAYER.desaLabel,
        type: 'symbol',
        source: SOURCE.desaLabels,
        minzoom: 11,
        layout: {
          'text-field': ['get', 'nama'],
          'text-font': LABEL_FONT_REGULAR,
          'text-size': ['interpolate', ['linear'], ['zoom'], 11, 11, 14, 14],
          'text-max-width': 8,
          'text-padding': 3,
        },
        paint: { 'text-color': '#1f1f1f', 'text-halo-color': '#ffffff', 'text-halo-width': 1.5 },
      },
      {
        id: LAYER.kecamatanLabel,
        type: 'symbol',
        source: SOURCE.kecamatanLabels,
        maxzoom: 12.5,
        layout: {
          'text-field': ['upcase', ['get', 'nama']],
          'text-font': LABEL_FONT_BOLD,
          'text-size': ['interpolate', ['linear'], ['zoom'], 8, 10, 11, 14],
          'text-letter-spacing': 0.08,
          'text-max-width': 7,
          'text-padding': 4,
        },
        paint: { 'text-color': '#111111', 'text-halo-color': '#ffffff', 'text-halo-width': 2 },
      },
    ],
  };
}
