import bbox from '@turf/bbox';
import type { Position } from 'geojson';
import { dissolveBy, removeSliverHoles, SLIVER_HOLE_MAX_M2, unionAll } from './dissolve.ts';
import { luasKm2 } from './geodesic-area.ts';
import type {
  AreaGeometry,
  DesaCollection,
  DesaFeature,
  KabupatenCollection,
  KecamatanCollection,
} from './types.ts';

/**
 * Assembles a boundary set (desa, kecamatan, kabupaten) from desa rows: properties, dissolved outlines and
 * the hole report. Pure; the same function builds real districts and the generated demo.
 */

/** A desa as the builder needs it (a parsed SQL row or a generated demo cell). */
export interface DesaInput {
  kode: string;
  nama: string;
  geometry: AreaGeometry;
}

/** Inputs of {@link buildDistrict}. */
export interface DistrictInput {
  kodeKab: string;
  namaKab: string;
  desa: readonly DesaInput[];
  /** Kecamatan name for a code (`33.24.08` → `Kaliwungu`); `undefined` when unknown. */
  kecamatanName: (kodeKec: string) => string | undefined;
  /** Interior rings below this area (m²) are removed from the outlines. Default 1 ha. */
  minHoleM2?: number;
}

/** Holes found while dissolving one level. */
export interface HoleSummary {
  removed: number;
  largest_removed_m2: number;
  /** Total area of the removed holes, m². */
  removed_m2: number;
  kept: { kode: string; area_m2: number; at: Position }[];
}

/** Output of {@link buildDistrict}. */
export interface District {
  desa: DesaCollection;
  kecamatan: KecamatanCollection;
  kabupaten: KabupatenCollection;
  holes: { kecamatan: HoleSummary; kabupaten: HoleSummary };
  /** Kecamatan codes that had no name (named after their code instead). */
  unnamed_kecamatan: string[];
  counts: { desa: number; kelurahan: number; kecamatan: number };
  /** [west, south, east, north] of all desa. */
  bbox: [number, number, number, number];
  /**
   * A set of several kabupaten/kota (see `boundary-set.ts`): its code and name, and its outline (the union of
   * the kabupaten outlines, for clipping hexagons to the whole set). Absent for one kabupaten, whose outline is
   * its `kabupaten` feature.
   */
  set?: { kode: string; nama: string; outline: AreaGeometry; holes: HoleSummary };
}

/** `jenis` from the Kemendagri desa code: the 4-digit part starts with 1 for kelurahan, 2 for desa. */
export function jenisOf(kodeDesa: string): 'desa' | 'kelurahan' {
  return kodeDesa.charAt(9) === '1' ? 'kelurahan' : 'desa';
}

/** Kecamatan code of a desa code: its first three parts (`33.24.08.2011` → `33.24.08`). */
export function kodeKecOf(kodeDesa: string): string {
  return kodeDesa.slice(0, 8);
}

/**
 * Builds the three levels. Kecamatan = union of their desa with sliver holes removed; kabupaten = union
 * of those kecamatan, sliver holes removed again (unioning 20 cleaned outlines instead of ~300 desa gives
 * the same outline about five times faster, because the slivers inside a kecamatan are already gone).
 * Areas are ellipsoidal (`luasKm2`). Features are sorted by code so the files are stable.
 */
export function buildDistrict(input: DistrictInput): District {
  const minHole = input.minHoleM2 ?? SLIVER_HOLE_MAX_M2;
  const sorted = [...input.desa].sort((a, b) => (a.kode < b.kode ? -1 : a.kode > b.kode ? 1 : 0));
  const unnamed = new Set<string>();
  const namaKec = (kode: string): string => {
    const name = input.kecamatanName(kode);
    if (name === undefined) unnamed.add(kode);
    return name ?? `Kecamatan ${kode}`;
  };

  const desaFeatures: DesaFeature[] = sorted.map((d) => ({
    type: 'Feature',
    properties: {
      kode_desa: d.kode,
      nama_desa: d.nama,
      kode_kec: kodeKecOf(d.kode),
      nama_kec: namaKec(kodeKecOf(d.kode)),
      kode_kab: input.kodeKab,
      nama_kab: input.namaKab,
      jenis: jenisOf(d.kode),
      luas_km2: luasKm2(d.geometry),
    },
    geometry: d.geometry,
  }));

  const units = dissolveBy(
    sorted,
    (d) => kodeKecOf(d.kode),
    (d) => d.geometry,
    minHole,
  );
  const kecHoles: HoleSummary = { removed: 0, largest_removed_m2: 0, removed_m2: 0, kept: [] };
  const kecamatan: KecamatanCollection = {
    type: 'FeatureCollection',
    features: units.map((u) => {
      kecHoles.removed += u.cleanup.removed;
      kecHoles.removed_m2 += u.cleanup.removed_m2;
      kecHoles.largest_removed_m2 = Math.max(kecHoles.largest_removed_m2, u.cleanup.largest_removed_m2);
      for (const h of u.cleanup.kept) kecHoles.kept.push({ kode: u.key, ...h });
      return {
        type: 'Feature',
        properties: {
          kode_kec: u.key,
          nama_kec: namaKec(u.key),
          kode_kab: input.kodeKab,
          nama_kab: input.namaKab,
          jumlah_desa: u.members,
          luas_km2: luasKm2(u.geometry),
        },
        geometry: u.geometry,
      };
    }),
  };

  const kab = removeSliverHoles(unionAll(units.map((u) => u.geometry)), minHole);
  const kabupaten: KabupatenCollection = {
    type: 'FeatureCollection',
    features: [
      {
        type: 'Feature',
        properties: {
          kode_kab: input.kodeKab,
          nama_kab: input.namaKab,
          jumlah_kec: units.length,
          jumlah_desa: desaFeatures.length,
          luas_km2: luasKm2(kab.geometry),
        },
        geometry: kab.geometry,
      },
    ],
  };

  const kelurahan = desaFeatures.filter((f) => f.properties.jenis === 'kelurahan').length;
  return {
    desa: { type: 'FeatureCollection', features: desaFeatures },
    kecamatan,
    kabupaten,
    holes: {
      kecamatan: kecHoles,
      kabupaten: {
        removed: kab.removed,
        largest_removed_m2: kab.largest_removed_m2,
        removed_m2: kab.removed_m2,
        kept: kab.kept.map((h) => ({ kode: input.kodeKab, ...h })),
      },
    },
    unnamed_kecamatan: [...unnamed].sort(),
    counts: { desa: desaFeatures.length - kelurahan, kelurahan, kecamatan: units.length },
    bbox: bbox({ type: 'FeatureCollection', features: desaFeatures }) as [number, number, number, number],
  };
}
