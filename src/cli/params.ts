/**
 * CLI flags from the core's parameter schema (`src/lib/params`): the same names, values, defaults and
 * messages as the app's URL and settings. Each command lists the specs it takes; `parseArgs` gets one string
 * option per spec, and the texts are checked by the specs, so no command parses a number by itself.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { Message } from '../lib/messages/message.ts';
import { renderMessage, type Language } from '../lib/messages/render.ts';
import { readParams, type ParamSet, type ParamValues } from '../lib/params/schema.ts';
import { CliError } from './errors.ts';
import { cliLanguage } from './lang.ts';

/** A core message as one CLI line; parameter names are shown as flags (`--alpha`). */
export function cliMessage(message: Message, lang: Language = cliLanguage(undefined)): string {
  const params = message.params;
  const name = params?.name;
  return renderMessage(
    typeof name === 'string' && /^[a-z][a-z0-9-]*$/.test(name) && !name.startsWith('--')
      ? { ...message, params: { ...params, name: `--${name}` } }
      : message,
    lang,
  );
}

/** `parseArgs` options for the specs of `set`: one string flag each, named as the spec. */
export function cliOptions(set: ParamSet): NonNullable<ParseArgsConfig['options']> {
  return Object.fromEntries(Object.values(set).map((spec) => [spec.name, { type: 'string' as const }]));
}

/**
 * The typed values of `set` from parsed flags (absent → default); the first invalid flag ends the command
 * with its message as one line.
 */
export function cliParams<S extends ParamSet>(
  set: S,
  flags: Record<string, unknown>,
  lang: Language = cliLanguage(undefined),
): ParamValues<S> {
  const { values, errors } = readParams(set, (key) => {
    const v = flags[key];
    return typeof v === 'string' ? v : undefined;
  });
  if (errors.length > 0) throw new CliError(cliMessage(errors[0], lang));
  return values;
}

/** A required flag's value, or one line that names it and what it takes. */
export function requiredFlag(
  flags: Record<string, unknown>,
  name: string,
  hint: string,
  lang: Language = cliLanguage(undefined),
): string {
  const v = flags[name];
  if (typeof v === 'string' && v.trim() !== '') return v;
  throw new CliError(cliMessage({ code: 'param.required', params: { name, hint } }, lang));
}

type Options = NonNullable<ParseArgsConfig['options']>;

/**
 * A command's flags parsed strictly (no positionals, no unknown flag); a parsing error is one line that
 * names the problem and the command's `--help`.
 */
export function parseCommandArgs<const O extends Options>(command: string, argv: string[], options: O) {
  try {
    return parseArgs({ args: argv, options, strict: true, allowPositionals: false }).values;
  } catch (error) {
    throw new CliError(
      cliMessage({ code: 'param.unknownFlag', params: { detail: (error as Error).message, command } }),
    );
  }
}
