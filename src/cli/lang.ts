/**
 * The language in which a command prints the core's messages (and writes them into its report files):
 * `--lang id|en`, else the environment variable `KANTONG_LANG`, else Indonesian. A command's own usage errors
 * stay as they are.
 */
import { msg, type Message } from '../lib/messages/message.ts';
import { renderMessage, type Language } from '../lib/messages/render.ts';
import { CliError } from './errors.ts';

/** `--lang` for a command's usage line. */
export const LANG_USAGE = '[--lang id|en]';

/** The language from `--lang` (the parsed value) or `KANTONG_LANG`; a `CliError` for anything but id or en. */
export function cliLanguage(
  flag: string | undefined,
  env: string | undefined = process.env.KANTONG_LANG,
): Language {
  const [name, value] = flag !== undefined ? ['--lang', flag] : ['KANTONG_LANG', env ?? 'id'];
  const lang = value.trim().toLowerCase();
  if (lang === 'id' || lang === 'en') return lang;
  throw new CliError(renderMessage(msg('param.notOneOf', { name, value, allowed: 'id, en' }), 'en'));
}

/** A message for a JSON file: its code and parameters (for scripts) beside its text in `lang` (for people). */
export function withText(message: Message, lang: Language): Message & { text: string } {
  return { ...message, text: renderMessage(message, lang) };
}
