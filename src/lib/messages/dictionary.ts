/**
 * The core's message dictionaries, one pair (Indonesian, English) per domain, merged here. Indonesian is the
 * source of the codes; each English dictionary is typed against it, so a code missing in English fails
 * `svelte-check`/`tsc`. `{name}` marks a parameter (see `render.ts`).
 */
import { paramsEn, paramsId } from './params.ts';

export const messagesId = {
  ...paramsId,
} as const;

export type MessageCode = keyof typeof messagesId;

export const messagesEn: Record<MessageCode, string> = {
  ...paramsEn,
};
