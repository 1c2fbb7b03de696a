/** Shared helpers of the geo tests: small synthetic SQL files, shapes in km, paths to shared data. */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Position } from 'geojson';

/** `../shared/data` beside the repository (absent in a clone outside the team: tests skip). */
export const SHARED_DATA = path.resolve(import.meta.dirname, '../../../../shared/data');
export const WILAYAH_DIR = path.join(SHARED_DATA, 'wilayah_boundaries');
export const KENDAL_SQL = path.join(WILAYAH_DIR, 'db/kel/33/wilayah_boundaries_kel_33.24.sql');
export const KENDAL_REF = path.join(SHARED_DATA, 'kendal');
export const HAS_WILAYAH = existsSync(KENDAL_SQL);
export const HAS_KENDAL_REF = existsSync(path.join(KENDAL_REF, 'kecamatan.geojson'));

/** Logs once why a describe block is skipped. */
export function noteSkip(condition: boolean, what: string): boolean {
  if (!condition) console.warn(`[skip] ${what}: ../shared/data not found at ${SHARED_DATA}`);
  return condition;
}

const ORIGIN: [number, number] = [110.2, -7.0];
const KM_LAT = 1 / 110.6;
const KM_LON = 1 / (111.32 * Math.cos((7 * Math.PI) / 180));

/** Position [lng, lat] of a point given in km east/north of a fixed origin near Kendal. */
export function km(x: number, y: number): Position {
  return [ORIGIN[0] + x * KM_LON, ORIGIN[1] + y * KM_LAT];
}

/** Closed counter-clockwise rectangle ring in km coordinates. */
export function rect(x0: number, y0: number, x1: number, y1: number): Position[] {
  return [km(x0, y0), km(x1, y0), km(x1, y1), km(x0, y1), km(x0, y0)];
}

/** A polygon's rings as the source writes them: JSON text of `[lat,lng]` pairs. */
export function latLngPath(polygons: Position[][][], { multi = polygons.length > 1 } = {}): string {
  const swapped = polygons.map((rings) => rings.map((ring) => ring.map(([x, y]) => [y, x])));
  return JSON.stringify(multi ? swapped : swapped[0]);
}

/** One VALUES row of the source format. */
export function sqlRow(kode: string, nama: string, path: string, lat = -7, lng = 110.2): string {
  return `('${kode}','${nama.replace(/'/g, "''")}',${lat},${lng},'${path}')`;
}

/** A complete source file: header comment, DELETE, one INSERT per group of rows. */
export function sqlFile(kodeKab: string, groups: string[][]): string {
  const lines = [
    '/*',
    `filename  : db/kel/${kodeKab.slice(0, 2)}/wilayah_boundaries_kel_${kodeKab}.sql`,
    '*/',
    `DELETE FROM wilayah_boundaries WHERE kode LIKE '${kodeKab}.%' AND LENGTH(kode)=13;`,
  ];
  for (const rows of groups) {
    lines.push('INSERT INTO wilayah_boundaries(kode,nama,lat,lng,path) VALUES');
    rows.forEach((row, i) => lines.push(`\t${row}${i === rows.length - 1 ? ';' : ','}`));
  }
  return `${lines.join('\n')}\n`;
}

/** Shoelace signed area in degrees² (> 0: counter-clockwise). */
export function signedArea(ring: Position[]): number {
  let s = 0;
  for (let i = 0; i < ring.length - 1; i++) s += ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1];
  return s / 2;
}

/** A small valid district of kabupaten `kodeKab`: 2 kecamatan, 4 desa (one kelurahan). */
export function smallDistrictSql(kodeKab: string): string {
  const p = (x0: number, y0: number, x1: number, y1: number): string => latLngPath([[rect(x0, y0, x1, y1)]]);
  return sqlFile(kodeKab, [
    [sqlRow(`${kodeKab}.01.1001`, 'Satu', p(0, 0, 2, 2)), sqlRow(`${kodeKab}.01.2002`, 'Dua', p(2, 0, 4, 2))],
    [
      sqlRow(`${kodeKab}.02.2001`, 'Tiga', p(0, 2, 2, 4)),
      sqlRow(`${kodeKab}.02.2002`, "Ka'empat", p(2, 2, 4, 4)),
    ],
  ]);
}

/** A loopback HTTP server serving a folder (the repository layout), with optional per-path overrides. */
export interface FolderServer {
  baseUrl: string;
  /** Requests seen, as URL paths. */
  requests: string[];
  close(): Promise<void>;
}

/** Starts a static file server on 127.0.0.1 (random port) serving `root`; `overrides` replace some files. */
export async function serveFolder(
  root: string,
  overrides: Record<string, Uint8Array | string> = {},
): Promise<FolderServer> {
  const { createServer } = await import('node:http');
  const { readFile } = await import('node:fs/promises');
  const requests: string[] = [];
  const server = createServer((req, res) => {
    const urlPath = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname).replace(/^\/+/, '');
    requests.push(urlPath);
    const override = overrides[urlPath];
    const file = path.resolve(root, urlPath);
    const send = (body: Uint8Array | string): void => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end(body);
    };
    if (override !== undefined) return send(override);
    if (!file.startsWith(path.resolve(root) + path.sep)) {
      res.writeHead(403).end();
      return;
    }
    readFile(file).then(send, () =>
      res.writeHead(404, { 'content-type': 'text/plain' }).end('404: Not Found'),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  return {
    baseUrl: `http://127.0.0.1:${address.port}`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A TCP port on 127.0.0.1 where nothing listens (bound, then released). */
export async function closedPort(): Promise<number> {
  const { createServer } = await import('node:net');
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return address.port;
}

/** Collects what a command writes. */
export function sink(): { write(text: string): boolean; text(): string; lines(): string[] } {
  let buffer = '';
  return {
    write(text: string) {
      buffer += text;
      return true;
    },
    text: () => buffer,
    lines: () => buffer.split('\n').filter((l) => l !== ''),
  };
}

/** Every file under a folder with its content, for "nothing changed" checks (hidden entries included). */
export async function snapshot(dir: string): Promise<Record<string, string>> {
  const { readdir, readFile } = await import('node:fs/promises');
  if (!existsSync(dir)) return {};
  const out: Record<string, string> = {};
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    const full = path.join(entry.parentPath, entry.name);
    out[path.relative(dir, full)] = entry.isFile() ? await readFile(full, 'utf8') : '<dir>';
  }
  return out;
}
