import type { FeatureCollection, Point } from 'geojson';
import type {
  BoundaryManifest,
  DesaCollection,
  DesaProperties,
  DistrictIndex,
  KabupatenCollection,
  KecamatanCollection,
  KecamatanProperties,
} from '../lib/geo/types.ts';
import { labelPoints } from '../lib/geo/label-points.ts';
import { parseSetCode, setCode } from '../lib/geo/boundary-set.ts';
import { msg, type Message } from '../lib/messages/message.ts';
import { fetchJson } from './fetch.ts';
import { boundaryText, listUserSets } from './boundary-store.ts';
import { desaDetailFile, hasLazyDesa } from '../lib/geo/lazy-desa.ts';

export type LabelCollection = FeatureCollection<Point, { kode: string; nama: string }>;

/**
 * The district open in the app: its boundaries (display copies), label anchors and lookups. Which district
 * comes from `geo/index.json`: the one asked for (`?kab=`: a code in either form, a province, a list — see
 * `parseSetCode`), else the index's default, else the committed demo district (a fresh clone that was never
 * prepared). A `?kab=` the index does not hold is not replaced by another district: the status is `unknown`,
 * with the reason, and the app offers the district picker.
 */
export class DistrictState {
  status = $state<'loading' | 'ready' | 'error' | 'unknown'>('loading');
  error = $state<string | null>(null);
  /** Why the `?kab=` asked for cannot be opened (status `unknown`). */
  unknown = $state.raw<Message | null>(null);
  folder = $state<string | null>(null);
  index = $state.raw<DistrictIndex | null>(null);
  manifest = $state.raw<BoundaryManifest | null>(null);
  /** The desa drawn are the set's overview copy; detail per kabupaten is loaded by {@link desaDetail}. */
  lazyDesa = $state(false);
  desa = $state.raw<DesaCollection | null>(null);
  kecamatan = $state.raw<KecamatanCollection | null>(null);
  kabupaten = $state.raw<KabupatenCollection | null>(null);
  desaLabels = $state.raw<LabelCollection | null>(null);
  kecamatanLabels = $state.raw<LabelCollection | null>(null);

  readonly desaByKode = $derived(
    new Map((this.desa?.features ?? []).map((f) => [f.properties.kode_desa, f.properties])),
  );
  readonly kecamatanByKode = $derived(
    new Map((this.kecamatan?.features ?? []).map((f) => [f.properties.kode_kec, f.properties])),
  );

  async load(requested?: string | null): Promise<void> {
    try {
      const built = await fetchJson<DistrictIndex>('geo/index.json').catch((): DistrictIndex => ({
        default: 'demo',
        districts: [],
      }));
      // Sets the user imported (IndexedDB) are listed after the built ones.
      const index: DistrictIndex = { ...built, districts: [...built.districts, ...(await listUserSets())] };
      const find = (key: string | null | undefined) =>
        key ? index.districts.find((d) => d.kode_kab === key || d.folder === key) : undefined;
      if (requested) {
        const set = parseSetCode(requested);
        const key = !set ? null : set.kind === 'province' ? set.province : setCode(set.codes);
        if (!find(requested) && !find(key)) {
          this.index = index;
          this.unknown = set
            ? msg('geo.set.notBuilt', { kab: requested })
            : msg('geo.set.unknownKab', { kab: requested });
          this.status = 'unknown';
          return;
        }
        requested = find(requested) ? requested : key;
      }
      const folder = (find(requested) ?? find(index.default))?.folder ?? 'demo';
      const base = document.baseURI;
      const read = async <T>(name: string): Promise<T> =>
        JSON.parse(await boundaryText(base, folder, name)) as T;
      // A set built with lazy desa files (a province) opens with the light overview copy and label anchors
      // computed at build time; the map loads each kabupaten's detailed desa when zoomed in (`lazy-desa.ts`).
      const manifest = await read<BoundaryManifest>('manifest.json');
      const lazy = hasLazyDesa(manifest);
      const [desa, kecamatan, kabupaten, desaLabels, kecamatanLabels] = await Promise.all([
        read<DesaCollection>(lazy ? 'desa.overview.json' : 'desa.display.json'),
        read<KecamatanCollection>('kecamatan.display.json'),
        read<KabupatenCollection>('kabupaten.display.json'),
        lazy ? read<LabelCollection>('desa.labels.json') : null,
        lazy ? read<LabelCollection>('kecamatan.labels.json') : null,
      ]);
      this.index = index;
      this.folder = folder;
      this.manifest = manifest;
      this.lazyDesa = lazy;
      this.desa = desa;
      this.kecamatan = kecamatan;
      this.kabupaten = kabupaten;
      this.desaLabels = desaLabels ?? labelPoints(desa, (p) => ({ kode: p.kode_desa, nama: p.nama_desa }));
      this.kecamatanLabels =
        kecamatanLabels ?? labelPoints(kecamatan, (p) => ({ kode: p.kode_kec, nama: p.nama_kec }));
      this.status = 'ready';
    } catch (error) {
      this.error = error instanceof Error ? error.message : String(error);
      this.status = 'error';
    }
  }

  /** Re-reads the list of sets (after a user's set was stored or removed). */
  async refreshIndex(): Promise<void> {
    const built = await fetchJson<DistrictIndex>('geo/index.json').catch((): DistrictIndex => ({
      default: 'demo',
      districts: [],
    }));
    this.index = { ...built, districts: [...built.districts, ...(await listUserSets())] };
  }

  /** The detailed desa display geometry of one member kabupaten of a lazy set (see `lazy-desa.ts`). */
  async desaDetail(kodeKab: string): Promise<DesaCollection> {
    if (!this.folder) throw new Error('no district open');
    return JSON.parse(
      await boundaryText(document.baseURI, this.folder, desaDetailFile(kodeKab)),
    ) as DesaCollection;
  }

  desaInfo(kode: string): DesaProperties | undefined {
    return this.desaByKode.get(kode);
  }

  kecamatanInfo(kode: string): KecamatanProperties | undefined {
    return this.kecamatanByKode.get(kode);
  }
}
