/**
 * Step N3: the needs profile of each desa: among its desil 1–4 households (the usual bansos range, N),
 * how many have each deprivation present in the data, and their share:
 *
 *   count_f = #{desil ∈ [1, 4], flag f}          share_f = count_f / N
 *
 * Needs are the living conditions of `keys.ts` (`CONDITIONS`) and the assistance gap `tanpa_bansos`
 * (desil 1–4 households receiving none of the programmes in the file). Programme exclusion per programme is
 * the targeting view's (`targeting.ts`); the agency lists use both (`agencies.ts`).
 */
import { countIn, NO_ASSISTANCE, type NeedsCounts } from './counts.ts';
import { CONDITIONS } from './keys.ts';

/** Desil range of the needs profile. */
export const NEEDS_DESIL: readonly [number, number] = [1, 4];

/** The needs the data can answer, in display order: conditions present, then the assistance gap. */
export function needKeys(c: Pick<NeedsCounts, 'flags'>): string[] {
  const out: string[] = CONDITIONS.filter((f) => c.flags.includes(f));
  if (c.flags.includes(NO_ASSISTANCE)) out.push(NO_ASSISTANCE);
  return out;
}

/** The profile of one desa. */
export interface DesaNeeds {
  /** Desil 1–4 households (N). */
  poor: number;
  /** Need key → count among them. */
  counts: Record<string, number>;
}

/** The needs profile of every desa in `periode` (throws a RangeError for a period not counted). */
export function needsProfile(c: NeedsCounts, periode: string): { needs: string[]; desa: DesaNeeds[] } {
  const p = c.periods.indexOf(periode);
  if (p < 0) throw new RangeError(`period ${periode} not counted`);
  const needs = needKeys(c);
  const [a, b] = NEEDS_DESIL;
  const desa: DesaNeeds[] = [];
  for (let i = 0; i < c.desaCount; i++)
    desa.push({
      poor: countIn(c, p, i, a, b),
      counts: Object.fromEntries(needs.map((f) => [f, countIn(c, p, i, a, b, f)])),
    });
  return { needs, desa };
}
