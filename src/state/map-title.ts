import type { Locale } from '../i18n/locale.svelte.ts';
import type { ExploreState } from './explore.svelte.ts';
import type { PriorityState } from './priority.svelte.ts';

/** The title of the map as shown: the on-screen panel and every exported map draw this. */
export interface MapTitle {
  heading: string;
  /** The unit of the map ("per desa/kelurahan"). */
  unit: string;
  /** Kecamatan in focus, kabupaten and period, joined by " · ". */
  where: string;
  /** "DATA SINTETIS" for synthetic data, "WILAYAH CONTOH" for the demo district. */
  marks: { text: string; explain: string; kind: 'synthetic' | 'demo' }[];
}

/**
 * What the map shows, in the UI language: the indicator (or the cluster map of it, or the priority
 * scenario), the unit, where and when, and the marks a reader must not miss.
 */
export function mapTitle(explore: ExploreState, priority: PriorityState | null, locale: Locale): MapTitle {
  const indicatorName = locale.t(`indicator.${explore.indicator.id}`);
  const heading = priority
    ? locale.t('priority.title', { name: priority.scenario.name || locale.t('priority.untitled') })
    : explore.view.mode === 'value'
      ? indicatorName
      : locale.t(`title.mode.${explore.view.mode}`, { indicator: indicatorName });
  const focusName = explore.view.focus ? explore.district.kecamatanInfo(explore.view.focus)?.nama_kec : null;
  const when =
    explore.indicator.needsTwoPeriods && explore.previousPeriod && explore.period
      ? locale.t('title.change', { from: explore.previousPeriod, to: explore.period })
      : explore.period
        ? locale.t('title.period', { periode: explore.period })
        : null;
  const where = [
    focusName ? locale.t('title.focus', { name: focusName }) : null,
    explore.district.manifest?.nama_kab,
    when,
  ]
    .filter(Boolean)
    .join(' · ');
  const marks: MapTitle['marks'] = [];
  if (explore.dataset.synthetic)
    marks.push({
      text: locale.t('synthetic.mark'),
      explain: locale.t('synthetic.explain'),
      kind: 'synthetic',
    });
  if (explore.district.manifest?.demo)
    marks.push({ text: locale.t('demo.mark'), explain: locale.t('demo.explain'), kind: 'demo' });
  return {
    heading,
    unit: locale.t(`title.perLevel.${explore.level}`, { res: explore.view.res }),
    where,
    marks,
  };
}
