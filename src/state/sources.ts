import type { Locale } from '../i18n/locale.svelte.ts';
import type { ExploreState } from './explore.svelte.ts';
import { BUNDLED } from './dataset-store.ts';

/**
 * Where the boundaries and the data shown come from, in the UI language: the source line under the map and
 * every export (CSV, XLSX, PNG, brief) say the same.
 */
export function sourceTexts(explore: ExploreState, locale: Locale): { boundaries: string; data: string } {
  const m = explore.district.manifest;
  const boundaries = !m
    ? ''
    : m.demo
      ? locale.t('source.demoBoundaries')
      : m.source.commit
        ? `${m.source.name} (${m.source.licence}) @${m.source.commit.slice(0, 7)}`
        : m.source.name;
  // The bundled data is named after its generator; an imported dataset after its files.
  const d = explore.dataset;
  const name =
    d.rows.length === 0
      ? locale.t('source.noData')
      : d.source === BUNDLED
        ? locale.t('source.syntheticData')
        : (d.source ?? '');
  const data = d.rows.length > 0 && d.synthetic ? `${locale.t('synthetic.mark')}, ${name}` : name;
  return { boundaries, data };
}

/**
 * The items of the source line under the map, in the UI language (boundaries, gazetteer, data, and the
 * basemap while one is on): the line on screen and the footer of exported maps.
 */
export function sourceItems(explore: ExploreState, locale: Locale): string[] {
  const sources = sourceTexts(explore, locale);
  return [
    locale.t('source.boundaries', { source: sources.boundaries }),
    locale.t('source.gazetteer'),
    locale.t('source.data', { source: sources.data }),
    explore.basemap.attribution ? locale.t('source.basemap', { source: explore.basemap.attribution }) : null,
  ].filter((x): x is string => x !== null);
}
