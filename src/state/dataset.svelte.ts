import { isUserSet } from './boundary-store.ts';
import { parseDesaAggregateTable, type DesaAggregateRow } from '../lib/aggregate/desa-aggregate-table.ts';
import type { PeriodPanel } from '../lib/graduation/panel.ts';
import { fetchOptionalText } from './fetch.ts';
import { mergePeriods, withoutPeriods } from './dataset-periods.ts';
import type { NeedsData } from '../lib/needs/import-needs.ts';
import type { DatasetHexbins, StoredDataset, StoredDatasetMeta } from './dataset-record.ts';
import {
  askPersistentStorage,
  BUNDLED,
  getActive,
  listDatasets,
  loadDataset,
  removeDataset,
  saveDataset,
  setActive,
} from './dataset-store.ts';

/**
 * The household data shown: desa-level aggregates per period, and for imported household files the hexagon
 * counts. Either the bundled synthetic aggregate of the district or a dataset the user imported (stored in
 * IndexedDB per kabupaten; the active choice is remembered). Raw household rows never live here.
 */
export class DatasetState {
  rows = $state.raw<DesaAggregateRow[]>([]);
  periods = $state.raw<string[]>([]);
  synthetic = $state(false);
  /** Short description of where the rows came from, for the source line (`bundled`, or the file names). */
  source = $state<string | null>(null);
  /** Period → H3 resolution → hexagon counts; null when the data has no households (the bundled aggregate). */
  hexbins = $state.raw<DatasetHexbins | null>(null);
  /** Needs counts and data-quality flags of imported household files (`src/lib/needs`); null otherwise. */
  needs = $state.raw<NeedsData | null>(null);
  /** The dataset shown: `bundled` or a stored dataset's id (null before loading). */
  active = $state<string | null>(null);
  /** Stored datasets of the district, newest first. */
  stored = $state.raw<StoredDatasetMeta[]>([]);
  /** Linking panels per period (hashed household keys) of the dataset shown; empty without a mapped key. */
  panels = $state.raw<PeriodPanel[]>([]);
  /** Grows on every change of the data shown: a cheap key for caches of results computed from it. */
  revision = $state(0);
  /** The stored record shown (null for the bundled aggregate): periods are added to it. */
  #record: StoredDataset | null = null;
  #folder: string | null = null;
  #kodeKab: string | null = null;

  async loadBundled(folder: string, kodeKab: string): Promise<void> {
    this.#folder = folder;
    this.#kodeKab = kodeKab;
    // A user's boundary set of a kabupaten uses that kabupaten's bundled aggregate (same desa codes).
    const dataFolder = isUserSet(folder) ? kodeKab : folder;
    const csv = await fetchOptionalText(`data/${dataFolder}/sintetis-agregat-desa-${kodeKab}.csv`);
    const table = csv ? parseDesaAggregateTable(csv) : null;
    this.rows = table?.rows ?? [];
    this.periods = table?.periods ?? [];
    this.synthetic = table !== null && table.comments.some((c) => /SINTETIS/i.test(c));
    this.source = table ? BUNDLED : null;
    this.hexbins = null;
    this.panels = [];
    this.#record = null;
    this.needs = null;
    this.active = BUNDLED;
    this.revision++;
  }

  /**
   * The district's active data: the stored dataset chosen last for this kabupaten, else the bundled
   * aggregate (also when storage is unavailable or the stored record cannot be read).
   */
  async loadActive(folder: string, kodeKab: string): Promise<void> {
    this.#folder = folder;
    this.#kodeKab = kodeKab;
    const [stored, active] = await Promise.all([listDatasets(kodeKab), getActive(kodeKab)]);
    this.stored = stored;
    if (active && active !== BUNDLED) {
      const dataset = await loadDataset(kodeKab, active);
      if (dataset) return this.#show(dataset);
    }
    await this.loadBundled(folder, kodeKab);
  }

  #show(dataset: StoredDataset): void {
    this.rows = dataset.rows;
    this.periods = dataset.meta.periods;
    this.synthetic = dataset.meta.synthetic;
    this.source = dataset.meta.name;
    this.hexbins = dataset.hexbins;
    this.panels = dataset.panels ?? [];
    this.#record = dataset;
    this.needs = dataset.needs ?? null;
    this.active = dataset.meta.id;
    this.revision++;
  }

  /** The stored dataset shown, to which a new import's periods can be added (null: the bundled aggregate). */
  get record(): StoredDataset | null {
    return this.#record;
  }

  /**
   * Adds the periods of a fresh import to the dataset shown (periods both hold are replaced: the caller
   * asked), stores it under its id and shows it. Resolves to false when it could not be stored.
   */
  async addPeriods(added: StoredDataset): Promise<boolean> {
    const existing = this.#record;
    if (!existing || existing.meta.kode_kab !== added.meta.kode_kab) return this.addImported(added);
    return this.#store(mergePeriods(existing, added));
  }

  /** Removes one period from the dataset shown (the whole dataset when it was its only period). */
  async removePeriod(periode: string): Promise<boolean> {
    const existing = this.#record;
    if (!existing || !existing.meta.periods.includes(periode)) return false;
    if (existing.meta.periods.length === 1) {
      await this.remove(existing.meta.id);
      return true;
    }
    return this.#store(withoutPeriods(existing, [periode]));
  }

  async #store(dataset: StoredDataset): Promise<boolean> {
    this.#show(dataset);
    try {
      await saveDataset(dataset);
      await setActive(dataset.meta.kode_kab, dataset.meta.id);
      this.stored = await listDatasets(dataset.meta.kode_kab);
      return true;
    } catch {
      return false;
    }
  }

  /**
   * Shows a freshly imported dataset and stores it as the district's active data. Resolves to false when it
   * could not be stored (it is shown for this visit anyway).
   */
  async addImported(dataset: StoredDataset): Promise<boolean> {
    this.#kodeKab = dataset.meta.kode_kab;
    this.#show(dataset);
    try {
      await saveDataset(dataset);
      await setActive(dataset.meta.kode_kab, dataset.meta.id);
      askPersistentStorage();
      this.stored = await listDatasets(dataset.meta.kode_kab);
      return true;
    } catch {
      return false;
    }
  }

  /** Switches to a stored dataset (or `bundled`) and remembers the choice. */
  async use(id: string): Promise<void> {
    const kab = this.#kodeKab;
    if (!kab) return;
    if (id === BUNDLED) {
      if (this.#folder) await this.loadBundled(this.#folder, kab);
    } else {
      const dataset = await loadDataset(kab, id);
      if (!dataset) return;
      this.#show(dataset);
    }
    await setActive(kab, id).catch(() => undefined);
  }

  /** Removes a stored dataset; when it was shown, the bundled aggregate takes its place. */
  async remove(id: string): Promise<void> {
    const kab = this.#kodeKab;
    if (!kab) return;
    await removeDataset(kab, id);
    this.stored = await listDatasets(kab);
    if (this.active === id && this.#folder) await this.loadBundled(this.#folder, kab);
  }
}
