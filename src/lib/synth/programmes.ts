/**
 * Programme and housing flags of synthetic households, as probabilities by desil (index 0 = desil 1).
 *
 * All tables are ASSUMPTIONS chosen to look like DT-SEN extracts, not published figures. Their overall levels
 * were set near national programme sizes relative to about 70 million households: PKH about 10 million
 * families (→ ~14% here), BPNT/Sembako about 18.8 million (→ ~25%), PBI-JK about 96.8 million persons
 * (→ ~38% of households). Coverage falls with desil but is far from perfect: many desil-1 households get
 * nothing (exclusion error) and some desil 5–10 households are recipients (inclusion error), as targeting
 * studies of Indonesian social assistance report (e.g. World Bank 2017, "Towards a Comprehensive, Integrated,
 * and Effective Social Assistance System in Indonesia").
 */
export const PROGRAMME_COVERAGE = {
  pkh: [0.45, 0.38, 0.28, 0.18, 0.07, 0.035, 0.015, 0.008, 0.004, 0.002],
  bpnt: [0.7, 0.6, 0.48, 0.35, 0.18, 0.1, 0.05, 0.03, 0.015, 0.005],
  pbiJk: [0.82, 0.75, 0.66, 0.55, 0.4, 0.27, 0.16, 0.09, 0.05, 0.02],
} as const;

/** P(BPNT | PKH): programmes go to the same families, so flags are positively dependent. */
export const BPNT_GIVEN_PKH = 0.9;
/** P(PBI-JK | PKH or BPNT). */
export const PBI_GIVEN_AID = 0.95;

/**
 * Housing deprivation by desil (ASSUMPTION): earth floor, no safe drinking water, no proper sanitation
 * (the BPS housing-quality indicators DT-SEN carries), all far more common in low desil.
 */
export const HOUSING_DEPRIVATION = {
  earthFloor: [0.18, 0.12, 0.08, 0.05, 0.03, 0.02, 0.01, 0.006, 0.003, 0.001],
  unsafeWater: [0.25, 0.2, 0.16, 0.12, 0.09, 0.07, 0.05, 0.04, 0.03, 0.02],
  poorSanitation: [0.3, 0.24, 0.18, 0.13, 0.09, 0.07, 0.05, 0.03, 0.02, 0.01],
} as const;

/** Flags of one household as booleans. */
export interface ProgrammeFlags {
  pkh: boolean;
  bpnt: boolean;
  pbiJk: boolean;
}

/**
 * Programme flags of a household in desil `desil` (1..10) from three uniforms in [0,1) that stay fixed for the
 * household, so its flags only change when its desil does.
 *
 * PKH ⇔ u₁ < p_PKH(d).
 * BPNT ⇔ u₂ < (PKH ? BPNT_GIVEN_PKH : q_B), q_B = (p_BPNT − BPNT_GIVEN_PKH·p_PKH) / (1 − p_PKH).
 * PBI-JK ⇔ u₃ < (aid ? PBI_GIVEN_AID : q_I), aid = PKH ∨ BPNT with P(aid) = p_BPNT + (1 − BPNT_GIVEN_PKH)·p_PKH,
 * q_I = (p_PBI − PBI_GIVEN_AID·P(aid)) / (1 − P(aid)).
 * With q_B and q_I inside [0,1] (true for the tables above) each flag's marginal is exactly its table value
 * (law of total probability).
 */
export function programmeFlags(desil: number, u1: number, u2: number, u3: number): ProgrammeFlags {
  const d = desil - 1;
  const pPkh = PROGRAMME_COVERAGE.pkh[d];
  const pBpnt = PROGRAMME_COVERAGE.bpnt[d];
  const pPbi = PROGRAMME_COVERAGE.pbiJk[d];
  const pkh = u1 < pPkh;
  const qBpnt = clamp01((pBpnt - BPNT_GIVEN_PKH * pPkh) / (1 - pPkh));
  const bpnt = u2 < (pkh ? BPNT_GIVEN_PKH : qBpnt);
  const pAid = pBpnt + (1 - BPNT_GIVEN_PKH) * pPkh;
  const qPbi = clamp01((pPbi - PBI_GIVEN_AID * pAid) / (1 - pAid));
  const pbiJk = u3 < (pkh || bpnt ? PBI_GIVEN_AID : qPbi);
  return { pkh, bpnt, pbiJk };
}

/** Mean household size by desil: 4.3 persons in desil 1 falling linearly to 3.0 in desil 10 (ASSUMPTION). */
export function meanHouseholdSize(desil: number): number {
  return 4.3 - ((desil - 1) * 1.3) / 9;
}

function clamp01(x: number): number {
  return x < 0 ? 0 : x > 1 ? 1 : x;
}
