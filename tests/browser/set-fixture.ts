/**
 * Boundary sets of several kabupaten/kota for the browser tests: built in a temporary folder from
 * ../shared/data by `npm run geo -- --kab …` (in this process), with a synthetic desa aggregate made by
 * `runSynth` (what `npm run synth` runs) per member kabupaten and put together, then served beside the app's own files by request
 * routing (the app's `geo/index.json` gets the set added), as a deployment holding more sets would.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { main as geo } from '../../src/cli/geo.ts';
import { runSynth } from '../../src/node/synth-files.ts';
import type { BoundaryManifest, DistrictIndex } from '../../src/lib/geo/types.ts';

export const WILAYAH = path.resolve('../shared/data/wilayah_boundaries');
export const hasWilayah = existsSync(path.join(WILAYAH, 'db/kel/33'));

/** A built set: its folder under `dir`, and its manifest. */
export interface BuiltSet {
  dir: string;
  folder: string;
  manifest: BoundaryManifest;
  remove: () => void;
}

/** Builds `--kab <kab>` and its synthetic aggregate (households per member kabupaten) into a temporary folder. */
export async function buildSet(kab: string, households = 20_000): Promise<BuiltSet> {
  const dir = mkdtempSync(path.join(tmpdir(), 'kantong-set-'));
  const err: string[] = [];
  const code = await geo(
    ['--kab', kab, '--from', WILAYAH, '--out', dir],
    { write: () => true },
    {
      write: (s) => !!err.push(s),
    },
  );
  if (code !== 0) throw new Error(`geo --kab ${kab} failed: ${err.join('')}`);
  const index = JSON.parse(readFileSync(path.join(dir, 'index.json'), 'utf8')) as DistrictIndex;
  const set = index.districts.find((d) => (d.kabupaten?.length ?? 1) > 1)!;
  const manifest = JSON.parse(
    readFileSync(path.join(dir, set.folder, 'manifest.json'), 'utf8'),
  ) as BoundaryManifest;
  // One synthetic aggregate per member (the generator works per kabupaten), rows put together.
  const lines: string[] = [];
  for (const member of set.kabupaten!) {
    const out = path.join(dir, 'synth', member);
    // In this process, as `npm run synth -- --kab <member> --geo <dir> --households N` would (its defaults):
    // one Node start per kabupaten cost more than the generation itself (35 × ~1.3 s for a province).
    await runSynth({
      kodeKab: member,
      geoDir: dir,
      outDir: out,
      households,
      seed: 1,
      periods: ['2025-Q1', '2025-Q3'],
      geotagShare: 0.85,
    });
    const text = readFileSync(path.join(out, `sintetis-agregat-desa-${member}.csv`), 'utf8').split('\n');
    const first = text.findIndex((l) => l.startsWith('periode;'));
    if (lines.length === 0) lines.push(...text.slice(0, first + 1));
    lines.push(...text.slice(first + 1).filter((l) => l.trim() !== ''));
  }
  mkdirSync(path.join(dir, 'data', set.folder), { recursive: true });
  writeFileSync(
    path.join(dir, 'data', set.folder, `sintetis-agregat-desa-${manifest.kode_kab}.csv`),
    `${lines.join('\n')}\n`,
  );
  return { dir, folder: set.folder, manifest, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The districts of the `index.json` in `dir` (a folder written by `npm run geo -- --out DIR`). */
export function setsIn(dir: string): DistrictIndex['districts'] {
  return (JSON.parse(readFileSync(path.join(dir, 'index.json'), 'utf8')) as DistrictIndex).districts;
}

/** The app's index with `extra` sets added (a set of the same folder replaced). */
export function withSets(index: DistrictIndex, extra: DistrictIndex['districts']): DistrictIndex {
  return {
    ...index,
    districts: [...index.districts.filter((d) => !extra.some((e) => e.folder === d.folder)), ...extra],
  };
}

/** Serves the built folders (`geo/<folder>/`, `data/<folder>/`) and adds them to the app's index. */
export async function serveSets(context: BrowserContext, dir: string): Promise<void> {
  const extra = setsIn(dir);
  await context.route('**/geo/index.json', async (route) => {
    const response = await route.fetch();
    await route.fulfill({ response, json: withSets((await response.json()) as DistrictIndex, extra) });
  });
  for (const e of extra)
    for (const kind of ['geo', 'data'])
      await context.route(
        (url) => decodeURIComponent(url.pathname).includes(`/${kind}/${e.folder}/`),
        (route) => {
          const name = path.basename(decodeURIComponent(new URL(route.request().url()).pathname));
          const file =
            kind === 'geo' ? path.join(dir, e.folder, name) : path.join(dir, 'data', e.folder, name);
          if (existsSync(file))
            return route.fulfill({
              path: file,
              contentType: name.endsWith('.csv') ? 'text/csv' : 'application/json',
            });
          // A member kabupaten the app ships itself (Kendal's data): the app's own file, not a 404.
          return kind === 'data' ? route.fallback() : route.fulfill({ status: 404 });
        },
      );
}
