/**
 * `npm run kantong -- import`: imports DT-SEN household extracts (or desa-level aggregate tables) for one
 * kabupaten on the same core as the app (`src/lib/import`), and writes
 * - `join-report.json`: rows read/joined/rejected, reasons with row numbers, unmatched keys, name suggestions,
 *   desa without rows, identifier columns dropped, the mapping used, per file and combined;
 * - `desa.csv`, `kecamatan.csv`, `kabupaten.csv`: aggregates per unit and period.
 * Unusable input ends with one line naming the file and a non-zero exit, and no output file is written. The
 * core's messages (on the terminal and in the report) are in `--lang` (default Indonesian). A file's period
 * follows the core rule: its period column, else its file name, else `--periode`; with none, the command stops
 * before reading a row.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import {
  combineImports,
  formatAreaCsv,
  formatDesaCsv,
  ImportError,
  CONFLICT_CHOICES,
  importFile,
  inspectFile,
  reasonLabel,
  sheetsToImport,
  type ConflictChoice,
  type CombinedReport,
  type FileImport,
  type JoinReport,
  type RejectReason,
} from '../../lib/import/index.ts';
import { msg, type Message } from '../../lib/messages/message.ts';
import { renderMessage, type Language } from '../../lib/messages/render.ts';
import { CliError } from '../errors.ts';
import { readFileSource } from '../households.ts';
import { importSet, loadRegion, outsideLine } from '../region.ts';
import { cliOptions, cliParams, parseCommandArgs } from '../params.ts';
import { ANALYSIS_PARAMS } from '../../lib/params/analysis.ts';
import { cliLanguage, LANG_USAGE, withText } from '../lang.ts';
import { givenPeriode, requirePeriode } from '../periode.ts';
import { writeAllOrNothing } from '../../node/write-files.ts';

const USAGE = `usage: npm run kantong -- import --kab 33.24|33.24,33.25|33 --households FILE [--households FILE2 ...]
         [--geo public/geo] [--mapping mapping.json] [--salt-file FILE] [--periode 2025-Q1] [--min-count 10]
         [--sheet NAME|all] [--on-conflict reject|code|name] ${LANG_USAGE} --out DIR
  --kab: one kabupaten/kota, a list or a province (its boundaries built by npm run geo -- --kab ...); rows of
           kabupaten outside it are rejected and counted per kabupaten (rows_by_kabupaten in join-report.json)
  --periode: the period of rows without one in a file whose name holds none
  --sheet: the sheet of a workbook to read (default: its active visible sheet); all: also every visible sheet
           with the same columns
  --on-conflict: rows whose desa code and desa/kecamatan names disagree are rejected (default), joined by
           their code, or joined by their names`;

/** A 16-digit run in an output would be a NIK/KK-like number: the import core must never produce one. */
function assertNoIdentifierNumbers(text: string, file: string): void {
  if (/\d{16}/.test(text))
    throw new Error(`internal error: ${file} would contain a 16-digit number; nothing written`);
}

/** Reason labels, notes and lines of a report in `lang`, each message with its code and parameters. */
function reportIn<R extends Pick<JoinReport, 'warnings' | 'messages'> & { rejected_by_reason: object }>(
  report: R,
  lang: Language,
) {
  const rejected = Object.fromEntries(
    Object.entries(report.rejected_by_reason).map(([reason, e]) => [
      reason,
      { ...e, label: renderMessage(reasonLabel(reason as RejectReason), lang) },
    ]),
  );
  return {
    ...report,
    rejected_by_reason: rejected,
    warnings: report.warnings.map((m) => withText(m, lang)),
    messages: report.messages.map((m) => withText(m, lang)),
  };
}

function combinedReportIn(report: CombinedReport, lang: Language) {
  return { ...reportIn(report, lang), files: report.files.map((f) => reportIn(f, lang)) };
}

async function readJson(file: string, what: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new CliError(
      `${what} ${file}: cannot read (${(error as NodeJS.ErrnoException).code ?? String(error)})`,
    );
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new CliError(`${what} ${file}: not valid JSON (${(error as Error).message})`);
  }
}

/** Parameters of `import` from the shared schema: the threshold of the published kecamatan/kabupaten tables. */
const IMPORT_PARAMS = { minCount: ANALYSIS_PARAMS.minCount } as const;

/** Runs the command (see the module comment); throws `CliError` for unusable input. */
export async function run(argv: string[]): Promise<void> {
  const values = parseCommandArgs('import', argv, {
    kab: { type: 'string' },
    geo: { type: 'string', default: 'public/geo' },
    households: { type: 'string', multiple: true },
    mapping: { type: 'string' },
    'salt-file': { type: 'string' },
    periode: { type: 'string' },
    sheet: { type: 'string' },
    'on-conflict': { type: 'string' },
    ...cliOptions(IMPORT_PARAMS),
    out: { type: 'string' },
    lang: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  if (!values.kab)
    throw new CliError(
      `--kab is required (a kabupaten/kota code such as 33.24, a list 33.24,33.25 or a province 33)\n${USAGE}`,
    );
  if (!values.households?.length) throw new CliError(`--households FILE is required\n${USAGE}`);
  if (!values.out) throw new CliError(`--out DIR is required\n${USAGE}`);
  const lang = cliLanguage(values.lang);
  const onConflict = values['on-conflict'];
  if (onConflict !== undefined && !CONFLICT_CHOICES.includes(onConflict as ConflictChoice))
    throw new CliError(`--on-conflict "${onConflict}" is not one of ${CONFLICT_CHOICES.join(', ')}`);
  if (values.sheet !== undefined && values.sheet.trim() === '')
    throw new CliError('--sheet needs a sheet name, or all');
  const periode = givenPeriode(values.periode, lang);
  const { minCount } = cliParams(IMPORT_PARAMS, values, lang);
  const region = await loadRegion(values.kab, values.geo, lang);
  const kodeKab = region.kode;
  const desa = region.desa;
  const bbox = region.bbox;
  const set = importSet(region);
  const mapping = values.mapping === undefined ? undefined : await readJson(values.mapping, 'mapping');
  let salt: Uint8Array | undefined;
  if (values['salt-file'] !== undefined) {
    try {
      const text = (await readFile(values['salt-file'], 'utf8')).replace(/\r?\n$/, '');
      salt = new TextEncoder().encode(text);
    } catch (error) {
      throw new CliError(
        `salt file ${values['salt-file']}: cannot read (${(error as NodeJS.ErrnoException).code ?? String(error)})`,
      );
    }
  }

  // First every file's mapping and period source, so that a file without a period stops the command before
  // any file is joined; then the joins.
  const notes: Message[] = [];
  const namaKab = region.isSet ? undefined : desa[0].nama_kab;
  const planned: { file: string; fileName: string; sheet: string | null; mapping: unknown }[] = [];
  for (const file of values.households) {
    const fileName = path.basename(file);
    let fileMapping = mapping;
    let sheets: (string | null)[];
    let label: (sheet: string | null) => string;
    try {
      // The inspection chooses desa and kecamatan columns by the gazetteer, and lists a workbook's sheets.
      const inspection = await inspectFile(await readFileSource(file), fileName, {
        desa,
        kodeKab,
        ...set,
        ...(namaKab ? { namaKab } : {}),
        ...(values.sheet !== undefined && values.sheet !== 'all' ? { sheet: values.sheet } : {}),
      });
      sheets = sheetsToImport(inspection, values.sheet);
      if (values.sheet !== undefined && inspection.sheets === null)
        notes.push(msg('cli.sheetNotWorkbook', { file: fileName, sheet: values.sheet }));
      const several = (inspection.sheets?.length ?? 0) > 1;
      label = (sheet) => (sheet !== null && several ? `${fileName} [${sheet}]` : fileName);
      if (fileMapping === undefined) {
        const proposed = structuredClone(inspection.proposal.mapping);
        if (proposed.fields.kunci_keluarga && !salt) {
          notes.push(msg('cli.keyNotUsed', { file: fileName, column: proposed.fields.kunci_keluarga }));
          delete proposed.fields.kunci_keluarga;
        }
        fileMapping = proposed;
      }
    } catch (error) {
      if (error instanceof ImportError) throw new CliError(renderMessage(error.detail, lang));
      throw error;
    }
    for (const sheet of sheets) {
      requirePeriode(label(sheet), fileMapping, periode, lang);
      planned.push({ file, fileName, sheet, mapping: fileMapping });
    }
  }
  const imports: FileImport[] = [];
  for (const { file, fileName, sheet, mapping: fileMapping } of planned) {
    const bytes = await readFileSource(file);
    try {
      imports.push(
        await importFile(bytes, {
          fileName,
          kodeKab,
          desa,
          mapping: fileMapping,
          salt,
          periode,
          bbox,
          ...set,
          ...(namaKab ? { namaKab } : {}),
          ...(sheet !== null ? { sheet } : {}),
          ...(onConflict !== undefined ? { onConflict: onConflict as ConflictChoice } : {}),
        }),
      );
    } catch (error) {
      if (error instanceof ImportError) throw new CliError(renderMessage(error.detail, lang));
      throw error;
    }
  }

  const summary = combineImports(imports, desa, kodeKab, region.nama, set.kabupaten);
  const synthetic = summary.report.synthetic;
  summary.report.warnings.push(...notes);
  const files = {
    'join-report.json': `${JSON.stringify(combinedReportIn(summary.report, lang), null, 2)}\n`,
    'desa.csv': formatDesaCsv(summary.desa_rows, kodeKab, synthetic),
    'kecamatan.csv': formatAreaCsv(summary.kecamatan_rows, kodeKab, synthetic, minCount),
    'kabupaten.csv': formatAreaCsv(summary.kabupaten_rows, kodeKab, synthetic, minCount),
  };
  for (const [name, text] of Object.entries(files)) assertNoIdentifierNumbers(text, name);
  await writeAllOrNothing(values.out, files);

  const int = (n: number) => n.toLocaleString('en-US');
  const r = summary.report;
  const lines = [
    `${synthetic ? 'DATA SINTETIS: ' : ''}${region.nama} (${kodeKab}${region.isSet ? `, ${region.kabupaten.length} kabupaten/kota` : ''}), periods ${r.periods.join(', ') || '-'}`,
    ...r.files.map(
      (f) =>
        `  ${f.file.name}: ${int(f.rows_read)} rows read, ${int(f.rows_joined)} joined, ${int(f.rows_rejected)} rejected` +
        (f.conflicts && f.conflicts.count > 0
          ? `; ${int(f.conflicts.count)} code/name contradictions (${f.conflicts.resolution})`
          : '') +
        (f.identifier_columns_dropped.length ? `; dropped ${f.identifier_columns_dropped.join(', ')}` : ''),
    ),
    ...r.messages.map((m) => `  ${renderMessage(m, lang)}`),
    ...[outsideLine(values.kab, r.rows_by_kabupaten)].filter((l) => l !== null),
    ...r.warnings.map((w) => `  ! ${renderMessage(w, lang)}`),
    `desa without rows: ${r.desa_without_rows.length}; files written to ${values.out}: ${Object.keys(files).join(', ')}`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}
