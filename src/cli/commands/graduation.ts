/**
 * `npm run kantong -- graduation`: are families leaving the poorest desil, and where not. Reads two or more
 * DT-SEN household extracts (one `--households` per file, each with its period: from its period column, its
 * name, or `--periode` — once for every file, or once per file in order), links the households of the base
 * and the comparison period by a household key (`--key COLUMN`, hashed with the import's salt from
 * `--salt-file`: the raw key is never kept), and writes, on the core the app's Pemantauan mode uses
 * (`src/lib/graduation/report.ts`):
 * - `transitions.csv` (`;`): from_desil, to_desil, households — the kabupaten matrix of households found at
 *   both periods;
 * - `summary.json`: households_t0, households_t1, matched, only_t0, only_t1, graduation and fall-back rates
 *   with their denominators, duplicate and unusable keys per period, the pocket timeline, the notes;
 * - `desa-change.csv`: per desa households, desil 1 and 1–4 at both periods, their changes, the note where the
 *   total moved a lot, graduation (raw and EB-smoothed) and the stuck-desa ("kantong stagnan") membership;
 * - `pockets-over-time.csv`: the desa pocket analysis of every period with the same settings, and what became
 *   of each pocket (new, grew, shrank, unchanged, split, merged, disappeared).
 * Without `--key` only the counts change: the transition files carry no household row and the rates are
 * null. Every count goes through the publication layer (1 … k−1 households are never written). Bad input —
 * files of another kabupaten, the same period twice, a key column without a salt (a NIK above all) — ends
 * with one line and nothing is written; duplicate keys within a period are reported with their counts, and
 * those rows are not linked.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { DesaProperties } from '../../lib/geo/types.ts';
import { DESIL_COUNT } from '../../lib/hex/types.ts';
import { comparePeriode } from '../../lib/import/periode.ts';
import { concatPanels, panelsFromHouseholds, type PeriodPanel } from '../../lib/graduation/panel.ts';
import { monitorAnalysis } from '../../lib/graduation/monitor.ts';
import type { PeriodPockets, PocketChange } from '../../lib/graduation/pockets-over-time.ts';
import { CHANGE_INDICATORS, type GraduationReport } from '../../lib/graduation/report.ts';
import type { StuckResult } from '../../lib/graduation/stuck.ts';
import { msg } from '../../lib/messages/message.ts';
import { renderMessage, type Language } from '../../lib/messages/render.ts';
import { ANALYSIS_PARAMS, pocketOptionsOf } from '../../lib/params/analysis.ts';
import { pocketSettingsMessage } from '../../lib/pockets/settings.ts';
import { csvCellText, publishedCsv, type CsvCell } from '../../lib/publish/csv.ts';
import { publishPocket } from '../../lib/publish/pockets.ts';
import { publishTotal, type Published } from '../../lib/publish/published.ts';
import { buildWeights } from '../../lib/weights/build.ts';
import { DEFAULT_TOLERANCE_M } from '../../lib/weights/tolerant.ts';
import { writeAllOrNothing } from '../../node/write-files.ts';
import { CliError } from '../errors.ts';
import { readAggregates } from '../aggregates.ts';
import { importHouseholds } from '../households.ts';
import { importSet, loadRegion, outsideLine } from '../region.ts';
import type { DesaAggregateRow } from '../../lib/aggregate/desa-aggregate-table.ts';
import { cliLanguage, LANG_USAGE } from '../lang.ts';
import { cliMessage, cliOptions, cliParams, parseCommandArgs, requiredFlag } from '../params.ts';
import { givenPeriode } from '../periode.ts';

const USAGE = `usage: npm run kantong -- graduation --kab 33.24|33.24,33.25|33 (--households FILE_T0 --households FILE_T1 | --aggregates DIR) --out DIR
         [--geo public/geo] [--periode P ...] [--key COLUMN --salt-file FILE] [--base P] [--comparison P]
         [--poor-desil 2] [--graduated-desil 3] [--min-count 10] [--alpha 0.1] [--adjust none|fdr|bonferroni]
         [--criterion gi95-high|...] [--min-units 1] [--min-households 200] [--global require|indicative]
         [--rate eb|raw] [--seed 3] [--perm 199] [--mapping mapping.json] ${LANG_USAGE}
  --periode:    the period of a file without a period column whose name holds none: once for all files, or
                once per file in the order of --households
  --key:        the household key column linking the periods (hashed with --salt-file, never kept raw)
  --aggregates: the folder of kantong import / aggregate (desa.csv with both periods): enough for the change
                per desa, stuck desa and pockets over time; the transitions and graduation rates link
                households, so --key needs the household files (--households)
  --base, --comparison: the two periods compared (default: the earliest and the latest)`;

/** The parameters of `graduation`, from the shared schema. */
const GRADUATION_PARAMS = {
  base: ANALYSIS_PARAMS.base,
  comparison: { ...ANALYSIS_PARAMS.base, name: 'comparison' },
  poorDesil: ANALYSIS_PARAMS.poorDesil,
  graduatedDesil: ANALYSIS_PARAMS.graduatedDesil,
  minCount: ANALYSIS_PARAMS.minCount,
  alpha: ANALYSIS_PARAMS.alpha,
  adjust: ANALYSIS_PARAMS.adjust,
  criterion: ANALYSIS_PARAMS.criterion,
  minUnits: ANALYSIS_PARAMS.minUnits,
  minHouseholds: ANALYSIS_PARAMS.minHouseholds,
  gate: ANALYSIS_PARAMS.gate,
  rate: ANALYSIS_PARAMS.rate,
  seed: ANALYSIS_PARAMS.seed,
  permutations: ANALYSIS_PARAMS.permutations,
} as const;

/** A published figure in JSON: the number, "< k" as text, or null (hidden or no data). */
export function publishedJson(p: Published, decimals = 6): number | string | null {
  if (p.kind === 'value') return Number(p.value.toFixed(decimals));
  if (p.kind === 'below') return csvCellText(p, decimals);
  return null;
}

const STATUS_ID = {
  new: 'baru',
  disappeared: 'hilang',
  grew: 'membesar',
  shrank: 'mengecil',
  stable: 'tetap',
  split: 'terpecah',
  merged: 'bergabung',
} as const;

function transitionsCsv(r: GraduationReport, comments: string[]): string {
  const rows: CsvCell[][] = [];
  if (r.matrix)
    for (let i = 1; i <= DESIL_COUNT; i++)
      for (let j = 1; j <= DESIL_COUNT; j++)
        rows.push([i, j, r.matrix.cells[(i - 1) * DESIL_COUNT + (j - 1)]]);
  return publishedCsv({ comments, fields: ['from_desil', 'to_desil', 'households'], rows });
}

function desaChangeCsv(
  r: GraduationReport,
  desa: readonly DesaProperties[],
  stuck: StuckResult | null,
  smoothedShown: boolean[] | null,
  comments: string[],
): string {
  const fields = [
    'kode_desa',
    'nama_desa',
    'kode_kec',
    'nama_kec',
    'jumlah_kk_t0',
    'jumlah_kk_t1',
    'kk_desil_1_t0',
    'kk_desil_1_t1',
    'kk_desil_1_4_t0',
    'kk_desil_1_4_t1',
    ...CHANGE_INDICATORS,
    'jumlah_kk_berubah_banyak',
    'kk_miskin_t0',
    'kk_lulus',
    'tingkat_kelulusan',
    'tingkat_kelulusan_eb',
    'stagnan',
    'hanya_t0',
    'hanya_t1',
  ];
  const rows = r.desa.map((row, u): CsvCell[] => {
    const eb = stuck && smoothedShown?.[u] && Number.isFinite(stuck.smoothed[u]) ? stuck.smoothed[u] : null;
    return [
      row.kode_desa,
      desa[u].nama_desa,
      desa[u].kode_kec,
      desa[u].nama_kec,
      row.householdsBase,
      row.householdsComparison,
      row.desil1Base,
      row.desil1Comparison,
      row.desil14Base,
      row.desil14Comparison,
      ...CHANGE_INDICATORS.map((id) => row.change[id]),
      row.totalChanged ? 'ya' : '',
      row.poor,
      row.graduated,
      row.rate,
      eb,
      stuck ? (stuck.stuck[u] ? 'ya' : stuck.analysed[u] ? 'tidak' : '') : '',
      row.onlyBase,
      row.onlyComparison,
    ];
  });
  return publishedCsv({ comments, fields, rows });
}

function pocketsCsv(
  periods: PeriodPockets[],
  changes: PocketChange[],
  k: number,
  comments: string[],
): string {
  const fields = [
    'periode',
    'periode_sebelumnya',
    'status',
    'id_kantong',
    'nama',
    'jumlah_desa',
    'jumlah_kk',
    'kk_desil_1',
    'anggota',
    'pendahulu',
    'anggota_bersama',
  ];
  const rows: CsvCell[][] = [];
  const counts = (p: { households: number; desil1: number }) => {
    const t = publishPocket({ ...p, share: p.households > 0 ? p.desil1 / p.households : 0 }, k);
    return [t.households, t.desil1];
  };
  // the first period's pockets have no status: they are where the series starts
  for (const p of periods[0]?.pockets ?? [])
    rows.push([
      periods[0].periode,
      '',
      '',
      p.id,
      p.name,
      p.members.length,
      ...counts(p),
      p.members.join(' '),
      '',
      '',
    ]);
  for (const c of changes) {
    const p = c.pocket ?? c.predecessors[0];
    rows.push([
      c.periode,
      c.previous,
      STATUS_ID[c.status],
      p.id,
      p.name,
      c.pocket ? p.members.length : '',
      ...(c.pocket ? counts(p) : ['', '']),
      c.pocket ? p.members.join(' ') : '',
      c.predecessors.map((x) => x.id).join(' '),
      c.shared,
    ]);
  }
  return publishedCsv({ comments, fields, rows });
}

/** Each file's periods; the same period from two files is refused (which one would count?). */
function checkPeriods(files: string[], periodsOf: string[][], lang: Language): void {
  const seen = new Map<string, string>();
  periodsOf.forEach((periods, i) => {
    for (const p of periods) {
      const first = seen.get(p);
      if (first !== undefined)
        throw new CliError(
          renderMessage(
            msg('graduation.cli.samePeriode', { periode: p, first, second: path.basename(files[i]) }),
            lang,
          ),
        );
      seen.set(p, path.basename(files[i]));
    }
  });
}

/** Runs the command (see the module comment); throws `CliError` for unusable input. */
export async function run(argv: string[]): Promise<void> {
  const values = parseCommandArgs('graduation', argv, {
    kab: { type: 'string' },
    geo: { type: 'string', default: 'public/geo' },
    households: { type: 'string', multiple: true },
    aggregates: { type: 'string' },
    periode: { type: 'string', multiple: true },
    key: { type: 'string' },
    'salt-file': { type: 'string' },
    mapping: { type: 'string' },
    ...cliOptions(GRADUATION_PARAMS),
    out: { type: 'string' },
    lang: { type: 'string' },
    help: { type: 'boolean', short: 'h', default: false },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const lang = cliLanguage(values.lang);
  const kab = requiredFlag(values, 'kab', '33.24', lang);
  if (values.aggregates !== undefined && values.households?.length)
    throw new CliError(
      cliMessage(msg('param.conflict', { first: '--aggregates', second: '--households' }), lang),
    );
  if (values.aggregates !== undefined && values.key !== undefined)
    throw new CliError(cliMessage(msg('region.graduationKeyNeedsRows'), lang));
  if (!values.households?.length && values.aggregates === undefined)
    requiredFlag(values, 'households', 'FILE (or --aggregates DIR)', lang);
  const outDir = requiredFlag(values, 'out', 'DIR', lang);
  const params = cliParams(GRADUATION_PARAMS, values, lang);
  const files = values.households ?? [];
  const given = (values.periode ?? []).map((p) => givenPeriode(p, lang));
  if (given.length > 1 && given.length !== files.length)
    throw new CliError(
      renderMessage(msg('graduation.cli.periodeCount', { given: given.length, files: files.length }), lang),
    );
  const periodes = files.map((_, i) => (given.length === 1 ? given[0] : given[i]));
  let salt: Uint8Array | undefined;
  if (values['salt-file'] !== undefined) {
    try {
      salt = new TextEncoder().encode((await readFile(values['salt-file'], 'utf8')).replace(/\r?\n$/, ''));
    } catch (error) {
      throw new CliError(
        `salt file ${values['salt-file']}: cannot read (${(error as NodeJS.ErrnoException).code ?? String(error)})`,
      );
    }
  }
  const bounds = { poorUpTo: params.poorDesil, graduatedFrom: params.graduatedDesil };
  if (bounds.graduatedFrom <= bounds.poorUpTo)
    throw new CliError(
      `--graduated-desil ${bounds.graduatedFrom} must be above --poor-desil ${bounds.poorUpTo}`,
    );

  const region = await loadRegion(kab, values.geo as string, lang);
  const kodeKab = region.kode;
  const features = region.features;
  const desa = region.desa;

  let imports: Awaited<ReturnType<typeof importHouseholds>>['imports'] = [];
  let rows: readonly DesaAggregateRow[];
  let allPeriods: string[];
  let synthetic: boolean;
  const notes: string[] = [];
  if (values.aggregates !== undefined) {
    const agg = await readAggregates(values.aggregates, region, lang);
    rows = agg.rows;
    allPeriods = [...new Set(agg.rows.map((r) => r.periode))];
    synthetic = agg.synthetic;
    if (agg.note) notes.push(agg.note);
  } else {
    const imported = await importHouseholds(
      files,
      kodeKab,
      desa,
      region.bbox,
      values.mapping,
      undefined,
      lang,
      {
        periodes,
        ...importSet(region),
        ...(values.key !== undefined ? { key: { column: values.key, salt } } : {}),
      },
    );
    imports = imported.imports;
    checkPeriods(
      files,
      imports.map((f) => f.report.periods),
      lang,
    );
    rows = imported.summary.desa_rows;
    allPeriods = imported.summary.report.periods;
    synthetic = imported.summary.report.synthetic;
    const outside = outsideLine(kab, imported.summary.report.rows_by_kabupaten);
    if (outside) notes.push(outside.trim());
  }
  const periods = [...allPeriods].sort(comparePeriode);
  if (periods.length < 2)
    throw new CliError(
      renderMessage(msg('graduation.cli.onePeriode', { periods: periods.join(', ') || '-' }), lang),
    );
  const pick = (flag: string, p: string | null, fallback: string) => {
    if (p === null) return fallback;
    if (!periods.includes(p))
      throw new CliError(
        renderMessage(
          msg('graduation.cli.periodeUnknown', { flag, periode: p, periods: periods.join(', ') }),
          lang,
        ),
      );
    return p;
  };
  const comparison = pick('comparison', params.comparison, periods.at(-1)!);
  const base = pick('base', params.base, periods[0]);
  if (comparePeriode(base, comparison) >= 0)
    throw new CliError(renderMessage(msg('graduation.cli.baseAfter', { base, comparison }), lang));

  const codes = desa.map((d) => d.kode_desa);
  const panels: PeriodPanel[] = concatPanels(
    imports.flatMap((f) => (f.households ? panelsFromHouseholds(f.households, codes) : [])),
  );
  const k = params.minCount;
  const options = pocketOptionsOf(params, 'desa');
  const { weights } = buildWeights(
    { kind: 'tolerant', toleranceMetres: DEFAULT_TOLERANCE_M },
    features.map((f) => f.geometry),
  );
  const result = monitorAnalysis({
    desa: features,
    weights,
    rows,
    panels: values.key !== undefined ? panels : null,
    periods,
    base,
    comparison,
    k,
    bounds,
    stuck: {
      permutations: params.permutations,
      seed: params.seed,
      alpha: params.alpha,
      pAdjust: params.adjust,
    },
    pockets: options,
  });
  const { report, stuck, smoothedShown, pocketPeriods: periodPockets, pocketChanges: changes } = result;

  const m = report.matrix;
  const t0 = report.tallyBase;
  const t1 = report.tallyComparison;
  const head = `${synthetic ? 'DATA SINTETIS - ' : ''}Kantong: kelulusan kabupaten/kota ${kodeKab}, periode dasar ${base}, periode pembanding ${comparison}; kelulusan = desil 1–${bounds.poorUpTo} ke desil ≥ ${bounds.graduatedFrom}; angka < ${k} disamarkan.`;
  const comments = [
    [
      head,
      values.key === undefined
        ? 'Tanpa kunci keluarga (--key): hanya perubahan jumlah, tanpa transisi.'
        : `Keluarga ditautkan dengan hash bergaram kolom kunci.`,
      `Kantong: ${renderMessage(pocketSettingsMessage(options, 0), 'id')}.`,
    ].join(' '),
  ];
  const j = (p: Published | undefined) => (p ? publishedJson(p) : null);
  const summaryJson = {
    data_sintetis: synthetic,
    kode_kab: kodeKab,
    nama_kab: region.nama,
    periods,
    base,
    comparison,
    ambang_kecil: k,
    poor_desil: bounds.poorUpTo,
    graduated_desil: bounds.graduatedFrom,
    key: values.key !== undefined,
    households_t0: j(report.householdsBase),
    households_t1: j(report.householdsComparison),
    matched: m ? j(m.matched) : null,
    only_t0: j(t0?.only),
    only_t1: j(t1?.only),
    graduation_rate: m ? j(m.rate) : null,
    graduation_denominator: m ? j(m.poor) : null,
    graduated: m ? j(m.graduated) : null,
    fallback_rate: m ? j(m.fallbackRate) : null,
    fallback_denominator: m ? j(m.nonPoor) : null,
    fell_back: m ? j(m.fellBack) : null,
    duplicate_keys_t0: j(t0?.duplicateKeys),
    duplicate_rows_t0: j(t0?.duplicateRows),
    duplicate_keys_t1: j(t1?.duplicateKeys),
    duplicate_rows_t1: j(t1?.duplicateRows),
    ambiguous_t0: j(t0?.ambiguous),
    ambiguous_t1: j(t1?.ambiguous),
    without_key_t0: j(t0?.withoutKey),
    without_key_t1: j(t1?.withoutKey),
    stuck_desa: stuck ? stuck.stuck.reduce((a, b) => a + b, 0) : null,
    stuck_pockets: stuck ? stuck.groups.length : null,
    pockets: result.timeline.map((t) => ({
      periode: t.periode,
      pockets: t.pockets,
      households: publishedJson(publishTotal(t.households, k)),
      kk_desil_1: publishedJson(publishTotal(t.desil1, k)),
    })),
    notes: [...report.notes, ...(stuck ? [stuck.outcome] : [])].map((n) => renderMessage(n, 'id')),
  };
  const written = {
    'transitions.csv': transitionsCsv(report, comments),
    'summary.json': `${JSON.stringify(summaryJson, null, 2)}\n`,
    'desa-change.csv': desaChangeCsv(report, desa, stuck, smoothedShown, comments),
    'pockets-over-time.csv': pocketsCsv(periodPockets, changes, k, comments),
  };
  await writeAllOrNothing(outDir, written);

  const text = (p: Published | undefined | null) => (p ? csvCellText(p, 4) || '–' : '–');
  const pct = (p: Published | undefined) =>
    p?.kind === 'value'
      ? `${(100 * p.value).toFixed(1)}%`
      : p?.kind === 'below'
        ? `< ${(100 * p.bound).toFixed(1)}%`
        : '–';
  const lines = [
    `${synthetic ? 'DATA SINTETIS: ' : ''}${region.nama} (${kodeKab}), ${base} → ${comparison}: ${text(report.householdsBase)} and ${text(report.householdsComparison)} households`,
    m
      ? `  matched ${text(m.matched)}, only ${base} ${text(t0?.only)}, only ${comparison} ${text(t1?.only)}; graduation ${pct(m.rate)} of ${text(m.poor)}, fall-back ${pct(m.fallbackRate)} of ${text(m.nonPoor)}`
      : '  no household key (--key): counts only',
    ...(stuck ? [`  ${renderMessage(stuck.outcome, lang)}`] : []),
    `  pockets: ${periodPockets.map((p) => `${p.periode} ${p.pockets.length}`).join(', ')}`,
    `wrote ${Object.keys(written)
      .map((f) => path.join(outDir, f))
      .join(', ')}`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  for (const n of notes) process.stderr.write(`graduation: ${n}\n`);
  for (const n of report.notes) process.stderr.write(`graduation: ${renderMessage(n, lang)}\n`);
}
