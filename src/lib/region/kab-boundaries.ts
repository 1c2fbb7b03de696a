/**
 * Which boundary folder serves a `--kab` set (`src/lib/region/kab-filter.ts`), and which command builds it
 * when none does. `npm run geo -- --kab 33` (a province) or `--kab 33.24,33.25` (a list) writes the set to
 * `<geo>/<set code>/` (`33`, `33.24+33.25`; `setCode` in `src/lib/geo/boundary-set.ts`) and lists it in
 * `<geo>/index.json` with its kabupaten; one kabupaten is `<geo>/<kab>/`. Pure: the caller reads the index.
 */
import { setCode } from '../geo/boundary-set.ts';
import type { DistrictIndex } from '../geo/types.ts';
import type { KabSet } from './kab-filter.ts';

/** The code of a set's boundary folder: the kabupaten's (`33.24`), the province's (`33`), or the list's. */
export function kabSetCode(set: KabSet): string {
  if (set.codes.length === 1) return set.codes[0];
  if (set.spec.kind === 'province') return set.spec.province;
  return setCode(set.codes);
}

/**
 * The folder (under the geo folder) whose boundaries are exactly the set: an index entry listing the same
 * kabupaten (or, for one kabupaten, with its code), else the folder named by {@link kabSetCode} when the
 * caller says it exists (`exists`). Null when the set's boundaries are not built.
 */
export function setFolderOf(
  index: DistrictIndex | null,
  set: KabSet,
  exists: (folder: string) => boolean,
): string | null {
  const want = set.codes.join(',');
  for (const d of index?.districts ?? []) {
    const members = d.kabupaten && d.kabupaten.length > 0 ? [...d.kabupaten].sort() : [d.kode_kab];
    if (members.join(',') === want && exists(d.folder)) return d.folder;
  }
  const folder = kabSetCode(set);
  return exists(folder) ? folder : null;
}

/** The command that builds the set's boundaries (`npm run geo -- --kab 33.24,33.25`); null for `all`. */
export function geoBuildCommand(set: KabSet): string | null {
  if (set.spec.kind === 'all') return null;
  const kab = set.spec.kind === 'province' ? set.spec.province : set.codes.join(',');
  return `npm run geo -- --kab ${kab}`;
}
