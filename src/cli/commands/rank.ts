/**
 * `npm run kantong -- rank`: the planner's ranking and shortlist of target desa, on the same core as the
 * app's Prioritas mode (`src/lib/priority`) and through the same publication layer (`src/lib/publish`).
 * Reads a scenario (`--weights weights.json`, the format the app saves), the district's boundaries and either
 * a desa aggregate table (`--desa-aggregates`, e.g. the `desa.csv` of `kantong import`) or household files
 * (`--households`); writes
 * - `ranking.csv` (`;`, UTF-8 with BOM): one row per desa in scope, best rank first — kode_desa, nama_desa,
 *   kecamatan, index, rank, one contribution column per indicator, in_shortlist, robustness, then the published
 *   counts and indicator values;
 * - `shortlist.xlsx`: the shortlist, the method with the weights, the full ranking.
 * Flags override the scenario's rule: `--select N`, `--reach 0.5`, `--quota 5000`, `--per-kecamatan-max M`,
 * `--per-kecamatan-min M`, `--target d1|d1_4`. Bad input ends with one line and nothing is written.
 */
import path from 'node:path';
import writeXlsxFile from 'write-excel-file/node';
import type { DesaAggregateRow } from '../../lib/aggregate/desa-aggregate-table.ts';
import { DESIL_COUNT } from '../../lib/hex/types.ts';
import { comparePeriode } from '../../lib/import/periode.ts';
import { unitsFromDesaRows } from '../../lib/indicators/units.ts';
import { msg } from '../../lib/messages/message.ts';
import { renderMessage } from '../../lib/messages/render.ts';
import { ANALYSIS_PARAMS, pocketOptionsOf, DEFAULT_ANALYSIS } from '../../lib/params/analysis.ts';
import { enumParam, intParam, nullable, numberParam } from '../../lib/params/schema.ts';
import { analyseDesaPockets } from '../../lib/pockets/desa-pockets.ts';
import { priorityValues } from '../../lib/priority/indicators.ts';
import { rankDesa, type RankedDesa } from '../../lib/priority/ranking.ts';
import { DEFAULT_DRAWS, shortlistRobustness } from '../../lib/priority/robustness.ts';
import { parseScenarioText, type Scenario } from '../../lib/priority/scenario.ts';
import type { SelectionRule } from '../../lib/priority/select.ts';
import { publishRanking, publishedReach } from '../../lib/publish/ranking.ts';
import { rankingCsv, rankingWorkbook, type ExportMeta } from '../../lib/publish/ranking-files.ts';
import { publishUnits } from '../../lib/publish/units.ts';
import { writeAllOrNothing } from '../../node/write-files.ts';
import { CliError } from '../errors.ts';
import { exportDate } from '../export-date.ts';
import { importHouseholds, readFileBytes } from '../households.ts';
import { readAggregates } from '../aggregates.ts';
import { importSet, loadRegion, outsideLine } from '../region.ts';
import { readFile } from 'node:fs/promises';
import { monitorAnalysis } from '../../lib/graduation/monitor.ts';
import { concatPanels, panelsFromHouseholds, type PeriodPanel } from '../../lib/graduation/panel.ts';
import { linkedIndicators, monitorSettingsOf, type LinkedIndicators } from '../../lib/priority/linked.ts';
import { buildWeights } from '../../lib/weights/build.ts';
import { DEFAULT_TOLERANCE_M } from '../../lib/weights/tolerant.ts';
import { cliLanguage, LANG_USAGE } from '../lang.ts';
import { cliMessage, cliOptions, cliParams, parseCommandArgs, requiredFlag } from '../params.ts';

const USAGE = `usage: npm run kantong -- rank --kab 33.24|33.24,33.25|33 --weights weights.json (--aggregates DIR | --households FILE ...)
         --out DIR [--geo public/geo] [--periode 2025-Q3] [--select N | --reach 0.5 | --quota 5000]
         [--per-kecamatan-max M] [--per-kecamatan-min M] [--target d1|d1_4] [--min-count 10] [--draws 1000]
         [--seed 1] [--mapping mapping.json] [--key COLUMN --salt-file FILE] ${LANG_USAGE}
  --aggregates: the folder of kantong import / aggregate (desa.csv): enough for every indicator but the two below
  --key:        with --households of two periods or more: links the households of the period before --periode
                and of --periode by this column (hashed with --salt-file, never kept raw), so the scenario may
                weigh graduation_rate (EB-smoothed) and stuck (stagnant pocket), as the app's Prioritas mode`;

/** Flags of `rank` from the shared schema. */
const RANK_PARAMS = {
  select: nullable(intParam('select', 1, 100_000, 20)),
  reach: nullable(numberParam('reach', { min: 0, max: 1 }, 0.5)),
  quota: nullable(intParam('quota', 1, 1_000_000_000, 5000)),
  perKecamatanMax: nullable(intParam('per-kecamatan-max', 1, 1000, 1)),
  perKecamatanMin: nullable(intParam('per-kecamatan-min', 1, 1000, 1)),
  target: nullable(enumParam<'d1' | 'd1_4'>('target', ['d1', 'd1_4'], 'd1')),
  draws: intParam('draws', 0, 100_000, DEFAULT_DRAWS),
  seed: ANALYSIS_PARAMS.seed,
  minCount: ANALYSIS_PARAMS.minCount,
  periode: ANALYSIS_PARAMS.periode,
} as const;

/** The indicators that need households linked between two periods. */
const LINKED = new Set(['graduation_rate', 'stuck']);

/** The import's salt (`--salt-file`), required with `--key` (the key is only ever used as a salted hash). */
async function readSalt(file: string | undefined): Promise<Uint8Array | undefined> {
  if (file === undefined) return undefined;
  try {
    return new TextEncoder().encode((await readFile(file, 'utf8')).replace(/\r?\n$/, ''));
  } catch (error) {
    throw new CliError(
      `salt file ${file}: cannot read (${(error as NodeJS.ErrnoException).code ?? String(error)})`,
    );
  }
}

export async function run(argv: string[]): Promise<void> {
  const values = parseCommandArgs('rank', argv, {
    kab: { type: 'string' },
    geo: { type: 'string', default: 'public/geo' },
    weights: { type: 'string' },
    'desa-aggregates': { type: 'string' },
    aggregates: { type: 'string' },
    households: { type: 'string', multiple: true },
    mapping: { type: 'string' },
    key: { type: 'string' },
    'salt-file': { type: 'string' },
    ...cliOptions(RANK_PARAMS),
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
  const weightsFile = requiredFlag(values, 'weights', 'weights.json', lang);
  const outDir = requiredFlag(values, 'out', 'DIR', lang);
  const p = cliParams(RANK_PARAMS, values, lang);
  // --aggregates DIR (the folder of kantong import / aggregate) or --desa-aggregates FILE|DIR: the same table
  if (values.aggregates !== undefined && values['desa-aggregates'] !== undefined)
    throw new CliError(
      cliMessage(msg('param.conflict', { first: '--aggregates', second: '--desa-aggregates' }), lang),
    );
  const aggregates = values['desa-aggregates'] ?? values.aggregates;
  const households = values.households ?? [];
  if (!aggregates && households.length === 0)
    requiredFlag(values, 'desa-aggregates', 'FILE | --households FILE', lang);
  if (aggregates && households.length > 0)
    throw new CliError(
      cliMessage(msg('param.conflict', { first: '--desa-aggregates', second: '--households' }), lang),
    );
  if (aggregates && values.key !== undefined)
    throw new CliError(cliMessage(msg('region.rankKeyNeedsRows'), lang));
  const rules = [p.select !== null, p.reach !== null, p.quota !== null].filter(Boolean).length;
  if (rules > 1)
    throw new CliError(
      cliMessage(msg('param.conflict', { first: '--select', second: '--reach / --quota' }), lang),
    );

  // the scenario, with the flags' rule over its own
  const parsed = parseScenarioText(
    new TextDecoder().decode(await readFileBytes(weightsFile)),
    path.basename(weightsFile),
  );
  if (!parsed.ok) throw new CliError(renderMessage(parsed.error, lang));
  const scenario: Scenario = parsed.value;
  const rule: SelectionRule | null =
    p.select !== null
      ? { kind: 'top', n: p.select }
      : p.reach !== null
        ? { kind: 'reach', share: p.reach }
        : p.quota !== null
          ? { kind: 'quota', households: p.quota }
          : null;
  if (rule) scenario.selection = rule;
  if (p.perKecamatanMax !== null) scenario.spread.maxPerKecamatan = p.perKecamatanMax;
  if (p.perKecamatanMin !== null) scenario.spread.minPerKecamatan = p.perKecamatanMin;
  if (p.target !== null) scenario.target = p.target;

  const region = await loadRegion(kab, values.geo as string, lang);
  const kodeKab = region.kode;
  const props = region.desa;
  let rows: DesaAggregateRow[];
  let synthetic: boolean;
  let dataSource: string;
  let panels: PeriodPanel[] | null = null;
  if (aggregates) {
    const agg = await readAggregates(aggregates, region, lang);
    rows = agg.rows;
    synthetic = agg.synthetic;
    dataSource = agg.source;
    if (agg.note) process.stderr.write(`rank: ${agg.note}\n`);
  } else {
    const imported = await importHouseholds(
      households,
      kodeKab,
      props,
      region.bbox,
      values.mapping,
      p.periode ?? undefined,
      lang,
      {
        ...importSet(region),
        ...(values.key !== undefined
          ? { key: { column: values.key, salt: await readSalt(values['salt-file']) } }
          : {}),
      },
    );
    if (values.key !== undefined) {
      const codes = props.map((d) => d.kode_desa);
      panels = concatPanels(
        imported.imports.flatMap((f) => (f.households ? panelsFromHouseholds(f.households, codes) : [])),
      );
    }
    const summary = imported.summary;
    const outside = outsideLine(kab, summary.report.rows_by_kabupaten);
    if (outside) process.stderr.write(`rank: ${outside.trim()}\n`);
    rows = summary.desa_rows;
    synthetic = summary.report.synthetic;
    dataSource = households.map((f) => path.basename(f)).join(', ');
  }
  const periods = [...new Set(rows.map((r) => r.periode))].sort(comparePeriode);
  const periode = p.periode ?? periods.at(-1) ?? null;
  if (!periode || !periods.includes(periode))
    throw new CliError(`--periode ${periode}: not in the data (periods: ${periods.join(', ') || '-'})`);
  const previous = periods[periods.indexOf(periode) - 1] ?? null;

  const desa: RankedDesa[] = props.map((d) => ({
    kode_desa: d.kode_desa,
    nama_desa: d.nama_desa,
    kode_kec: d.kode_kec,
    nama_kec: d.nama_kec,
    jenis: d.jenis,
  }));
  const units = unitsFromDesaRows(
    rows,
    props.map((d) => ({ kode: d.kode_desa, luas_km2: d.luas_km2 })),
  );
  // pocket membership, when the scenario weighs it: the default pocket analysis of the period
  let pocket: Uint8Array | null = null;
  if (scenario.indicators.some((i) => i.id === 'pocket')) {
    const counts = new Uint32Array(props.length * DESIL_COUNT);
    units.forEach((u, i) =>
      u.byPeriod.get(periode)?.kk_desil.forEach((n, d) => (counts[i * DESIL_COUNT + d] = n)),
    );
    const pockets = analyseDesaPockets(
      { desa: region.features, desil: counts },
      pocketOptionsOf({ ...DEFAULT_ANALYSIS, minCount: p.minCount }, 'desa'),
    );
    pocket = Uint8Array.from(pockets.pocketOf, (r) => (r >= 0 ? 1 : 0));
  }
  // graduation and stagnant pockets, when households are linked: the app's monitoring analysis, base = the
  // period before the ranked one (`src/lib/priority/linked.ts`)
  const linkedIds = scenario.indicators.filter((i) => LINKED.has(i.id) && i.weight > 0).map((i) => i.id);
  let linked: LinkedIndicators | null = null;
  if (panels && previous) {
    const { weights } = buildWeights(
      { kind: 'tolerant', toleranceMetres: DEFAULT_TOLERANCE_M },
      region.features.map((f) => f.geometry),
    );
    linked = linkedIndicators(
      monitorAnalysis({
        desa: region.features,
        weights,
        rows,
        panels,
        periods,
        base: previous,
        comparison: periode,
        ...monitorSettingsOf({ ...DEFAULT_ANALYSIS, seed: p.seed, minCount: p.minCount }),
      }),
    );
  }
  if (linkedIds.length > 0 && !linked)
    throw new CliError(
      cliMessage(
        msg('region.rankGraduationNeedsKey', {
          indicators: linkedIds.join(', '),
          periode,
          previous: previous ?? '-',
        }),
        lang,
      ),
    );
  const graduation = linked?.graduation ?? null;
  const stuck = linked?.stuck ?? null;
  let ranking;
  try {
    ranking = rankDesa({ desa, units, period: periode, previous, pocket, graduation, stuck, scenario });
  } catch (error) {
    if (error instanceof RangeError)
      throw new CliError(renderMessage(msg('priority.scenario.allZero'), lang));
    throw error;
  }
  if (ranking.scope.length === 0)
    throw new CliError(`no desa in scope for period ${periode} (check the filters)`);

  // the publication tables of the period (and the one before, for changes): kecamatan totals are public
  const kecIndex = new Map<string, number>();
  const groups = props.map(
    (d) => kecIndex.get(d.kode_kec) ?? (kecIndex.set(d.kode_kec, kecIndex.size), kecIndex.size - 1),
  );
  const table = (period: string | null) => {
    if (!period) return null;
    const n = units.length;
    const householdsOf = new Uint32Array(n);
    const desil = new Uint32Array(n * DESIL_COUNT);
    const programmes: Record<string, Uint32Array> = {};
    units.forEach((u, i) => {
      const c = u.byPeriod.get(period);
      if (!c) return;
      householdsOf[i] = c.jumlah_kk;
      c.kk_desil.forEach((v, d) => (desil[i * DESIL_COUNT + d] = v));
      for (const [key, v] of Object.entries(c.programmes)) (programmes[key] ??= new Uint32Array(n))[i] = v;
    });
    return publishUnits({ households: householdsOf, desil, programmes, groups, k: p.minCount });
  };
  const published = table(periode)!;
  const robustness =
    p.draws > 0
      ? shortlistRobustness({
          normalised: ranking.result.normalised,
          weights: scenario.indicators.map((i) => i.weight),
          codes: ranking.scope.map((i) => desa[i].kode_desa),
          kecamatan: ranking.scope.map((i) => desa[i].kode_kec),
          target: ranking.target,
          rule: scenario.selection,
          spread: scenario.spread,
          draws: p.draws,
          seed: p.seed,
        })
      : null;
  const data = { units, period: periode, previous, pocket, graduation, stuck };
  const exact = scenario.indicators.map((i) => priorityValues(i.id, data));
  const rowsOut = publishRanking({
    ranking,
    desa,
    exact,
    indicators: scenario.indicators,
    published,
    publishedPrevious: table(previous),
    areaKm2: props.map((d) => d.luas_km2),
    shortlist: scenario.shortlist,
    robustness,
    target: scenario.target,
    graduationShown: linked?.shown ?? null,
  });
  const reach = publishedReach(ranking, p.minCount);
  const meta: ExportMeta = {
    district: region.nama,
    kodeKab,
    periode,
    date: exportDate(),
    dataSource: synthetic ? `${dataSource} (DATA SINTETIS)` : dataSource,
    boundarySource: `${path.basename(path.dirname(region.folder))}/${path.basename(region.folder)}`,
    synthetic,
    k: p.minCount,
    scenario,
    scopeSize: ranking.scope.length,
    shortlistSize: ranking.shortlist.length,
    reached: reach.reached,
    total: reach.total,
    reachedShare: reach.share,
    robustness: robustness ? { draws: robustness.draws, seed: p.seed } : null,
  };
  const xlsx = await writeXlsxFile(rankingWorkbook(rowsOut, meta, lang)).toBuffer();
  await writeAllOrNothing(outDir, {
    'ranking.csv': rankingCsv(rowsOut, meta),
    'shortlist.xlsx': new Uint8Array(xlsx),
  });

  const problem = ranking.selection.problem;
  const lines = [
    `${synthetic ? 'DATA SINTETIS: ' : ''}${region.nama} (${kodeKab}), periode ${periode}: ${ranking.scope.length} desa ranked, ${ranking.shortlist.length} on the shortlist (${(100 * reach.share).toFixed(1)}% of the target families)`,
    ...rowsOut
      .filter((r) => r.inShortlist)
      .slice(0, 10)
      .map(
        (r) => `  ${String(r.rank).padStart(3)}. ${r.nama_desa} (${r.nama_kec}) index ${r.index.toFixed(2)}`,
      ),
    `wrote ${path.join(outDir, 'ranking.csv')}, ${path.join(outDir, 'shortlist.xlsx')}`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  if (problem.code !== 'none') {
    const m =
      problem.code === 'reachNotMet'
        ? msg('priority.select.reachNotMet', {
            wanted: `${Math.round(problem.wanted * 100)}%`,
            desa: problem.desa,
            reached: `${(problem.reached * 100).toFixed(1)}%`,
          })
        : problem.code === 'minTooMany'
          ? msg('priority.select.minTooMany', { needed: problem.needed, allowed: problem.allowed })
          : problem.code === 'minAboveMax'
            ? msg('priority.select.minAboveMax', { min: problem.min, max: problem.max })
            : msg('priority.select.badRule');
    process.stderr.write(`rank: ${renderMessage(m, lang)}\n`);
  }
  if (ranking.unknownShortlist.length > 0)
    process.stderr.write(
      `rank: ${renderMessage(msg('priority.select.unknownDesa', { count: ranking.unknownShortlist.length }), lang)}\n`,
    );
}
