/**
 * The boundary import of the app: a user's file (zipped Shapefile, GeoJSON, TopoJSON) read in a Worker, the
 * coordinate system asked for when a shapefile has no `.prj`, the code/name columns mapped like the household
 * import's (proposed, changeable), the set built by the same core as `npm run geo -- --file`, its report shown,
 * then stored in IndexedDB as a boundary set the picker lists (see `boundary-store.ts`). Nothing is stored
 * before the whole set is built and the user keeps it.
 */
import * as Comlink from 'comlink';
import type { BoundaryFieldMapping } from '../lib/geo/boundary-match.ts';
import { msg, type Message } from '../lib/messages/message.ts';
import type { BoundaryBuild, BoundaryInspection, BoundaryWorkerApi } from '../worker/boundary.worker.ts';
import { saveUserSet, userSetFolder, removeUserSet } from './boundary-store.ts';
import type { DistrictState } from './district.svelte.ts';

let worker: Comlink.Remote<BoundaryWorkerApi> | null = null;
function boundaryWorker(): Comlink.Remote<BoundaryWorkerApi> {
  worker ??= Comlink.wrap<BoundaryWorkerApi>(
    new Worker(new URL('../worker/boundary.worker.ts', import.meta.url), {
      type: 'module',
      name: 'kantong-boundary',
    }),
  );
  return worker;
}

/** The fields of the mapping, in the order shown. */
export const BOUNDARY_FIELDS = ['kode', 'nama', 'kecamatan', 'kabupaten'] as const;

export class BoundaryImportState {
  open = $state(false);
  busy = $state(false);
  fileName = $state<string | null>(null);
  inspection = $state.raw<BoundaryInspection | null>(null);
  crs = $state<string | null>(null);
  mapping = $state<BoundaryFieldMapping>({});
  /** Kabupaten codes typed by the user (for files with names only). */
  kabupaten = $state('');
  result = $state.raw<BoundaryBuild | null>(null);
  error = $state.raw<Message | null>(null);
  #bytes: Uint8Array | null = null;

  constructor(private readonly district: DistrictState) {}

  show(): void {
    this.open = true;
  }

  close(): void {
    this.open = false;
  }

  reset(): void {
    this.fileName = null;
    this.inspection = null;
    this.crs = null;
    this.mapping = {};
    this.kabupaten = '';
    this.result = null;
    this.error = null;
    this.#bytes = null;
  }

  /** Reads a chosen file (nothing stored). */
  async choose(file: File): Promise<void> {
    this.reset();
    this.fileName = file.name;
    this.busy = true;
    try {
      this.#bytes = new Uint8Array(await file.arrayBuffer());
      await this.inspect();
    } catch (error) {
      this.error = msg('geo.file.badZip', { file: file.name, reason: (error as Error).message });
    } finally {
      this.busy = false;
    }
  }

  /** Answers the coordinate-system question and reads again. */
  async chooseCrs(crs: string): Promise<void> {
    this.crs = crs;
    this.busy = true;
    try {
      await this.inspect();
    } finally {
      this.busy = false;
    }
  }

  async inspect(): Promise<void> {
    if (!this.#bytes || !this.fileName) return;
    const r = await boundaryWorker().inspect(this.#bytes, this.fileName, this.crs ?? undefined);
    this.inspection = r;
    this.error = r.kind === 'refused' ? r.message : null;
    if (r.kind === 'read') this.mapping = { ...r.proposal };
  }

  /** Builds the set with the mapping (the report follows; nothing stored yet). */
  async build(): Promise<void> {
    if (!this.#bytes || !this.fileName) return;
    this.busy = true;
    this.result = null;
    try {
      const kab = this.kabupaten
        .split(/[,\s]+/)
        .filter((k) => k !== '')
        .map((k) => (/^\d{4}$/.test(k) ? `${k.slice(0, 2)}.${k.slice(2)}` : k));
      // A built set of the same kabupaten gives the box a chosen coordinate system is checked against.
      const reference: Record<string, [number, number, number, number]> = {};
      for (const e of this.district.index?.districts ?? [])
        if (e.bbox && !e.folder.startsWith('user-') && (e.kabupaten?.length ?? 1) === 1)
          reference[e.kode_kab] = e.bbox;
      const mapping = Object.fromEntries(
        Object.entries(this.mapping).filter(([, v]) => v !== undefined && v !== ''),
      ) as BoundaryFieldMapping;
      const r = await boundaryWorker().build(
        this.#bytes,
        this.fileName,
        mapping,
        this.crs ?? undefined,
        kab.length > 0 ? kab : undefined,
        reference,
      );
      this.result = r;
      this.error = r.kind === 'refused' ? r.message : null;
    } finally {
      this.busy = false;
    }
  }

  /** Stores the built set and opens it (a new page load, like the picker). */
  async keep(): Promise<string | null> {
    const r = this.result;
    if (!r || r.kind !== 'set' || !this.fileName) return null;
    const folder = userSetFolder(r.kode, r.sha256);
    const m = r.manifest;
    await saveUserSet({
      entry: {
        kode_kab: m.kode_kab,
        nama_kab: `${m.nama_kab} (${this.fileName})`,
        demo: false,
        folder,
        kabupaten: m.kabupaten?.map((k) => k.kode_kab) ?? [m.kode_kab],
        kabupaten_names: m.kabupaten?.map((k) => k.nama_kab) ?? [m.nama_kab],
        bbox: m.bbox,
        jumlah_desa: m.counts.desa + m.counts.kelurahan,
      },
      sha256: r.sha256,
      fileName: this.fileName,
      storedAt: new Date().toISOString(),
      files: r.files,
    });
    return folder;
  }

  remove(folder: string): Promise<void> {
    return removeUserSet(folder);
  }
}
