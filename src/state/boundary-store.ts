/**
 * Boundary sets the user imported from their own files, kept in IndexedDB (`kantong-boundaries`), and the one
 * reader of boundary files for the app and its Workers: a user's set is read from the store, a built set from
 * `geo/<folder>/`. No Svelte: the Workers import it too.
 *
 * Keys: `list` → {@link DistrictIndexEntry}[] of the stored sets (what the picker lists); `set:<folder>` →
 * {@link StoredBoundarySet}. A set is written before the list names it, and the list is updated before the set
 * is deleted, so a failure never leaves a listed set without its files.
 */
import { createStore, del, get, set, update, type UseStore } from 'idb-keyval';
import type { DistrictIndexEntry } from '../lib/geo/types.ts';

/** Folders of users' sets start with this (`user-33.24-1a2b3c4d`): never a built folder's name. */
export const USER_SET_PREFIX = 'user-';

export function isUserSet(folder: string): boolean {
  return folder.startsWith(USER_SET_PREFIX);
}

/** The folder of a user's set: its code and the first 8 hex digits of its file's SHA-256. */
export function userSetFolder(kode: string, sha256: string): string {
  return `${USER_SET_PREFIX}${kode}-${sha256.slice(0, 8)}`;
}

/** A stored set: the same files as a built one (`desa.json`, display copies, `manifest.json` …). */
export interface StoredBoundarySet {
  entry: DistrictIndexEntry;
  /** SHA-256 of the file as received (the project file records it). */
  sha256: string;
  fileName: string;
  storedAt: string;
  files: Record<string, string>;
}

let store: UseStore | null = null;
function kv(): UseStore {
  store ??= createStore('kantong-boundaries', 'kv');
  return store;
}

/** The stored sets, as index entries (empty where IndexedDB is unavailable). */
export async function listUserSets(): Promise<DistrictIndexEntry[]> {
  try {
    return (await get<DistrictIndexEntry[]>('list', kv())) ?? [];
  } catch {
    return [];
  }
}

/** Stores a set (replacing one of the same folder). */
export async function saveUserSet(s: StoredBoundarySet): Promise<void> {
  await set(`set:${s.entry.folder}`, s, kv());
  await update<DistrictIndexEntry[]>(
    'list',
    (list = []) => [...list.filter((e) => e.folder !== s.entry.folder), s.entry],
    kv(),
  );
}

/** Removes a stored set. */
export async function removeUserSet(folder: string): Promise<void> {
  await update<DistrictIndexEntry[]>('list', (list = []) => list.filter((e) => e.folder !== folder), kv());
  await del(`set:${folder}`, kv());
}

/** A stored set, or undefined. */
export function userSet(folder: string): Promise<StoredBoundarySet | undefined> {
  return get<StoredBoundarySet>(`set:${folder}`, kv());
}

/** One boundary file's text: from the store for a user's set, else `geo/<folder>/<name>` under `baseUrl`. */
export async function boundaryText(baseUrl: string, folder: string, name: string): Promise<string> {
  if (isUserSet(folder)) {
    const s = await userSet(folder);
    const text = s?.files[name];
    if (text === undefined) throw new Error(`${folder}/${name}: not in the stored boundary sets`);
    return text;
  }
  const response = await fetch(new URL(`geo/${folder}/${name}`, baseUrl).href);
  if (!response.ok) throw new Error(`geo/${folder}/${name}: HTTP ${response.status}`);
  return response.text();
}
