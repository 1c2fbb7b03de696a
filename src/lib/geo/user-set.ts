import { sha256Hex } from '../project/checksum.ts';
import { msg } from '../messages/message.ts';
import {
  BoundaryFileError,
  formatBbox,
  insideReference,
  readBoundaryFile,
  type BoundaryFileContent,
  type ReadBoundaryOptions,
} from './boundary-file.ts';
import {
  matchBoundaryDesa,
  proposeBoundaryFields,
  type BoundaryFieldMapping,
  type BoundaryMatchReport,
  type GazetteerRows,
} from './boundary-match.ts';
import { combineDistricts, setCode, setName } from './boundary-set.ts';
import { buildDistrict, type District } from './district.ts';
import { renderDistrictFiles, type DistrictFile } from './district-files.ts';
import { regencyDisplayName } from './gazetteer.ts';
import type { BoundaryManifest } from './types.ts';

/**
 * A user's boundary file as a boundary set, end to end and the same in the app's Worker and the CLI: read
 * (`boundary-file.ts`), columns mapped and desa matched to the gazetteer (`boundary-match.ts`), normalised like
 * the public source (rewound, dissolved to kecamatan and kabupaten, sliver holes removed, enclaves kept:
 * `buildDistrict`, several kabupaten side by side: `combineDistricts`), and rendered into the same files
 * with the same report. Pure: nothing is stored until the caller has the whole result.
 */

/** Inputs of {@link buildUserSet}. */
export interface UserSetInput {
  bytes: Uint8Array;
  fileName: string;
  gazetteer: GazetteerRows;
  /** Kabupaten the file is for, when the user said so. */
  kabupaten?: readonly string[];
  /** Columns chosen by the user (the proposal fills what is left out). */
  mapping?: BoundaryFieldMapping;
  /** Coordinate system chosen for a shapefile without `.prj`. */
  crs?: string;
  /** A kabupaten's known box (its public-source outline), to check a chosen coordinate system; null: unknown. */
  reference?: (kodeKab: string) => [number, number, number, number] | null;
  now: Date;
}

/** A boundary set made from a user's file. */
export interface UserSet {
  kode: string;
  nama: string;
  content: Omit<BoundaryFileContent, 'features'>;
  mapping: BoundaryFieldMapping;
  report: BoundaryMatchReport;
  district: District;
  files: DistrictFile[];
  manifest: BoundaryManifest;
  /** SHA-256 of the file as received. */
  sha256: string;
}

/** Result of {@link buildUserSet}: the set, or the question a `.prj`-less shapefile raises. */
export type UserSetResult =
  { kind: 'set'; set: UserSet } | Extract<ReturnType<typeof readBoundaryFile>, { kind: 'needs_crs' }>;

/**
 * Builds the set (see the module comment).
 *
 * @throws {BoundaryFileError} for a refused file (see `readBoundaryFile`, `matchBoundaryDesa`), and when a
 *   chosen coordinate system puts the set outside its kabupaten.
 */
export function buildUserSet(input: UserSetInput): UserSetResult {
  const options: ReadBoundaryOptions = input.crs ? { crs: input.crs } : {};
  const read = readBoundaryFile(input.bytes, input.fileName, options);
  if (read.kind === 'needs_crs') return read;
  const content = read.content;
  const mapping = { ...proposeBoundaryFields(content.features, content.fields), ...(input.mapping ?? {}) };
  const { kabupaten, report } = matchBoundaryDesa(
    content.features,
    content.fields,
    mapping,
    input.gazetteer,
    {
      fileName: input.fileName,
      ...(input.kabupaten ? { kabupaten: input.kabupaten } : {}),
    },
  );
  if (content.crsSource === 'chosen' && input.reference)
    for (const k of kabupaten) {
      const ref = input.reference(k.kodeKab);
      const b = k.desa.reduce<[number, number, number, number]>(
        (acc, d) => {
          const polygons = d.geometry.type === 'Polygon' ? [d.geometry.coordinates] : d.geometry.coordinates;
          for (const p of polygons)
            for (const [x, y] of p[0]) {
              acc[0] = Math.min(acc[0], x);
              acc[1] = Math.min(acc[1], y);
              acc[2] = Math.max(acc[2], x);
              acc[3] = Math.max(acc[3], y);
            }
          return acc;
        },
        [Infinity, Infinity, -Infinity, -Infinity],
      );
      if (ref && !insideReference(b, ref))
        throw new BoundaryFileError(
          msg('geo.file.outsideKabupaten', {
            file: input.fileName,
            crs: content.crs,
            kab: regencyDisplayName(k.gazetteerName),
            bbox: formatBbox(b),
          }),
        );
    }
  const parts = kabupaten.map((k) =>
    buildDistrict({
      kodeKab: k.kodeKab,
      namaKab: regencyDisplayName(k.gazetteerName),
      desa: k.desa,
      kecamatanName: (kode) => k.kecamatanNames.get(kode),
    }),
  );
  const kode = setCode(kabupaten.map((k) => k.kodeKab));
  const nama = setName(parts.map((p) => p.kabupaten.features[0].properties));
  const district = parts.length === 1 ? parts[0] : combineDistricts(parts, { kode, nama });
  const sha256 = sha256Hex(input.bytes);
  const { files, manifest } = renderDistrictFiles(district, {
    demo: false,
    source: {
      name: 'berkas pengguna',
      location: input.fileName,
      commit: null,
      file: content.layer ? `${input.fileName} (${content.layer})` : input.fileName,
      sha256,
      checksum_status: 'recorded',
      licence: 'sesuai pemberi berkas',
    },
    validation: {
      unknown_in_gazetteer: [...report.unknown_in_gazetteer, ...district.unnamed_kecamatan].sort(),
      missing_from_source: report.missing_from_source,
      name_differences: report.name_differences,
      parse_warnings: [],
      match: {
        features: report.features,
        matched_by_code: report.matched_by_code,
        matched_by_name: report.matched_by_name,
        bps_codes: report.bps_codes,
        unmatched: report.unmatched,
        merged: report.merged,
        crs: content.crs,
      },
    },
    generated_at: input.now.toISOString(),
  });
  const { features: _features, ...rest } = content;
  return {
    kind: 'set',
    set: { kode, nama, content: rest, mapping, report, district, files, manifest, sha256 },
  };
}
