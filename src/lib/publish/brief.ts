/**
 * The printable A4 brief of a ranking, as text ready to lay out: a title, the facts every export carries
 * (date, period, data source, boundaries, the synthetic-data mark), a table of desa — the shortlist, or every
 * ranked desa of one kecamatan — the method in plain words and a note on how firm the shortlist is.
 *
 * It reads only published rows (`publishRanking`) and writes their counts with `publishedText`, so the brief
 * can show nothing the screen may not: a count of 1 … k−1 is "< k", a withheld one "×". The method is
 * `methodLines` of the CSV and the workbook, less the lines the brief already shows in its head.
 */
import { formatCount, formatFixed, formatPercent } from '../format/number.ts';
import type { MessageCode } from '../messages/dictionary.ts';
import { msg, type MessageParams } from '../messages/message.ts';
import { NUMBER_LOCALE, renderMessage, type Language } from '../messages/render.ts';
import { dependsOnWeights } from '../priority/robustness.ts';
import { publishedText, type Published } from './published.ts';
import type { PublishedRankingRow } from './ranking.ts';
import { methodLines, type ExportMeta } from './ranking-files.ts';

/** How many desa the shortlist brief lists when there is no shortlist to list. */
export const BRIEF_TOP = 20;

/** A kecamatan a brief is about. */
export interface BriefKecamatan {
  kode: string;
  nama: string;
}

export interface BriefInput {
  /** The published ranking, best rank first. */
  rows: readonly PublishedRankingRow[];
  meta: ExportMeta;
  /** null: the shortlist brief; a kecamatan: the brief of its desa. */
  kecamatan: BriefKecamatan | null;
  lang: Language;
}

export type BriefColumnKey =
  | 'rank'
  | 'code'
  | 'desa'
  | 'kecamatan'
  | 'index'
  | 'households'
  | 'target'
  | 'robustness'
  | 'shortlist'
  | 'note';

export interface BriefColumn {
  key: BriefColumnKey;
  label: string;
  /** Right-aligned figures. */
  numeric: boolean;
}

export interface BriefRow {
  kode_desa: string;
  /** One text per column, in column order. */
  cells: string[];
  inShortlist: boolean;
  /** In or out only because of the exact weights (marked ⚠). */
  dependsOnWeights: boolean;
}

export interface Brief {
  title: string;
  scenario: string;
  /** The synthetic-data sentence, or null for real data. */
  synthetic: string | null;
  /** Date, period, data source, boundaries. */
  facts: string[];
  tableTitle: string;
  columns: BriefColumn[];
  rows: BriefRow[];
  /** What "×", "< k" and "–" mean. */
  marks: string;
  method: string[];
  robustness: string;
  /** Headings of the method and robustness sections. */
  headings: { method: string; robustness: string };
}

/** The brief of a ranking (see the module comment). */
export function buildBrief(input: BriefInput): Brief {
  const { meta, lang, kecamatan } = input;
  const r = (code: MessageCode, params?: MessageParams) => renderMessage(msg(code, params), lang);
  const locale = NUMBER_LOCALE[lang];
  const count = (p: Published) =>
    publishedText(p, { format: (v) => formatCount(v, locale), hidden: '×', none: '–' });

  const district = `${meta.district} (${meta.kodeKab})`;
  const title = kecamatan
    ? r('brief.title.kecamatan', { kecamatan: kecamatan.nama, district })
    : r('brief.title.shortlist', { district });
  const facts = [
    r('priority.method.date', { date: meta.date }),
    ...(meta.periode ? [r('priority.method.period', { periode: meta.periode })] : []),
    r('priority.method.source', { source: meta.dataSource }),
    r('priority.method.boundaries', { source: meta.boundarySource }),
  ];
  const synthetic = meta.synthetic ? r('priority.method.synthetic') : null;
  // the method without what the head already says
  const inHead = new Set([
    ...facts,
    synthetic,
    r('priority.method.title', { district }),
    r('priority.method.suppression', { k: meta.k }),
  ]);
  const method = methodLines(meta, lang).filter((line) => !inHead.has(line));

  let chosen: readonly PublishedRankingRow[];
  let tableTitle: string;
  if (kecamatan) {
    chosen = input.rows.filter((row) => row.kode_kec === kecamatan.kode);
    tableTitle = r('brief.table.kecamatan', {
      kecamatan: kecamatan.nama,
      count: chosen.length,
      listed: chosen.filter((row) => row.inShortlist).length,
    });
  } else {
    const listed = input.rows.filter((row) => row.inShortlist);
    chosen = listed.length > 0 ? listed : input.rows.slice(0, BRIEF_TOP);
    tableTitle = r(listed.length > 0 ? 'brief.table.shortlist' : 'brief.table.top', { count: chosen.length });
  }

  const hasNotes = chosen.some((row) => row.note.trim() !== '');
  const keys: BriefColumnKey[] = [
    'rank',
    'code',
    'desa',
    ...(kecamatan ? [] : (['kecamatan'] as const)),
    'index',
    'households',
    'target',
    'robustness',
    ...(kecamatan ? (['shortlist'] as const) : []),
    ...(hasNotes ? (['note'] as const) : []),
  ];
  const label: Record<BriefColumnKey, string> = {
    rank: r('brief.col.rank'),
    code: r('brief.col.code'),
    desa: r('brief.col.desa'),
    kecamatan: r('brief.col.kecamatan'),
    index: r('brief.col.index'),
    households: r('brief.col.households'),
    target: r(meta.scenario.target === 'd1_4' ? 'brief.col.target14' : 'brief.col.target1'),
    robustness: r('brief.col.robustness'),
    shortlist: r('brief.col.shortlist'),
    note: r('brief.col.note'),
  };
  const numeric = new Set<BriefColumnKey>(['rank', 'index', 'households', 'target']);
  const columns = keys.map((key) => ({ key, label: label[key], numeric: numeric.has(key) }));

  const rows = chosen.map((row): BriefRow => {
    const shaky = row.robustness !== null && dependsOnWeights(row.inShortlist, row.robustness);
    const robust =
      row.robustness === null
        ? r('brief.robustnessPending')
        : `${shaky ? '⚠ ' : ''}${r('priority.robust.in', { share: formatPercent(row.robustness, locale, 0) })}`;
    const cell: Record<BriefColumnKey, string> = {
      rank: formatCount(row.rank, locale),
      code: row.kode_desa,
      desa: row.nama_desa,
      kecamatan: row.nama_kec,
      index: formatFixed(row.index, locale, 2),
      households: count(row.households),
      target: count(row.target),
      robustness: robust,
      shortlist: row.inShortlist ? r('brief.listed') : '–',
      note: row.note,
    };
    return {
      kode_desa: row.kode_desa,
      cells: keys.map((k) => cell[k]),
      inShortlist: row.inShortlist,
      dependsOnWeights: shaky,
    };
  });

  const measured = chosen.filter((row) => row.robustness !== null);
  const robustness =
    chosen.length > 0 && measured.length === chosen.length
      ? r('brief.robustnessNote', {
          firm: measured.filter((row) => row.inShortlist && row.robustness! >= 0.8).length,
          listed: measured.filter((row) => row.inShortlist).length,
          shaky: rows.filter((row) => row.dependsOnWeights).length,
        })
      : r('brief.robustnessNotRun');

  return {
    title,
    scenario: r('brief.scenario', { name: meta.scenario.name || r('brief.untitled') }),
    synthetic,
    facts,
    tableTitle: chosen.length > 0 ? tableTitle : r('brief.noRows'),
    columns,
    rows,
    marks: r('brief.marks', { k: meta.k }),
    method,
    robustness,
    headings: { method: r('brief.method'), robustness: r('brief.robustness') },
  };
}
