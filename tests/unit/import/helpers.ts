import { readFileSync } from 'node:fs';
import path from 'node:path';
import { importFile, type FileImport, type ImportOptions } from '../../../src/lib/import/index.ts';
import type { DesaRef } from '../../../src/lib/import/desa-lookup.ts';

/** Repository root, from this file (tests/unit/import). */
export const REPO = path.resolve(import.meta.dirname, '../../..');
export const FIXTURES = path.join(REPO, 'tests/fixtures/import');

/** The fixture district: a made-up kabupaten 33.24 with 9 desa in 3 kecamatan (see scripts/make-import-fixtures.ts). */
export const DESA: DesaRef[] = JSON.parse(
  readFileSync(path.join(FIXTURES, 'desa.json'), 'utf8'),
) as DesaRef[];

export function fixture(name: string): Uint8Array {
  return new Uint8Array(readFileSync(path.join(FIXTURES, name)));
}

/** Imports a fixture against the fixture district. */
export function importFixture(name: string, options: Partial<ImportOptions> = {}): Promise<FileImport> {
  return importText(fixture(name), name, options);
}

export function importText(
  input: string | Uint8Array,
  fileName: string,
  options: Partial<ImportOptions> = {},
): Promise<FileImport> {
  const bytes = typeof input === 'string' ? new TextEncoder().encode(input) : input;
  return importFile(bytes, { fileName, kodeKab: '33.24', desa: DESA, ...options });
}

/** Reasons → first rows of a report, for compact assertions. */
export function reasonRows(result: FileImport): Record<string, number[]> {
  return Object.fromEntries(
    Object.entries(result.report.rejected_by_reason).map(([k, v]) => [k, v?.first_rows ?? []]),
  );
}

/** Every string that an output could carry, serialised. */
export function serialise(result: FileImport): string {
  const h = result.households;
  return JSON.stringify({
    report: result.report,
    rows: result.desa_rows,
    households: h && {
      ...h,
      desa: Array.from(h.desa),
      lat: h.lat && Array.from(h.lat),
      source_row: Array.from(h.source_row),
    },
  });
}

/** The 12 invented households of the base fixtures: [desa index in DESA, desil, size, pkh]. */
/** Columns of the household fixtures, as a real extract names them (identifier columns first). */
export const HEADER = [
  'NIK_KRT',
  'NO_KK',
  'NAMA_KRT',
  'ALAMAT',
  'KODE_WILAYAH',
  'KECAMATAN',
  'DESA_KELURAHAN',
  'DESIL_NASIONAL',
  'JUMLAH_ART',
  'LINTANG',
  'BUJUR',
  'PKH',
  'PERIODE',
];

export const BASE_HOUSEHOLDS: [number, number, number, boolean][] = [
  [0, 1, 4, true],
  [0, 2, 3, false],
  [1, 10, 1, false],
  [2, 5, 5, true],
  [3, 1, 2, true],
  [3, 3, 6, false],
  [4, 4, 3, false],
  [5, 7, 4, false],
  [6, 1, 5, true],
  [7, 2, 2, false],
  [8, 9, 3, false],
  [8, 6, 4, false],
];
