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
  // A user's set comes from IndexedDB, a built one from `geo/<folder>/` (see `boundary-store.ts`).
  const get = async <T>(name: string): Promise<T> => JSON.parse(await read(baseUrl, folder, name)) as T;
  const [desa, kecamatan, kabupaten] = await Promise.all([
    get<DesaCollection>('desa.json'),
    get<KecamatanCollection>('kecamatan.json'),
    get<KabupatenCollection>('kabupaten.json'),
  ]);
  return { desa, kecamatan, kabupaten };
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
