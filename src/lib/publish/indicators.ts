/**
 * Publication of indicator values: an indicator is shown exactly only when every count it is computed from
 * may be shown, because a share with its denominator, a density with its area or a change with one period's
 * count gives the count back. Where the only suppressed part is a single "< k" numerator (desil-1 households),
 * the value is published as the bound it implies (share < k / households, density < k / area); otherwise it
 * is hidden.
 */
import { Suppressed } from '../hex/suppression.ts';
import { DESIL_COUNT } from '../hex/types.ts';
import { indicatorDefinition, type IndicatorId } from '../indicators/catalogue.ts';
import { below, HIDDEN, NONE, value, type Published } from './published.ts';
import { unitShown, type PublishedUnits } from './units.ts';

/** Which counts an indicator rests on. */
interface IndicatorParts {
  /** Desil (1-based) summed in the numerator. */
  desil: number[];
  /** The unit's households (denominator or the value itself). */
  households: boolean;
  /** A programme count among desil 1–4 (`<p>_desil_1_4`): its complement in the pool must be safe too. */
  programme?: string;
  /** Both periods (changes). */
  previous: boolean;
  /** The bound published when only a single-desil numerator is "< k". */
  bound?: 'count' | 'share' | 'density';
}

const D1 = [1];
const D14 = [1, 2, 3, 4];

function partsOf(id: IndicatorId): IndicatorParts {
  switch (id) {
    case 'share_d1':
      return { desil: D1, households: true, previous: false, bound: 'share' };
    case 'eb_share_d1':
      return { desil: D1, households: true, previous: false };
    case 'share_d1_4':
      return { desil: D14, households: true, previous: false };
    case 'count_d1':
      return { desil: D1, households: false, previous: false, bound: 'count' };
    case 'count_d1_4':
      return { desil: D14, households: false, previous: false };
    case 'households':
    case 'persons':
    case 'density_households':
      return { desil: [], households: true, previous: false };
    case 'density_d1':
      return { desil: D1, households: false, previous: false, bound: 'density' };
    case 'coverage_pkh':
    case 'coverage_bpnt':
    case 'coverage_pbi_jk':
      return {
        desil: D14,
        households: false,
        previous: false,
        programme: `${indicatorDefinition(id).programme}_desil_1_4`,
      };
    case 'change_share_d1':
      return { desil: D1, households: true, previous: true };
    case 'change_share_d1_4':
      return { desil: D14, households: true, previous: true };
    case 'change_count_d1':
    case 'change_rel_d1':
      return { desil: D1, households: false, previous: true };
    case 'change_count_d1_4':
    case 'change_rel_d1_4':
      return { desil: D14, households: false, previous: true };
  }
}

/** Desil statuses of unit u: 'ok' (all shown), 'primary' (exactly one part "< k", the rest shown), 'hidden'. */
function desilState(t: PublishedUnits, u: number, desil: number[]): 'ok' | 'primary' | 'hidden' {
  let primary = 0;
  for (const d of desil) {
    const s = (t.suppression.value as Uint8Array)[u * DESIL_COUNT + d - 1];
    if (s === Suppressed.Primary) primary++;
    else if (s !== Suppressed.Shown) return 'hidden';
  }
  return primary === 0 ? 'ok' : primary === 1 && desil.length === 1 ? 'primary' : 'hidden';
}

function programmeSafe(t: PublishedUnits, u: number, key: string): boolean {
  const status = t.programmeStatus[key];
  if (!status || status[u] !== Suppressed.Shown) return false;
  let pool = 0;
  for (const d of D14) pool += t.desil[u * DESIL_COUNT + d - 1];
  const rest = pool - t.programmes[key][u];
  return rest === 0 || rest >= t.k;
}

/** Context of {@link publishIndicator}: the unit tables of the period shown and of the one compared with. */
export interface IndicatorContext {
  now: PublishedUnits;
  previous?: PublishedUnits | null;
  /** Area of each unit (km²), for density bounds. */
  areaKm2: ArrayLike<number>;
}

/**
 * The published values of indicator `id` for every unit, from its exact values (`computeIndicator`, null =
 * no data) and the publication statuses of the counts it rests on (see the module comment).
 */
export function publishIndicator(
  id: IndicatorId,
  exact: readonly (number | null)[],
  ctx: IndicatorContext,
): Published[] {
  const parts = partsOf(id);
  const { now, previous } = ctx;
  return exact.map((v, u): Published => {
    if (!unitShown(now, u)) return now.households[u] > 0 ? HIDDEN : NONE;
    if (v === null || !Number.isFinite(v)) return NONE;
    if (
      parts.previous &&
      (!previous || !unitShown(previous, u) || desilState(previous, u, parts.desil) !== 'ok')
    )
      return HIDDEN;
    if (parts.programme && !programmeSafe(now, u, parts.programme)) return HIDDEN;
    const state = desilState(now, u, parts.desil);
    if (state === 'ok') return value(v);
    if (state === 'hidden' || !parts.bound) return HIDDEN;
    const k = now.k;
    if (parts.bound === 'count') return below(k);
    if (parts.bound === 'share') return below(k / now.households[u]);
    return ctx.areaKm2[u] > 0 ? below(k / ctx.areaKm2[u]) : HIDDEN;
  });
}
