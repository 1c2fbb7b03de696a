/**
 * `npm run kantong -- aggregate --households FILE [--households FILE2 ...] --out DIR [--kab 33.24|33|33.24,33.25|all]`
 *
 * The big path: household extracts of any size (a province, the whole country), CSV/TSV/TXT (also `.gz`) or
 * Parquet, aggregated on the embedded engine (DuckDB, `src/node/duckdb-aggregate.ts` running
 * `src/lib/big/aggregate.sql`) into the same files `kantong import` writes: `desa.csv` (the internal working
 * table, exact), published `kecamatan.csv` and `kabupaten.csv`, and `join-report.json`. The import core
 * decides each file's layout and mapping from its first MiB and reads the codes, desil and periods (see
 * `src/lib/big/raw-groups.ts`), so rows are joined and rejected by the same rules; the report's invariant
 * rows read = joined + rejected holds per file, per kabupaten and in total. Desa come from
 * `<geo>/<kab>/desa.json` when built, else from the gazetteer (`idn-area-data`). Nothing is written unless
 * every file was read. A Parquet file written by `kantong convert` (the national path: the extract's mapped
 * columns only) is read with the mapping, period, synthetic label and unreadable lines it carries, so it gives
 * what its extract gives.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { getDistricts, getVillages } from 'idn-area-data';
import { rollupDesaRows, type NamedDesaAggregateRow } from '../../lib/aggregate/area-rollup.ts';
import {
  addJoinResults,
  joinRawGroups,
  sortedDesaRows,
  type RawGroup,
  type RawJoinResult,
} from '../../lib/big/raw-groups.ts';
import { regencyDisplayName } from '../../lib/geo/gazetteer.ts';
import type { DesaRef } from '../../lib/import/desa-lookup.ts';
import {
  formatAreaCsv,
  formatDesaCsv,
  type ColumnMapping,
  type RejectReason,
} from '../../lib/import/index.ts';
import { filePeriode, parsePeriode } from '../../lib/import/periode.ts';
import { reasonLabel } from '../../lib/import/reasons.ts';
import { renderMessage } from '../../lib/messages/render.ts';
import { ANALYSIS_PARAMS } from '../../lib/params/analysis.ts';
import { KabTally, parseKabSpec, resolveKabSet, type KabSet } from '../../lib/region/kab-filter.ts';
import { aggregateFile, openEngine } from '../../node/duckdb-aggregate.ts';
import { loadRegencies } from '../../node/gazetteer.ts';
import { locateDesaFile } from '../../node/synth-geo.ts';
import { writeAllOrNothing } from '../../node/write-files.ts';
import { firstLine, planFile, readMappingFlag } from '../big-files.ts';
import { CliError } from '../errors.ts';
import { cliLanguage, LANG_USAGE } from '../lang.ts';
import { cliMessage, cliOptions, cliParams, parseCommandArgs } from '../params.ts';
import { msg } from '../../lib/messages/message.ts';
import { givenPeriode } from '../periode.ts';

const USAGE = `usage: npm run kantong -- aggregate --households FILE [--households FILE2 ...] --out DIR
         [--kab 33.24 | 33.24,33.25 | 33 | all] [--geo public/geo] [--mapping mapping.json]
         [--periode 2025-Q1] [--min-count 10] [--threads 2] ${LANG_USAGE}
  CSV/TSV/TXT (also .gz) or Parquet (for national runs, kantong convert writes one of the mapped columns);
  --kab: the kabupaten/kota to keep (default all): rows of others are rejected and counted per kabupaten`;

const PARAMS = { minCount: ANALYSIS_PARAMS.minCount } as const;

/** The desa of the set: boundary files where built, else the gazetteer. */
async function desaOfSet(
  set: KabSet,
  geo: string,
): Promise<{ desa: Map<string, DesaRef>; names: Map<string, string> }> {
  const out = new Map<string, DesaRef>();
  const names = new Map<string, string>();
  const fromGazetteer: string[] = [];
  for (const kab of set.codes) {
    const file = await locateDesaFile(geo, kab);
    if (!existsSync(file)) {
      fromGazetteer.push(kab);
      continue;
    }
    const json = JSON.parse(await readFile(file, 'utf8')) as {
      features: { properties: DesaRef & { nama_kab?: string } }[];
    };
    for (const { properties: p } of json.features)
      if (p.kode_desa.startsWith(`${kab}.`)) {
        if (p.nama_kab) names.set(kab, p.nama_kab);
        out.set(p.kode_desa, {
          kode_desa: p.kode_desa,
          nama_desa: p.nama_desa,
          kode_kec: p.kode_kec,
          nama_kec: p.nama_kec,
        });
      }
  }
  if (fromGazetteer.length > 0) {
    const wanted = new Set(fromGazetteer);
    const [districts, villages] = await Promise.all([getDistricts(), getVillages()]);
    const kecName = new Map(districts.map((d) => [d.code, d.name]));
    for (const v of villages) {
      if (!wanted.has(v.code.slice(0, 5))) continue;
      const kec = v.code.slice(0, 8);
      out.set(v.code, {
        kode_desa: v.code,
        nama_desa: v.name,
        kode_kec: kec,
        nama_kec: kecName.get(kec) ?? kec,
      });
    }
  }
  return { desa: out, names };
}

/** Runs the command (see the module comment); throws `CliError` for unusable input. */
export async function run(argv: string[]): Promise<void> {
  const values = parseCommandArgs('aggregate', argv, {
    kab: { type: 'string', default: 'all' },
    geo: { type: 'string', default: 'public/geo' },
    households: { type: 'string', multiple: true },
    mapping: { type: 'string' },
    periode: { type: 'string' },
    threads: { type: 'string', default: '2' },
    ...cliOptions(PARAMS),
    out: { type: 'string' },
    lang: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  if (!values.households?.length) throw new CliError(`--households FILE is required\n${USAGE}`);
  if (!values.out) throw new CliError(`--out DIR is required\n${USAGE}`);
  const lang = cliLanguage(values.lang);
  const { minCount } = cliParams(PARAMS, values, lang);
  const periode = givenPeriode(values.periode, lang);
  const threads = Number(values.threads);
  if (!Number.isInteger(threads) || threads < 1 || threads > 64)
    throw new CliError(`--threads "${values.threads}" is not a whole number from 1 to 64`);
  const spec = parseKabSpec(values.kab);
  if (!spec) throw new CliError(cliMessage(msg('region.kabInvalid', { kab: values.kab }), lang));
  const known = (await loadRegencies()).map((r) => r.code);
  if (spec.kind === 'kabupaten')
    for (const k of spec.codes) if (existsSync(await locateDesaFile(values.geo, k))) known.push(k);
  const resolved = resolveKabSet(spec, known);
  if (!resolved.ok)
    throw new CliError(
      cliMessage(msg('region.kabUnknown', { kab: values.kab, codes: resolved.unknown.join(', ') }), lang),
    );
  const set = resolved.set;
  const mappingGiven = await readMappingFlag(values.mapping);

  let desa = new Map<string, DesaRef>();
  let boundaryNames = new Map<string, string>();
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'kantong-duckdb-'));
  const engine = await openEngine({ threads, tempDir: tmp });
  const tally = new KabTally(set);
  const into = new Map<string, NamedDesaAggregateRow>();
  const perFile: (RawJoinResult & {
    file: string;
    identifier_columns_dropped: string[];
    mapping: ColumnMapping;
  })[] = [];
  let synthetic = false;
  try {
    // Every file's plan first (layout, mapping, period), so a bad file stops the run before any is read.
    const plans = [];
    for (const file of values.households) {
      const plan = await planFile(file, mappingGiven, engine.connection, lang);
      const fileName = path.basename(file);
      // A converted Parquet file keeps its extract's period for rows without one (the extract's name).
      const fallback =
        plan.converted?.periode ?? filePeriode(fileName, plan.mapping.periode ?? periode)?.periode ?? null;
      if (plan.read.columns.periode === null && fallback === null)
        throw new CliError(
          `${fileName}: no period column and none in the file name: give --periode (e.g. 2025-Q1)`,
        );
      plans.push({
        file,
        fileName,
        plan,
        fallback: fallback === null ? null : (parsePeriode(fallback) ?? fallback),
      });
      synthetic ||= plan.synthetic;
    }
    // DuckDB reads the files on its own threads while this thread loads the desa of the set (boundary files,
    // the gazetteer: a second or two for the whole country), so that work is not added to the query's time.
    // The groups come back chunk by chunk and are joined as they come (the country has ~1 million groups).
    const desaOfRun = desaOfSet(set, values.geo);
    desaOfRun.catch(() => undefined); // awaited by the first chunk, or below
    for (const { fileName, plan, fallback } of plans) {
      const joined: { result: RawJoinResult | null } = { result: null };
      const joinChunk = async (groups: RawGroup[]) => {
        ({ desa, names: boundaryNames } = await desaOfRun);
        const part = joinRawGroups(
          groups,
          {
            desa,
            tally,
            fallbackPeriode: fallback,
            sizeRead: plan.read.columns.art !== null,
            flags: Object.keys(plan.read.columns.flags),
          },
          into,
        );
        joined.result = joined.result ? addJoinResults(joined.result, part) : part;
      };
      let out;
      try {
        out = await aggregateFile(engine.connection, plan.read, {}, joinChunk);
      } catch (error) {
        if (error instanceof CliError) throw error;
        throw new CliError(
          cliMessage(msg('cli.fileCannotRead', { file: fileName, why: firstLine(error) }), lang),
        );
      }
      if (!joined.result) await joinChunk([]);
      const result = joined.result as RawJoinResult | null;
      if (!result) throw new Error('internal error: no join result');
      // A converted Parquet file carries the lines its extract's reader could not read (`kantong convert`).
      out.columnCountRows += plan.converted?.rows_unreadable ?? 0;
      if (out.columnCountRows > 0) {
        result.rows_read += out.columnCountRows;
        result.rows_rejected += out.columnCountRows;
        result.rejected_by_reason.column_count =
          (result.rejected_by_reason.column_count ?? 0) + out.columnCountRows;
        tally.add('?', false, out.columnCountRows);
      }
      perFile.push({
        ...result,
        file: fileName,
        identifier_columns_dropped: plan.identifiers,
        mapping: plan.mapping,
      });
    }
  } finally {
    engine.close();
    await rm(tmp, { recursive: true, force: true });
  }

  const rows = sortedDesaRows(into);
  const kabName = new Map((await loadRegencies()).map((r) => [r.code, regencyDisplayName(r.name)]));
  const label = set.codes.length === 1 ? set.codes[0] : values.kab;
  const byKab = new Map<string, NamedDesaAggregateRow[]>();
  for (const r of rows) {
    const k = r.kode_desa.slice(0, 5);
    (byKab.get(k) ?? byKab.set(k, []).get(k))?.push(r);
  }
  const kabupatenRows = [...byKab].flatMap(([k, rs]) =>
    rollupDesaRows(rs, { kode_kab: k, nama_kab: boundaryNames.get(k) ?? kabName.get(k) ?? k }),
  );
  const total = (f: (r: RawJoinResult) => number) => perFile.reduce((s, r) => s + f(r), 0);
  const rejected: Partial<Record<RejectReason, { label: string; count: number }>> = {};
  for (const f of perFile)
    for (const [reason, n] of Object.entries(f.rejected_by_reason) as [RejectReason, number][]) {
      const e = (rejected[reason] ??= { label: renderMessage(reasonLabel(reason), lang), count: 0 });
      e.count += n;
    }
  const report = {
    engine: 'duckdb',
    kab: values.kab,
    kode_kab: set.codes.length <= 20 ? set.codes : `${set.codes.length} kabupaten/kota`,
    rows_read: total((r) => r.rows_read),
    rows_joined: total((r) => r.rows_joined),
    rows_rejected: total((r) => r.rows_rejected),
    rejected_by_reason: rejected,
    rows_by_kabupaten: tally.toReport(),
    identifier_columns_dropped: [...new Set(perFile.flatMap((f) => f.identifier_columns_dropped))],
    periods: [...new Set(rows.map((r) => r.periode))],
    synthetic,
    files: perFile.map((f) => ({
      file: f.file,
      rows_read: f.rows_read,
      rows_joined: f.rows_joined,
      rows_rejected: f.rows_rejected,
      rejected_by_reason: f.rejected_by_reason,
      rows_given_periode: f.fallback_used,
      flags: f.flags,
      identifier_columns_dropped: f.identifier_columns_dropped,
      mapping: f.mapping,
    })),
  };
  if (report.rows_read !== report.rows_joined + report.rows_rejected)
    throw new Error('internal error: rows read ≠ joined + rejected; nothing written');
  const files = {
    'join-report.json': `${JSON.stringify(report, null, 2)}\n`,
    'desa.csv': formatDesaCsv(rows, label, synthetic),
    'kecamatan.csv': formatAreaCsv(rollupDesaRows(rows), label, synthetic, minCount),
    'kabupaten.csv': formatAreaCsv(kabupatenRows, label, synthetic, minCount),
  };
  for (const [name, text] of Object.entries(files))
    if (/\d{16}/.test(text))
      throw new Error(`internal error: ${name} would contain a 16-digit number; nothing written`);
  await writeAllOrNothing(values.out, files);
  const int = (n: number) => n.toLocaleString('en-US');
  const lines = [
    `${synthetic ? 'DATA SINTETIS: ' : ''}--kab ${values.kab} (${set.codes.length} kabupaten/kota, ${int(desa.size)} desa), periods ${report.periods.join(', ') || '-'}; engine DuckDB`,
    ...report.files.map(
      (f) =>
        `  ${f.file}: ${int(f.rows_read)} rows read, ${int(f.rows_joined)} joined, ${int(f.rows_rejected)} rejected` +
        (f.identifier_columns_dropped.length
          ? `; never read: ${f.identifier_columns_dropped.join(', ')}`
          : ''),
    ),
    ...Object.values(rejected).map((e) => `  ${int(e?.count ?? 0)} rows: ${e?.label}`),
    `files written to ${values.out}: ${Object.keys(files).join(', ')}`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}
