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
import { msg } from '../lib/messages/message.ts';
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

/**
 * What `kantong graduation` and `kantong needs` add: a period per file (`periodes[i]` for file i, instead of the one `periode`),
 * and the household key column to link periods, hashed with `salt` (the import's; required with a key).
 */
export interface HouseholdExtras {
  periodes?: (string | undefined)[];
  key?: { column: string; salt: Uint8Array | undefined };
  /**
   * A salt for the proposal's own key column when no `key` is named (`kantong needs`: duplicates are compared
   * within the run, the hashes are never written); without a salt the proposal's key is dropped.
   */
  salt?: Uint8Array;
  /** Desa polygons for the geotag check of `kantong needs`, and its border tolerance in metres. */
  geometries?: readonly AreaGeometry[];
  borderToleranceM?: number;
  /** The kabupaten of a `--kab` set (`kodeKab` is then its label): rows of any of them join. */
  kabupaten?: readonly string[];
}

/**
 * The key column set on a file's mapping, or one line when the file has no such column or no salt was given
 * (a NIK or No. KK column above all: it is only ever used as a salted hash, never stored raw).
 */
function withKey(
  fileName: string,
  inspection: Awaited<ReturnType<typeof inspectFile>>,
  mapping: unknown,
  key: NonNullable<HouseholdExtras['key']>,
  lang: Language,
): unknown {
  if (!inspection.columns.includes(key.column))
    throw new CliError(
      renderMessage(msg('graduation.cli.keyColumnMissing', { file: fileName, column: key.column }), lang),
    );
  const identifier = inspection.identifier_columns.find((i) => i.column === key.column);
  if (!key.salt)
    throw new CliError(
      renderMessage(
        identifier
          ? msg('graduation.cli.keyIdentifierNeedsSalt', { column: key.column, kind: identifier.kind })
          : msg('graduation.cli.keyNeedsSalt', { column: key.column }),
        lang,
      ),
    );
  const m = structuredClone(mapping) as { fields?: Record<string, string> };
  m.fields = { ...(m.fields ?? {}), kunci_keluarga: key.column };
  return m;
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
  extras: HouseholdExtras = {},
): Promise<{ imports: FileImport[]; summary: ReturnType<typeof combineImports> }> {
  let mapping: unknown;
  if (mappingFile !== undefined) {
    try {
      mapping = JSON.parse(await readFile(mappingFile, 'utf8'));
    } catch (error) {
      throw new CliError(`--mapping ${mappingFile}: cannot read it as JSON (${(error as Error).message})`);
    }
  }
  const planned: {
    file: string;
    fileName: string;
    mapping: unknown;
    assign: boolean;
    periode: string | undefined;
  }[] = [];
  for (const [i, file] of files.entries()) {
    const fileName = path.basename(file);
    const filePeriode = extras.periodes ? extras.periodes[i] : periode;
    let fileMapping = mapping;
    try {
      if (fileMapping === undefined || extras.key) {
        const inspection = await inspectFile(await readFileSource(file), fileName);
        if (fileMapping === undefined) {
          const proposed = structuredClone(inspection.proposal.mapping);
          // a key is only used as a salted hash: linking periods names it with --key, needs may use the proposal's
          if (!extras.salt) delete proposed.fields.kunci_keluarga;
          fileMapping = proposed;
        }
        if (extras.key) fileMapping = withKey(fileName, inspection, fileMapping, extras.key, lang);
      }
    } catch (error) {
      if (error instanceof ImportError) throw new CliError(renderMessage(error.detail, lang));
      throw error;
    }
    // --periode selects among the periods a file has; only a file without any is given it
    const assign = requirePeriode(fileName, fileMapping, filePeriode, lang);
    planned.push({ file, fileName, mapping: fileMapping, assign, periode: filePeriode });
  }
  const imports: FileImport[] = [];
  for (const { file, fileName, mapping: fileMapping, assign, periode } of planned) {
    const bytes = await readFileSource(file);
    try {
      imports.push(
        await importFile(bytes, {
          fileName,
          kodeKab,
          desa,
          mapping: fileMapping,
          bbox,
          ...((extras.key?.salt ?? extras.salt) ? { salt: extras.key?.salt ?? extras.salt } : {}),
          ...(assign ? { periode } : {}),
          ...(extras.geometries ? { geometries: extras.geometries } : {}),
          ...(extras.borderToleranceM !== undefined ? { borderToleranceM: extras.borderToleranceM } : {}),
          ...(extras.kabupaten ? { kabupaten: extras.kabupaten } : {}),
        }),
      );
    } catch (error) {
      if (error instanceof ImportError) throw new CliError(renderMessage(error.detail, lang));
      throw error;
    }
  }
  return {
    imports,
    summary: combineImports(imports, desa, kodeKab, desa[0].nama_kab, extras.kabupaten),
  };
}
