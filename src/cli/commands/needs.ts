/**
 * `npm run kantong -- needs`: targeting accuracy, needs per desa and agency, and the field-verification
 * worklist from household files, on the same core as the app's Kebutuhan mode (`src/lib/needs`) and through
 * the publication layer. Writes into `--out`:
 * - `targeting.csv`: one row per desa × programme (kode_desa, program, eligible_households,
 *   excluded_households, included_ineligible_households, clear_inclusion_households, recipients, rates…);
 * - `targeting-kecamatan.csv`: the same per kecamatan and for the kabupaten;
 * - `needs.csv`: one row per desa × need (condition among desil 1–4, or a programme gap), with its agency and
 *   its rank within the need;
 * - `verification.csv`: one row per desa × issue (× period), count and the source row numbers;
 * - `needs.xlsx`: the three tables with their notes.
 * Geotags are checked against the desa polygons of `--geo`; duplicate keys need a key column (`--key NO_KK`,
 * or an ID column the import recognises), hashed with a salt made for this run and never written.
 */
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import writeXlsxFile from 'write-excel-file/node';
import { msg } from '../../lib/messages/message.ts';
import { renderMessage } from '../../lib/messages/render.ts';
import { parseAgencyMap, type AgencyMap } from '../../lib/needs/agencies.ts';
import {
  needsNotes,
  needsWorkbook,
  targetingAreasCsv,
  targetingCsv,
  needsCsv,
  verificationCsv,
} from '../../lib/needs/files.ts';
import { DEFAULT_BORDER_TOLERANCE_M } from '../../lib/needs/geotag.ts';
import { combineNeeds } from '../../lib/needs/import-needs.ts';
import { parseEligibleBounds, type DesilBounds } from '../../lib/needs/keys.ts';
import { buildNeedsViews } from '../../lib/needs/views.ts';
import { ANALYSIS_PARAMS } from '../../lib/params/analysis.ts';
import { numberParam } from '../../lib/params/schema.ts';
import { writeAllOrNothing } from '../../node/write-files.ts';
import { CliError } from '../errors.ts';
import { exportDate } from '../export-date.ts';
import { importHouseholds } from '../households.ts';
import { importSet, loadRegion, outsideLine } from '../region.ts';
import { cliLanguage, LANG_USAGE } from '../lang.ts';
import { cliMessage, cliOptions, cliParams, parseCommandArgs, requiredFlag } from '../params.ts';

const USAGE = `usage: npm run kantong -- needs --kab 33.24|33.24,33.25|33 --households FILE [--households FILE ...] --out DIR
         [--geo public/geo] [--periode 2025-Q3] [--min-count 10] [--eligible pkh=1-4,bpnt=1-5,pbi_jk=1-5]
         [--agencies agencies.json] [--key NO_KK] [--tolerance 100] [--mapping mapping.json] ${LANG_USAGE}
  --households: needs reads household rows, not an aggregate folder (--aggregates is refused): targeting and
                needs per agency count programmes and conditions per desil, and the verification worklist
                checks geotags, duplicate keys and row numbers; desa.csv holds counts per desa only`;

const NEEDS_PARAMS = {
  minCount: ANALYSIS_PARAMS.minCount,
  periode: ANALYSIS_PARAMS.periode,
  tolerance: numberParam(
    'tolerance',
    { min: 0, max: 10_000, minInclusive: true },
    DEFAULT_BORDER_TOLERANCE_M,
  ),
} as const;

export async function run(argv: string[]): Promise<void> {
  const values = parseCommandArgs('needs', argv, {
    kab: { type: 'string' },
    geo: { type: 'string', default: 'public/geo' },
    households: { type: 'string', multiple: true },
    aggregates: { type: 'string' },
    mapping: { type: 'string' },
    eligible: { type: 'string' },
    agencies: { type: 'string' },
    key: { type: 'string' },
    ...cliOptions(NEEDS_PARAMS),
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
  if (values.aggregates !== undefined) throw new CliError(cliMessage(msg('region.needsNeedsRows'), lang));
  const outDir = requiredFlag(values, 'out', 'DIR', lang);
  const files = values.households ?? [];
  if (files.length === 0) requiredFlag(values, 'households', 'FILE', lang);
  const p = cliParams(NEEDS_PARAMS, values, lang);
  let eligible: Record<string, DesilBounds> = {};
  if (values.eligible !== undefined) {
    try {
      eligible = parseEligibleBounds(values.eligible);
    } catch (error) {
      throw new CliError(renderMessage(msg('needs.badBounds', { part: (error as Error).message }), lang));
    }
  }
  let agencies: AgencyMap = {};
  if (values.agencies !== undefined) {
    try {
      agencies = parseAgencyMap(await readFile(values.agencies, 'utf8'));
    } catch (error) {
      throw new CliError(
        renderMessage(
          msg('needs.badAgencies', { file: values.agencies, detail: (error as Error).message }),
          lang,
        ),
      );
    }
  }

  const region = await loadRegion(kab, values.geo as string, lang);
  const kodeKab = region.kode;
  const features = region.features;
  const props = region.desa;
  const bbox = region.bbox;
  // a salt of this run only: duplicates are compared here, the hashes are never written
  const salt = new Uint8Array(randomBytes(32));
  const { imports, summary } = await importHouseholds(
    files,
    kodeKab,
    props,
    bbox,
    values.mapping,
    p.periode ?? undefined,
    lang,
    {
      geometries: features.map((f) => f.geometry),
      borderToleranceM: p.tolerance,
      salt,
      ...importSet(region),
      ...(values.key !== undefined ? { key: { column: values.key, salt } } : {}),
    },
  );
  const outside = outsideLine(kab, summary.report.rows_by_kabupaten);
  if (outside) process.stderr.write(`needs: ${outside.trim()}\n`);
  const data = combineNeeds(
    imports.map((i) => i.needs).filter((n): n is NonNullable<typeof n> => !!n),
    props.length,
  );
  if (data.counts.periods.length === 0) throw new CliError(renderMessage(msg('needs.noHouseholds'), lang));
  const periode = p.periode ?? data.counts.periods.at(-1)!;
  if (!data.counts.periods.includes(periode))
    throw new CliError(`--periode ${periode}: not in the data (periods: ${data.counts.periods.join(', ')})`);
  const views = buildNeedsViews(data, props, {
    periode,
    k: p.minCount,
    eligible,
    agencies,
    namaKab: region.nama,
    kodeKab,
  });
  const synthetic = summary.report.synthetic;
  const dataSource = files.map((f) => path.basename(f)).join(', ');
  const meta = {
    district: region.nama,
    kodeKab,
    date: exportDate(),
    dataSource: synthetic ? `${dataSource} (DATA SINTETIS)` : dataSource,
    boundarySource: `${path.basename(path.dirname(region.folder))}/${path.basename(region.folder)}`,
    synthetic,
    toleranceM: p.tolerance,
  };
  const sheets = [
    ...needsWorkbook(views, meta, 'targeting', lang).slice(0, 2),
    needsWorkbook(views, meta, 'needs', lang)[0],
    needsWorkbook(views, meta, 'verification', lang)[0],
    {
      sheet: lang === 'id' ? 'Catatan' : 'Notes',
      data: [
        ...needsNotes(views, meta, 'targeting', lang),
        ...needsNotes(views, meta, 'needs', lang),
        ...needsNotes(views, meta, 'verification', lang),
      ].map((line) => [{ value: line, type: String }]),
      columns: [{ width: 110 }],
    },
  ];
  const xlsx = await writeXlsxFile(sheets as Parameters<typeof writeXlsxFile>[0]).toBuffer();
  await writeAllOrNothing(outDir, {
    'targeting.csv': targetingCsv(views, meta, lang),
    'targeting-kecamatan.csv': targetingAreasCsv(views, meta, lang),
    'needs.csv': needsCsv(views, meta, lang),
    'verification.csv': verificationCsv(views, meta, lang),
    'needs.xlsx': new Uint8Array(xlsx),
  });

  const lines = [
    `${synthetic ? 'DATA SINTETIS: ' : ''}${region.nama} (${kodeKab}), periode ${periode}: ` +
      `${views.programmes.length} programme(s) [${views.programmes.join(', ') || '-'}], ` +
      `${views.conditions.length} condition(s) [${views.conditions.join(', ') || '-'}], ` +
      `${views.issues.length} verification line(s) in ${new Set(views.issues.map((i) => i.kode_desa)).size} desa`,
    `wrote ${['targeting.csv', 'targeting-kecamatan.csv', 'needs.csv', 'verification.csv', 'needs.xlsx'].map((f) => path.join(outDir, f)).join(', ')}`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  if (views.programmes.length === 0 && views.conditions.length === 0)
    process.stderr.write(`needs: ${renderMessage(msg('needs.noColumns'), lang)}\n`);
  else {
    if (views.programmes.length === 0)
      process.stderr.write(`needs: ${renderMessage(msg('needs.noProgramme'), lang)}\n`);
    if (views.conditions.length === 0)
      process.stderr.write(`needs: ${renderMessage(msg('needs.noCondition'), lang)}\n`);
  }
  if (views.notChecked.length > 0)
    process.stderr.write(
      `needs: ${renderMessage(msg('needs.notChecked', { checks: views.notChecked.join(', ') }), lang)}\n`,
    );
}
