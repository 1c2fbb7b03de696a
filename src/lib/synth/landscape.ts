import type { DesaFeature } from '../geo/types.ts';
import type { SeededRandom } from '../random.ts';
import type { CalibrationProfile } from './calibration.ts';
import {
  distanceKm,
  KM_PER_DEGREE_LAT,
  kmPerDegreeLon,
  placementArea,
  randomPointInArea,
  type PlacementArea,
} from './placement.ts';

/** A poverty pocket: a Gaussian dip of welfare around a centre. */
export interface Pocket {
  lon: number;
  lat: number;
  /** Standard deviation of the Gaussian, km (the pocket is about 4σ across). */
  sigmaKm: number;
  /** Welfare drop at the centre, in units of the household noise SD. */
  depth: number;
}

/** Knobs of the welfare landscape. Welfare is in units of the household-level noise SD (which is 1). */
export interface LandscapeParameters {
  /** Welfare drop at the poorest end of the smooth trend. */
  trendDepth: number;
  /** Kernel bandwidth (km) of the trend around the profile's poorer kecamatan. */
  trendBandwidthKm: number;
  /** Welfare lift of kelurahan (urban) over desa. */
  kelurahanLift: number;
  /** SD of a desa's own welfare effect. */
  desaEffectSd: number;
  /** SD of a hamlet's own welfare effect. */
  hamletEffectSd: number;
  /** Number of pockets, drawn uniformly in [min, max]. */
  pocketCount: [number, number];
  /** Pocket σ (km), drawn uniformly in [min, max]. */
  pocketSigmaKm: [number, number];
  /** Pocket depth, drawn uniformly in [min, max]. */
  pocketDepth: [number, number];
}

/**
 * Defaults: pockets 4–6, σ 1.5–3 km (spanning several desa of a few km² each), depth 0.5–0.7 SD. Depths
 * are kept so that where the trend and a pocket overlap a desa reaches about 35–45% in desil 1 with the
 * kabupaten near 9%: deeper settings gave single desa above 60%, which no real extract shows and which
 * would make the synthetic map's legend misleading.
 */
export const DEFAULT_LANDSCAPE: LandscapeParameters = {
  trendDepth: 0.6,
  trendBandwidthKm: 5,
  kelurahanLift: 0.3,
  desaEffectSd: 0.2,
  hamletEffectSd: 0.1,
  pocketCount: [4, 6],
  pocketSigmaKm: [1.5, 3],
  pocketDepth: [0.5, 0.7],
};

/** Where households live and how well off each place is, before any household is drawn. */
export interface Landscape {
  /** Placement areas of the desa (same order as the desa list). */
  areas: PlacementArea[];
  /** Hamlets of desa i are `hamletStart[i] … hamletStart[i+1] − 1`. */
  hamletStart: Uint32Array;
  hamletLon: Float64Array;
  hamletLat: Float64Array;
  /** Share of its desa's households living in each hamlet (sums to 1 per desa). */
  hamletShare: Float64Array;
  /** SD of the scatter of houses around the hamlet centre, km. */
  hamletSpreadKm: Float64Array;
  /** Smooth trend at the hamlet centre, in [0, 1] (1 = poorest side). */
  hamletTrend: Float64Array;
  /** Sum of the pocket dips at the hamlet centre (0 = outside every pocket). */
  hamletPocket: Float64Array;
  /** Welfare offset of the hamlet's households (higher = better off). */
  hamletWelfare: Float64Array;
  pockets: Pocket[];
}

/**
 * Builds the welfare landscape of a district. For a hamlet h of desa i:
 *
 * welfareₕ = −trendDepth·trend(h) − Σₚ depthₚ·exp(−d(h,p)²/(2σₚ²)) + kelurahanLift·[i is kelurahan] + aᵢ + bₕ,
 * aᵢ ~ N(0, desaEffectSd²), bₕ ~ N(0, hamletEffectSd²).
 *
 * trend(h): with poorer kecamatan in the profile, the largest Gaussian kernel exp(−d²/(2·bw²)) over their
 * centres (bw = `trendBandwidthKm`), so each listed kecamatan is a peak of about 1 and the surface falls
 * smoothly away from them; otherwise the position of h along a seeded direction, scaled to [0, 1]. Pockets are centred on seeded hamlets, kept apart by at least
 * 1.5·(σₐ + σ_b) so they stay distinct; fewer fit in a small district.
 *
 * Hamlets: 3–6 per desa (more in larger ones), centres uniform inside the desa polygon, unequal sizes.
 *
 * @param desa desa features (any order; the result follows it)
 * @param rng the layout stream
 */
export function buildLandscape(
  desa: readonly DesaFeature[],
  profile: CalibrationProfile,
  rng: SeededRandom,
  parameters: Partial<LandscapeParameters> = {},
): Landscape {
  const p = { ...DEFAULT_LANDSCAPE, ...parameters };
  const areas = desa.map((d) => placementArea(d.geometry));
  const hamletStart = new Uint32Array(desa.length + 1);
  const counts = desa.map((d) => {
    const base = Math.round(1.5 + Math.sqrt(Math.max(d.properties.luas_km2 || 0, 0)));
    return Math.min(6, Math.max(3, base + rng.int(0, 1)));
  });
  for (let i = 0; i < desa.length; i++) hamletStart[i + 1] = hamletStart[i] + counts[i];
  const n = hamletStart[desa.length];
  const hamletLon = new Float64Array(n);
  const hamletLat = new Float64Array(n);
  const hamletShare = new Float64Array(n);
  const hamletSpreadKm = new Float64Array(n);
  const hamletDesa = new Uint32Array(n);
  for (let i = 0; i < desa.length; i++) {
    const from = hamletStart[i];
    const to = hamletStart[i + 1];
    let shareSum = 0;
    const spread = Math.min(
      0.6,
      Math.max(0.1, 0.3 * Math.sqrt(Math.max(desa[i].properties.luas_km2 || 0, 0.01) / (to - from))),
    );
    for (let h = from; h < to; h++) {
      const [lon, lat] = randomPointInArea(areas[i], rng);
      hamletLon[h] = lon;
      hamletLat[h] = lat;
      hamletShare[h] = 0.5 + rng.float();
      shareSum += hamletShare[h];
      hamletSpreadKm[h] = spread;
      hamletDesa[h] = i;
    }
    for (let h = from; h < to; h++) hamletShare[h] /= shareSum;
  }

  const hamletTrend = smoothTrend(desa, profile, hamletLon, hamletLat, hamletDesa, p.trendBandwidthKm, rng);
  const pockets = placePockets(hamletLon, hamletLat, p, rng);
  const hamletPocket = new Float64Array(n);
  for (let h = 0; h < n; h++) {
    let dip = 0;
    for (const pocket of pockets) {
      const d = distanceKm(hamletLon[h], hamletLat[h], pocket.lon, pocket.lat);
      dip += pocket.depth * Math.exp(-(d * d) / (2 * pocket.sigmaKm * pocket.sigmaKm));
    }
    hamletPocket[h] = dip;
  }
  const desaEffect = desa.map(() => rng.normal() * p.desaEffectSd);
  const hamletWelfare = new Float64Array(n);
  for (let h = 0; h < n; h++) {
    const i = hamletDesa[h];
    const lift = desa[i].properties.jenis === 'kelurahan' ? p.kelurahanLift : 0;
    hamletWelfare[h] =
      -p.trendDepth * hamletTrend[h] -
      hamletPocket[h] +
      lift +
      desaEffect[i] +
      rng.normal() * p.hamletEffectSd;
  }
  return {
    areas,
    hamletStart,
    hamletLon,
    hamletLat,
    hamletShare,
    hamletSpreadKm,
    hamletTrend,
    hamletPocket,
    hamletWelfare,
    pockets,
  };
}

function smoothTrend(
  desa: readonly DesaFeature[],
  profile: CalibrationProfile,
  lon: Float64Array,
  lat: Float64Array,
  hamletDesa: Uint32Array,
  bandwidthKm: number,
  rng: SeededRandom,
): Float64Array {
  const n = lon.length;
  const trend = new Float64Array(n);
  if (n === 0) return trend;
  // Kernel centres: the mean hamlet position of each poorer kecamatan present in the boundary set.
  const centres: [number, number][] = [];
  for (const kec of profile.poorerKecamatan) {
    let sx = 0;
    let sy = 0;
    let c = 0;
    for (let h = 0; h < n; h++) {
      if (desa[hamletDesa[h]].properties.kode_kec !== kec) continue;
      sx += lon[h];
      sy += lat[h];
      c++;
    }
    if (c > 0) centres.push([sx / c, sy / c]);
  }
  if (centres.length > 0) {
    for (let h = 0; h < n; h++) {
      let s = 0;
      for (const [cx, cy] of centres) {
        const d = distanceKm(lon[h], lat[h], cx, cy);
        s = Math.max(s, Math.exp(-(d * d) / (2 * bandwidthKm * bandwidthKm)));
      }
      trend[h] = s;
    }
  } else {
    const angle = rng.float() * 2 * Math.PI;
    const kmLon = kmPerDegreeLon(lat[0]);
    for (let h = 0; h < n; h++)
      trend[h] = Math.cos(angle) * lon[h] * kmLon + Math.sin(angle) * lat[h] * KM_PER_DEGREE_LAT;
  }
  let min = Infinity;
  let max = -Infinity;
  for (let h = 0; h < n; h++) {
    if (trend[h] < min) min = trend[h];
    if (trend[h] > max) max = trend[h];
  }
  // The kernel surface is scaled by its maximum (0 stays "far from every poorer kecamatan"); the linear trend min–max.
  const low = centres.length > 0 ? 0 : min;
  const range = max - low;
  for (let h = 0; h < n; h++) trend[h] = range > 0 ? (trend[h] - low) / range : 0;
  return trend;
}

function placePockets(
  lon: Float64Array,
  lat: Float64Array,
  p: LandscapeParameters,
  rng: SeededRandom,
): Pocket[] {
  const wanted = rng.int(p.pocketCount[0], p.pocketCount[1]);
  const pockets: Pocket[] = [];
  if (lon.length === 0) return pockets;
  for (let attempt = 0; attempt < 500 && pockets.length < wanted; attempt++) {
    const h = rng.int(0, lon.length - 1);
    const sigmaKm = p.pocketSigmaKm[0] + rng.float() * (p.pocketSigmaKm[1] - p.pocketSigmaKm[0]);
    const depth = p.pocketDepth[0] + rng.float() * (p.pocketDepth[1] - p.pocketDepth[0]);
    const apart = pockets.every(
      (q) => distanceKm(lon[h], lat[h], q.lon, q.lat) >= 1.5 * (sigmaKm + q.sigmaKm),
    );
    if (apart) pockets.push({ lon: lon[h], lat: lat[h], sigmaKm, depth });
  }
  return pockets;
}
