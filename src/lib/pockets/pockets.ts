import type { AreaGeometry } from '../geo/types.ts';
import { pocketNames, type KecamatanShare } from './naming.ts';
import { geometryBbox } from './outline.ts';
import { pocketId } from './pocket-id.ts';

/** The desa facts a pocket report names. */
export interface DesaInfo {
  kode_desa: string;
  nama_desa: string;
  kode_kec: string;
  nama_kec: string;
}

/** Units (desa or hexagons) with the figures pocket totals add up. */
export interface PocketUnits {
  unit: 'desa' | 'hex';
  /** H3 resolution for hexagons, null for desa. */
  resolution: number | null;
  /** Code of each unit: kode_desa or H3 index. */
  codes: readonly string[];
  households: ArrayLike<number>;
  /** Desil-1 households. */
  desil1: ArrayLike<number>;
  /** Area in km² (a hexagon's area inside the kabupaten). */
  areaKm2: ArrayLike<number>;
  /** Desa each unit touches, CSR: `touchDesa[touchOffsets[u]] … touchDesa[touchOffsets[u + 1] − 1]`. */
  touchOffsets: ArrayLike<number>;
  touchDesa: ArrayLike<number>;
  /** The unit's own desa (itself for a desa; the desa under a hexagon's centre), −1 when none. */
  primaryDesa: ArrayLike<number>;
  desa: readonly DesaInfo[];
}

/** One poverty pocket (kantong kemiskinan): plain data, ready for `postMessage`, GeoJSON and CSV. */
export interface Pocket {
  /** Stable id from the members (`pocketId`). */
  id: string;
  /** "Kantong Plantungan–Sukorejo 1". */
  name: string;
  /** 1 = most desil-1 households. */
  rank: number;
  unit: 'desa' | 'hex';
  resolution: number | null;
  /** Member unit codes, ascending. */
  members: string[];
  /** Positions of the members in the unit list given. */
  memberIndex: number[];
  units: number;
  households: number;
  desil1: number;
  /** desil1 / households. */
  share: number;
  areaKm2: number;
  /** Desa touched, by code. */
  desa: { kode_desa: string; nama_desa: string }[];
  /** Kecamatan touched, by code. */
  kecamatan: { kode_kec: string; nama_kec: string }[];
  /** [minLon, minLat, maxLon, maxLat] of the outline. */
  bbox: [number, number, number, number];
  outline: AreaGeometry;
}

/**
 * Assembles pockets from groups of unit indices (`selectedComponents`): totals
 *
 *   households = Σ h_u,  desil1 = Σ d1_u,  share = desil1 / households,  area = Σ area_u  over members u,
 *
 * the desa and kecamatan touched (the union of the members' touched desa), a name after the kecamatan
 * ordered by the desil-1 households of the members whose own desa lies in each (`pocketNames`), a stable id
 * (`pocketId`) and the outline from `outlineOf`. Pockets are ranked by desil-1 households (then households,
 * then id), which is also the order of the list in the app.
 */
export function assemblePockets(
  units: PocketUnits,
  groups: ReadonlyArray<ArrayLike<number>>,
  outlineOf: (members: number[]) => AreaGeometry,
): Pocket[] {
  const prefix = units.unit === 'desa' ? 'desa' : `h${units.resolution}`;
  const draft = groups.map((group) => {
    const members = Array.from(group).sort((a, b) => a - b);
    let households = 0;
    let desil1 = 0;
    let areaKm2 = 0;
    const touched = new Set<number>();
    const kecWeight = new Map<string, number>();
    for (const u of members) {
      households += units.households[u];
      desil1 += units.desil1[u];
      areaKm2 += units.areaKm2[u];
      for (let p = units.touchOffsets[u]; p < units.touchOffsets[u + 1]; p++) touched.add(units.touchDesa[p]);
      const own = units.primaryDesa[u];
      if (own >= 0) {
        touched.add(own);
        const kode = units.desa[own].kode_kec;
        kecWeight.set(kode, (kecWeight.get(kode) ?? 0) + units.desil1[u]);
      }
    }
    const desaList = [...touched]
      .map((d) => units.desa[d])
      .sort((a, b) => (a.kode_desa < b.kode_desa ? -1 : 1));
    const kecamatan = new Map<string, KecamatanShare>();
    for (const d of desaList)
      if (!kecamatan.has(d.kode_kec))
        kecamatan.set(d.kode_kec, {
          kode_kec: d.kode_kec,
          nama_kec: d.nama_kec,
          weight: kecWeight.get(d.kode_kec) ?? 0,
        });
    const codes = members.map((u) => units.codes[u]).sort();
    return {
      id: pocketId(prefix, codes),
      members: codes,
      memberIndex: members,
      households,
      desil1,
      areaKm2,
      desaList,
      kecamatan: [...kecamatan.values()],
    };
  });
  draft.sort(
    (a, b) => b.desil1 - a.desil1 || b.households - a.households || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
  const names = pocketNames(draft.map((d) => d.kecamatan));
  return draft.map((d, r): Pocket => {
    const outline = outlineOf(d.memberIndex);
    return {
      id: d.id,
      name: names[r],
      rank: r + 1,
      unit: units.unit,
      resolution: units.resolution,
      members: d.members,
      memberIndex: d.memberIndex,
      units: d.members.length,
      households: d.households,
      desil1: d.desil1,
      share: d.households > 0 ? d.desil1 / d.households : 0,
      areaKm2: d.areaKm2,
      desa: d.desaList.map(({ kode_desa, nama_desa }) => ({ kode_desa, nama_desa })),
      kecamatan: d.kecamatan
        .map(({ kode_kec, nama_kec }) => ({ kode_kec, nama_kec }))
        .sort((a, b) => (a.kode_kec < b.kode_kec ? -1 : 1)),
      bbox: geometryBbox(outline),
      outline,
    };
  });
}
