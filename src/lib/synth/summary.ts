import { aggregateByDesa, districtTotals, type DesaAggregate } from './desa-aggregate.ts';
import type { SyntheticDistrict } from './households.ts';

/** Headline figures of one generated period, for the CLI summary and the benchmark. */
export interface PeriodSummary {
  periode: string;
  households: number;
  /** Households in desil 1 ÷ households. */
  desil1Share: number;
  /** Extremely poor households ÷ households. */
  extremeShare: number;
  persons: number;
  /** Households with coordinates ÷ households. */
  geotaggedShare: number;
  leavers: number;
  joiners: number;
}

/** One desa aggregate per period of a synthetic district ({@link aggregateByDesa} on each period's columns). */
export function aggregatePeriods(district: SyntheticDistrict): DesaAggregate[] {
  return district.periods.map((p) => aggregateByDesa(district.desa.length, p));
}

/** Headline figures of every period. */
export function summarise(
  district: SyntheticDistrict,
  aggregates = aggregatePeriods(district),
): PeriodSummary[] {
  return district.periods.map((p, t) => {
    const totals = districtTotals(aggregates[t]);
    let geotagged = 0;
    for (let k = 0; k < p.count; k++) if (!Number.isNaN(district.registry.lat[p.key[k]])) geotagged++;
    return {
      periode: p.periode,
      households: p.count,
      desil1Share: totals.perDesil[0] / p.count,
      extremeShare: totals.extreme / p.count,
      persons: totals.persons,
      geotaggedShare: geotagged / p.count,
      leavers: p.leavers,
      joiners: p.joiners,
    };
  });
}
