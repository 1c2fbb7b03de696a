/**
 * The core's message dictionaries, one pair (Indonesian, English) per domain, merged here. Indonesian is the
 * source of the codes; each English dictionary is typed against it, so a code missing in English fails
 * `svelte-check`/`tsc`. `{name}` marks a parameter (see `render.ts`).
 */
import { cliEn, cliId } from './cli.ts';
import { exportEn, exportId } from './export.ts';
import { graduationEn, graduationId } from './graduation.ts';
import { geoEn, geoId } from './geo.ts';
import { hexEn, hexId } from './hex.ts';
import { importEn, importId } from './import.ts';
import { indicatorsEn, indicatorsId } from './indicators.ts';
import { needsEn, needsId } from './needs.ts';
import { paramsEn, paramsId } from './params.ts';
import { pocketsEn, pocketsId } from './pockets.ts';
import { priorityEn, priorityId } from './priority.ts';
import { regionEn, regionId } from './region.ts';
import { slidesEn, slidesId } from './slides.ts';
import { statsEn, statsId } from './stats.ts';

export const messagesId = {
  ...paramsId,
  ...importId,
  ...hexId,
  ...statsId,
  ...pocketsId,
  ...cliId,
  ...priorityId,
  ...exportId,
  ...indicatorsId,
  ...graduationId,
  ...geoId,
  ...needsId,
  ...slidesId,
  ...regionId,
} as const;

export type MessageCode = keyof typeof messagesId;

export const messagesEn: Record<MessageCode, string> = {
  ...paramsEn,
  ...importEn,
  ...hexEn,
  ...statsEn,
  ...pocketsEn,
  ...cliEn,
  ...priorityEn,
  ...exportEn,
  ...indicatorsEn,
  ...graduationEn,
  ...geoEn,
  ...needsEn,
  ...slidesEn,
  ...regionEn,
};
