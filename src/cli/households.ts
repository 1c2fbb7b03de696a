/**
 * Household files through the import core for the commands that analyse them (`pockets`, `rank`): the
 * mapping proposed for each file (or given with `--mapping`), the period rule settled for every file before
 * the first join (a file without any period stops the command at once, naming `--periode`), then the join
 * and the combined aggregates, as `kantong import` makes them.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { DesaProperties } from '../lib/geo/types.ts';
import {
  combineImports,
  ImportError,
  importFile,
  inspectFile,
  type FileImport,
} from '../lib/import/index.ts';
import { renderMessage, type Language } from '../lib/messages/render.ts';
import type { ByteSource } from '../lib/import/byte-source.ts';
import { openFileSource } from '../node/file-source.ts';
import { CliError } from './errors.ts';
import { requirePeriode } from './periode.ts';

/**
 * A household file as a stream source (read in chunks, any size; see `src/node/file-source.ts`), or one line
 * naming it when it cannot be read.
 */
export async function readFileSource(file: string): Promise<ByteSource> {
  try {
    return await openFileSource(file);
  } catch (error) {
    throw new CliError(`${file}: cannot read (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
}

/** A file's bytes, or one line naming it when it cannot be read. */
export async function readFileBytes(file: string): Promise<Uint8Array> {
  try {
    return await readFile(file);
  } catch (error) {
    throw new CliError(`${file}: cannot read (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
}

/** Imports the files (see the module comment) and combines them. */
export async function importHouseholds(
  files: string[],
  kodeKab: string,
  desa: DesaProperties[],
  bbox: [number, number, number, number],
  mappingFile: string | undefined,
  periode: string | undefined,
  lang: Language,
): Promise<{ imports: FileImport[]; summary: ReturnType<typeof combineImports> }> {
  let mapping: unknown;
  if (mappingFile !== undefined) {
    try {
      mapping = JSON.parse(await readFile(mappingFile, 'utf8'));
    } catch (error) {
      throw new CliError(`--mapping ${mappingFile}: cannot read it as JSON (${(error as Error).message})`);
    }
  }
  const planned: { file: string; fileName: string; mapping: unknown; assign: boolean }[] = [];
  for (const file of files) {
    const fileName = path.basename(file);
    let fileMapping = mapping;
    try {
      if (fileMapping === undefined) {
        const proposed = structuredClone(
          (await inspectFile(await readFileSource(file), fileName)).proposal.mapping,
        );
        // linking periods needs a salted key; pockets need none
        delete proposed.fields.kunci_keluarga;
        fileMapping = proposed;
      }
    } catch (error) {
      if (error instanceof ImportError) throw new CliError(renderMessage(error.detail, lang));
      throw error;
    }
    // --periode selects among the periods a file has; only a file without any is given it
    const assign = requirePeriode(fileName, fileMapping, periode, lang);
    planned.push({ file, fileName, mapping: fileMapping, assign });
  }
  const imports: FileImport[] = [];
  for (const { file, fileName, mapping: fileMapping, assign } of planned) {
    const bytes = await readFileSource(file);
    try {
      imports.push(
        await importFile(bytes, {
          fileName,
          kodeKab,
          desa,
          mapping: fileMapping,
          bbox,
          ...(assign ? { periode } : {}),
        }),
      );
    } catch (error) {
      if (error instanceof ImportError) throw new CliError(renderMessage(error.detail, lang));
      throw error;
    }
  }
  return { imports, summary: combineImports(imports, desa, kodeKab, desa[0].nama_kab) };
}
