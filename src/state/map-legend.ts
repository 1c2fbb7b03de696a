import type { Locale } from '../i18n/locale.svelte.ts';
import { msg } from '../lib/messages/message.ts';
import { criterionMessage } from '../lib/pockets/pocket-test.ts';
import { HIDDEN_COLOUR, NO_DATA_COLOR, sequentialPalette, SHORTLIST_COLOUR } from '../map/palette.ts';
import type { ExploreState } from './explore.svelte.ts';
import type { PriorityState } from './priority.svelte.ts';

/**
 * A core message standing alone: they are written to follow a label ("reason: …"), so the legend (on screen
 * and in every exported map) starts the sentence with a capital.
 */
function sentence(text: string): string {
  return text.charAt(0).toLocaleUpperCase('id') + text.slice(1);
}

/** One legend row: a swatch, what it stands for, and how many units of the map it colours. */
export interface LegendRow {
  /** Stable key (also the `data-category` of rows tests and exports look for), or null. */
  category: string | null;
  colour: string;
  /** A filled swatch, an outline (the shortlist), or the dashed swatch of withheld units. */
  swatch: 'fill' | 'outline' | 'hidden';
  label: string;
  count: string;
}

/** The legend of the map as shown: the on-screen panel and every exported map draw this. */
export interface LegendModel {
  title: string;
  /** The indicator under a cluster map's title. */
  subject: string | null;
  rows: LegendRow[];
  /** Shown instead of rows while an analysis runs. */
  status: string | null;
  /** Notes under the rows; `data` becomes `data-*` attributes (what tests and exports look for). */
  notes: { text: string; kind: 'note' | 'estimate' | 'desil'; data?: Record<string, string> }[];
}

/**
 * The legend of the current map in the UI language: the five rank groups of the Prioritas map, a cluster
 * map's categories, or the classes of an indicator with out-of-range, withheld and no-data rows; then the
 * notes (classification, focus, hexagon estimate, what desil means). Unit counts only: how many desa or
 * hexagons a colour covers, never a household count.
 */
export function legendModel(
  explore: ExploreState,
  priority: PriorityState | null,
  locale: Locale,
): LegendModel {
  const notes: LegendModel['notes'] = [];
  let model: Omit<LegendModel, 'notes'>;
  if (priority) {
    const n = priority.rows.length;
    const palette = sequentialPalette(5);
    const desa = (count: number) => locale.t('legend.units.desa', { count: locale.count(count) });
    const rows: LegendRow[] = [0, 1, 2, 3, 4].flatMap((g) => {
      const from = Math.floor((g * n) / 5);
      const to = Math.floor(((g + 1) * n) / 5) - 1;
      return to >= from
        ? [
            {
              category: null,
              colour: palette[4 - g],
              swatch: 'fill' as const,
              label: locale.t('priority.legend.class', { n: g + 1, from: from + 1, to: to + 1 }),
              count: desa(to - from + 1),
            },
          ]
        : [];
    });
    rows.push({
      category: 'shortlist',
      colour: SHORTLIST_COLOUR,
      swatch: 'outline',
      label: locale.t('priority.legend.shortlist'),
      count: desa(priority.shortlistCodes.size),
    });
    const outside = explore.mapUnits.length - n;
    if (outside > 0)
      rows.push({
        category: null,
        colour: NO_DATA_COLOR,
        swatch: 'fill',
        label: locale.t('priority.legend.outside'),
        count: desa(outside),
      });
    model = { title: locale.t('priority.legend.title'), subject: null, rows, status: null };
  } else {
    const unitKey = `legend.units.${explore.level}` as const;
    const units = (count: number) => locale.t(unitKey, { count: locale.count(count) });
    if (explore.view.mode !== 'value') {
      const mode = explore.view.mode;
      model = {
        title: locale.t(`mode.${mode}`),
        subject: locale.t(`indicator.${explore.indicator.id}`),
        rows: explore.clusterResult
          ? explore.clusterLegend.map((row) => ({
              category: row.key,
              colour: row.colour,
              swatch: 'fill' as const,
              label: locale.t(row.key, { alpha: locale.decimal(explore.view.alpha, 3) }),
              count: units(row.count),
            }))
          : [],
        status: explore.clusterResult || explore.hexStatisticsBlocked ? null : locale.t('analysis.running'),
      };
      if (explore.clusterResult) notes.push({ text: locale.t(`mode.explain.${mode}`), kind: 'note' });
      else if (explore.hexStatisticsBlocked)
        notes.push({
          text: locale.msg(explore.hexStatisticsBlocked),
          kind: 'estimate',
          data: { 'data-blocked': '' },
        });
      const placed = explore.hexPlacement;
      if (placed?.kind === 'part-from-desa' && !explore.hexStatisticsBlocked)
        notes.push({
          text: locale.t('hex.statsPoints', { share: locale.percent(1 - placed.share) }),
          kind: 'note',
          data: { 'data-points-used': '' },
        });
    } else {
      const kind = explore.indicator.kind;
      const c = explore.classification;
      const rows: LegendRow[] = c.counts.map((count, i) => {
        const from = c.edges[i];
        const to = c.edges[i + 1];
        return {
          category: null,
          colour: explore.palette[i],
          swatch: 'fill' as const,
          label:
            from === to
              ? locale.value(kind, from)
              : `${locale.value(kind, from)} – ${locale.value(kind, to)}`,
          count: units(count),
        };
      });
      if (c.outOfRange > 0)
        rows.push({
          category: null,
          colour: NO_DATA_COLOR,
          swatch: 'fill',
          label: locale.t('legend.outOfRange'),
          count: units(c.outOfRange),
        });
      if (explore.hiddenInScope > 0)
        rows.push({
          category: 'hidden',
          colour: explore.level === 'hex' ? 'transparent' : HIDDEN_COLOUR,
          swatch: 'hidden',
          label: locale.t('legend.hidden', { k: explore.view.minCount }),
          count: units(explore.hiddenInScope),
        });
      if (c.noDataCount > 0 || c.counts.length === 0)
        rows.push({
          category: null,
          colour: NO_DATA_COLOR,
          swatch: 'fill',
          label: locale.t('legend.noData'),
          count: units(c.noDataCount),
        });
      model = { title: locale.t(`indicator.${explore.indicator.id}`), subject: null, rows, status: null };
      notes.push({
        text: locale.t('legend.method', { method: locale.t(`class.${explore.view.method}`) }),
        kind: 'note',
      });
      const focusName = explore.view.focus
        ? explore.district.kecamatanInfo(explore.view.focus)?.nama_kec
        : null;
      if (focusName)
        notes.push({
          text: explore.fittedToFocus
            ? locale.t('class.fittedNote', { name: focusName })
            : locale.t('class.kabNote'),
          kind: 'note',
        });
    }
  }
  // Why hexagon counts are an estimate, for the periods the map shows: all spread from desa by area, or only
  // the households without usable coordinates (most may have them).
  const placement = explore.hexPlacement;
  if (placement?.kind === 'all-from-desa') notes.push({ text: locale.t('hex.estimate'), kind: 'estimate' });
  else if (placement?.kind === 'part-from-desa')
    notes.push({
      text: locale.t('hex.estimatePart', { share: locale.percent(placement.share) }),
      kind: 'estimate',
    });
  // The pocket layer's settings in one line (a pocket list cannot be read without them), and its outcome.
  const pockets = explore.view.pockets ? explore.pockets : null;
  if (pockets) {
    notes.push({
      text: locale.t('legend.pockets', {
        criterion: locale.msg(criterionMessage(pockets.options.criterion)),
        adjust: locale.msg(msg(`pockets.adjust.${pockets.options.pAdjust}`)),
        minUnits: locale.count(pockets.options.minUnits),
        unit: locale.t(explore.level === 'hex' ? 'pockets.unit.hex' : 'pockets.unit.desa'),
        minHouseholds: locale.count(pockets.options.minHouseholds),
        gate: locale.msg(msg(`pockets.gate.${pockets.options.gate}`)),
      }),
      kind: 'note',
      data: { 'data-pockets-legend': '' },
    });
    if (pockets.outcome.reason.code !== explore.hexStatisticsBlocked?.code)
      notes.push({
        text: sentence(locale.msg(pockets.outcome.reason)),
        kind: 'note',
        data: { 'data-pockets-outcome': pockets.outcome.kind },
      });
  }
  notes.push({ text: locale.t('legend.desilNote'), kind: 'desil' });
  return { ...model, notes };
}
