/**
 * Hexbins of imported households, one rule for the app's import Worker and the CLI: the households of one
 * period across the imported files are binned at their coordinates (`hexbinsFromHouseholds`; those without
 * usable coordinates placed from their desa) when at least one of them is geotagged; when none is, there are
 * no point hexbins (null) and callers spread the desa counts by area (`hexbinsFromDesaCounts`), which is
 * what an all-estimated layer is.
 */
import type { JoinedHouseholds } from '../import/households.ts';
import type { HexDistrict } from './district.ts';
import { hexbinsFromHouseholds, type HexbinOptions, type HouseholdInput } from './hexbins.ts';
import type { HexBins } from './types.ts';

/** The households of `periode` across `imports` as hexbin input (coordinates NaN where a household has none). */
export function householdsOfPeriode(
  imports: readonly { households: JoinedHouseholds | null }[],
  periode: string,
): { households: HouseholdInput & { desil: Uint8Array; desa: Int32Array }; geotagged: number } {
  let n = 0;
  for (const imp of imports) {
    const h = imp.households;
    const p = h ? h.periods.indexOf(periode) : -1;
    if (!h || p < 0) continue;
    for (let r = 0; r < h.count; r++) if (h.periode[r] === p) n++;
  }
  const lon = new Float64Array(n).fill(NaN);
  const lat = new Float64Array(n).fill(NaN);
  const desil = new Uint8Array(n);
  const desa = new Int32Array(n);
  let k = 0;
  let geotagged = 0;
  for (const imp of imports) {
    const h = imp.households;
    const p = h ? h.periods.indexOf(periode) : -1;
    if (!h || p < 0) continue;
    for (let r = 0; r < h.count; r++) {
      if (h.periode[r] !== p) continue;
      if (h.lon && h.lat) {
        lon[k] = h.lon[r];
        lat[k] = h.lat[r];
        if (Number.isFinite(lon[k]) && Number.isFinite(lat[k])) geotagged++;
      }
      desil[k] = h.desil[r];
      desa[k] = h.desa[r];
      k++;
    }
  }
  return { households: { lon, lat, desil, desa }, geotagged };
}

/** Point hexbins of a period at `res`, or null when no household of it is geotagged (see the module comment). */
export function hexbinsOfImports(
  district: HexDistrict,
  imports: readonly { households: JoinedHouseholds | null }[],
  periode: string,
  options: HexbinOptions & { res: number },
): HexBins | null {
  const { households, geotagged } = householdsOfPeriode(imports, periode);
  return geotagged > 0 ? hexbinsFromHouseholds(district, households, options) : null;
}
