/**
 * `npm run kantong -- lisa`: spatial weights, global and local Moran's I, Geary's C and Getis–Ord Gi* for one
 * variable of a GeoJSON file, written as `global.json`, `local.csv` (the columns of the spdep reference files)
 * and `neighbors.json`.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Feature, FeatureCollection } from 'geojson';
import Papa from 'papaparse';
import { analyseLisa, type LisaResult } from '../../lib/stats/lisa.ts';
import { QUADRANT_LABELS, type Quadrant } from '../../lib/stats/quadrants.ts';
import { SPDEP_DEFAULT_SNAP } from '../../lib/weights/contiguity.ts';
import { buildWeights } from '../../lib/weights/build.ts';
import { neighbourLists, SpatialInputError, type SpatialWeights } from '../../lib/weights/types.ts';
import { renderMessage, type Language } from '../../lib/messages/render.ts';
import { CliError } from '../errors.ts';
import { cliOptions, cliParams, parseCommandArgs, requiredFlag } from '../params.ts';
import { ANALYSIS_PARAMS } from '../../lib/params/analysis.ts';
import { numberParam } from '../../lib/params/schema.ts';
import { cliLanguage, LANG_USAGE, withText } from '../lang.ts';

const USAGE = `usage: npm run kantong -- lisa --geo FILE.geojson --id PROP --value PROP [--values FILE.csv]
         --weights queen|rook|knnK|tolerant [--tolerance 10] [--snap EPS] [--perm 999] [--seed 1]
         [--alpha 0.05] [--adjust none|fdr|bonferroni] [--rate] ${LANG_USAGE} --out DIR`;

/** The column names of the spdep reference `local.csv`, in order; the second is the variable's own name. */
const LOCAL_COLUMNS = [
  'id',
  'VALUE',
  'Ii',
  'E.Ii',
  'Var.Ii',
  'Z.Ii',
  'p_analytical',
  'p_analytical_fdr',
  'perm_E.Ii',
  'perm_Var.Ii',
  'perm_Z.Ii',
  'p_perm_z',
  'p_perm_rank',
  'p_sim',
  'p_sim_fdr',
  'quadrant',
  'quadrant_median',
  'quadrant_pysal',
  'n_neighbors',
  'lag',
  'Gi_star_z',
  'Gi_star_p',
  'Gi_star_p_fdr',
  'Gi_z',
] as const;

type Id = string | number;

/** A number from a property or a CSV cell: numbers as they are, text in plain or decimal-comma notation. */
function parseNumber(raw: unknown): number | null {
  if (typeof raw === 'number') return Number.isFinite(raw) ? raw : null;
  if (typeof raw !== 'string') return null;
  let text = raw.trim();
  if (/^[-+]?\d+,\d+$/.test(text)) text = text.replace(',', '.');
  if (text === '' || !/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(text)) return null;
  return Number(text);
}

function readGeoJson(file: string): FeatureCollection {
  if (!existsSync(file)) throw new CliError(`--geo: file not found: ${file}`);
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new CliError(`--geo: ${file} is not valid JSON (${(error as Error).message})`);
  }
  const fc = data as FeatureCollection;
  if (!fc || fc.type !== 'FeatureCollection' || !Array.isArray(fc.features))
    throw new CliError(`--geo: ${file} is not a GeoJSON FeatureCollection`);
  if (fc.features.length === 0) throw new CliError(`--geo: ${file} has no features`);
  return fc;
}

function featureIds(features: Feature[], idProp: string, file: string): Id[] {
  const seen = new Map<string, number>();
  return features.map((f, i) => {
    const raw = f.properties?.[idProp];
    if (raw === undefined || raw === null || raw === '')
      throw new CliError(`--id: feature ${i} of ${file} has no property "${idProp}"`);
    if (typeof raw !== 'string' && typeof raw !== 'number')
      throw new CliError(`--id: feature ${i} of ${file}: "${idProp}" must be text or a number`);
    const key = String(raw);
    const before = seen.get(key);
    if (before !== undefined)
      throw new CliError(`--id: "${idProp}" = ${key} appears twice in ${file} (features ${before} and ${i})`);
    seen.set(key, i);
    return raw;
  });
}

function valuesFromProperties(features: Feature[], ids: Id[], valueProp: string, file: string): number[] {
  return features.map((f, i) => {
    const props = f.properties ?? {};
    if (!(valueProp in props))
      throw new CliError(`--value: feature ${i} (id ${ids[i]}) of ${file} has no property "${valueProp}"`);
    const v = parseNumber(props[valueProp]);
    if (v === null)
      throw new CliError(
        `--value: feature ${i} (id ${ids[i]}) of ${file}: "${valueProp}" = ${JSON.stringify(props[valueProp])} is not a number`,
      );
    return v;
  });
}

function valuesFromCsv(file: string, ids: Id[], idProp: string, valueProp: string): number[] {
  if (!existsSync(file)) throw new CliError(`--values: file not found: ${file}`);
  const text = readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
  const parsed = Papa.parse<Record<string, string>>(text, {
    header: true,
    skipEmptyLines: true,
    dynamicTyping: false,
  });
  const fields = parsed.meta.fields ?? [];
  if (!fields.includes(idProp))
    throw new CliError(`--values: ${file} has no column "${idProp}" (columns: ${fields.join(', ')})`);
  if (!fields.includes(valueProp))
    throw new CliError(`--values: ${file} has no column "${valueProp}" (columns: ${fields.join(', ')})`);
  const byId = new Map<string, number>();
  parsed.data.forEach((row, r) => {
    const line = r + 2; // header is line 1
    const key = String(row[idProp] ?? '').trim();
    const v = parseNumber(row[valueProp]);
    if (v === null)
      throw new CliError(
        `--values: ${file} line ${line} (id ${key}), column "${valueProp}": ${JSON.stringify(row[valueProp])} is not a number`,
      );
    if (byId.has(key)) throw new CliError(`--values: ${file} line ${line}: id ${key} appears twice`);
    byId.set(key, v);
  });
  const missing = ids.filter((id) => !byId.has(String(id)));
  if (missing.length > 0) {
    const shown = missing.slice(0, 5).join(', ');
    throw new CliError(
      `--values: ${file} has no row for ${missing.length} feature(s) (id ${shown}${missing.length > 5 ? ', …' : ''})`,
    );
  }
  const unused = byId.size - ids.length;
  if (unused > 0)
    process.stderr.write(`lisa: ${unused} row(s) of ${file} match no feature and are ignored\n`);
  return ids.map((id) => byId.get(String(id)) as number);
}

/** Shortest decimal text that reads back as the same double; `NA` for NaN and infinities (as the R oracle). */
function fmt(v: number): string {
  return Number.isFinite(v) ? String(v) : 'NA';
}

/** JSON number or null. */
function jnum(v: number): number | null {
  return Number.isFinite(v) ? v : null;
}

function csvId(id: Id): string {
  return typeof id === 'number' ? String(id) : `"${id.replace(/"/g, '""')}"`;
}

function localCsv(result: LisaResult, ids: Id[], x: number[], valueName: string): string {
  const header = LOCAL_COLUMNS.map((c) => (c === 'VALUE' ? valueName : c));
  const lines = [header.map((h) => (/[",\n]/.test(h) ? `"${h.replace(/"/g, '""')}"` : h)).join(',')];
  const perm = result.permutation;
  const na = () => 'NA';
  const { local, quadrants, getisOrd } = result;
  const label = (c: number) => QUADRANT_LABELS[c as Quadrant];
  for (let i = 0; i < result.n; i++) {
    const row = [
      csvId(ids[i]),
      fmt(x[i]),
      fmt(local.Ii[i]),
      fmt(local.EIi[i]),
      fmt(local.VarIi[i]),
      fmt(local.ZIi[i]),
      fmt(local.pAnalytical[i]),
      fmt(result.pAnalyticalFdr[i]),
      perm ? fmt(perm.permMean[i]) : na(),
      perm ? fmt(perm.permVar[i]) : na(),
      perm ? fmt(perm.permZ[i]) : na(),
      perm ? fmt(perm.pPermZ[i]) : na(),
      perm ? fmt(perm.pPermRank[i]) : na(),
      perm ? fmt(perm.pSim[i]) : na(),
      fmt(result.pSimFdr[i]),
      label(quadrants.mean[i]),
      label(quadrants.median[i]),
      label(quadrants.pysal[i]),
      String(result.neighbourCounts[i]),
      fmt(local.lag[i]),
      fmt(getisOrd.giStarZ[i]),
      fmt(getisOrd.giStarP[i]),
      fmt(result.giStarPFdr[i]),
      fmt(getisOrd.giZ[i]),
    ];
    lines.push(row.join(','));
  }
  return `${lines.join('\n')}\n`;
}

function globalJson(
  result: LisaResult,
  args: {
    geo: string;
    variable: string;
    idProp: string;
    weights: Record<string, unknown>;
    argv: string[];
    lang: Language;
  },
): unknown {
  const { moran, geary, moranPermutation: mp, weights: s, quadrants } = result;
  const count = (code: number) => result.quadrants.mean.filter((q) => q === code).length;
  const clusters = (code: number) => result.clusters.filter((q) => q === code).length;
  return {
    input: path.basename(args.geo),
    variable: args.variable,
    id_property: args.idProp,
    n: result.n,
    weights: {
      ...args.weights,
      style: 'W',
      n_links: s.nLinks,
      n_islands: s.islands.length,
      islands: s.islands,
      single_neighbour: s.singleNeighbour,
      mean_neighbors: s.meanNeighbors,
      min_neighbors: s.minNeighbors,
      max_neighbors: s.maxNeighbors,
      symmetric: s.symmetric,
      components: s.components,
      n_effective: s.nEffective,
      S0: s.S0,
      S1: s.S1,
      S2: s.S2,
    },
    moran: {
      I: moran.I,
      expectation: moran.expectation,
      variance: moran.variance,
      variance_assumption: 'randomisation',
      z: jnum(moran.z),
      p_greater: jnum(moran.pGreater),
      p_two_sided: jnum(moran.pTwoSided),
      variance_normality: moran.varianceNormality,
      z_normality: jnum(moran.zNormality),
      p_two_sided_normality: jnum(moran.pTwoSidedNormality),
    },
    moran_perm: mp
      ? {
          nsim: mp.nsim,
          seed: mp.seed,
          observed_rank: mp.observedRank,
          p_greater: mp.pGreater,
          p_sim: mp.pSim,
          sim_mean: mp.simMean,
          sim_var: mp.simVar,
        }
      : null,
    geary: {
      C: geary.C,
      expectation: geary.expectation,
      variance: geary.variance,
      variance_assumption: 'randomisation',
      z: jnum(geary.z),
      z_definition: '(E[C] - C) / sqrt(Var[C])  (spdep sign: positive = positive autocorrelation)',
      p_greater: jnum(geary.pGreater),
      p_two_sided: jnum(geary.pTwoSided),
    },
    local: {
      localmoran:
        'conditional analytical moments (spdep 1.2-7 localmoran, conditional = TRUE, mlvar = TRUE), two-sided',
      permutation: mp
        ? `conditional permutation without replacement, ${mp.nsim} draws, seed ${mp.seed}; p_sim folded (min(c, R-c)+1)/(R+1)`
        : null,
      fdr: 'Benjamini-Hochberg (R p.adjust "BH")',
      x_mean: quadrants.xMean,
      lag_mean: quadrants.lagMean,
      x_median: quadrants.xMedian,
      lag_median: quadrants.lagMedian,
      n_quadrant: { 'High-High': count(1), 'Low-Low': count(3), 'High-Low': count(4), 'Low-High': count(2) },
      clusters: {
        significance: `${result.permutation ? 'p_sim' : 'p_analytical'} ${result.options.pAdjust === 'none' ? '' : `(${result.options.pAdjust}) `}<= ${result.options.alpha}`,
        quadrant_scheme: result.options.quadrantScheme,
        'High-High': clusters(1),
        'Low-Low': clusters(3),
        'High-Low': clusters(4),
        'Low-High': clusters(2),
        not_significant: clusters(0),
      },
    },
    guardrails: result.guardrails.map((g) => ({ ...g, message: withText(g.message, args.lang) })),
    command: ['npm run kantong -- lisa', ...args.argv].join(' '),
  };
}

/** The parameters of `lisa`, from the shared schema; `--snap` is spdep's vertex snap of queen/rook. */
const LISA_PARAMS = {
  weights: ANALYSIS_PARAMS.weights,
  tolerance: ANALYSIS_PARAMS.tolerance,
  snap: numberParam('snap', { min: 0, max: 1e6, minInclusive: true }, SPDEP_DEFAULT_SNAP),
  permutations: ANALYSIS_PARAMS.permutations,
  seed: ANALYSIS_PARAMS.seed,
  alpha: ANALYSIS_PARAMS.alpha,
  adjust: ANALYSIS_PARAMS.adjust,
} as const;

/** Entry point of `kantong lisa` (see USAGE). Throws `CliError` for bad input, naming the file, feature or row. */
export async function run(argv: string[]): Promise<void> {
  const o = parseCommandArgs('lisa', argv, {
    geo: { type: 'string' },
    id: { type: 'string' },
    value: { type: 'string' },
    values: { type: 'string' },
    ...cliOptions(LISA_PARAMS),
    rate: { type: 'boolean', default: false },
    out: { type: 'string' },
    lang: { type: 'string' },
    help: { type: 'boolean', short: 'h', default: false },
  });
  if (o.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const lang = cliLanguage(o.lang);
  const geo = requiredFlag(o, 'geo', 'FILE.geojson', lang);
  const idProp = requiredFlag(o, 'id', 'PROP', lang);
  const valueProp = requiredFlag(o, 'value', 'PROP', lang);
  requiredFlag(o, 'weights', ANALYSIS_PARAMS.weights.hint, lang);
  const outDir = requiredFlag(o, 'out', 'DIR', lang);
  const {
    permutations,
    seed,
    tolerance,
    snap,
    alpha,
    adjust: pAdjust,
    weights,
  } = cliParams(LISA_PARAMS, o, lang);

  const fc = readGeoJson(geo);
  const ids = featureIds(fc.features, idProp, geo);
  const x = o.values
    ? valuesFromCsv(o.values, ids, idProp, valueProp)
    : valuesFromProperties(fc.features, ids, valueProp, geo);

  let result: LisaResult;
  let weightsDescription: Record<string, unknown>;
  let w: SpatialWeights;
  try {
    const choice = buildWeights(
      { kind: weights, toleranceMetres: tolerance, snap },
      fc.features.map((f) => f.geometry),
    );
    w = choice.weights;
    weightsDescription = choice.description;
    result = analyseLisa(x, w, { permutations, seed, alpha, pAdjust, expectRate: o.rate as boolean });
  } catch (error) {
    if (error instanceof SpatialInputError) {
      // the core names units by index; the person at the terminal knows them by id
      const i = error.unitIndex;
      const named =
        i === undefined ? error.message : error.message.replace(/^unit \d+/, `feature ${i} (id ${ids[i]})`);
      throw new CliError(
        named === error.message && i !== undefined ? `feature ${i} (id ${ids[i]}): ${error.message}` : named,
      );
    }
    throw error;
  }

  mkdirSync(outDir, { recursive: true });
  writeFileSync(
    path.join(outDir, 'global.json'),
    `${JSON.stringify(globalJson(result, { geo, variable: valueProp, idProp, weights: weightsDescription, argv, lang }), null, 2)}\n`,
  );
  writeFileSync(path.join(outDir, 'local.csv'), localCsv(result, ids, x, valueProp));
  writeFileSync(path.join(outDir, 'neighbors.json'), `${JSON.stringify(neighbourLists(w))}\n`);

  const m = result.moran;
  const hh = result.clusters.filter((c) => c === 1).length;
  process.stdout.write(
    `lisa: ${result.n} units, ${weightsDescription.type} weights (${result.weights.nLinks} links, ${result.weights.islands.length} islands); ` +
      `Moran's I = ${m.I.toFixed(4)} (z = ${m.z.toFixed(2)}), ${hh} High-High units at p ≤ ${alpha}; wrote ${outDir}/{global.json,local.csv,neighbors.json}\n`,
  );
  for (const g of result.guardrails)
    process.stderr.write(`lisa: ${g.severity}: ${renderMessage(g.message, lang)}\n`);
}
