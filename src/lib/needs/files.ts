/**
 * The needs views as files, for `kantong needs` and the app's download buttons alike (the same builders, as
 * `ranking-files.ts` is for the shortlist): `targeting.csv` (one row per desa × programme),
 * `targeting-kecamatan.csv` (kecamatan and kabupaten lines), `needs.csv` (one row per desa × need, with the
 * agency and the rank within the need), `verification.csv` (one row per desa × issue × period, with the source
 * row numbers), `;`-separated UTF-8 with BOM through `publishedCsv`; and a workbook with the same tables and a
 * notes sheet. Only published rows are read (`views.ts`).
 */
import type { Sheet } from 'write-excel-file/universal';
import type { MessageCode } from '../messages/dictionary.ts';
import { msg, type MessageParams } from '../messages/message.ts';
import { renderMessage, type Language } from '../messages/render.ts';
import { neutraliseFormula, publishedCsv, type CsvCell } from '../publish/csv.ts';
import type { Published } from '../publish/published.ts';
import { DEFAULT_BORDER_TOLERANCE_M } from './geotag.ts';
import type { IssueRow, NeedRow, NeedsViews, TargetingRow } from './views.ts';

/** What every needs file says about itself. */
export interface NeedsExportMeta {
  district: string;
  kodeKab: string;
  /** ISO date of the export. */
  date: string;
  dataSource: string;
  boundarySource: string;
  synthetic: boolean;
  toleranceM?: number;
}

const r = (lang: Language, code: MessageCode, params?: MessageParams) =>
  renderMessage(msg(code, params), lang);

/** The label of a programme, need or issue in `lang`. */
export function needLabel(need: string, lang: Language): string {
  const gap = /^gap_(.+)$/.exec(need);
  if (gap) return r(lang, 'needs.need.gap', { programme: programmeLabel(gap[1], lang) });
  return r(lang, `needs.need.${need}` as MessageCode);
}
export function programmeLabel(programme: string, lang: Language): string {
  return r(lang, `needs.programme.${programme}` as MessageCode);
}
export function issueLabel(issue: string, lang: Language): string {
  return r(lang, `needs.issue.${issue}` as MessageCode);
}

/** Comment lines: synthetic mark, title, export note, definitions, suppression note. */
export function needsNotes(
  views: NeedsViews,
  meta: NeedsExportMeta,
  which: 'targeting' | 'needs' | 'verification',
  lang: Language,
): string[] {
  const district = `${meta.district} (${meta.kodeKab})`;
  const lines: string[] = [];
  if (meta.synthetic) lines.push(r(lang, 'needs.synthetic'));
  if (which === 'targeting') {
    lines.push(
      r(lang, 'needs.title.targeting', {
        programme: views.programmes.map((p) => programmeLabel(p, lang)).join(', '),
        district,
        periode: views.periode,
      }),
    );
    for (const p of views.programmes) {
      const [from, to] = views.bounds[p];
      const programme = programmeLabel(p, lang);
      lines.push(r(lang, 'needs.define.exclusion', { from, to, programme }));
      lines.push(r(lang, 'needs.define.inclusion', { programme }));
    }
  } else if (which === 'needs') {
    lines.push(r(lang, 'needs.title.needs', { district, periode: views.periode }));
    lines.push(r(lang, 'needs.define.need'));
  } else {
    lines.push(r(lang, 'needs.title.verification', { district }));
    lines.push(r(lang, 'needs.define.rows'));
    lines.push(r(lang, 'needs.define.rowsWithheld', { k: views.k }));
    lines.push(r(lang, 'needs.define.tolerance', { metres: meta.toleranceM ?? DEFAULT_BORDER_TOLERANCE_M }));
    if (views.notChecked.length > 0)
      lines.push(
        r(lang, 'needs.notChecked', { checks: views.notChecked.map((i) => issueLabel(i, lang)).join('; ') }),
      );
  }
  lines.push(
    r(lang, 'needs.exported', { date: meta.date, source: meta.dataSource, boundaries: meta.boundarySource }),
  );
  lines.push(r(lang, 'needs.define.suppressed', { k: views.k, k1: views.k - 1 }));
  return lines;
}

export const TARGETING_FIELDS = [
  'kode_desa',
  'program',
  'eligible_households',
  'excluded_households',
  'included_ineligible_households',
  'clear_inclusion_households',
  'recipients',
  'exclusion_rate',
  'inclusion_rate',
  'eligible_desil',
  'nama_desa',
  'kode_kec',
  'kecamatan',
] as const;

function targetingCells(t: TargetingRow): CsvCell[] {
  const f = t.figures;
  return [
    t.kode,
    t.programme,
    f.eligible,
    f.excluded,
    f.includedIneligible,
    f.clearInclusion,
    f.recipients,
    f.exclusionRate,
    f.inclusionRate,
    `${t.bounds[0]}-${t.bounds[1]}`,
    t.nama,
    t.kode_kec,
    t.nama_kec,
  ];
}

export const NEEDS_FIELDS = [
  'kode_desa',
  'need',
  'agency',
  'base_households',
  'households_with_need',
  'share',
  'rank_in_need',
  'keterangan',
  'nama_desa',
  'kode_kec',
  'kecamatan',
] as const;

function needCells(n: NeedRow, lang: Language): CsvCell[] {
  return [
    n.kode_desa,
    n.need,
    n.agency ?? '',
    n.base,
    n.count,
    n.share,
    n.rank,
    needLabel(n.need, lang),
    n.nama_desa,
    n.kode_kec,
    n.nama_kec,
  ];
}

export const VERIFICATION_FIELDS = [
  'kode_desa',
  'issue',
  'count',
  'source_rows',
  'source_file',
  'periode',
  'max_distance_m',
  'rows_listed',
  'keterangan',
  'nama_desa',
  'kode_kec',
  'kecamatan',
] as const;

/** Row numbers as text: `12 15 40` (spaces: a `,` or `.` could be read as a decimal by a spreadsheet). */
export function rowsText(rows: readonly number[]): string {
  return rows.join(' ');
}

/**
 * Where a worklist line's households are, as one text for a table cell or a printed page: `file: 12 15 40`,
 * cut after `shown` rows with ` …` (also when the issue kept fewer rows than it counted), or the reason the
 * rows are withheld; empty for desa-level checks.
 */
export function issueRowsLabel(e: IssueRow, k: number, lang: Language, shown = Infinity): string {
  if (e.file === null) return '';
  if (e.rowsWithheld) return `${e.file}: ${r(lang, 'needs.rowsWithheld', { k })}`;
  const cut = e.rows.length > shown;
  return `${e.file}: ${rowsText(cut ? e.rows.slice(0, shown) : e.rows)}${cut || e.rowsTruncated ? ' …' : ''}`;
}

function issueCells(e: IssueRow, lang: Language): CsvCell[] {
  return [
    e.kode_desa,
    e.issue,
    e.count,
    rowsText(e.rows),
    e.file ?? '',
    e.periode ?? '',
    e.maxDistanceM,
    e.file === null || e.rowsWithheld ? null : e.rows.length,
    issueLabel(e.issue, lang),
    e.nama_desa,
    e.kode_kec,
    e.nama_kec,
  ];
}

const csv = (comments: string[], fields: readonly string[], rows: CsvCell[][]) =>
  publishedCsv({ comments, fields, rows }, { delimiter: ';', bom: true, decimals: 4 });

/** `targeting.csv` (desa lines). */
export function targetingCsv(views: NeedsViews, meta: NeedsExportMeta, lang: Language = 'id'): string {
  return csv(
    needsNotes(views, meta, 'targeting', lang),
    TARGETING_FIELDS,
    views.targeting.map(targetingCells),
  );
}

/** `targeting-kecamatan.csv` (kecamatan and kabupaten lines; `kode_desa` holds the area's code). */
export function targetingAreasCsv(views: NeedsViews, meta: NeedsExportMeta, lang: Language = 'id'): string {
  return csv(
    needsNotes(views, meta, 'targeting', lang),
    ['level', ...TARGETING_FIELDS],
    views.targetingAreas.map((t) => [t.level, ...targetingCells(t)]),
  );
}

/** `needs.csv` (all needs, or one agency's). */
export function needsCsv(
  views: NeedsViews,
  meta: NeedsExportMeta,
  lang: Language = 'id',
  rows: readonly NeedRow[] = views.needs,
): string {
  return csv(
    needsNotes(views, meta, 'needs', lang),
    NEEDS_FIELDS,
    rows.map((n) => needCells(n, lang)),
  );
}

/** `verification.csv` (all issues, or a worklist's). */
export function verificationCsv(
  views: NeedsViews,
  meta: NeedsExportMeta,
  lang: Language = 'id',
  rows: readonly IssueRow[] = views.issues,
): string {
  return csv(
    needsNotes(views, meta, 'verification', lang),
    VERIFICATION_FIELDS,
    rows.map((e) => issueCells(e, lang)),
  );
}

type Cell = Sheet<never>['data'][number][number];
const HEADER = { fontWeight: 'bold' as const, backgroundColor: '#DDEBF7', wrap: true };

function cell(c: CsvCell, share: boolean): Cell {
  if (c === null) return null;
  if (typeof c === 'number') return { value: c, type: Number };
  if (typeof c === 'string') return { value: neutraliseFormula(c), type: String };
  const p: Published = c;
  if (p.kind === 'value')
    return share
      ? { value: p.value, type: Number, format: '0.0%' }
      : { value: p.value, type: Number, format: '#,##0' };
  return p.kind === 'below' ? { value: `< ${p.bound}`, type: String } : null;
}

function sheet(
  name: string,
  fields: readonly string[],
  rows: CsvCell[][],
  shareColumns: readonly string[],
): Sheet<never> {
  const share = fields.map((f) => shareColumns.includes(f));
  return {
    sheet: name.slice(0, 31),
    data: [
      fields.map((f) => ({ value: f, type: String, ...HEADER })),
      ...rows.map((row) => row.map((c, j) => cell(c, share[j]))),
    ],
    columns: fields.map(() => ({ width: 16 })),
    stickyRowsCount: 1,
  };
}

/** The workbook of one view (its table and a notes sheet); `rows` narrows it (an agency, a kecamatan). */
export function needsWorkbook(
  views: NeedsViews,
  meta: NeedsExportMeta,
  which: 'targeting' | 'needs' | 'verification',
  lang: Language,
  rows?: readonly (NeedRow | IssueRow)[],
): Sheet<never>[] {
  const notes: Sheet<never> = {
    sheet: lang === 'id' ? 'Catatan' : 'Notes',
    data: needsNotes(views, meta, which, lang).map((line) => [{ value: line, type: String }]),
    columns: [{ width: 110 }],
  };
  const table =
    which === 'targeting'
      ? sheet(
          lang === 'id' ? 'Ketepatan sasaran' : 'Targeting',
          TARGETING_FIELDS,
          views.targeting.map(targetingCells),
          ['exclusion_rate', 'inclusion_rate'],
        )
      : which === 'needs'
        ? sheet(
            lang === 'id' ? 'Kebutuhan' : 'Needs',
            NEEDS_FIELDS,
            ((rows as NeedRow[] | undefined) ?? views.needs).map((n) => needCells(n, lang)),
            ['share'],
          )
        : sheet(
            lang === 'id' ? 'Verifikasi' : 'Verification',
            VERIFICATION_FIELDS,
            ((rows as IssueRow[] | undefined) ?? views.issues).map((e) => issueCells(e, lang)),
            [],
          );
  const out = [table, notes];
  if (which === 'targeting')
    out.splice(
      1,
      0,
      sheet(
        lang === 'id' ? 'Kecamatan' : 'Kecamatan',
        ['level', ...TARGETING_FIELDS],
        views.targetingAreas.map((t) => [t.level, ...targetingCells(t)]),
        ['exclusion_rate', 'inclusion_rate'],
      ),
    );
  return out;
}
