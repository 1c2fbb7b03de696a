/**
 * `npm run kantong -- pockets`: poverty pockets (kantong kemiskinan) of one kabupaten from a DT-SEN extract or
 * a desa table, on the same cores as the app: the household import (`src/lib/import`, identifiers dropped
 * while parsing), hexbins (`src/lib/hex`) and pockets (`src/lib/pockets`). Writes
 * - `pockets.geojson`: one feature per pocket (outline, id, name, totals, desa and kecamatan touched);
 * - `pockets.csv`: the same totals as a table, with the stability of each pocket and whether it is indicative;
 * - `members.csv`: one row per pocket member (desa or hexagon) with its stability;
 * - `hex.csv` (hexagons only): cell, households and desil counts after small-number suppression.
 * Every file carries the settings used, the global test and the outcome. A run that finds no pocket on valid
 * data is a result, not an error: the files are written, the reason is printed in one line, exit 0. Hexagons
 * are analysed only from households' own coordinates: without any, the command refuses and names `--unit desa`.
 * Every count under k is written as "< k" or left out, with complementary suppression (see
 * `src/lib/hex/suppression.ts`). Bad input ends with one line and a non-zero exit, and nothing is written.
 * Periods follow the import core's rule (period column, else file name, else `--periode`): `--periode` selects
 * one of the files' periods, and is the period of a file that has none. The core's messages are in `--lang`.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Feature, FeatureCollection } from 'geojson';
import { unionAll } from '../../lib/geo/dissolve.ts';
import type { AreaGeometry, DesaProperties, KabupatenCollection } from '../../lib/geo/types.ts';
import { prepareHexDistrict } from '../../lib/hex/district.ts';
import { hexbinsOfImports } from '../../lib/hex/household-hexbins.ts';
import { Suppressed } from '../../lib/hex/suppression.ts';
import { csvCellText, publishedCsv, type CsvCell } from '../../lib/publish/csv.ts';
import { publishPocket } from '../../lib/publish/pockets.ts';
import { HIDDEN, publishCount, valueOrNull } from '../../lib/publish/published.ts';
import { DESIL_COUNT, HexInputError, type HexBins } from '../../lib/hex/types.ts';
import { comparePeriode } from '../../lib/import/periode.ts';
import { msg } from '../../lib/messages/message.ts';
import { renderMessage } from '../../lib/messages/render.ts';
import type { PocketAnalysis } from '../../lib/pockets/analysis.ts';
import { analyseDesaPockets } from '../../lib/pockets/desa-pockets.ts';
import { analyseHexPockets } from '../../lib/pockets/hex-pockets.ts';
import { criterionMessage } from '../../lib/pockets/pocket-test.ts';
import { pocketSettingsMessage, stabilityMessage } from '../../lib/pockets/settings.ts';
import { isStable, pocketStability, type PocketStability } from '../../lib/pockets/stability.ts';
import { QUADRANT_LABELS, type Quadrant } from '../../lib/stats/quadrants.ts';
import { SpatialInputError } from '../../lib/weights/types.ts';
import { CliError } from '../errors.ts';
import { cliMessage, cliOptions, cliParams, parseCommandArgs, requiredFlag } from '../params.ts';
import { ANALYSIS_PARAMS, pocketOptionsOf } from '../../lib/params/analysis.ts';
import { enumParam } from '../../lib/params/schema.ts';
import { cliLanguage, LANG_USAGE } from '../lang.ts';
import { writeAllOrNothing } from '../../node/write-files.ts';
import { importHouseholds } from '../households.ts';
import { readAggregates } from '../aggregates.ts';
import { importSet, loadRegion, outsideLine, type Region } from '../region.ts';

const USAGE = `usage: npm run kantong -- pockets --kab 33.24|33.24,33.25|33 (--households FILE | --aggregates DIR) --out DIR
         [--geo public/geo] [--unit desa|hex] [--res 8] [--periode 2025-Q3] [--alpha 0.05] [--adjust none|fdr|bonferroni]
         [--criterion gi95-high|gi90-high|gi99-high|gi90|gi95|gi99|lisa] [--min-count 10] [--min-units 3]
         [--min-households 200] [--global require|indicative] [--stability 20] [--rate eb|raw] [--seed 1] [--perm 999]
         [--missing allocate|drop] [--mapping mapping.json] ${LANG_USAGE}
  --periode: the period to map (default: the latest); also the period of a file without a period column whose
             name holds none`;

const DESIL = Array.from({ length: DESIL_COUNT }, (_, d) => `kk_desil_${d + 1}`);
const int = (n: number) => n.toLocaleString('en-US');

/**
 * The outline hexagons are clipped to: a set's `outline.json` (the union of its kabupaten), else the
 * kabupaten's `kabupaten.json` beside the desa file, else the union of the desa.
 */
async function regionOutline(region: Region): Promise<AreaGeometry> {
  for (const name of ['outline.json', 'kabupaten.json']) {
    const file = path.join(region.folder, name);
    if (!existsSync(file)) continue;
    try {
      const fc = JSON.parse(await readFile(file, 'utf8')) as KabupatenCollection;
      const geometries = (fc.features ?? [])
        .map((f) => f.geometry)
        .filter((g) => g && (g.type === 'Polygon' || g.type === 'MultiPolygon'));
      if (geometries.length === 1) return geometries[0];
      if (geometries.length > 1) return unionAll(geometries);
    } catch (error) {
      throw new CliError(`${file}: not valid JSON (${(error as Error).message})`);
    }
    throw new CliError(`${file}: no Polygon or MultiPolygon feature`);
  }
  process.stderr.write(
    `pockets: no outline.json or kabupaten.json in ${region.folder}: using the union of the desa as the outline\n`,
  );
  return unionAll(region.features.map((d) => d.geometry));
}

/** Stability shares as written in files: two decimals ("" when no rerun was made). */
const shareText = (share: number) => (Number.isFinite(share) ? share.toFixed(2) : '');

/** `pockets.csv`: every total through the publication layer (a desil-1 total under k is "< k"). */
function pocketsCsv(a: PocketAnalysis, stability: PocketStability, comments: string[]): string {
  const k = a.suppression.k;
  const fields = [
    'peringkat',
    'id',
    'nama',
    'unit',
    'resolusi',
    'jumlah_unit',
    'jumlah_kk',
    'kk_desil_1',
    'share_desil_1',
    'luas_km2',
    'kecamatan',
    'jumlah_desa',
    'kode_desa',
    'indikatif',
    'stabilitas',
    'stabil',
  ];
  const rows = a.pockets.map((p, r) => {
    const t = publishPocket(p, k);
    const share = stability.pocketShare[r] ?? NaN;
    return [
      p.rank,
      p.id,
      p.name,
      p.unit,
      p.resolution ?? '',
      p.units,
      t.households,
      t.desil1,
      t.share.kind === 'value' ? t.share : HIDDEN,
      p.areaKm2.toFixed(4),
      p.kecamatan.map((c) => c.nama_kec).join(', '),
      p.desa.length,
      p.desa.map((d) => d.kode_desa).join(' '),
      a.outcome.kind === 'indicative' ? 'ya' : 'tidak',
      shareText(share),
      Number.isFinite(share) ? (isStable(share) ? 'ya' : 'tidak') : '',
    ];
  });
  return publishedCsv({ comments, fields, rows });
}

/**
 * `members.csv`: one row per member of each pocket (a desa, or a hexagon with the desa under its centre) and
 * the share of reruns in which it was in a pocket. No count: nothing to suppress.
 */
function membersCsv(
  a: PocketAnalysis,
  stability: PocketStability,
  desa: readonly DesaProperties[],
  comments: string[],
): string {
  const fields = ['peringkat', 'id_kantong', 'anggota', 'kode_desa', 'nama_desa', 'stabilitas', 'stabil'];
  const rows: CsvCell[][] = [];
  for (const p of a.pockets)
    for (const u of p.memberIndex) {
      const own = a.primaryDesa[u] >= 0 ? desa[a.primaryDesa[u]] : undefined;
      const share = stability.unitShare[u];
      rows.push([
        p.rank,
        p.id,
        a.codes[u],
        own?.kode_desa ?? '',
        own?.nama_desa ?? '',
        shareText(share),
        Number.isFinite(share) ? (isStable(share) ? 'ya' : 'tidak') : '',
      ]);
    }
  return publishedCsv({ comments, fields, rows });
}

/** Coordinates rounded to 7 decimals (≈ 1 cm): enough for any map, and no long digit runs in the file. */
function rounded(geometry: AreaGeometry): AreaGeometry {
  const r = (x: number) => Math.round(x * 1e7) / 1e7;
  const ring = (positions: number[][]) => positions.map((p) => [r(p[0]), r(p[1])]);
  return geometry.type === 'Polygon'
    ? { type: 'Polygon', coordinates: geometry.coordinates.map(ring) }
    : { type: 'MultiPolygon', coordinates: geometry.coordinates.map((poly) => poly.map(ring)) };
}

/** The members' shares of reruns in a pocket, in the order of `members` (ascending codes). */
function memberShares(
  a: PocketAnalysis,
  p: PocketAnalysis['pockets'][number],
  stability: PocketStability,
): (number | null)[] {
  const byCode = new Map(p.memberIndex.map((u) => [a.codes[u], u]));
  return p.members.map((code) => {
    const v = stability.unitShare[byCode.get(code)!];
    return Number.isFinite(v) ? Number(v.toFixed(2)) : null;
  });
}

function pocketsGeoJson(
  a: PocketAnalysis,
  stability: PocketStability,
  meta: Record<string, unknown>,
): string {
  const k = a.suppression.k;
  const features: Feature[] = a.pockets.map((p, r) => {
    const t = publishPocket(p, k);
    const stable = stability.pocketShare[r] ?? NaN;
    const share = valueOrNull(t.share);
    return {
      type: 'Feature',
      id: p.id,
      geometry: rounded(p.outline),
      properties: {
        id: p.id,
        nama: p.name,
        peringkat: p.rank,
        unit: p.unit,
        resolusi: p.resolution,
        jumlah_unit: p.units,
        jumlah_kk: valueOrNull(t.households),
        kk_desil_1: valueOrNull(t.desil1),
        kk_desil_1_teks: csvCellText(t.desil1),
        share_desil_1: share === null ? null : Number(share.toFixed(6)),
        luas_km2: Number(p.areaKm2.toFixed(4)),
        kecamatan: p.kecamatan,
        desa: p.desa,
        anggota: p.members,
        indikatif: a.outcome.kind === 'indicative',
        stabilitas: Number.isFinite(stable) ? Number(stable.toFixed(2)) : null,
        stabil: Number.isFinite(stable) ? isStable(stable) : null,
        // members in the order of `anggota` (ascending codes), each with its share of reruns in a pocket
        anggota_stabilitas: memberShares(a, p, stability),
        bbox: p.bbox.map((x) => Math.round(x * 1e7) / 1e7),
      },
    };
  });
  const fc: FeatureCollection & { kantong: Record<string, unknown> } = {
    type: 'FeatureCollection',
    kantong: meta,
    features,
  };
  return `${JSON.stringify(fc)}\n`;
}

/** `hex.csv`: shown cells only, their desil counts through the publication layer. */
function hexCsv(a: PocketAnalysis, bins: HexBins, primaryKec: string[], comments: string[]): string {
  const k = a.displaySuppression.k;
  const value = a.displaySuppression.value as Uint8Array;
  const fields = ['h3', 'kode_kec', 'luas_km2', 'jumlah_kk', ...DESIL, 'lisa', 'gi_star', 'kantong'];
  const rows: CsvCell[][] = [];
  for (let c = 0; c < bins.cells.length; c++) {
    if (a.displaySuppression.unit[c] !== Suppressed.Shown) continue;
    rows.push([
      bins.cells[c],
      primaryKec[c],
      bins.areaKm2[c].toFixed(4),
      bins.households[c],
      ...Array.from({ length: DESIL_COUNT }, (_, q) =>
        publishCount(bins.desil[c * DESIL_COUNT + q], value[c * DESIL_COUNT + q], k),
      ),
      a.cluster[c] ? QUADRANT_LABELS[a.cluster[c] as Quadrant] : a.analysed[c] ? 'ns' : '',
      a.analysed[c] ? a.giTier[c] : '',
      a.pocketOf[c] >= 0 ? a.pockets[a.pocketOf[c]].id : '',
    ]);
  }
  return publishedCsv({ comments, fields, rows });
}

/** The parameters of `pockets`, from the shared schema (same names and values as the app's links). */
const POCKET_PARAMS = {
  unit: enumParam<'desa' | 'hex'>('unit', ['desa', 'hex'], 'hex'),
  missing: enumParam<'allocate' | 'drop'>('missing', ['allocate', 'drop'], 'allocate'),
  res: ANALYSIS_PARAMS.res,
  alpha: ANALYSIS_PARAMS.alpha,
  adjust: ANALYSIS_PARAMS.adjust,
  criterion: ANALYSIS_PARAMS.criterion,
  minCount: ANALYSIS_PARAMS.minCount,
  minUnits: ANALYSIS_PARAMS.minUnits,
  minHouseholds: ANALYSIS_PARAMS.minHouseholds,
  gate: ANALYSIS_PARAMS.gate,
  stability: ANALYSIS_PARAMS.stability,
  rate: ANALYSIS_PARAMS.rate,
  seed: ANALYSIS_PARAMS.seed,
  permutations: ANALYSIS_PARAMS.permutations,
  periode: ANALYSIS_PARAMS.periode,
} as const;

/** Runs the command (see the module comment); throws `CliError` for unusable input. */
export async function run(argv: string[]): Promise<void> {
  const values = parseCommandArgs('pockets', argv, {
    kab: { type: 'string' },
    geo: { type: 'string', default: 'public/geo' },
    households: { type: 'string', multiple: true },
    aggregates: { type: 'string' },
    mapping: { type: 'string' },
    ...cliOptions(POCKET_PARAMS),
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
  if (!values.households?.length && values.aggregates === undefined)
    requiredFlag(values, 'households', 'FILE (or --aggregates DIR)', lang);
  const outDir = requiredFlag(values, 'out', 'DIR', lang);
  const params = cliParams(POCKET_PARAMS, values, lang);
  const periodeFlag = params.periode ?? undefined;
  const { unit, res, minCount, missing } = params;
  // the same options the app's requests carry (`pocketOptionsOf`), from the same parameters
  const options = pocketOptionsOf(params, unit);

  const region = await loadRegion(kab, values.geo as string, lang);
  const kodeKab = region.kode;
  const features = region.features;
  const desa = region.desa;
  const bbox = region.bbox;

  // An aggregate directory (kantong import / aggregate) gives desa counts: enough for desa pockets.
  let imports: Awaited<ReturnType<typeof importHouseholds>>['imports'] = [];
  let desaRows: { periode: string; kode_desa: string; kk_desil: number[] }[];
  let periods: string[];
  let synthetic: boolean;
  const notes: string[] = [];
  if (values.aggregates !== undefined) {
    if (unit === 'hex')
      throw new CliError(
        `--aggregates: hexagons need the households' own coordinates; give --households FILE`,
      );
    const agg = await readAggregates(values.aggregates, region, lang);
    desaRows = agg.rows;
    periods = [...new Set(agg.rows.map((r) => r.periode))];
    synthetic = agg.synthetic;
    if (agg.note) notes.push(agg.note);
  } else {
    const imported = await importHouseholds(
      values.households as string[],
      kodeKab,
      desa,
      bbox,
      values.mapping,
      periodeFlag,
      lang,
      importSet(region),
    );
    imports = imported.imports;
    const summary = imported.summary;
    desaRows = summary.desa_rows;
    periods = summary.report.periods;
    synthetic = summary.report.synthetic;
    const outside = outsideLine(kab, summary.report.rows_by_kabupaten);
    if (outside) notes.push(outside.trim());
    for (const f of summary.report.files) {
      const c = f.coordinates;
      if (!c) continue;
      if (c.swapped > 0)
        notes.push(
          c.swapped >= c.kept / 2
            ? `${f.file.name}: latitude and longitude look exchanged (${int(c.swapped)} of ${int(c.kept)} coordinate pairs fall inside the kabupaten only when swapped back): swapped back; check the latitude/longitude columns`
            : `${f.file.name}: ${int(c.swapped)} coordinate pairs had latitude and longitude exchanged and were swapped back`,
        );
      if (c.outside + c.invalid > 0)
        notes.push(
          `${f.file.name}: ${int(c.outside)} coordinate pairs outside the kabupaten and ${int(c.invalid)} invalid ones were not used`,
        );
    }
  }
  if (periods.length === 0) throw new CliError('the households file(s) gave no period');
  const periode = periodeFlag ?? [...periods].sort(comparePeriode)[periods.length - 1];
  if (!periods.includes(periode))
    throw new CliError(`--periode ${periode}: not in the file(s) (periods: ${periods.join(', ')})`);

  const index = new Map(desa.map((d, i) => [d.kode_desa, i]));
  const counts = new Uint32Array(desa.length * DESIL_COUNT);
  for (const row of desaRows) {
    if (row.periode !== periode) continue;
    const d = index.get(row.kode_desa);
    if (d === undefined) continue;
    for (let q = 0; q < DESIL_COUNT; q++) counts[d * DESIL_COUNT + q] += row.kk_desil[q];
  }

  let analysis: PocketAnalysis;
  let bins: HexBins | null = null;
  let primaryKec: string[] = [];
  try {
    if (unit === 'desa') {
      analysis = analyseDesaPockets({ desa: features, desil: counts }, options);
    } else {
      const district = prepareHexDistrict(
        await regionOutline(region),
        features.map((f) => f.geometry),
      );
      bins = hexbinsOfImports(district, imports, periode, { res, missing });
      // Without coordinates the hexagons could only be spread from desa, which carries no local pattern.
      if (!bins) throw new CliError(cliMessage(msg('cli.hexNoCoordinates'), lang));
      analysis = analyseHexPockets(district, bins, desa, options);
      primaryKec = Array.from(analysis.primaryDesa, (d) => (d >= 0 ? desa[d].kode_kec : ''));
    }
  } catch (error) {
    if (error instanceof SpatialInputError || error instanceof HexInputError)
      throw new CliError(`${unit === 'hex' ? `hexagons res ${res}` : 'desa'}: ${error.message}`);
    throw error;
  }
  const stability = pocketStability(analysis, params.stability);
  const o = analysis.options;

  const what = unit === 'hex' ? `heksagon H3 resolusi ${res}` : 'desa';
  const used = analysis.householdsUsed;
  const partPoints = unit === 'hex' && used.used < used.total;
  const pointsLine = partPoints
    ? msg('pockets.pointsUsed', {
        used: used.used,
        total: used.total,
        share: Math.round((1000 * used.used) / Math.max(1, used.total)) / 10,
      })
    : null;
  const head = `${synthetic ? 'DATA SINTETIS - ' : ''}Kantong: kantong kemiskinan (${what}) kabupaten/kota ${kodeKab}, periode ${periode}${bins?.estimate ? ', jumlah per heksagon sebagian estimasi' : ''}; angka < ${minCount} disamarkan.`;
  // The settings, the global test and the outcome in every file, on the one comment line readers skip
  // (Indonesian, as the rest of the line).
  const comments = [
    [
      head,
      `Pengaturan: ${renderMessage(pocketSettingsMessage(o, stability.runs), 'id')}.`,
      `Hasil: ${renderMessage(analysis.outcome.reason, 'id')}.`,
      ...(pointsLine ? [`Catatan: ${renderMessage(pointsLine, 'id')}.`] : []),
    ].join(' '),
  ];
  const global = analysis.global;
  const meta = {
    data_sintetis: synthetic,
    kode_kab: kodeKab,
    nama_kab: region.nama,
    periode,
    unit,
    resolusi: unit === 'hex' ? res : null,
    estimasi: bins?.estimate ?? false,
    kriteria: renderMessage(criterionMessage(o.criterion), 'id'),
    kriteria_kode: params.criterion,
    alpha: o.alpha,
    koreksi: o.pAdjust,
    permutasi: o.permutations,
    seed: o.seed,
    ambang_kecil: minCount,
    min_unit: o.minUnits,
    min_keluarga: o.minHouseholds,
    uji_global_wajib: o.gate === 'require',
    laju: o.rate,
    uji_global: global
      ? {
          moran_i: Number(global.I.toFixed(6)),
          z: Number.isFinite(global.z) ? Number(global.z.toFixed(4)) : null,
          p: global.p,
          metode: global.method,
          mendukung_pengelompokan: global.supported,
        }
      : null,
    hasil: analysis.outcome.kind,
    alasan: renderMessage(analysis.outcome.reason, 'id'),
    keluarga_dipakai: used.used,
    keluarga_total: used.total,
    kestabilan: { ulangan: stability.runs, ambang_stabil: 0.9, seed: stability.seeds },
    pengaturan: renderMessage(pocketSettingsMessage(o, stability.runs), 'id'),
  };
  const files: Record<string, string> = {
    'pockets.geojson': pocketsGeoJson(analysis, stability, meta),
    'pockets.csv': pocketsCsv(analysis, stability, comments),
    'members.csv': membersCsv(analysis, stability, desa, comments),
  };
  if (bins) files['hex.csv'] = hexCsv(analysis, bins, primaryKec, comments);
  await writeAllOrNothing(outDir, files);

  const s = analysis.suppression;
  const unitWord = unit === 'hex' ? 'hexagons' : 'desa';
  const adjustWord = { none: 'no correction', fdr: 'FDR', bonferroni: 'Bonferroni' }[o.pAdjust];
  const moranText = Number.isFinite(analysis.moran.I) ? analysis.moran.I.toFixed(3) : '–';
  const lines = [
    `${synthetic ? 'DATA SINTETIS: ' : ''}${region.nama} (${kodeKab}), periode ${periode}: ${unit === 'hex' ? `${int(analysis.codes.length)} hexagons at res ${res}` : `${int(analysis.codes.length)} desa`}, ${int(s.primaryUnits + s.complementaryUnits)} suppressed (< ${minCount} households, or to protect one), ${int(analysis.analysed.reduce((a, b) => a + b, 0))} analysed; Moran's I ${moranText}`,
    `${analysis.pockets.length} pockets (${renderMessage(criterionMessage(o.criterion), 'en')}, α = ${o.alpha}, ${adjustWord}, at least ${o.minUnits} ${unitWord} and ${int(o.minHouseholds)} households${o.gate === 'require' ? ', global test required' : ''})`,
    // the outcome in one line: why there is no pocket, or what the global test says of those listed
    renderMessage(analysis.outcome.reason, lang),
    ...analysis.pockets.slice(0, 10).map((p, r) => {
      const t = publishPocket(p, minCount);
      const share = stability.pocketShare[r];
      return `  ${String(p.rank).padStart(2)}. ${p.name} [${p.id}]: ${p.units} units, ${csvCellText(t.households)} households, desil 1: ${csvCellText(t.desil1)}${Number.isFinite(share) ? `; ${renderMessage(stabilityMessage(share, stability.runs), lang)}` : ''}`;
    }),
    `wrote ${Object.keys(files)
      .map((f) => path.join(outDir, f))
      .join(', ')}`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  for (const n of notes) process.stderr.write(`pockets: ${n}\n`);
  for (const m of bins?.messages ?? [])
    process.stderr.write(`pockets: ${m.severity}: ${renderMessage(m.message, lang)}\n`);
  if (pointsLine) process.stderr.write(`pockets: info: ${renderMessage(pointsLine, lang)}\n`);
  for (const g of analysis.guardrails)
    process.stderr.write(`pockets: ${g.severity}: ${renderMessage(g.message, lang)}\n`);
  if (s.residual.length > 0)
    process.stderr.write(
      `pockets: warning: ${s.residual.length} published line(s) could not be fully protected by suppression\n`,
    );
}
