/**
 * The app's import Worker: reads, maps and joins household files with the import core, off the main thread,
 * and turns the joined households into aggregates (desa rows and H3 hexbins). Household rows and coordinates
 * stay here: only aggregates and join reports are returned. Imports of the files of one dialog are held until
 * `finish` combines them (or `discard` drops them), so a name match accepted on the join review re-runs one
 * file, not the whole batch.
 *
 * Each long call belongs to a job id; `cancel(jobId)` aborts it between batches. Failures come back as values
 * (`{ ok: false, ... }`), not exceptions: an `ImportError`'s code and details would not survive Comlink's
 * error cloning.
 */
import * as Comlink from 'comlink';
import { bbox as turfBbox } from '@turf/bbox';
import {
  blobSource,
  combineImports,
  importFile,
  ImportError,
  inspectFile,
  validateMapping,
  type ColumnMapping,
  type FileImport,
  type FileInspection,
  type ImportSummary,
  type JoinReport,
  type DesaRef,
  type ByteSource,
} from '../lib/import/index.ts';
import type { NamedDesaAggregateRow } from '../lib/aggregate/area-rollup.ts';
import type { AreaGeometry } from '../lib/geo/types.ts';
import { prepareHexDistrict, type HexDistrict } from '../lib/hex/district.ts';
import { hexbinsOfImports } from '../lib/hex/household-hexbins.ts';
import {
  concatPanels,
  panelsFromHouseholds,
  panelTransferList,
  type PeriodPanel,
} from '../lib/graduation/panel.ts';
import { HEX_RESOLUTIONS, hexBinsTransferList, type HexBins, type HexResolution } from '../lib/hex/types.ts';
import { fetchDistrictGeometry, kabupatenOutline } from './district-geometry.ts';
import { msg, type Message } from '../lib/messages/message.ts';
import { combineNeeds, type NeedsData } from '../lib/needs/import-needs.ts';
import { renderMessage } from '../lib/messages/render.ts';

/**
 * The browser-test build's streaming hook: a test sets `self.__kantongImportTest = { chunkBytes, batchBytes }`
 * in this Worker (Playwright's `worker.evaluate`) to cut the file's stream into tiny chunks and parse batches,
 * and reads back `chunks` (how many were read) and `largest` (bytes). Other builds read files as they come.
 */
interface StreamingTestHook {
  chunkBytes?: number;
  batchBytes?: number;
  chunks?: number;
  largest?: number;
}

function sourceOf(file: Blob): ByteSource {
  if (import.meta.env.VITE_KANTONG_TEST_HOOKS !== '1') return blobSource(file);
  const hook = (self as unknown as { __kantongImportTest?: StreamingTestHook }).__kantongImportTest;
  if (!hook) return blobSource(file);
  return blobSource(file, {
    ...(hook.chunkBytes !== undefined ? { chunkBytes: hook.chunkBytes } : {}),
    ...(hook.batchBytes !== undefined ? { batchBytes: hook.batchBytes } : {}),
    onChunk: (n) => {
      hook.chunks = (hook.chunks ?? 0) + 1;
      hook.largest = Math.max(hook.largest ?? 0, n);
    },
  });
}

/** The district the imports join to: its boundary folder, whose full-precision files the Worker reads. */
export interface ImportDistrictSource {
  kodeKab: string;
  namaKab: string;
  /** The app's base URL and the district's folder under `geo/`. */
  baseUrl: string;
  folder: string;
}

/** The district as the Worker holds it: desa in `desa.json` order (household and hexbin desa indices refer to it). */
interface ImportDistrict {
  kodeKab: string;
  namaKab: string;
  desa: DesaRef[];
  /** Desa polygons in the same order, and the kabupaten outline, for hexbins (full precision, as the CLI's). */
  geometries: AreaGeometry[];
  outline: AreaGeometry;
}

/**
 * A failure, with the import core's code and its one-line message naming the file: `detail` for the dialog to
 * render in the UI language, `message` its Indonesian rendering.
 */
export interface ImportFailure {
  code: string;
  detail: Message;
  message: string;
  fileName: string;
  row?: number;
  column?: string;
}

export type Outcome<T> =
  | { ok: true; value: T }
  | { ok: false; cancelled: true }
  | { ok: false; cancelled?: false; error: ImportFailure };

/** Inspection plus the remembered mapping that fits the file, if any. */
export interface InspectResult {
  inspection: FileInspection;
  remembered: ColumnMapping | null;
  /** Lines after the header in a text file (blank lines included), or null (XLSX): an estimate for the summary. */
  approxRows: number | null;
}

/** What the main thread sees of one file's import. */
export interface FileJoinResult {
  report: JoinReport;
  desaRows: number;
}

/** Progress of a job: the step and its fraction 0–1. */
export type ImportProgress = (step: 'read' | 'hexbins', fraction: number) => void;

/** Result of {@link api.finish}: the combined aggregates and the hexbins of household files. */
export interface FinishResult {
  summary: ImportSummary;
  /** Period → resolution → bins; null when no file had households. */
  hexbins: Record<string, Partial<Record<HexResolution, HexBins>>> | null;
  /** Linking panels (salted key hashes, desa, desil) per period of the files with a mapped household key. */
  panels: PeriodPanel[];
  /** Needs counts and data-quality flags of the household files (counts and row numbers only); null without. */
  needs: NeedsData | null;
}

let district: (ImportDistrict & { bbox: [number, number, number, number] }) | null = null;
let hexDistrict: HexDistrict | null = null;
const held = new Map<string, FileImport>();
const jobs = new Map<number, AbortController>();

function controller(jobId: number): AbortController {
  let c = jobs.get(jobId);
  if (!c) jobs.set(jobId, (c = new AbortController()));
  return c;
}

function failure<T>(error: unknown, fileName: string, signal?: AbortSignal): Outcome<T> {
  if (signal?.aborted) return { ok: false, cancelled: true };
  if (error instanceof ImportError)
    return {
      ok: false,
      error: {
        code: error.code,
        detail: error.detail,
        message: error.message,
        fileName: error.fileName,
        ...(error.details.row !== undefined ? { row: error.details.row } : {}),
        ...(error.details.column !== undefined ? { column: error.details.column } : {}),
      },
    };
  // Anything else is a bug or a browser limit: report it in the same shape, naming the file.
  const why = error instanceof Error ? error.message : String(error);
  return { ok: false, error: internalFailure(fileName, why) };
}

/** A failure that is not the file's fault (a bug, a browser limit), in the same shape as the others. */
function internalFailure(fileName: string, why: string): ImportFailure {
  const detail = msg('import.error.internal', { file: fileName, reason: why });
  return { code: 'internal', detail, message: renderMessage(detail, 'id'), fileName };
}

/** Calls `report` at most once per whole percent. */
function throttled(report: ImportProgress | undefined, step: 'read' | 'hexbins') {
  let last = -1;
  return (fraction: number) => {
    const pct = Math.floor(fraction * 100);
    if (!report || pct === last) return;
    last = pct;
    void report(step, fraction);
  };
}

/** Lines after the header row of a text file (see `InspectResult.approxRows`), counted over the file's stream. */
async function approximateRows(source: ByteSource, info: FileInspection['file']): Promise<number | null> {
  if (info.format !== 'csv' || !info.newline) return null;
  const nl = info.newline === 'CR' ? 13 : 10;
  let lines = 0;
  let lastByte = -1;
  for await (const chunk of source.stream(0)) {
    for (let i = 0; i < chunk.length; i++) if (chunk[i] === nl) lines++;
    lastByte = chunk[chunk.length - 1];
  }
  if (lastByte >= 0 && lastByte !== nl) lines++;
  return Math.max(0, lines - info.header_row);
}

const yieldToMessages = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

const api = {
  /**
   * Sets the district from its full-precision boundary files (the same the CLI reads); drops held imports and
   * the prepared hexbin district of the previous one.
   */
  async setDistrict(source: ImportDistrictSource): Promise<void> {
    const g = await fetchDistrictGeometry(source.baseUrl, source.folder);
    const d: ImportDistrict = {
      kodeKab: source.kodeKab,
      namaKab: source.namaKab,
      desa: g.desa.features.map((f) => ({
        kode_desa: f.properties.kode_desa,
        nama_desa: f.properties.nama_desa,
        kode_kec: f.properties.kode_kec,
        nama_kec: f.properties.nama_kec,
        nama_kab: f.properties.nama_kab,
      })),
      geometries: g.desa.features.map((f) => f.geometry),
      outline: kabupatenOutline(g.kabupaten),
    };
    const [minLon, minLat, maxLon, maxLat] = turfBbox({
      type: 'FeatureCollection',
      features: g.desa.features,
    });
    district = { ...d, bbox: [minLon, minLat, maxLon, maxLat] };
    hexDistrict = null;
    held.clear();
  },

  /**
   * First look at a file (`inspectFile`; a workbook's `sheet`, else its default one). `memory` holds remembered
   * mappings by header signature: the one for this file's header is returned when it still fits its columns.
   * With the district set, desa and kecamatan columns are chosen by the gazetteer.
   */
  async inspect(
    file: Blob,
    fileName: string,
    memory: Record<string, ColumnMapping>,
    sheet?: string,
  ): Promise<Outcome<InspectResult>> {
    try {
      // Streamed from the File (`Blob.stream()`): no 2 GiB limit, and the file is never held whole.
      const bytes = sourceOf(file);
      const inspection = await inspectFile(bytes, fileName, {
        ...(sheet !== undefined ? { sheet } : {}),
        ...(district ? { desa: district.desa, kodeKab: district.kodeKab, namaKab: district.namaKab } : {}),
      });
      let remembered: ColumnMapping | null = null;
      const saved = memory[inspection.header_signature];
      if (saved) {
        try {
          remembered = validateMapping(saved, inspection.columns, inspection.identifier_columns, fileName);
        } catch {
          remembered = null; // the saved mapping no longer fits these columns: use the proposal
        }
      }
      return {
        ok: true,
        value: { inspection, remembered, approxRows: await approximateRows(bytes, inspection.file) },
      };
    } catch (error) {
      return failure(error, fileName);
    }
  },

  /** Imports one file under `key` (replacing an earlier import under that key) and returns its report. */
  async importOne(
    jobId: number,
    key: string,
    file: Blob,
    options: { fileName: string; mapping: ColumnMapping; salt: Uint8Array; periode?: string; sheet?: string },
    onProgress?: ImportProgress,
  ): Promise<Outcome<FileJoinResult>> {
    const signal = controller(jobId).signal;
    try {
      if (!district) throw new Error('no district set');
      signal.throwIfAborted();
      held.delete(key);
      const result = await importFile(sourceOf(file), {
        fileName: options.fileName,
        kodeKab: district.kodeKab,
        namaKab: district.namaKab,
        desa: district.desa,
        mapping: options.mapping,
        ...(options.sheet !== undefined ? { sheet: options.sheet } : {}),
        salt: options.salt,
        ...(options.periode ? { periode: options.periode } : {}),
        bbox: district.bbox,
        geometries: district.geometries,
        signal,
        onProgress: throttled(onProgress, 'read'),
      });
      held.set(key, result);
      return { ok: true, value: { report: result.report, desaRows: result.desa_rows.length } };
    } catch (error) {
      return failure(error, options.fileName, signal);
    }
  },

  /**
   * Combines the held imports of `keys` (`combineImports`) and computes hexbins at resolutions 7, 8 and 9 for
   * every period of the household files; then drops the held households. Cancelling keeps them held.
   */
  async finish(jobId: number, keys: string[], onProgress?: ImportProgress): Promise<Outcome<FinishResult>> {
    const signal = controller(jobId).signal;
    try {
      if (!district) throw new Error('no district set');
      const imports = keys.map((k) => {
        const imp = held.get(k);
        if (!imp) throw new Error(`import ${k} is not held`);
        return imp;
      });
      const summary = combineImports(imports, district.desa, district.kodeKab, district.namaKab);
      const withHouseholds = imports.filter((i) => i.households !== null && i.households.count > 0);
      let hexbins: FinishResult['hexbins'] = null;
      if (withHouseholds.length > 0) {
        hexDistrict ??= prepareHexDistrict(district.outline, district.geometries);
        const periods = [...new Set(withHouseholds.flatMap((i) => i.households?.periods ?? []))].filter((p) =>
          summary.report.periods.includes(p),
        );
        hexbins = {};
        const progress = throttled(onProgress, 'hexbins');
        const steps = periods.length * HEX_RESOLUTIONS.length;
        let done = 0;
        progress(0);
        for (const periode of periods) {
          const byRes: Partial<Record<HexResolution, HexBins>> = {};
          for (const res of HEX_RESOLUTIONS) {
            await yieldToMessages();
            signal.throwIfAborted();
            // no geotagged household: no point hexbins, the analysis spreads desa counts as the CLI does
            const bins = hexbinsOfImports(hexDistrict, withHouseholds, periode, { res });
            if (bins) byRes[res] = bins;
            progress(++done / steps);
          }
          if (Object.keys(byRes).length > 0) hexbins[periode] = byRes;
        }
        if (Object.keys(hexbins).length === 0) hexbins = null;
      }
      const codes = district.desa.map((d) => d.kode_desa);
      const needsParts = imports.map((i) => i.needs).filter((n): n is NeedsData => !!n);
      const needs =
        needsParts.length > 0 ? { ...combineNeeds(needsParts, codes.length), desaCodes: codes } : null;
      // the periods' linking panels (the hashed key only: graduation between periods needs nothing else)
      const panels = concatPanels(
        withHouseholds.flatMap((i) =>
          panelsFromHouseholds(i.households!, codes).filter((p) =>
            summary.report.periods.includes(p.periode),
          ),
        ),
      );
      for (const k of keys) held.delete(k);
      const transfer = [
        ...(hexbins
          ? Object.values(hexbins).flatMap((byRes) => Object.values(byRes).flatMap(hexBinsTransferList))
          : []),
        ...panels.flatMap(panelTransferList),
      ];
      return Comlink.transfer({ ok: true, value: { summary, hexbins, panels, needs } }, transfer);
    } catch (error) {
      return failure(error, keys.join(', '), signal);
    }
  },

  /** Aborts the job's running call (and any later call with this id). */
  cancel(jobId: number): void {
    controller(jobId).abort(new DOMException('import cancelled', 'AbortError'));
  },

  /** Forgets a finished or cancelled job. */
  release(jobId: number): void {
    jobs.delete(jobId);
  },

  /** Drops held imports (all, or those of `keys`). */
  discard(keys?: string[]): void {
    if (!keys) held.clear();
    else for (const k of keys) held.delete(k);
  },
};

export type ImportApi = typeof api;
export type { NamedDesaAggregateRow };

Comlink.expose(api);
