/**
 * Obtains a kabupaten's desa file of `cahyadsn/wilayah_boundaries`, either from a local copy in the
 * repository's own layout or over HTTP(S), and checks its sha256 against the pinned table.
 * A local folder and a URL go through the same {@link verifyWilayahChecksum}.
 */
import { createHash } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { WILAYAH_SHA256 } from '../lib/geo/wilayah-checksums.ts';
import { wilayahKelPath, wilayahUrl } from '../lib/geo/wilayah-source.ts';

/** A source problem the user must fix (missing folder, 404, checksum mismatch...): one line, non-zero exit. */
export class WilayahSourceError extends Error {
  constructor(
    message: string,
    readonly kind: 'missing-folder' | 'missing-file' | 'not-found' | 'http' | 'checksum',
  ) {
    super(message);
    this.name = 'WilayahSourceError';
  }
}

/** The network is unreachable (DNS, refused connection, reset, timeout): the caller may fall back to the demo. */
export class WilayahOfflineError extends Error {
  constructor(
    readonly url: string,
    readonly reason: string,
  ) {
    super(`could not reach ${url}: ${reason}`);
    this.name = 'WilayahOfflineError';
  }
}

/** The raw bytes of a source file and where they came from. */
export interface WilayahFile {
  /** Repository path, `db/kel/33/wilayah_boundaries_kel_33.24.sql`. */
  path: string;
  /** Local file path or URL actually read. */
  location: string;
  bytes: Uint8Array;
}

/** A file whose checksum was checked. */
export interface VerifiedWilayahFile extends WilayahFile {
  sha256: string;
  /** 'pinned': matched the pinned table or `--sha256`; 'recorded': no pin known, hash recorded only. */
  checksum_status: 'pinned' | 'recorded';
}

/** Reads a kabupaten's file from a local copy of the repository (`<dir>/db/kel/<prov>/...`). */
export async function readLocalWilayah(dir: string, kodeKab: string): Promise<WilayahFile> {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new WilayahSourceError(
      `--from folder ${dir} does not exist or is not a folder (expected a copy of wilayah_boundaries with db/kel/<prov>/...)`,
      'missing-folder',
    );
  }
  const repoPath = wilayahKelPath(kodeKab);
  const file = path.join(dir, ...repoPath.split('/'));
  if (!existsSync(file)) {
    throw new WilayahSourceError(
      `${file} not found: the local copy in ${dir} has no desa file for ${kodeKab}`,
      'missing-file',
    );
  }
  // Recorded relative to the working folder, so manifests do not carry one machine's absolute paths.
  const location = path.relative(process.cwd(), file).split(path.sep).join('/') || file;
  return { path: repoPath, location, bytes: new Uint8Array(await readFile(file)) };
}

/** Error codes of Node's fetch (undici) and of the OS that mean "no network" rather than "bad answer". */
const NETWORK_CODES = new Set([
  'ENOTFOUND',
  'EAI_AGAIN',
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
]);

function networkReason(error: unknown, timeoutMs: number): string | null {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
    return `no answer within ${Math.round(timeoutMs / 1000)} s`;
  }
  // Node's fetch rejects with TypeError('fetch failed') and the socket error as `cause`.
  if (error instanceof TypeError) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    if (cause?.code && NETWORK_CODES.has(cause.code)) return cause.code;
    return cause?.message ?? error.message;
  }
  const code = (error as { code?: string } | null)?.code;
  return code && NETWORK_CODES.has(code) ? code : null;
}

/**
 * Downloads a kabupaten's file from `<baseUrl>/<repository path>` with Node's fetch and a timeout.
 * @throws {WilayahOfflineError} when the host cannot be reached or does not answer in time.
 * @throws {WilayahSourceError} on HTTP 404 (`not-found`) or another non-2xx status (`http`).
 */
export async function downloadWilayah(
  baseUrl: string,
  kodeKab: string,
  timeoutMs = 60_000,
): Promise<WilayahFile> {
  const repoPath = wilayahKelPath(kodeKab);
  const url = wilayahUrl(baseUrl, repoPath);
  let response: Response;
  let bytes: Uint8Array;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), redirect: 'follow' });
    if (response.status === 404) {
      await response.body?.cancel();
      throw new WilayahSourceError(
        `${url} answered 404 Not Found: the source has no desa file for ${kodeKab} at this commit`,
        'not-found',
      );
    }
    if (!response.ok) {
      await response.body?.cancel();
      throw new WilayahSourceError(
        `${url} answered HTTP ${response.status} ${response.statusText}`.trim(),
        'http',
      );
    }
    bytes = new Uint8Array(await response.arrayBuffer());
  } catch (error) {
    if (error instanceof WilayahSourceError) throw error;
    const reason = networkReason(error, timeoutMs);
    if (reason !== null) throw new WilayahOfflineError(url, reason);
    throw error;
  }
  return { path: repoPath, location: url, bytes };
}

/** sha256 of bytes as lower-case hex. */
export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * Checks a file's sha256. Expected value: `explicitSha256` (the `--sha256` option) when given, else the
 * pinned table entry for the file's repository path. A mismatch is refused; a file with no expected value
 * is accepted with its hash recorded (`checksum_status: 'recorded'`) and the caller warns about it.
 * @throws {WilayahSourceError} (`checksum`) on a mismatch.
 */
export function verifyWilayahChecksum(file: WilayahFile, explicitSha256?: string): VerifiedWilayahFile {
  const actual = sha256Hex(file.bytes);
  const expected = explicitSha256?.toLowerCase() ?? WILAYAH_SHA256[file.path];
  if (expected === undefined) return { ...file, sha256: actual, checksum_status: 'recorded' };
  if (actual !== expected) {
    const origin = explicitSha256 ? '--sha256' : 'the pinned table';
    throw new WilayahSourceError(
      `checksum mismatch for ${file.location}: sha256 ${actual}, ${origin} expects ${expected}; refused (file changed or corrupt)`,
      'checksum',
    );
  }
  return { ...file, sha256: actual, checksum_status: 'pinned' };
}
