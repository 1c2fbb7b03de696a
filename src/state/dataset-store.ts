/**
 * The app's persistent store (IndexedDB through `idb-keyval`, one database `kantong-data` with one object store
 * `kv`). Keys:
 * - `datasets:<kab>` → list of {@link StoredDatasetMeta} of that kabupaten (the "Data" panel reads only this);
 * - `dataset:<kab>:<id>` → the {@link StoredDataset} (aggregates only, see `dataset-record.ts`);
 * - `active:<kab>` → the id of the dataset shown for that kabupaten, or `bundled`;
 * - `mapping:<header signature>` → the column mapping last used for a file with that header;
 * - `salt` → the installation's secret for hashing household keys (32 random bytes; never shown or exported);
 * - `scenarios:<kab>` → the saved priority scenarios; `scenario-current:<kab>` → the one being worked on.
 *
 * Every function fails soft where the app can go on without storage (private mode, quota): reads give the
 * empty answer, and writes reject so the caller can say that the data was not saved.
 */
import { createStore, del, get, getMany, keys, set, update, type UseStore } from 'idb-keyval';
import { parseScenario, type Scenario } from '../lib/priority/scenario.ts';
import type { ColumnMapping } from '../lib/import/index.ts';
import {
  readStoredDataset,
  readStoredMeta,
  rememberableMapping,
  type StoredDataset,
  type StoredDatasetMeta,
} from './dataset-record.ts';

/** The id under which the bundled synthetic aggregate is the active choice. */
export const BUNDLED = 'bundled';

let store: UseStore | null = null;
function kv(): UseStore {
  store ??= createStore('kantong-data', 'kv');
  return store;
}

const listKey = (kab: string) => `datasets:${kab}`;
const datasetKey = (kab: string, id: string) => `dataset:${kab}:${id}`;
const activeKey = (kab: string) => `active:${kab}`;

/** Stored datasets of a kabupaten, newest first; empty when storage is unavailable. */
export async function listDatasets(kodeKab: string): Promise<StoredDatasetMeta[]> {
  try {
    const list = await get<unknown[]>(listKey(kodeKab), kv());
    return (Array.isArray(list) ? list : [])
      .map(readStoredMeta)
      .filter((m): m is StoredDatasetMeta => m !== null)
      .sort((a, b) => (a.imported_at < b.imported_at ? 1 : -1));
  } catch {
    return [];
  }
}

/** One stored dataset, or null (absent, unreadable, or from another format). */
export async function loadDataset(kodeKab: string, id: string): Promise<StoredDataset | null> {
  try {
    return readStoredDataset(await get(datasetKey(kodeKab, id), kv()));
  } catch {
    return null;
  }
}

/** Saves a dataset and lists it; rejects when storage fails (nothing is listed then). */
export async function saveDataset(dataset: StoredDataset): Promise<void> {
  const { kode_kab: kab, id } = dataset.meta;
  await set(datasetKey(kab, id), dataset, kv());
  await update<unknown[]>(
    listKey(kab),
    (old) => [...(Array.isArray(old) ? old : []).filter((m) => readStoredMeta(m)?.id !== id), dataset.meta],
    kv(),
  );
}

/** Removes a dataset and its list entry; the active choice falls back to the bundled data if it was this one. */
export async function removeDataset(kodeKab: string, id: string): Promise<void> {
  await update<unknown[]>(
    listKey(kodeKab),
    (old) => (Array.isArray(old) ? old : []).filter((m) => readStoredMeta(m)?.id !== id),
    kv(),
  );
  await del(datasetKey(kodeKab, id), kv());
  if ((await getActive(kodeKab)) === id) await setActive(kodeKab, BUNDLED);
}

/** The active dataset id of a kabupaten (`bundled` or a stored id), or null when none was chosen. */
export async function getActive(kodeKab: string): Promise<string | null> {
  try {
    const v = await get<unknown>(activeKey(kodeKab), kv());
    return typeof v === 'string' ? v : null;
  } catch {
    return null;
  }
}

export async function setActive(kodeKab: string, id: string): Promise<void> {
  await set(activeKey(kodeKab), id, kv());
}

/** All remembered mappings by header signature (one per header ever imported: a short list). */
export async function rememberedMappings(): Promise<Record<string, ColumnMapping>> {
  try {
    const mappingKeys = (await keys<IDBValidKey>(kv())).filter(
      (k): k is string => typeof k === 'string' && k.startsWith('mapping:'),
    );
    const values = await getMany<unknown>(mappingKeys, kv());
    const out: Record<string, ColumnMapping> = {};
    values.forEach((v, i) => {
      if (typeof v === 'object' && v !== null && (v as { version?: unknown }).version === 1)
        out[mappingKeys[i].slice('mapping:'.length)] = v as ColumnMapping;
    });
    return out;
  } catch {
    return {};
  }
}

/** Remembers the mapping used for a header (see `rememberableMapping` for what is kept). */
export async function rememberMapping(signature: string, mapping: ColumnMapping): Promise<void> {
  await set(`mapping:${signature}`, rememberableMapping(mapping), kv());
}

/**
 * The installation's secret for household keys: read, or made once with `crypto.getRandomValues` and stored.
 * Without storage it lives for this visit only (keys then link periods only within one visit's imports).
 */
export async function projectSalt(): Promise<Uint8Array> {
  try {
    const existing = await get<unknown>('salt', kv());
    if (existing instanceof Uint8Array && existing.length >= 16) return existing;
  } catch {
    // fall through to a fresh salt
  }
  const salt = crypto.getRandomValues(new Uint8Array(32));
  try {
    // `update` keeps a salt written by another tab in the meantime instead of overwriting it.
    let kept: Uint8Array = salt;
    await update<unknown>(
      'salt',
      (old) => {
        if (old instanceof Uint8Array && old.length >= 16) kept = old;
        return kept;
      },
      kv(),
    );
    return kept;
  } catch {
    return salt;
  }
}

let persistAsked = false;
/** Asks the browser once per visit to keep this site's storage under pressure (imports are work to redo). */
export function askPersistentStorage(): void {
  if (persistAsked) return;
  persistAsked = true;
  void navigator.storage?.persist?.().catch(() => false);
}

const scenariosKey = (kab: string) => `scenarios:${kab}`;
const workingScenarioKey = (kab: string) => `scenario-current:${kab}`;

/** The saved priority scenarios of a kabupaten (unreadable entries are skipped); empty without storage. */
export async function listScenarios(kodeKab: string): Promise<Scenario[]> {
  try {
    const list = await get<unknown[]>(scenariosKey(kodeKab), kv());
    return (Array.isArray(list) ? list : []).flatMap((s) => {
      const r = parseScenario(s, 'IndexedDB');
      return r.ok ? [r.value] : [];
    });
  } catch {
    return [];
  }
}

/** Saves a scenario under its name (replacing one of the same name); rejects when storage fails. */
export async function saveScenario(kodeKab: string, scenario: Scenario): Promise<void> {
  await update<unknown[]>(
    scenariosKey(kodeKab),
    (list) => [
      ...(Array.isArray(list) ? list : []).filter((s) => (s as Scenario)?.name !== scenario.name),
      plainCopy(scenario),
    ],
    kv(),
  );
}

/** Removes the saved scenario of that name. */
export async function removeScenario(kodeKab: string, name: string): Promise<void> {
  await update<unknown[]>(
    scenariosKey(kodeKab),
    (list) => (Array.isArray(list) ? list : []).filter((s) => (s as Scenario)?.name !== name),
    kv(),
  );
}

/** The scenario being worked on (restored after a reload), or null. */
export async function loadWorkingScenario(kodeKab: string): Promise<Scenario | null> {
  try {
    const r = parseScenario(await get(workingScenarioKey(kodeKab), kv()), 'IndexedDB');
    return r.ok ? r.value : null;
  } catch {
    return null;
  }
}

/** Keeps the scenario being worked on; fails soft (the next change tries again). */
export async function keepWorkingScenario(kodeKab: string, scenario: Scenario): Promise<void> {
  try {
    await set(workingScenarioKey(kodeKab), plainCopy(scenario), kv());
  } catch {
    // storage unavailable: the scenario lives for this visit only
  }
}

/** A plain copy that IndexedDB can clone (Svelte state proxies cannot be). */
function plainCopy<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
