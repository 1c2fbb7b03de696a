import { luasKm2 } from './geodesic-area.ts';
import { removeSliverHoles, SLIVER_HOLE_MAX_M2, unionAll } from './dissolve.ts';
import type { District, HoleSummary } from './district.ts';
import { regencyDisplayName } from './gazetteer.ts';
import { parseSetCode } from '../region/kab-filter.ts';

// The set syntax is one rule for `?kab=`, `geo --kab` and every command's `--kab` (kept with the latter).
export { parseSetCode };

/**
 * Boundary sets of several kabupaten/kota (a list, or a whole province): each kabupaten is built on its own
 * (`buildDistrict`: desa, kecamatan dissolved from desa, kabupaten from kecamatan), then the parts are put side
 * by side — desa and kecamatan codes never collide across kabupaten — and the set's outline is the union of
 * the kabupaten outlines with sliver holes removed, so that hexagons are clipped to the whole set rather than
 * to one kabupaten. Pure.
 */

/**
 * The code of a set: one kabupaten keeps its code (`33.24`), a whole province is its 2-digit code (`33`), a
 * list is its sorted codes joined with `+` (`33.24+33.25`) — usable as a folder name and in a link.
 */
export function setCode(kabupaten: readonly string[], province?: string): string {
  const sorted = [...new Set(kabupaten)].sort();
  if (province) return province;
  return sorted.join('+');
}

/** The display name of a set: the province's for a whole province, else the kabupaten names joined. */
export function setName(parts: readonly { nama_kab: string }[], provinceName?: string): string {
  if (provinceName) return `Provinsi ${regencyDisplayName(provinceName)}`;
  return parts.map((p) => p.nama_kab).join(', ');
}

/**
 * Puts built kabupaten side by side as one set (see the module comment). The parts must be distinct
 * kabupaten; they are ordered by code, so desa indices run kabupaten by kabupaten, each sorted by code.
 *
 * @throws {Error} for no parts or a kabupaten given twice.
 */
export function combineDistricts(
  parts: readonly District[],
  set: { kode: string; nama: string },
  minHoleM2 = SLIVER_HOLE_MAX_M2,
): District {
  if (parts.length === 0) throw new Error('combineDistricts: no kabupaten');
  const sorted = [...parts].sort((a, b) => (kodeOf(a) < kodeOf(b) ? -1 : 1));
  const codes = sorted.map(kodeOf);
  if (new Set(codes).size !== codes.length) throw new Error(`combineDistricts: a kabupaten twice (${codes})`);
  const merge = (level: 'kecamatan' | 'kabupaten'): HoleSummary => ({
    removed: sorted.reduce((n, p) => n + p.holes[level].removed, 0),
    largest_removed_m2: Math.max(...sorted.map((p) => p.holes[level].largest_removed_m2)),
    removed_m2: sorted.reduce((n, p) => n + p.holes[level].removed_m2, 0),
    kept: sorted.flatMap((p) => p.holes[level].kept),
  });
  const outline = removeSliverHoles(
    unionAll(sorted.flatMap((p) => p.kabupaten.features.map((f) => f.geometry))),
    minHoleM2,
  );
  const b = sorted.map((p) => p.bbox);
  return {
    desa: { type: 'FeatureCollection', features: sorted.flatMap((p) => p.desa.features) },
    kecamatan: { type: 'FeatureCollection', features: sorted.flatMap((p) => p.kecamatan.features) },
    kabupaten: { type: 'FeatureCollection', features: sorted.flatMap((p) => p.kabupaten.features) },
    holes: { kecamatan: merge('kecamatan'), kabupaten: merge('kabupaten') },
    unnamed_kecamatan: sorted.flatMap((p) => p.unnamed_kecamatan),
    counts: {
      desa: sorted.reduce((n, p) => n + p.counts.desa, 0),
      kelurahan: sorted.reduce((n, p) => n + p.counts.kelurahan, 0),
      kecamatan: sorted.reduce((n, p) => n + p.counts.kecamatan, 0),
    },
    bbox: [
      Math.min(...b.map((x) => x[0])),
      Math.min(...b.map((x) => x[1])),
      Math.max(...b.map((x) => x[2])),
      Math.max(...b.map((x) => x[3])),
    ],
    set: {
      kode: set.kode,
      nama: set.nama,
      outline: outline.geometry,
      holes: {
        removed: outline.removed,
        largest_removed_m2: outline.largest_removed_m2,
        removed_m2: outline.removed_m2,
        kept: outline.kept.map((h) => ({ kode: set.kode, ...h })),
      },
    },
  };
}

function kodeOf(d: District): string {
  return d.kabupaten.features[0].properties.kode_kab;
}

/**
 * Overlaps and gaps between neighbouring units, measured from areas the dissolve already has (no pairwise
 * intersection): gaps = area of the sliver holes the outlines closed (at kecamatan, kabupaten and set level);
 * overlaps = Σ desa area − (outline area − gaps), i.e. what the desa cover more than once. Gaps that open to the
 * outside of the set are not holes and are not counted. In km², to 4 decimals.
 */
export function overlapsAndGaps(district: District): { overlaps_km2: number; gaps_km2: number } {
  const desa = district.desa.features.reduce((a, f) => a + f.properties.luas_km2, 0);
  const outline = district.set
    ? luasKm2(district.set.outline)
    : district.kabupaten.features.reduce((a, f) => a + f.properties.luas_km2, 0);
  const gaps =
    (district.holes.kecamatan.removed_m2 +
      district.holes.kabupaten.removed_m2 +
      (district.set?.holes.removed_m2 ?? 0)) /
    1e6;
  const round = (v: number) => Math.round(v * 1e4) / 1e4;
  return { overlaps_km2: round(Math.max(0, desa - (outline - gaps))), gaps_km2: round(gaps) };
}
