/**
 * Publication of a table of map units (desa, kecamatan or hexagons) in one period: which units are shown,
 * which of their desil and programme counts, under small-number suppression with the groups whose totals
 * are public (kecamatan and kabupaten figures, pocket totals). The app's card, bars, table, tooltip and
 * legend, and every CLI file with unit figures, read their counts from here.
 */
import { Suppressed, suppressSmallCounts, type Suppression } from '../hex/suppression.ts';
import { DESIL_COUNT } from '../hex/types.ts';
import { HIDDEN, NONE, publishCount, type Published } from './published.ts';

/** Input of {@link publishUnits}: one period's counts per unit. */
export interface UnitTableInput {
  /** Households per unit. */
  households: ArrayLike<number>;
  /** Households per unit and desil, row-major `desil[u * 10 + d − 1]`; rows sum to `households`. */
  desil: ArrayLike<number>;
  /** Programme counts per key (e.g. `pkh_desil_1_4`), one number per unit. */
  programmes?: Record<string, ArrayLike<number>>;
  /** Group of each unit whose totals are public (kecamatan index; −1 none). */
  groups?: ArrayLike<number>;
  /** Further published groups (e.g. pockets): lists of unit indices. */
  extraGroups?: ReadonlyArray<ArrayLike<number>>;
  /** Threshold k (households). */
  k: number;
}

/** The publication statuses of one period's unit table. */
export interface PublishedUnits {
  k: number;
  /** Suppression of units and of their desil counts (see `suppressSmallCounts`). */
  suppression: Suppression;
  /** Per programme key: a `Suppressed` status per unit. */
  programmeStatus: Record<string, Uint8Array>;
  households: ArrayLike<number>;
  desil: ArrayLike<number>;
  programmes: Record<string, ArrayLike<number>>;
}

/**
 * Applies primary and complementary suppression to units and their desil counts (one run, rows and group
 * columns audited together), then to each programme count as its own column with the same groups. A
 * programme count of a hidden unit is hidden with it.
 */
export function publishUnits(input: UnitTableInput): PublishedUnits {
  const n = input.households.length;
  const suppression = suppressSmallCounts(
    {
      totals: input.households,
      values: input.desil,
      width: DESIL_COUNT,
      groups: input.groups,
      extraGroups: input.extraGroups,
    },
    input.k,
  );
  const programmes = input.programmes ?? {};
  const programmeStatus: Record<string, Uint8Array> = {};
  for (const [key, counts] of Object.entries(programmes)) {
    const s = suppressSmallCounts(
      { totals: counts, groups: input.groups, extraGroups: input.extraGroups },
      input.k,
    );
    const status = Uint8Array.from(s.unit);
    for (let u = 0; u < n; u++) if (suppression.unit[u] !== Suppressed.Shown) status[u] = Suppressed.WithUnit;
    programmeStatus[key] = status;
  }
  return {
    k: input.k,
    suppression,
    programmeStatus,
    households: input.households,
    desil: input.desil,
    programmes,
  };
}

/** Whether unit `u` is shown at all. */
export function unitShown(t: PublishedUnits, u: number): boolean {
  return t.suppression.unit[u] === Suppressed.Shown;
}

/** The unit's households: its value when shown (zero = no data), hidden otherwise. */
export function publishedHouseholds(t: PublishedUnits, u: number): Published {
  if (!unitShown(t, u)) return HIDDEN;
  return t.households[u] > 0 ? { kind: 'value', value: t.households[u] } : NONE;
}

/** Desil `d` (1–10) of unit `u`. */
export function publishedDesil(t: PublishedUnits, u: number, d: number): Published {
  if (!unitShown(t, u)) return HIDDEN;
  if (t.households[u] === 0) return NONE;
  const i = u * DESIL_COUNT + (d - 1);
  return publishCount(t.desil[i], (t.suppression.value as Uint8Array)[i], t.k);
}

/** All ten desil counts of unit `u`. */
export function publishedDesilRow(t: PublishedUnits, u: number): Published[] {
  return Array.from({ length: DESIL_COUNT }, (_, d) => publishedDesil(t, u, d + 1));
}

/** A programme count of unit `u` (none where the data has no such programme). */
export function publishedProgramme(t: PublishedUnits, u: number, key: string): Published {
  const status = t.programmeStatus[key];
  if (!status) return NONE;
  if (!unitShown(t, u)) return HIDDEN;
  return publishCount(t.programmes[key][u], status[u], t.k);
}
