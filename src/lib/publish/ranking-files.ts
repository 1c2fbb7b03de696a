/**
 * The ranking and shortlist as files for the agencies: `ranking.csv` (`;`, UTF-8 with BOM for Excel, one row
 * per desa) and a workbook (shortlist, method with the weights, full ranking) in the sheet layout of
 * `write-excel-file`. The same builders serve `kantong rank` and the app's download buttons, and read only
 * published rows (`publishRanking`), so a file can hold nothing the screen may not show.
 */
import type { Sheet } from 'write-excel-file/universal';
import { msg, type Message } from '../messages/message.ts';
import { renderMessage, type Language } from '../messages/render.ts';
import type { MessageCode } from '../messages/dictionary.ts';
import type { Scenario } from '../priority/scenario.ts';
import { csvCellText, neutraliseFormula, publishedCsv, type CsvCell, type CsvOptions } from './csv.ts';
import type { Published } from './published.ts';
import type { PublishedRankingRow } from './ranking.ts';

/** What every export says about itself (title, date, source, synthetic mark, method). */
export interface ExportMeta {
  district: string;
  kodeKab: string;
  periode: string | null;
  /** ISO date of the export (YYYY-MM-DD). */
  date: string;
  dataSource: string;
  boundarySource: string;
  synthetic: boolean;
  k: number;
  scenario: Scenario;
  scopeSize: number;
  shortlistSize: number;
  reached: Published;
  total: Published;
  reachedShare: number;
  robustness: { draws: number; seed: number } | null;
}

const pct = (share: number, lang: Language) =>
  new Intl.NumberFormat(lang === 'id' ? 'id-ID' : 'en-GB', {
    style: 'percent',
    maximumFractionDigits: 1,
  }).format(share);

/** The method in plain words, line by line, in `lang`. */
export function methodLines(meta: ExportMeta, lang: Language): string[] {
  const r = (code: MessageCode, params?: Message['params']) => renderMessage(msg(code, params), lang);
  const sc = meta.scenario;
  const rule =
    sc.selection.kind === 'top'
      ? r('priority.method.top', { n: sc.selection.n })
      : sc.selection.kind === 'reach'
        ? r('priority.method.reach', { share: pct(sc.selection.share, lang) })
        : r('priority.method.quota', { households: sc.selection.households });
  const spread = [
    sc.spread.maxPerKecamatan ? r('priority.method.max', { m: sc.spread.maxPerKecamatan }) : null,
    sc.spread.minPerKecamatan ? r('priority.method.min', { m: sc.spread.minPerKecamatan }) : null,
  ].filter(Boolean);
  // a count as a message parameter: a number (formatted for the language) or "< k"
  const count = (p: Published) => (p.kind === 'value' ? p.value : csvCellText(p));
  return [
    ...(meta.synthetic ? [r('priority.method.synthetic')] : []),
    r('priority.method.title', { district: `${meta.district} (${meta.kodeKab})` }),
    r('priority.method.date', { date: meta.date }),
    ...(meta.periode ? [r('priority.method.period', { periode: meta.periode })] : []),
    r('priority.method.source', { source: meta.dataSource }),
    r('priority.method.boundaries', { source: meta.boundarySource }),
    r('priority.method.index', { count: meta.scopeSize }),
    ...sc.indicators.map((ind) =>
      r('priority.method.indicator', {
        name: renderMessage({ code: `indicator.${ind.id}` as MessageCode }, lang),
        weight: ind.weight,
        direction: renderMessage({ code: `priority.method.${ind.direction}` }, lang),
        normalise: renderMessage({ code: `priority.method.${ind.normalise}` }, lang),
      }),
    ),
    [rule, ...spread].join('; '),
    r(sc.target === 'd1_4' ? 'priority.method.targetD14' : 'priority.method.targetD1'),
    r('priority.method.reached', {
      desa: meta.shortlistSize,
      reached: count(meta.reached),
      total: count(meta.total),
      share: pct(meta.reachedShare, lang),
    }),
    ...(meta.robustness
      ? [r('priority.method.robustness', { draws: meta.robustness.draws, seed: meta.robustness.seed })]
      : []),
    r('priority.method.suppression', { k: meta.k }),
  ];
}

/** `ranking.csv`: one row per desa, best rank first (columns in the order `kantong rank` documents). */
export function rankingCsv(
  rows: readonly PublishedRankingRow[],
  meta: ExportMeta,
  options: CsvOptions = {},
): string {
  const ids = meta.scenario.indicators.map((i) => i.id);
  const fields = [
    'kode_desa',
    'nama_desa',
    'kecamatan',
    'index',
    'rank',
    ...ids.map((id) => `kontribusi_${id}`),
    'in_shortlist',
    'robustness',
    'jumlah_kk',
    'kk_desil_1',
    ...ids.map((id) => `nilai_${id}`),
    'disematkan',
    'catatan',
  ];
  const data: CsvCell[][] = rows.map((r) => [
    r.kode_desa,
    r.nama_desa,
    r.nama_kec,
    r.index,
    r.rank,
    ...r.contributions,
    r.inShortlist ? 1 : 0,
    r.robustness,
    r.households,
    r.desil1,
    ...r.values,
    r.pinned ? 1 : 0,
    r.note,
  ]);
  return publishedCsv(
    { comments: methodLines(meta, 'id'), fields, rows: data },
    { delimiter: options.delimiter ?? ';', bom: options.bom ?? true, decimals: options.decimals ?? 4 },
  );
}

type Cell = Sheet<never>['data'][number][number];

const HEADER = { fontWeight: 'bold' as const, backgroundColor: '#DDEBF7', wrap: true };

/** A count cell: a number with thousands format, or the text "< k" / empty for withheld figures. */
function countCell(p: Published): Cell {
  if (p.kind === 'value') return { value: p.value, type: Number, format: '#,##0' };
  return p.kind === 'below' ? { value: `< ${p.bound}`, type: String } : null;
}

function shareCell(p: Published): Cell {
  if (p.kind === 'value') return { value: p.value, type: Number, format: '0.0%' };
  return p.kind === 'below' ? { value: `< ${(100 * p.bound).toFixed(1)}%`, type: String } : null;
}

function textCell(text: string): Cell {
  return { value: neutraliseFormula(text), type: String };
}

/**
 * The workbook: "Daftar pendek" (the shortlist), "Metode" (the method, weights and rule in words, title,
 * date, source, the synthetic mark) and "Peringkat" (every desa in scope). Header rows bold on a fill,
 * counts with thousands separators, shares as percentages, the index with two decimals.
 */
export function rankingWorkbook(
  rows: readonly PublishedRankingRow[],
  meta: ExportMeta,
  lang: Language,
): Sheet<never>[] {
  const t = (code: MessageCode) => renderMessage({ code }, lang);
  const head = [
    'kode_desa',
    'nama_desa',
    'kecamatan',
    t('export.rank'),
    t('export.index'),
    t('export.households'),
    t(meta.scenario.target === 'd1_4' ? 'export.target14' : 'export.target1'),
    ...meta.scenario.indicators.map((i) => renderMessage({ code: `indicator.${i.id}` as MessageCode }, lang)),
    t('export.robustness'),
    t('export.note'),
  ];
  const kinds = meta.scenario.indicators.map((i) => (i.id.startsWith('count') ? 'count' : 'share'));
  const row = (r: PublishedRankingRow): Cell[] => [
    textCell(r.kode_desa),
    textCell(r.nama_desa),
    textCell(r.nama_kec),
    { value: r.rank, type: Number },
    { value: r.index, type: Number, format: '0.00' },
    countCell(r.households),
    countCell(r.target),
    ...r.values.map((v, i) => (kinds[i] === 'count' ? countCell(v) : shareCell(v))),
    r.robustness === null ? null : { value: r.robustness, type: Number, format: '0%' },
    textCell(r.note),
  ];
  const header: Cell[] = head.map((h) => ({ value: h, type: String, ...HEADER }));
  const widths = head.map((_, i) => ({ width: i === 1 || i === 2 ? 22 : i >= 7 ? 16 : 12 }));
  const shortlist = rows.filter((r) => r.inShortlist);
  const method: Cell[][] = methodLines(meta, lang).map((line, i) => [
    {
      value: line,
      type: String,
      ...(i === 0 || (meta.synthetic && i === 1) ? { fontWeight: 'bold' as const } : {}),
    },
  ]);
  return [
    {
      sheet: t('export.sheet.shortlist'),
      data: [header, ...shortlist.map(row)],
      columns: widths,
      stickyRowsCount: 1,
    },
    { sheet: t('export.sheet.method'), data: method, columns: [{ width: 110 }] },
    {
      sheet: t('export.sheet.ranking'),
      data: [header, ...rows.map(row)],
      columns: widths,
      stickyRowsCount: 1,
    },
  ];
}
