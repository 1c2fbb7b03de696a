/**
 * The app's side of the project file (`src/lib/project/project-file.ts`): what the app holds, gathered into
 * a project, and a project read back, put into the app — its data stored like an import, its view, its
 * scenarios with shortlist and notes.
 */
import { targets } from './targets.svelte.ts';
import type { DesaAggregateRow } from '../lib/aggregate/desa-aggregate-table.ts';
import type { NamedDesaAggregateRow } from '../lib/aggregate/area-rollup.ts';
import { sha256Hex } from '../lib/project/checksum.ts';
import type { Project, ProjectContent, ProjectExpectation } from '../lib/project/project-file.ts';
import type { Scenario } from '../lib/priority/scenario.ts';
import type { Message } from '../lib/messages/message.ts';
import type { Locale } from '../i18n/locale.svelte.ts';
import type { ExploreState } from './explore.svelte.ts';
import type { PriorityState } from './priority.svelte.ts';
import { DATASET_FORMAT, type StoredDataset } from './dataset-record.ts';
import { BUNDLED } from './dataset-store.ts';
import { sourceTexts } from './sources.ts';
import { boundaryText } from './boundary-store.ts';

const checksums = new Map<string, Promise<string | null>>();

/**
 * SHA-256 of the district's full-precision `desa.json` (the geometry every statistic is computed on), once per
 * folder; null when the file cannot be read.
 */
export function boundaryChecksum(folder: string): Promise<string | null> {
  let p = checksums.get(folder);
  if (!p) {
    // A user's set is read from IndexedDB: its desa.json is checksummed like a built one's.
    p = boundaryText(document.baseURI, folder, 'desa.json')
      .then((text) => sha256Hex(new TextEncoder().encode(text)))
      .catch(() => null);
    checksums.set(folder, p);
  }
  return p;
}

/** What the open district is, for the checks of a project file being opened. */
export async function projectExpectation(explore: ExploreState): Promise<ProjectExpectation | null> {
  const d = explore.district;
  if (!d.manifest || !d.folder) return null;
  return {
    kodeKab: d.manifest.kode_kab,
    namaKab: d.manifest.nama_kab,
    desaSha256: await boundaryChecksum(d.folder),
    knownDesa: new Set(d.desaByKode.keys()),
  };
}

/** Everything a project file saves, from the app's state (null before a district is open). */
export async function projectContent(
  explore: ExploreState,
  priority: PriorityState,
  locale: Locale,
): Promise<ProjectContent | null> {
  const d = explore.district;
  const data = explore.dataset;
  if (!d.manifest || !d.folder) return null;
  const bundled = data.active === BUNDLED || data.active === null;
  const meta = bundled ? null : (data.stored.find((m) => m.id === data.active) ?? null);
  const bundledFile = `sintetis-agregat-desa-${d.manifest.kode_kab}.csv`;
  const plain = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;
  return {
    boundary: {
      kode_kab: d.manifest.kode_kab,
      nama_kab: d.manifest.nama_kab,
      folder: d.folder,
      source: sourceTexts(explore, locale).boundaries,
      desa_sha256: await boundaryChecksum(d.folder),
    },
    dataset: {
      origin: bundled ? 'bundled' : 'imported',
      id: meta?.id ?? null,
      name: meta?.name ?? bundledFile,
      files: meta?.files ?? [bundledFile],
      periods: [...data.periods],
      synthetic: data.synthetic,
      imported_at: meta?.imported_at ?? null,
      rows_read: meta?.rows_read ?? null,
      rows_joined: meta?.rows_joined ?? null,
      rows: data.rows,
      hexbins: data.hexbins,
    },
    view: plain(explore.view),
    scenarios: {
      current: plain(priority.scenario) as Scenario,
      saved: plain(priority.saved) as Scenario[],
    },
    targets: plain(targets.list),
  };
}

/**
 * A project's data as a stored dataset. Rows of the bundled aggregate have no names: the district's
 * boundaries give them (the record's rows carry names, as an import's do). The id is the saving app's, so
 * opening the same project again replaces its record instead of adding one; the bundled aggregate gets an id
 * from its rows.
 */
export function storedDatasetOf(project: Project, explore: ExploreState): StoredDataset {
  const ds = project.content.dataset;
  const kab = project.content.boundary.kode_kab;
  const desa = explore.district.desaByKode;
  const rows: NamedDesaAggregateRow[] = ds.rows.map(
    (r: DesaAggregateRow & Partial<NamedDesaAggregateRow>) => {
      const p = desa.get(r.kode_desa);
      return {
        ...r,
        nama_desa: r.nama_desa ?? p?.nama_desa ?? r.kode_desa,
        kode_kec: r.kode_kec ?? p?.kode_kec ?? r.kode_desa.slice(0, 8),
        nama_kec: r.nama_kec ?? p?.nama_kec ?? '',
        kk_jiwa_diketahui: r.kk_jiwa_diketahui ?? null,
        share_desil_1: r.share_desil_1 ?? (r.jumlah_kk > 0 ? r.kk_desil[0] / r.jumlah_kk : null),
        share_desil_1_4:
          r.share_desil_1_4 ??
          (r.jumlah_kk > 0 ? r.kk_desil.slice(0, 4).reduce((a, b) => a + b, 0) / r.jumlah_kk : null),
      };
    },
  );
  const households = ds.rows.reduce((a, r) => a + r.jumlah_kk, 0);
  const read = ds.rows_read ?? households;
  const joined = ds.rows_joined ?? households;
  return {
    format: DATASET_FORMAT,
    meta: {
      id: ds.id ?? `proyek-${sha256Hex(JSON.stringify(ds.rows)).slice(0, 16)}`,
      kode_kab: kab,
      name: ds.name,
      files: [...ds.files],
      imported_at: ds.imported_at ?? (project.savedAt || new Date().toISOString()),
      periods: [...ds.periods],
      rows_read: read,
      rows_joined: joined,
      desa_rows: rows.length,
      synthetic: ds.synthetic,
      has_hexbins: ds.hexbins !== null && Object.keys(ds.hexbins).length > 0,
    },
    rows,
    report: {
      rows_read: read,
      rows_joined: joined,
      rows_rejected: Math.max(0, read - joined),
      rejected_by_reason: {},
      identifier_columns_dropped: [],
      desa_without_rows: 0,
      overlapping_desa_periode: 0,
      files: [],
    },
    hexbins: ds.hexbins,
  };
}

/**
 * Puts a project read back into the app: the data (stored like an import and shown), the view, then the
 * scenarios. Resolves to the problems of storing it (the project is shown for this visit anyway).
 */
export async function applyProject(
  project: Project,
  explore: ExploreState,
  priority: PriorityState,
): Promise<{ datasetStored: boolean; scenarios: Message | null }> {
  const datasetStored = await explore.dataset.addImported(storedDatasetOf(project, explore));
  explore.selectionOrigin = 'url';
  explore.set({ ...project.content.view });
  if (project.content.targets) targets.replace(project.content.targets);
  const scenarios = await priority.restore(
    project.content.scenarios.current,
    project.content.scenarios.saved,
  );
  return { datasetStored, scenarios };
}
