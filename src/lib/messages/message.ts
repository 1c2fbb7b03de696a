/**
 * Messages from the core as codes with parameters. The core never builds a sentence for a person: it returns
 * `{ code, params }`, and each surface (the app in the UI language, the CLI in `--lang`) renders it from the
 * dictionaries in `dictionary.ts`. A code missing from one language fails the type check, so no surface can
 * meet an unknown key at run time.
 */
import type { MessageCode } from './dictionary.ts';
import { renderMessage } from './render.ts';

/**
 * A parameter: text is inserted as it is; a number is formatted for the language (id-ID: 1.234,5); a list of
 * numbers (row numbers) is formatted number by number; a list of words is joined as alternatives ("desa or
 * hex", "desa atau hex"); a nested {@link Message} (a reason inside a sentence) is rendered in the same
 * language.
 */
export type MessageParam = string | number | readonly number[] | readonly string[] | Message;
export type MessageParams = Record<string, MessageParam>;

/** One message of the core. */
export interface Message {
  code: MessageCode;
  params?: MessageParams;
}

/** Builds a {@link Message} (a small helper so call sites read as sentences). */
export function msg(code: MessageCode, params?: MessageParams): Message {
  return params ? { code, params } : { code };
}

/**
 * An error for a person, carrying a {@link Message}: thrown by core code that refuses its input. The
 * `message` of the Error is the Indonesian rendering (for logs and tests); surfaces render `detail` in their
 * own language.
 */
export class MessageError extends Error {
  constructor(readonly detail: Message) {
    super(renderMessage(detail, 'id'));
    this.name = 'MessageError';
  }
}
