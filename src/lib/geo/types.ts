import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';

/** Properties of one desa/kelurahan feature in `public/geo/<kab>/desa.json`. */
export interface DesaProperties {
  /** Kemendagri code, `33.24.01.2001`. */
  kode_desa: string;
  nama_desa: string;
  /** Kemendagri kecamatan code, `33.24.01`. */
  kode_kec: string;
  nama_kec: string;
  /** Kemendagri kabupaten/kota code, `33.24`. */
  kode_kab: string;
  nama_kab: string;
  /** 1xxx codes are kelurahan, 2xxx desa (Kemendagri convention). */
  jenis: 'desa' | 'kelurahan';
  /** Geodesic area in km² (computed from the polygon; not the statutory area). */
  luas_km2: number;
}

/** Properties of one kecamatan feature in `public/geo/<kab>/kecamatan.json`. */
export interface KecamatanProperties {
  kode_kec: string;
  nama_kec: string;
  kode_kab: string;
  nama_kab: string;
  jumlah_desa: number;
  luas_km2: number;
}

/** Properties of the kabupaten feature in `public/geo/<kab>/kabupaten.json`. */
export interface KabupatenProperties {
  kode_kab: string;
  nama_kab: string;
  jumlah_kec: number;
  jumlah_desa: number;
  luas_km2: number;
}

export type AreaGeometry = Polygon | MultiPolygon;
export type DesaFeature = Feature<AreaGeometry, DesaProperties>;
export type DesaCollection = FeatureCollection<AreaGeometry, DesaProperties>;
export type KecamatanCollection = FeatureCollection<AreaGeometry, KecamatanProperties>;
export type KabupatenCollection = FeatureCollection<AreaGeometry, KabupatenProperties>;

/** `public/geo/<kab>/manifest.json`: where a boundary set came from and what it holds. */
export interface BoundaryManifest {
  kode_kab: string;
  nama_kab: string;
  /** True for the generated demo district: the UI must say so. */
  demo: boolean;
  source: {
    name: string;
    /** URL or local folder the SQL came from; for the demo, the generator and seed. */
    location: string;
    commit: string | null;
    file: string | null;
    sha256: string | null;
    /** 'pinned' when the checksum matched the project's pinned table; 'recorded' when first seen. */
    checksum_status: 'pinned' | 'recorded' | 'none';
    licence: string;
  };
  counts: { desa: number; kelurahan: number; kecamatan: number };
  bbox: [number, number, number, number];
  /**
   * The kabupaten/kota of the set, by code (one for a single kabupaten). A set of several has `kode_kab` = its
   * set code (`33` for a province, `33.24+33.25` for a list) and an `outline.json` (the union of its outlines).
   */
  kabupaten?: SetMember[];
  /** Files written, relative to the manifest's folder, with sizes in bytes. */
  files: Record<string, number>;
  validation: {
    unknown_in_gazetteer: string[];
    missing_from_source: string[];
    name_differences: { kode: string; source: string; gazetteer: string }[];
    /** Interior rings under 1 ha removed while dissolving, kecamatan and kabupaten levels together. */
    sliver_holes_removed: number;
    /** Interior rings of 1 ha or more kept (real enclaves), both levels together. */
    holes_kept: number;
    /** Area covered by more than one desa, km² (see `overlapsAndGaps`). */
    overlaps_km2?: number;
    /** Area of the sliver gaps between desa closed by the outlines, km². */
    gaps_km2?: number;
    /** A user's file: features matched by name, BPS codes seen, features matched to no desa, desa merged. */
    match?: {
      features: number;
      matched_by_code: number;
      matched_by_name: number;
      bps_codes: number;
      unmatched: { feature: number; nama: string; kode: string }[];
      merged: { kode: string; features: number }[];
      crs: string;
    };
    /** Recoverable oddities found while parsing the source (e.g. a row already in [lng,lat] order). */
    parse_warnings?: { line: number; kode: string; message: string }[];
    /** The dissolve per level: holes removed, the largest removed, and each hole kept (unit code, hectares). */
    holes?: Record<'kecamatan' | 'kabupaten', HoleLevelReport>;
  };
  generated_at: string;
}

/** Holes handled while dissolving one level (see `BoundaryManifest.validation.holes`). */
export interface HoleLevelReport {
  removed: number;
  largest_removed_ha: number;
  kept: { kode: string; area_ha: number }[];
}

/** One kabupaten/kota of a boundary set (`BoundaryManifest.kabupaten`). */
export interface SetMember {
  kode_kab: string;
  nama_kab: string;
  jumlah_kec: number;
  jumlah_desa: number;
  bbox: [number, number, number, number];
}

/** `public/geo/index.json`: the districts this installation can open and the one it opens first. */
export interface DistrictIndex {
  default: string;
  districts: DistrictIndexEntry[];
}

/** One boundary set of the index (older indexes have only the first four fields). */
export interface DistrictIndexEntry {
  kode_kab: string;
  nama_kab: string;
  demo: boolean;
  folder: string;
  /** Codes of its kabupaten/kota (several for a set). */
  kabupaten?: string[];
  /** Names of its kabupaten/kota, for the picker's search. */
  kabupaten_names?: string[];
  bbox?: [number, number, number, number];
  jumlah_desa?: number;
}
