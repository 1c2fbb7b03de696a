import type { DesaProperties } from '../geo/types.ts';

/** Number of national welfare deciles (desil) in DT-SEN. */
export const DESIL_COUNT = 10;

/** What the generator aims at in one period. */
export interface PeriodTarget {
  /** Share of households in desil 1..10 (index 0 = desil 1); sums to 1. */
  desilShares: readonly number[];
  /** Share of all households flagged as extremely poor; they are taken from desil 1. */
  extremeShare: number;
  /** Where the figures come from, for summaries and file comments. */
  basis: string;
}

/**
 * Public figures and stated assumptions that a synthetic district is calibrated to. Profiles are keyed by
 * Kemendagri kabupaten/kota code; any code without its own profile gets {@link genericProfile}.
 */
export interface CalibrationProfile {
  /** Kemendagri code (`33.24`); `null` for the generic profile. */
  kode_kab: string | null;
  label: string;
  /** Target of period i is `periodTargets[min(i, length − 1)]` (see {@link periodTarget}). */
  periodTargets: readonly PeriodTarget[];
  /** Census population per kecamatan code, where published; households are spread in proportion. */
  kecamatanPopulation: Readonly<Record<string, number>>;
  /** Census total of the whole district; the kecamatan missing above share `total − Σ known` by area. */
  populationTotal: number | null;
  /** Kecamatan codes that a smooth poverty trend peaks over (empty: a seeded linear trend instead). */
  poorerKecamatan: readonly string[];
  /** Households per km² of a kelurahan relative to a desa (kelurahan are urban and denser). */
  kelurahanDensity: number;
  /** Household count when none is given: this value, or `householdsPerKm2 × area` when null. */
  defaultHouseholds: number | null;
  householdsPerKm2: number;
  /** Smallest default household count (tiny districts still get stable shares). */
  minHouseholds: number;
}

/**
 * Desil 1 = `p0`; the other 9 desil share `1 − p0` by `tilt` (9 weights whose mean is 1).
 * Desil are national household ranks, not the BPS poverty line; using P0 (a share of *people*) as the share of
 * *households* in desil 1 is the project's stated simplification (poor households are larger, so the true
 * household share would be a little lower).
 */
export function desilSharesFromP0(p0: number, tilt: readonly number[]): number[] {
  if (tilt.length !== DESIL_COUNT - 1) throw new RangeError(`tilt needs ${DESIL_COUNT - 1} weights`);
  const tiltSum = tilt.reduce((a, b) => a + b, 0);
  return [p0, ...tilt.map((w) => ((1 - p0) * w) / tiltSum)];
}

/**
 * Desil 2–10 of Kendal: Kendal's P0 is close to the national one (9.35% against about 9.03% in 2024, FACTS.md,
 * ayosemarang page), so these desil stay near 10% each. The mild tilt towards the lower-middle desil and away
 * from the top (fewer of the country's richest households live in a semi-rural Central Java district) is an
 * ASSUMPTION, not a published figure. Weights sum to 9.
 */
const KENDAL_DESIL_TILT = [1.08, 1.07, 1.05, 1.03, 1.01, 0.99, 0.96, 0.93, 0.88] as const;

/**
 * Kabupaten Kendal (33.24). Sources, all from `../shared/data/kendal/FACTS.md`:
 * - P0 9.35% (2024; BPS Kendal quoted by kirani.id and databoks.katadata.co.id) → desil-1 share of period 1;
 * - P0 8.40% (2025; lingkarjateng.id, Bupati at the TKPK meeting of 12 Nov 2025, and diskominfo.kendalkab.go.id
 *   quoting BPS Kendal, 23 Sep 2025) → desil-1 share of period 2;
 * - extreme poverty 0.49% (2024; head of BPS Kendal quoted by lingkarjateng.id, 24 Sep 2024) → period 1;
 * - period 2 extreme share 0.30% is an ASSUMPTION: no 2025 figure was found; the rate fell from 2.3% (2022) to
 *   0.49% (2024) and the kabupaten targets 0% in 2026, so we take a value between 0.49% and 0%;
 * - Census 2020 population of 14 kecamatan (kampuspedia.com mirror of German Wikipedia, citing BPS) and the
 *   2020 total 1,018,505 (en.wikipedia.org/wiki/Kendal_Regency). The 6 kecamatan not seen there (Weleri,
 *   Cepiring, Patebon, Kendal, Rowosari, Kangkung) share the remaining 335,905 in proportion to polygon area;
 * - the smooth trend peaks over the southern hill kecamatan Plantungan, Pageruyung, Sukorejo, Patean and
 *   Singorojo, four of the five kecamatan on the provincial extreme-poverty priority list (lingkarjateng.id).
 *   Gemuh, the fifth, is lowland: the seeded pockets stand for that kind of local concentration.
 * Households per km² in kelurahan: 2.5× a desa (ASSUMPTION: Kendal's 20 kelurahan are the town).
 * Default 300,000 households: 2020 population ÷ about 3.5 persons per household (ASSUMPTION; the number of
 * households was not found, FACTS.md "Households").
 */
export const kendalProfile: CalibrationProfile = {
  kode_kab: '33.24',
  label: 'Kabupaten Kendal (BPS Kendal: P0 2024 & 2025, kemiskinan ekstrem 2024; Sensus Penduduk 2020)',
  periodTargets: [
    {
      desilShares: desilSharesFromP0(0.0935, KENDAL_DESIL_TILT),
      extremeShare: 0.0049,
      basis: 'P0 9,35% & ekstrem 0,49% (2024)',
    },
    {
      desilShares: desilSharesFromP0(0.084, KENDAL_DESIL_TILT),
      extremeShare: 0.003,
      basis: 'P0 8,40% (2025); ekstrem 0,30% (asumsi)',
    },
  ],
  kecamatanPopulation: {
    '33.24.01': 32_586, // Plantungan
    '33.24.02': 35_671, // Pageruyung
    '33.24.03': 60_399, // Sukorejo
    '33.24.04': 52_105, // Patean
    '33.24.05': 52_854, // Singorojo
    '33.24.06': 34_937, // Limbangan
    '33.24.07': 82_443, // Boja
    '33.24.08': 66_157, // Kaliwungu
    '33.24.09': 50_611, // Brangsong
    '33.24.10': 37_954, // Pegandon
    '33.24.11': 52_409, // Gemuh
    '33.24.18': 36_620, // Ringinarum
    '33.24.19': 35_855, // Ngampel
    '33.24.20': 51_999, // Kaliwungu Selatan
  },
  populationTotal: 1_018_505,
  poorerKecamatan: ['33.24.01', '33.24.02', '33.24.03', '33.24.04', '33.24.05'],
  kelurahanDensity: 2.5,
  defaultHouseholds: 300_000,
  householdsPerKm2: 300,
  minHouseholds: 5_000,
};

/**
 * Any other district: national-like, 10% of households per desil in every period (desil are national deciles).
 * Extreme share 0.8% is an ASSUMPTION near the national rate BPS reported for March 2024 (0.83%; not in
 * FACTS.md). Households ∝ area, kelurahan 3× denser (ASSUMPTION), about 300 households per km² (Kendal's
 * density, see {@link kendalProfile}) and at least 5,000. The trend runs along a seeded direction.
 */
export function genericProfile(kodeKab: string): CalibrationProfile {
  const even = Array.from({ length: DESIL_COUNT }, () => 1 / DESIL_COUNT);
  return {
    kode_kab: null,
    label: `profil generik (${kodeKab}): 10% per desil, ekstrem 0,8% (asumsi)`,
    periodTargets: [
      { desilShares: even, extremeShare: 0.008, basis: '10% per desil; ekstrem 0,8% (asumsi)' },
    ],
    kecamatanPopulation: {},
    populationTotal: null,
    poorerKecamatan: [],
    kelurahanDensity: 3,
    defaultHouseholds: null,
    householdsPerKm2: 300,
    minHouseholds: 5_000,
  };
}

const profiles: Record<string, CalibrationProfile> = { '33.24': kendalProfile };

/** The calibration profile of a kabupaten/kota code (`33.24`), or the generic one. */
export function calibrationProfile(kodeKab: string): CalibrationProfile {
  return profiles[kodeKab] ?? genericProfile(kodeKab);
}

/** Target of period `index` (0-based): periods beyond the profile's list repeat its last target. */
export function periodTarget(profile: CalibrationProfile, index: number): PeriodTarget {
  return profile.periodTargets[Math.min(index, profile.periodTargets.length - 1)];
}

/**
 * Relative number of households of each desa (same order as `desa`).
 *
 * Within a kecamatan: wᵢ ∝ areaᵢ · (kelurahan ? kelurahanDensity : 1) · jitterᵢ.
 * Across kecamatan: kecamatan k gets the census population Pₖ where the profile knows it; the others share
 * `populationTotal − Σ known Pₖ` in proportion to their area. With no census figures at all, the within-kecamatan
 * weights are used across the whole district (households ∝ density-weighted area).
 *
 * @param jitter optional multiplicative noise per desa (e.g. log-normal), so desa of equal area differ
 */
export function desaHouseholdWeights(
  desa: readonly DesaProperties[],
  profile: CalibrationProfile,
  jitter?: ArrayLike<number>,
): Float64Array {
  const local = new Float64Array(desa.length);
  const localSum = new Map<string, number>();
  const kecArea = new Map<string, number>();
  for (let i = 0; i < desa.length; i++) {
    const d = desa[i];
    const area = Math.max(d.luas_km2 || 0, 0.01);
    local[i] = area * (d.jenis === 'kelurahan' ? profile.kelurahanDensity : 1) * (jitter ? jitter[i] : 1);
    localSum.set(d.kode_kec, (localSum.get(d.kode_kec) ?? 0) + local[i]);
    kecArea.set(d.kode_kec, (kecArea.get(d.kode_kec) ?? 0) + area);
  }
  const known = profile.kecamatanPopulation;
  const knownTotal = Object.values(known).reduce((a, b) => a + b, 0);
  const remainder = profile.populationTotal === null ? 0 : profile.populationTotal - knownTotal;
  let unknownArea = 0;
  for (const [kec, area] of kecArea) if (known[kec] === undefined) unknownArea += area;
  const kecWeight = new Map<string, number>();
  const anyKnown = [...kecArea.keys()].some((kec) => known[kec] !== undefined);
  for (const [kec, area] of kecArea) {
    if (!anyKnown) kecWeight.set(kec, localSum.get(kec)!);
    else if (known[kec] !== undefined) kecWeight.set(kec, known[kec]);
    else if (remainder > 0) kecWeight.set(kec, (remainder * area) / unknownArea);
    else {
      // No census remainder to share: give the kecamatan the mean known density per km².
      const knownArea = [...kecArea].filter(([k]) => known[k] !== undefined).reduce((a, [, v]) => a + v, 0);
      kecWeight.set(kec, (knownTotal / knownArea) * area);
    }
  }
  const weights = new Float64Array(desa.length);
  for (let i = 0; i < desa.length; i++) {
    const kec = desa[i].kode_kec;
    weights[i] = (kecWeight.get(kec)! * local[i]) / localSum.get(kec)!;
  }
  return weights;
}

/**
 * Household count used when none is asked for: the profile's default, else
 * max(minHouseholds, round(householdsPerKm2 × Σ luas_km2)).
 */
export function defaultHouseholdCount(profile: CalibrationProfile, desa: readonly DesaProperties[]): number {
  if (profile.defaultHouseholds !== null) return profile.defaultHouseholds;
  const area = desa.reduce((a, d) => a + (d.luas_km2 || 0), 0);
  return Math.max(profile.minHouseholds, Math.round(profile.householdsPerKm2 * area));
}
