import { formatCount, formatDecimal, type Locale } from '../format/number.ts';
import { messagesEn, messagesId, type MessageCode } from './dictionary.ts';
import type { Message, MessageParam } from './message.ts';

/** The languages every surface renders. */
export type Language = 'id' | 'en';

export const NUMBER_LOCALE: Record<Language, Locale> = { id: 'id-ID', en: 'en-GB' };

const DICTIONARIES: Record<Language, Record<MessageCode, string>> = { id: messagesId, en: messagesEn };

function formatNumber(value: number, lang: Language): string {
  if (!Number.isFinite(value)) return String(value);
  return Number.isInteger(value)
    ? formatCount(value, NUMBER_LOCALE[lang])
    : formatDecimal(value, NUMBER_LOCALE[lang], 4);
}

const alternatives = new Map<Language, Intl.ListFormat>();

/** Words joined as alternatives in the language: "a, b or c" / "a, b atau c". */
function formatAlternatives(words: readonly string[], lang: Language): string {
  let list = alternatives.get(lang);
  if (!list)
    alternatives.set(lang, (list = new Intl.ListFormat(NUMBER_LOCALE[lang], { type: 'disjunction' })));
  return list.format(words);
}

/**
 * A parameter as text: integers with thousands separators, other numbers with up to 4 decimals, a number
 * list joined by `, ` (the same in both languages), a word list as alternatives, a nested message rendered
 * in `lang`.
 */
export function formatParam(value: MessageParam, lang: Language): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return formatNumber(value, lang);
  if (Array.isArray(value)) {
    return value.every((v) => typeof v === 'string')
      ? formatAlternatives(value as string[], lang)
      : value.map((v: number) => formatNumber(v, lang)).join(', ');
  }
  return renderMessage(value as Message, lang);
}

/** Fills a template's `{name}` parameters (an unknown parameter stays visible as `{name}`). */
export function fillTemplate(
  template: string,
  params: Record<string, MessageParam> | undefined,
  lang: Language,
) {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    params && name in params ? formatParam(params[name], lang) : whole,
  );
}

/**
 * Whether a value read back from storage or a file is a message of these dictionaries (a code they have, and
 * parameters as an object), so that old or foreign records are never rendered as if they were one.
 */
export function isKnownMessage(value: unknown): value is Message {
  if (typeof value !== 'object' || value === null) return false;
  const { code, params } = value as { code?: unknown; params?: unknown };
  return (
    typeof code === 'string' &&
    Object.hasOwn(messagesId, code) &&
    (params === undefined || (typeof params === 'object' && params !== null))
  );
}

/** Renders a core message in `lang`. */
export function renderMessage(message: Message, lang: Language): string {
  return fillTemplate(DICTIONARIES[lang][message.code], message.params, lang);
}
