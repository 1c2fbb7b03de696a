import type { DesaFeature } from '../geo/types.ts';
import type { SeededRandom } from '../random.ts';
import { apportion } from './apportion.ts';
import {
  desaHouseholdWeights,
  periodTarget,
  type CalibrationProfile,
  type PeriodTarget,
} from './calibration.ts';
import { cutByShares, argsortAscending } from './desil-cut.ts';
import { buildLandscape, type Landscape, type LandscapeParameters } from './landscape.ts';
import { scatterPoint } from './placement.ts';
import { HOUSING_DEPRIVATION, meanHouseholdSize, programmeFlags } from './programmes.ts';
import { streamRandom, SynthStream } from './streams.ts';
import { placeStuckArea } from './stuck.ts';

/** Options of {@link generateHouseholds}. */
export interface SynthOptions {
  /** Households in the first period. */
  households: number;
  seed: number;
  /** Period labels in time order, e.g. `['2025-Q1', '2025-Q3']`. */
  periods: readonly string[];
  /** Share of households with coordinates, in [0, 1]. */
  geotagShare: number;
  /** AR(1) correlation of a household's own welfare between consecutive periods (default 0.9). */
  rho?: number;
  /** The same correlation for households of the stuck area (default 0.995: welfare barely moves). */
  stuckRho?: number;
  /** Desa in the stuck area ("kantong stagnan", see {@link placeStuckArea}; default {@link defaultStuckDesa}, 0 = none). */
  stuckDesa?: number;
  /** Share of the previous period's households that leave before the next (default 0.02). */
  leaveShare?: number;
  /** New households per period, as a share of the previous period's count (default 0.02). */
  joinShare?: number;
  /** Overrides of the welfare landscape (pockets, trend...). */
  landscape?: Partial<LandscapeParameters>;
}

/** Households that exist in any period, indexed by their stable key (0-based; key k is the (k+1)-th household ever created). */
export interface HouseholdRegistry {
  count: number;
  /** Desa index (into {@link SyntheticDistrict.desa}). */
  desa: Uint32Array;
  /** Hamlet (dusun) index within the desa, 0-based. */
  hamlet: Uint8Array;
  /** RT number within the hamlet, 1-based. */
  rt: Uint16Array;
  /** Longitude and latitude rounded to 7 decimals, inside the desa polygon; NaN when not geotagged. */
  lon: Float64Array;
  lat: Float64Array;
}

/**
 * One period's households, one entry per row of the extract, ordered by desa then key. Flags are 1/0.
 * The columns are plain typed arrays so {@link aggregateByDesa} and writers can read them without copying.
 */
export interface SyntheticPeriod {
  periode: string;
  target: PeriodTarget;
  count: number;
  key: Uint32Array;
  desa: Uint32Array;
  desil: Uint8Array;
  size: Uint8Array;
  pkh: Uint8Array;
  bpnt: Uint8Array;
  pbiJk: Uint8Array;
  earthFloor: Uint8Array;
  unsafeWater: Uint8Array;
  poorSanitation: Uint8Array;
  extreme: Uint8Array;
  /** Households of the previous period that are gone (0 in the first period). */
  leavers: number;
  /** Households new in this period (all of them in the first). */
  joiners: number;
}

/** Everything the generator made for one district. */
export interface SyntheticDistrict {
  kodeKab: string;
  /** Desa sorted by `kode_desa`; all desa indices refer to this order. */
  desa: DesaFeature[];
  profile: CalibrationProfile;
  options: Required<Omit<SynthOptions, 'landscape'>>;
  landscape: Landscape;
  /** 1 for a desa of the stuck area (in `desa` order), whose households use `stuckRho`. */
  stuck: Uint8Array;
  registry: HouseholdRegistry;
  periods: SyntheticPeriod[];
}

/**
 * Desa of the stuck area by default: 4% of the district's desa, at least 4 and at most 12 (11 of Kendal's
 * 286) — a group a planner can name, not a tenth of a small district.
 */
export function defaultStuckDesa(desaCount: number): number {
  return Math.min(12, Math.max(4, Math.round(0.04 * desaCount)));
}

/** Households per RT (rukun tetangga): real RT hold a few dozen families. */
const HOUSEHOLDS_PER_RT = 40;
/** Probability that a staying household's size changes by one person between periods (birth, death, moving). */
const SIZE_CHANGE = 0.06;
/** SD of the extra noise used to pick extremely poor households within desil 1. */
const EXTREME_NOISE_SD = 0.3;
/** Largest household size written. */
const MAX_SIZE = 12;

/**
 * Generates synthetic DT-SEN households for a district, calibrated to `profile`.
 *
 * Model. Household j in hamlet h has welfare Wⱼ,ₜ = welfareₕ + eⱼ,ₜ (see {@link buildLandscape}) with its own part
 * eⱼ,₀ ~ N(0,1) and eⱼ,ₜ = ρ·eⱼ,ₜ₋₁ + √(1−ρ²)·ηⱼ,ₜ (a stationary AR(1), so the variance stays 1), where ρ is
 * `stuckRho` for the households of the stuck area ({@link placeStuckArea}) and `rho` elsewhere. Each period the
 * households are ranked by W and cut at the period's cumulative desil shares ({@link cutByShares}), so desil
 * shares are exact up to rounding and households move between desil as their e changes and as targets move.
 * The extremely poor are the round(n·extremeShare) desil-1 households lowest in W + N(0, 0.3²).
 *
 * Desa household counts: largest-remainder split of n by {@link desaHouseholdWeights} (with log-normal jitter),
 * so the kecamatan totals match the census proportions up to rounding. Hamlets are drawn by their shares; RT
 * numbers fill hamlets 40 households at a time. Coordinates: a normal scatter around the hamlet centre kept
 * inside the desa polygon ({@link scatterPoint}); a household is geotagged with probability `geotagShare`.
 *
 * Between periods exactly round(leaveShare·n) households leave (uniformly) and round(joinShare·n) new ones
 * appear (desa drawn by weight). Stayers keep key, desa, place and programme uniforms; their size changes by ±1
 * with probability 0.06. Size of new households: 1 + Poisson(mean(desil) − 1), clipped to 1–12.
 * Flags: {@link programmeFlags} and {@link HOUSING_DEPRIVATION} by current desil, from uniforms fixed per household.
 *
 * Random streams (see {@link SynthStream}) keep parts independent: layout, household attributes, coordinates,
 * the stuck area, and one stream per period. The desil transition probabilities this model implies are
 * computed exactly by `modelTransitionMatrix` (`transitions.ts`).
 */
export function generateHouseholds(
  kodeKab: string,
  desaIn: readonly DesaFeature[],
  profile: CalibrationProfile,
  options: SynthOptions,
): SyntheticDistrict {
  const opts = {
    households: options.households,
    seed: options.seed,
    periods: [...options.periods],
    geotagShare: options.geotagShare,
    rho: options.rho ?? 0.9,
    stuckRho: options.stuckRho ?? 0.995,
    stuckDesa: options.stuckDesa ?? defaultStuckDesa(desaIn.length),
    leaveShare: options.leaveShare ?? 0.02,
    joinShare: options.joinShare ?? 0.02,
  };
  if (!Number.isInteger(opts.households) || opts.households < 1)
    throw new RangeError('households must be a positive integer');
  if (opts.periods.length === 0) throw new RangeError('at least one period is needed');
  if (!(opts.geotagShare >= 0 && opts.geotagShare <= 1))
    throw new RangeError('geotagShare must be in [0, 1]');
  if (desaIn.length === 0) throw new RangeError('the district has no desa');
  for (const [name, r] of [
    ['rho', opts.rho],
    ['stuckRho', opts.stuckRho],
  ] as const)
    if (!(r >= 0 && r < 1)) throw new RangeError(`${name} must be in [0, 1)`);

  const desa = [...desaIn].sort((a, b) =>
    a.properties.kode_desa < b.properties.kode_desa
      ? -1
      : a.properties.kode_desa > b.properties.kode_desa
        ? 1
        : 0,
  );
  const layoutRng = streamRandom(opts.seed, SynthStream.layout);
  const jitter = desa.map(() => Math.exp(0.25 * layoutRng.normal()));
  const weights = desaHouseholdWeights(
    desa.map((d) => d.properties),
    profile,
    jitter,
  );
  const landscape = buildLandscape(desa, profile, layoutRng, options.landscape);
  const stuck = placeStuckArea(desa, landscape, opts.stuckDesa, streamRandom(opts.seed, SynthStream.stuck));

  // Capacity: everyone who ever exists.
  const counts = [opts.households];
  const leaveCounts = [0];
  const joinCounts = [opts.households];
  for (let t = 1; t < opts.periods.length; t++) {
    const prev = counts[t - 1];
    leaveCounts.push(Math.round(opts.leaveShare * prev));
    joinCounts.push(Math.round(opts.joinShare * prev));
    counts.push(prev - leaveCounts[t] + joinCounts[t]);
  }
  const capacity = joinCounts.reduce((a, b) => a + b, 0);
  const reg = new Registry(
    capacity,
    landscape,
    opts.geotagShare,
    streamRandom(opts.seed, SynthStream.geotag),
  );

  const householdRng = streamRandom(opts.seed, SynthStream.households);
  const perDesa = apportion(opts.households, weights);
  for (let i = 0; i < desa.length; i++) for (let k = 0; k < perDesa[i]; k++) reg.create(i, householdRng);

  const cumulativeWeights = new Float64Array(weights.length);
  for (let i = 0, s = 0; i < weights.length; i++) cumulativeWeights[i] = s += weights[i];

  const periods: SyntheticPeriod[] = [];
  let members: Uint32Array = new Uint32Array(opts.households);
  for (let k = 0; k < opts.households; k++) members[k] = k;
  const isNew = new Uint8Array(capacity);
  isNew.fill(1, 0, opts.households);
  for (let t = 0; t < opts.periods.length; t++) {
    const rng = streamRandom(opts.seed, SynthStream.period + t);
    if (t > 0) {
      members = nextMembers(members, leaveCounts[t], joinCounts[t], reg, cumulativeWeights, rng, isNew);
      for (let k = 0; k < members.length; k++) {
        const key = members[k];
        if (isNew[key]) continue;
        const rho = stuck[reg.desa[key]] ? opts.stuckRho : opts.rho;
        reg.e[key] = rho * reg.e[key] + Math.sqrt(1 - rho * rho) * rng.normal();
      }
    }
    periods.push(
      makePeriod(
        opts.periods[t],
        periodTarget(profile, t),
        members,
        reg,
        landscape,
        rng,
        isNew,
        leaveCounts[t],
        joinCounts[t],
      ),
    );
    isNew.fill(0);
  }
  return { kodeKab, desa, profile, options: opts, landscape, stuck, registry: reg.view(), periods };
}

/** Growable-by-index store of household attributes fixed at creation. */
class Registry {
  count = 0;
  readonly desa: Uint32Array;
  readonly hamlet: Uint8Array;
  readonly rt: Uint16Array;
  readonly lon: Float64Array;
  readonly lat: Float64Array;
  /** Own welfare part e (updated in place each period). */
  readonly e: Float64Array;
  /** Current household size (updated in place). */
  readonly size: Uint8Array;
  /** Six uniforms per household: PKH, BPNT, PBI-JK, earth floor, water, sanitation. */
  readonly u: Float32Array;
  private readonly hamletFill: Uint32Array;

  constructor(
    capacity: number,
    private readonly landscape: Landscape,
    private readonly geotagShare: number,
    private readonly geotagRng: SeededRandom,
  ) {
    this.desa = new Uint32Array(capacity);
    this.hamlet = new Uint8Array(capacity);
    this.rt = new Uint16Array(capacity);
    this.lon = new Float64Array(capacity);
    this.lat = new Float64Array(capacity);
    this.e = new Float64Array(capacity);
    this.size = new Uint8Array(capacity);
    this.u = new Float32Array(capacity * 6);
    this.hamletFill = new Uint32Array(landscape.hamletLon.length);
  }

  /** Creates the next household in desa i; returns its key. */
  create(i: number, rng: SeededRandom): number {
    const key = this.count++;
    const L = this.landscape;
    const from = L.hamletStart[i];
    const to = L.hamletStart[i + 1];
    let u = rng.float();
    let h = from;
    for (; h < to - 1; h++) {
      u -= L.hamletShare[h];
      if (u < 0) break;
    }
    this.desa[key] = i;
    this.hamlet[key] = h - from;
    this.rt[key] = Math.floor(this.hamletFill[h]++ / HOUSEHOLDS_PER_RT) + 1;
    this.e[key] = rng.normal();
    for (let f = 0; f < 6; f++) this.u[key * 6 + f] = rng.float();
    if (this.geotagShare > 0 && this.geotagRng.float() < this.geotagShare) {
      const [lon, lat] = scatterPoint(
        L.areas[i],
        L.hamletLon[h],
        L.hamletLat[h],
        L.hamletSpreadKm[h],
        this.geotagRng,
      );
      this.lon[key] = lon;
      this.lat[key] = lat;
    } else {
      this.lon[key] = NaN;
      this.lat[key] = NaN;
    }
    return key;
  }

  view(): HouseholdRegistry {
    const n = this.count;
    return {
      count: n,
      desa: this.desa.subarray(0, n),
      hamlet: this.hamlet.subarray(0, n),
      rt: this.rt.subarray(0, n),
      lon: this.lon.subarray(0, n),
      lat: this.lat.subarray(0, n),
    };
  }
}

function nextMembers(
  previous: Uint32Array,
  leave: number,
  join: number,
  reg: Registry,
  cumulativeWeights: Float64Array,
  rng: SeededRandom,
  isNew: Uint8Array,
): Uint32Array {
  // Partial Fisher–Yates over positions: the first `leave` swapped-in positions leave (Knuth, TAOCP vol. 2, Algorithm P).
  const positions = new Uint32Array(previous.length);
  for (let k = 0; k < positions.length; k++) positions[k] = k;
  const gone = new Uint8Array(previous.length);
  for (let k = 0; k < leave; k++) {
    const j = rng.int(k, positions.length - 1);
    const tmp = positions[k];
    positions[k] = positions[j];
    positions[j] = tmp;
    gone[positions[k]] = 1;
  }
  const next = new Uint32Array(previous.length - leave + join);
  let n = 0;
  for (let k = 0; k < previous.length; k++) if (!gone[k]) next[n++] = previous[k];
  const total = cumulativeWeights[cumulativeWeights.length - 1];
  for (let k = 0; k < join; k++) {
    const i = upperBound(cumulativeWeights, rng.float() * total);
    const key = reg.create(i, rng);
    isNew[key] = 1;
    next[n++] = key;
  }
  // Rows of an extract are ordered by region then household.
  return next.sort((a, b) => reg.desa[a] - reg.desa[b] || a - b);
}

/** First index whose cumulative weight exceeds x (inverse-CDF draw by binary search). */
function upperBound(cumulative: Float64Array, x: number): number {
  let lo = 0;
  let hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cumulative[mid] > x) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

function makePeriod(
  periode: string,
  target: PeriodTarget,
  members: Uint32Array,
  reg: Registry,
  landscape: Landscape,
  rng: SeededRandom,
  isNew: Uint8Array,
  leavers: number,
  joiners: number,
): SyntheticPeriod {
  const n = members.length;
  const score = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    const key = members[k];
    const h = landscape.hamletStart[reg.desa[key]] + reg.hamlet[key];
    score[k] = landscape.hamletWelfare[h] + reg.e[key];
  }
  const { classOf: desil, order } = cutByShares(score, target.desilShares);

  // Extreme poverty: the poorest of desil 1 by welfare plus a little noise (the flag is a separate assessment).
  const extreme = new Uint8Array(n);
  let desil1 = 0;
  while (desil1 < n && desil[order[desil1]] === 1) desil1++;
  const wanted = Math.min(desil1, Math.round(n * target.extremeShare));
  const noisy = new Float64Array(desil1);
  for (let r = 0; r < desil1; r++) noisy[r] = score[order[r]] + EXTREME_NOISE_SD * rng.normal();
  const byNoisy = argsortAscending(noisy);
  for (let r = 0; r < wanted; r++) extreme[order[byNoisy[r]]] = 1;

  const period: SyntheticPeriod = {
    periode,
    target,
    count: n,
    key: members.slice(),
    desa: new Uint32Array(n),
    desil,
    size: new Uint8Array(n),
    pkh: new Uint8Array(n),
    bpnt: new Uint8Array(n),
    pbiJk: new Uint8Array(n),
    earthFloor: new Uint8Array(n),
    unsafeWater: new Uint8Array(n),
    poorSanitation: new Uint8Array(n),
    extreme,
    leavers,
    joiners,
  };
  for (let k = 0; k < n; k++) {
    const key = members[k];
    const d = desil[k];
    period.desa[k] = reg.desa[key];
    if (isNew[key]) reg.size[key] = drawSize(d, rng);
    else if (rng.float() < SIZE_CHANGE)
      reg.size[key] = Math.min(MAX_SIZE, Math.max(1, reg.size[key] + (rng.float() < 0.5 ? -1 : 1)));
    period.size[k] = reg.size[key];
    const u = key * 6;
    const flags = programmeFlags(d, reg.u[u], reg.u[u + 1], reg.u[u + 2]);
    period.pkh[k] = flags.pkh ? 1 : 0;
    period.bpnt[k] = flags.bpnt ? 1 : 0;
    period.pbiJk[k] = flags.pbiJk ? 1 : 0;
    period.earthFloor[k] = reg.u[u + 3] < HOUSING_DEPRIVATION.earthFloor[d - 1] ? 1 : 0;
    period.unsafeWater[k] = reg.u[u + 4] < HOUSING_DEPRIVATION.unsafeWater[d - 1] ? 1 : 0;
    period.poorSanitation[k] = reg.u[u + 5] < HOUSING_DEPRIVATION.poorSanitation[d - 1] ? 1 : 0;
  }
  return period;
}

/** 1 + Poisson(mean − 1) by Knuth's multiplication method (TAOCP vol. 2, 3.4.1), clipped to 1–12. */
function drawSize(desil: number, rng: SeededRandom): number {
  const limit = Math.exp(-(meanHouseholdSize(desil) - 1));
  let k = 0;
  let p = rng.float();
  while (p > limit) {
    k++;
    p *= rng.float();
  }
  return Math.min(MAX_SIZE, 1 + k);
}
