import type { DesaFeature } from '../geo/types.ts';
import type { SeededRandom } from '../random.ts';
import type { Landscape } from './landscape.ts';
import { distanceKm } from './placement.ts';

/** A pocket dip below this at every hamlet of a desa counts as "outside every pocket". */
const OUTSIDE_POCKET = 0.05;

/**
 * The generator's stuck area ("kantong stagnan"): a compact group of `count` desa whose households' welfare
 * barely moves between periods (their AR(1) correlation is `stuckRho` instead of `rho`, see
 * `generateHouseholds`), so few of their poorest households graduate. The graduation analysis must find it
 * (`tests/unit/synth/transitions.test.ts`).
 *
 * Placement: a centre desa drawn uniformly among the desa (not kelurahan) whose hamlets all lie outside the
 * pockets (dip < 0.05), so a stuck cluster found later is the stuck mechanism and not a poverty pocket's
 * persistence; then the `count` desa nearest to it by the distance between their mean hamlet positions (the
 * centre included; ties by desa order). Without such a desa the centre is drawn among all desa.
 *
 * @param desa desa in the landscape's order
 * @param rng a stream of its own (`SynthStream.stuck`), so the other draws of the generator do not shift
 * @returns 1 for a desa of the stuck area, 0 otherwise (length = number of desa); all 0 when `count` is 0
 */
export function placeStuckArea(
  desa: readonly DesaFeature[],
  landscape: Pick<Landscape, 'hamletStart' | 'hamletLon' | 'hamletLat' | 'hamletPocket'>,
  count: number,
  rng: SeededRandom,
): Uint8Array {
  const n = desa.length;
  const stuck = new Uint8Array(n);
  if (count <= 0 || n === 0) return stuck;
  const lon = new Float64Array(n);
  const lat = new Float64Array(n);
  const eligible: number[] = [];
  for (let i = 0; i < n; i++) {
    const from = landscape.hamletStart[i];
    const to = landscape.hamletStart[i + 1];
    let dip = 0;
    for (let h = from; h < to; h++) {
      lon[i] += landscape.hamletLon[h] / (to - from);
      lat[i] += landscape.hamletLat[h] / (to - from);
      dip = Math.max(dip, landscape.hamletPocket[h]);
    }
    if (dip < OUTSIDE_POCKET && desa[i].properties.jenis !== 'kelurahan') eligible.push(i);
  }
  const pool = eligible.length > 0 ? eligible : Array.from({ length: n }, (_, i) => i);
  const centre = pool[rng.int(0, pool.length - 1)];
  const distance = Array.from({ length: n }, (_, i) => distanceKm(lon[i], lat[i], lon[centre], lat[centre]));
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => distance[a] - distance[b] || a - b);
  for (const i of order.slice(0, Math.min(count, n))) stuck[i] = 1;
  return stuck;
}
