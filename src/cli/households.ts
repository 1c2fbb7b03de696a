/**
 * Household files through the import core for the commands that analyse them (`pockets`, `rank`): the
 * mapping proposed for each file (or given with `--mapping`), the period rule settled for every file before
 * the first join (a file without any period stops the command at once, naming `--periode`), then the join
 * and the combined aggregates, as `kantong import` makes them.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { AreaGeometry, DesaProperties } from '../lib/geo/types.ts';
import {
  combineImports,
  ImportError,
  importFile,
  inspectFile,
  type FileImport,
} from '../lib/import/index.ts';
import { renderMessage, type Language } from '../lib/messages/render.ts';
import { CliError } from './errors.ts';
import { requirePeriode } from './periode.ts';

/** A file's bytes, or one line naming it when it cannot be read. */
export async function readFileBytes(file: string): Promise<Uint8Array> {
  try {
    return await readFile(file);
  } catch (error) {
    throw new CliError(`${file}: cannot read (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
}

/**
 * Options of `kantong needs`: desa polygons for the geotag check, and a household key hashed with a salt of
 * this run only (duplicates are compared within the run; the hashes are never written).
 */
export interface HouseholdCheckOptions {
  geometries?: readonly AreaGeometry[];
  borderToleranceM?: number;
  salt?: Uint8Array;
  /** The column to use as household key (else the proposal's, if any). */
  keyColumn?: string;
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
  checks: HouseholdCheckOptions = {},
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
          (await inspectFile(await readFileBytes(file), fileName)).proposal.mapping,
        );
        // linking periods needs a salted key; pockets need none
        if (checks.keyColumn !== undefined) proposed.fields.kunci_keluarga = checks.keyColumn;
        else if (!checks.salt) delete proposed.fields.kunci_keluarga;
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
    const bytes = await readFileBytes(file);
    try {
      imports.push(
        await importFile(bytes, {
          fileName,
          kodeKab,
          desa,
          mapping: fileMapping,
          bbox,
          ...(assign ? { periode } : {}),
          ...(checks.geometries ? { geometries: checks.geometries } : {}),
          ...(checks.borderToleranceM !== undefined ? { borderToleranceM: checks.borderToleranceM } : {}),
          ...(checks.salt ? { salt: checks.salt } : {}),
        }),
      );
    } catch (error) {
      if (error instanceof ImportError) throw new CliError(renderMessage(error.detail, lang));
      throw error;
    }
  }
  return { imports, summary: combineImports(imports, desa, kodeKab, desa[0].nama_kab) };
}
