/**
 * The full-precision boundary files of the district open in the app, read by the Workers themselves: the map
 * draws simplified display copies, but statistics, hexbins and joins use these, as the CLI does.
 */
import type {
  AreaGeometry,
  DesaCollection,
  KabupatenCollection,
  KecamatanCollection,
} from '../lib/geo/types.ts';
import { boundaryText } from '../state/boundary-store.ts';

/** The full-precision boundaries of a district, as in `public/geo/<folder>/`. */
export interface DistrictGeometry {
  desa: DesaCollection;
  kecamatan: KecamatanCollection;
  kabupaten: KabupatenCollection;
}

/** Reads one file of a boundary set: `boundaryText` in the app, another reader in tests. */
export type BoundaryReader = (baseUrl: string, folder: string, name: string) => Promise<string>;

/** Reads the full-precision boundary files of `geo/<folder>/` under `baseUrl` (the app's base). */
export async function fetchDistrictGeometry(
  baseUrl: string,
  folder: string,
  read: BoundaryReader = boundaryText,
): Promise<DistrictGeometry> {
  const [desa, kecamatan, kabupaten] = await Promise.all([
    boundaryFile<DesaCollection>(baseUrl, folder, 'desa.json', read),
    boundaryFile<KecamatanCollection>(baseUrl, folder, 'kecamatan.json', read),
    boundaryFile<KabupatenCollection>(baseUrl, folder, 'kabupaten.json', read),
  ]);
  return { desa, kecamatan, kabupaten };
}

/** One full-precision boundary file of `geo/<folder>/`, parsed. */
export async function boundaryFile<T>(
  baseUrl: string,
  folder: string,
  name: 'desa.json' | 'kecamatan.json' | 'kabupaten.json',
  read: BoundaryReader = boundaryText,
): Promise<T> {
  // A user's set comes from IndexedDB, a built one from `geo/<folder>/` (see `boundary-store.ts`).
  return JSON.parse(await read(baseUrl, folder, name)) as T;
}

/** The kabupaten outline (one geometry: several features — a multi-kabupaten set — become one MultiPolygon). */
export function kabupatenOutline(kabupaten: KabupatenCollection): AreaGeometry {
  const outlines = kabupaten.features.map((f) => f.geometry);
  return outlines.length === 1
    ? outlines[0]
    : {
        type: 'MultiPolygon',
        coordinates: outlines.flatMap((g) => (g.type === 'Polygon' ? [g.coordinates] : g.coordinates)),
      };
}
