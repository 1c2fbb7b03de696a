import type { LayerSpecification } from 'maplibre-gl';
import { LAYER, baseStyle } from './style.ts';

type Props = { layout?: Record<string, unknown>; paint?: Record<string, unknown> };

/**
 * What the projector theme changes in the map style, per layer: labels at `labelSize` px (at least 24 px at
 * 1920 px, read from the back of a room), outlines two to three times thicker and darker so that desa and
 * kecamatan edges survive a washed-out beam, and a dark halo-free selection. With `on` false the values of
 * the base style (`baseStyle()`) come back, so leaving the mode restores the screen theme exactly.
 */
export function presentationStyle(on: boolean, labelSize: number): Record<string, Props> {
  const changed: Record<string, Props> = {
    [LAYER.desaLabel]: {
      layout: { 'text-size': labelSize },
      paint: { 'text-halo-width': 3 },
    },
    [LAYER.kecamatanLabel]: {
      layout: { 'text-size': labelSize },
      paint: { 'text-halo-width': 3 },
    },
    [LAYER.desaLine]: {
      paint: {
        'line-color': '#ffffff',
        'line-width': ['interpolate', ['linear'], ['zoom'], 9, 1, 13, 3],
      },
    },
    [LAYER.kecamatanLine]: {
      paint: { 'line-color': '#000000', 'line-width': ['interpolate', ['linear'], ['zoom'], 9, 2.5, 13, 5] },
    },
    [LAYER.kabupatenLine]: { paint: { 'line-color': '#000000', 'line-width': 5 } },
  };
  if (on) return changed;
  const layers = new Map<string, LayerSpecification>(baseStyle().layers.map((l) => [l.id, l]));
  const base: Record<string, Props> = {};
  for (const [id, props] of Object.entries(changed)) {
    const layer = layers.get(id) as (LayerSpecification & Props) | undefined;
    base[id] = {
      layout: Object.fromEntries(Object.keys(props.layout ?? {}).map((k) => [k, layer?.layout?.[k]])),
      paint: Object.fromEntries(Object.keys(props.paint ?? {}).map((k) => [k, layer?.paint?.[k]])),
    };
  }
  return base;
}
