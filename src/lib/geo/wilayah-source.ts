/**
 * Where the public `wilayah_boundaries` dataset (github.com/cahyadsn/wilayah_boundaries, MIT licence)
 * lives, at which commit, and the checksums we trust. The download itself is Node I/O
 * (`src/node/wilayah-fetch.ts`); the pinned checksums are in `wilayah-checksums.ts`.
 */

/** The pinned commit of `cahyadsn/wilayah_boundaries` every download and checksum refers to. */
export const WILAYAH_COMMIT = '3c5a7960f4d227a38489094d84252bdbb3f978a5';

/** Default base URL: raw files of the repository at {@link WILAYAH_COMMIT}. */
export const WILAYAH_DEFAULT_BASE_URL = `https://raw.githubusercontent.com/cahyadsn/wilayah_boundaries/${WILAYAH_COMMIT}`;

/** Environment variable that overrides the base URL (the `--base-url` option wins over it). */
export const WILAYAH_BASE_URL_ENV = 'KANTONG_WILAYAH_BASE_URL';

/** Licence of the source, as stated in its LICENSE file. */
export const WILAYAH_LICENCE = 'MIT';

/**
 * Path of a kabupaten's desa file inside the repository, in its own layout:
 * `db/kel/<prov>/wilayah_boundaries_kel_<kab>.sql`, e.g. `db/kel/33/wilayah_boundaries_kel_33.24.sql`.
 */
export function wilayahKelPath(kodeKab: string): string {
  return `db/kel/${kodeKab.slice(0, 2)}/wilayah_boundaries_kel_${kodeKab}.sql`;
}

/** URL of a repository path under a base URL (a trailing slash on the base is allowed). */
export function wilayahUrl(baseUrl: string, path: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/${path}`;
}
