/**
 * The import core's period rule (`filePeriode`: period column, else the file name, else a given period) as the
 * commands that read household files apply it before they read a row: a file with no source of a period is
 * refused up front in one line that names `--periode`, rather than imported with every row rejected.
 */
import { filePeriode, needsGivenPeriode } from '../lib/import/periode.ts';
import { ANALYSIS_PARAMS } from '../lib/params/analysis.ts';
import { cliParams } from './params.ts';
import { msg } from '../lib/messages/message.ts';
import { renderMessage, type Language } from '../lib/messages/render.ts';
import { CliError } from './errors.ts';

/** `--periode` read by the parameter schema (canonical form, e.g. `2025-Q3`), or undefined when not given. */
export function givenPeriode(value: string | undefined, lang: Language): string | undefined {
  if (value === undefined) return undefined;
  return cliParams({ periode: ANALYSIS_PARAMS.periode }, { periode: value }, lang).periode ?? undefined;
}

/** What a mapping (a proposal, or the JSON of `--mapping` as read) says about periods and required fields. */
function readMapping(mapping: unknown) {
  const m = (typeof mapping === 'object' && mapping !== null ? mapping : {}) as {
    kind?: unknown;
    fields?: Record<string, unknown>;
    periode?: unknown;
  };
  const has = (field: string) => typeof m.fields?.[field] === 'string' && m.fields[field] !== '';
  return {
    column: has('periode'),
    periode: typeof m.periode === 'string' ? m.periode : undefined,
    // Without a desa key (or desil) the import core refuses the file itself, with a message that says what
    // to map: that comes before asking for a period.
    complete: (has('kode_desa') || has('nama_desa')) && (m.kind === 'desa_aggregate' || has('desil')),
  };
}

/**
 * Whether `given` is needed for this file (no period column in `mapping`, no period in the file name, none in
 * the mapping); throws a `CliError` naming `--periode` when it is needed and missing.
 */
export function requirePeriode(
  fileName: string,
  mapping: unknown,
  given: string | undefined,
  lang: Language,
): boolean {
  const m = readMapping(mapping);
  if (!needsGivenPeriode(m.column, fileName) || m.periode !== undefined) return false;
  if (!m.complete) return given !== undefined;
  if (filePeriode(fileName, given) === null)
    throw new CliError(renderMessage(msg('cli.periodeRequired', { file: fileName }), lang));
  return true;
}
