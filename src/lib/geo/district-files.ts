import { displayCopy, DISPLAY_DECIMALS, DISPLAY_TOLERANCE_DEG } from './display.ts';
import { overlapsAndGaps } from './boundary-set.ts';
import type { District } from './district.ts';
import type { BoundaryManifest, SetMember } from './types.ts';
import { CONTIGUITY_FILE, contiguityFileOf } from '../weights/contiguity-file.ts';

/**
 * Serialises a built district into the files of `public/geo/<kab>/`: full-resolution `desa.json`,
 * `kecamatan.json`, `kabupaten.json`, their `.display.json` copies for the map, the levels' tolerant
 * contiguity at the default tolerance (`contiguity.json`, see `contiguityFileOf`), and `manifest.json`.
 * Pure: returns the texts; writing them (atomically) is `src/node/geo-files.ts`.
 */

/** One file to write, relative to the district folder. */
export interface DistrictFile {
  name: string;
  text: string;
}

/** Everything {@link renderDistrictFiles} needs besides the district. */
export interface ManifestInput {
  source: BoundaryManifest['source'];
  demo: boolean;
  validation: Omit<BoundaryManifest['validation'], 'sliver_holes_removed' | 'holes_kept' | 'holes'>;
  generated_at: string;
  /** Display simplification tolerance in degrees (default {@link DISPLAY_TOLERANCE_DEG}). */
  displayToleranceDeg?: number;
  /** Display copies made elsewhere (a set's, by mapshaper), by level, instead of {@link displayCopy}. */
  display?: Partial<Record<'desa' | 'kecamatan' | 'kabupaten', string>>;
  /** More files of the set (e.g. the overview display copy), listed in the manifest like the others. */
  extraFiles?: DistrictFile[];
}

/** The kabupaten of a district with their counts and boxes (`BoundaryManifest.kabupaten`). */
export function setMembers(district: District): SetMember[] {
  return district.kabupaten.features.map((k) => {
    const b: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
    for (const d of district.desa.features) {
      if (d.properties.kode_kab !== k.properties.kode_kab) continue;
      const polygons = d.geometry.type === 'Polygon' ? [d.geometry.coordinates] : d.geometry.coordinates;
      for (const p of polygons)
        for (const [x, y] of p[0]) {
          if (x < b[0]) b[0] = x;
          if (y < b[1]) b[1] = y;
          if (x > b[2]) b[2] = x;
          if (y > b[3]) b[3] = y;
        }
    }
    return {
      kode_kab: k.properties.kode_kab,
      nama_kab: k.properties.nama_kab,
      jumlah_kec: k.properties.jumlah_kec,
      jumlah_desa: k.properties.jumlah_desa,
      bbox: b,
    };
  });
}

const encoder = new TextEncoder();

/** Size of a text in bytes as UTF-8. */
export function byteLength(text: string): number {
  return encoder.encode(text).length;
}

/**
 * Renders the eight files (nine with a set's outline, and `input.extraFiles`). Geometry and contiguity files
 * are compact JSON; the manifest is indented for people. The manifest's `files` lists the others with their
 * byte sizes (it cannot list its own).
 */
export function renderDistrictFiles(
  district: District,
  input: ManifestInput,
): { files: DistrictFile[]; manifest: BoundaryManifest } {
  const tolerance = input.displayToleranceDeg ?? DISPLAY_TOLERANCE_DEG;
  const levels = [
    ['desa', district.desa],
    ['kecamatan', district.kecamatan],
    ['kabupaten', district.kabupaten],
  ] as const;
  const files: DistrictFile[] = [];
  for (const [name, collection] of levels) {
    files.push({ name: `${name}.json`, text: JSON.stringify(collection) });
  }
  if (district.set)
    files.push({
      name: 'outline.json',
      text: JSON.stringify({
        type: 'FeatureCollection',
        features: [
          {
            type: 'Feature',
            properties: { kode: district.set.kode, nama: district.set.nama },
            geometry: district.set.outline,
          },
        ],
      }),
    });
  // Display copies of a set come from `input.display` (topology-preserving, made at build time in Node).
  for (const [name, collection] of levels) {
    files.push({
      name: `${name}.display.json`,
      text:
        input.display?.[name] ??
        JSON.stringify(displayCopy<unknown>(collection, tolerance, DISPLAY_DECIMALS)),
    });
  }
  files.push({ name: CONTIGUITY_FILE, text: JSON.stringify(contiguityFileOf(district)) });
  for (const extra of input.extraFiles ?? []) files.push(extra);
  const kab = district.set ?? {
    kode: district.kabupaten.features[0].properties.kode_kab,
    nama: district.kabupaten.features[0].properties.nama_kab,
  };
  const h = district.holes;
  const manifest: BoundaryManifest = {
    kode_kab: kab.kode,
    nama_kab: kab.nama,
    demo: input.demo,
    source: input.source,
    counts: district.counts,
    bbox: district.bbox,
    kabupaten: setMembers(district),
    files: Object.fromEntries(files.map((f) => [f.name, byteLength(f.text)])),
    validation: {
      ...input.validation,
      ...overlapsAndGaps(district),
      sliver_holes_removed: h.kecamatan.removed + h.kabupaten.removed,
      holes_kept: h.kecamatan.kept.length + h.kabupaten.kept.length,
      holes: {
        kecamatan: {
          removed: h.kecamatan.removed,
          largest_removed_ha: round(h.kecamatan.largest_removed_m2 / 10_000, 4),
          kept: h.kecamatan.kept.map((k) => ({ kode: k.kode, area_ha: round(k.area_m2 / 10_000, 2) })),
        },
        kabupaten: {
          removed: h.kabupaten.removed,
          largest_removed_ha: round(h.kabupaten.largest_removed_m2 / 10_000, 4),
          kept: h.kabupaten.kept.map((k) => ({ kode: k.kode, area_ha: round(k.area_m2 / 10_000, 2) })),
        },
      },
    },
    generated_at: input.generated_at,
  };
  files.push({ name: 'manifest.json', text: `${JSON.stringify(manifest, null, 2)}\n` });
  return { files, manifest };
}

function round(value: number, decimals: number): number {
  const f = 10 ** decimals;
  return Math.round(value * f) / f;
}
