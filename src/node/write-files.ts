import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * Writes every file as `<name>.part` first and renames them all at the end, so a failed run leaves no
 * half-written output beside good files from an earlier run.
 */
export async function writeAllOrNothing(
  dir: string,
  files: Record<string, string | Uint8Array>,
): Promise<void> {
  await mkdir(dir, { recursive: true });
  const parts = Object.keys(files).map((name) => path.join(dir, `${name}.part`));
  try {
    for (const [name, text] of Object.entries(files)) await writeFile(path.join(dir, `${name}.part`), text);
  } catch (error) {
    await Promise.all(parts.map((p) => rm(p, { force: true })));
    throw error;
  }
  for (const name of Object.keys(files)) await rename(path.join(dir, `${name}.part`), path.join(dir, name));
}
