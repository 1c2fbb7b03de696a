/**
 * The key of the Pemantauan graduation and stagnant-pocket maps, as a {@link LegendModel}: the same panel as
 * every other map (so it stays on screen in presentation mode, where the side panel is hidden) and the same
 * model an exported map draws. Counts are tallied from the fill colours the map is given, so the key counts
 * exactly what is drawn.
 */
import type { Locale } from '../i18n/locale.svelte.ts';
import { HIDDEN_COLOUR, NO_DATA_COLOR } from '../map/palette.ts';
import type { LegendModel, LegendRow } from './map-legend.ts';
import {
  GRADUATION_COLOURS,
  GRADUATION_EDGES,
  NOT_STUCK_COLOUR,
  STUCK_COLOUR,
  type MonitorState,
} from './monitor.svelte.ts';

/** The key of the monitoring map, or null for the change map (whose key is the explore legend's). */
export function monitorLegendModel(monitor: MonitorState, locale: Locale): LegendModel | null {
  if (monitor.map === 'change') return null;
  const tally = new Map<string, number>();
  for (const c of monitor.colours) tally.set(c, (tally.get(c) ?? 0) + 1);
  const count = (colour: string) =>
    locale.t('legend.units.desa', { count: locale.count(tally.get(colour) ?? 0) });
  const row = (category: string | null, colour: string, label: string): LegendRow => ({
    category,
    colour,
    swatch: 'fill',
    label,
    count: count(colour),
  });
  const rows: LegendRow[] =
    monitor.map === 'graduation'
      ? GRADUATION_COLOURS.map((c, i) =>
          row(
            `graduation.${i}`,
            c,
            `${locale.percent(GRADUATION_EDGES[i], 0)}–${locale.percent(GRADUATION_EDGES[i + 1], 0)}`,
          ),
        )
      : [
          row('stuck', STUCK_COLOUR, locale.t('monitor.stuck.yes')),
          row('not-stuck', NOT_STUCK_COLOUR, locale.t('monitor.stuck.no')),
        ];
  if (tally.has(HIDDEN_COLOUR))
    rows.push({
      category: 'hidden',
      colour: HIDDEN_COLOUR,
      swatch: 'hidden',
      label: locale.t('legend.hidden', { k: monitor.explore.view.minCount }),
      count: count(HIDDEN_COLOUR),
    });
  if (tally.has(NO_DATA_COLOR))
    rows.push(
      row(
        null,
        NO_DATA_COLOR,
        locale.t(monitor.map === 'stuck' ? 'monitor.legend.notAnalysed' : 'legend.noData'),
      ),
    );
  const running = monitor.job.status === 'running' && !monitor.result;
  return {
    title: locale.t(`monitor.map.${monitor.map}`),
    subject: `${monitor.base} → ${monitor.comparison}`,
    rows: running ? [] : rows,
    status: running ? locale.t('monitor.running') : null,
    notes: [],
  };
}
