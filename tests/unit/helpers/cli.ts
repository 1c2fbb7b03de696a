/** What the CLI tests share: running a command quietly, a small district on disk, a column taken out. */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { vi } from 'vitest';
import { testDistrict } from '../hex/helpers.ts';

/** Runs `fn` with stdout and stderr captured; returns its value and what it wrote. */
export async function quiet<T>(fn: () => Promise<T>): Promise<{ value: T; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((stdout += String(s)), true));
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((s) => ((stderr += String(s)), true));
  try {
    return { value: await fn(), stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

/**
 * The small synthetic test district (`testDistrict`, code 33.24) as a `--geo` folder under `dir`: its
 * `desa.json` and `kabupaten.json`. Returns the folder and the district.
 */
export function writeTestGeo(dir: string): { geo: string } & ReturnType<typeof testDistrict> {
  const district = testDistrict();
  const geo = path.join(dir, 'geo');
  mkdirSync(path.join(geo, '33.24'), { recursive: true });
  writeFileSync(
    path.join(geo, '33.24', 'desa.json'),
    JSON.stringify({ type: 'FeatureCollection', features: district.desa }),
  );
  writeFileSync(
    path.join(geo, '33.24', 'kabupaten.json'),
    JSON.stringify({
      type: 'FeatureCollection',
      features: [{ type: 'Feature', properties: {}, geometry: district.outline }],
    }),
  );
  return { geo, ...district };
}

/** A `;` household file (first line a `#` comment, then the header) without column `name`. */
export function withoutColumn(file: string, name: string): string {
  const lines = readFileSync(file, 'utf8').split(/\r?\n/);
  const j = lines[1].split(';').indexOf(name);
  if (j < 0) throw new Error(`${file} has no column ${name}`);
  return lines
    .map((line, i) => {
      if (i === 0 || line === '') return line;
      const cells = line.split(';');
      cells.splice(j, 1);
      return cells.join(';');
    })
    .join('\r\n');
}
