/**
 * The boundary import Worker: a user's boundary file read, its columns proposed, and the set built by the
 * same core as `npm run geo -- --file` (`buildUserSet`), off the main thread. The gazetteer (`idn-area-data`
 * CSVs, bundled with the app: offline) is read on first use.
 */
import * as Comlink from 'comlink';
import Papa from 'papaparse';
import regenciesUrl from 'idn-area-data/data/regencies.csv?url';
import districtsUrl from 'idn-area-data/data/districts.csv?url';
import villagesUrl from 'idn-area-data/data/villages.csv?url';
import { BoundaryFileError, readBoundaryFile } from '../lib/geo/boundary-file.ts';
import {
  proposeBoundaryFields,
  type BoundaryFieldMapping,
  type GazetteerRows,
} from '../lib/geo/boundary-match.ts';
import { buildUserSet } from '../lib/geo/user-set.ts';
import type { BoundaryManifest } from '../lib/geo/types.ts';
import type { Message } from '../lib/messages/message.ts';
import type { BoundaryMatchReport } from '../lib/geo/boundary-match.ts';

let gazetteer: Promise<GazetteerRows> | null = null;

async function csvRows(url: string): Promise<{ code: string; name: string }[]> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  const parsed = Papa.parse<{ code: string; name: string }>(await response.text(), {
    header: true,
    skipEmptyLines: true,
  });
  return parsed.data.map((r) => ({ code: r.code, name: r.name }));
}

function loadGazetteer(): Promise<GazetteerRows> {
  gazetteer ??= Promise.all([csvRows(regenciesUrl), csvRows(districtsUrl), csvRows(villagesUrl)]).then(
    ([regencies, districts, villages]) => ({ regencies, districts, villages }),
  );
  return gazetteer;
}

/** What a file holds, for the column mapping (or the coordinate-system question). */
export type BoundaryInspection =
  | { kind: 'refused'; message: Message }
  | { kind: 'needs_crs'; choices: readonly string[]; looksProjected: boolean; message: Message }
  | {
      kind: 'read';
      format: string;
      crs: string;
      features: number;
      fields: string[];
      proposal: BoundaryFieldMapping;
      /** A few values of each column, for the mapping. */
      samples: Record<string, string[]>;
    };

/** A built set, ready to be stored (or the refusal). */
export type BoundaryBuild =
  | { kind: 'refused'; message: Message }
  | { kind: 'needs_crs'; choices: readonly string[]; looksProjected: boolean; message: Message }
  | {
      kind: 'set';
      kode: string;
      nama: string;
      sha256: string;
      manifest: BoundaryManifest;
      report: BoundaryMatchReport;
      mapping: BoundaryFieldMapping;
      files: Record<string, string>;
    };

const api = {
  inspect(bytes: Uint8Array, fileName: string, crs?: string): BoundaryInspection {
    try {
      const read = readBoundaryFile(bytes, fileName, crs ? { crs } : {});
      if (read.kind === 'needs_crs')
        return {
          kind: 'needs_crs',
          choices: read.choices,
          looksProjected: read.looksProjected,
          message: read.question,
        };
      const c = read.content;
      const samples: Record<string, string[]> = {};
      for (const f of c.fields) samples[f] = c.features.slice(0, 3).map((x) => String(x.properties[f] ?? ''));
      return {
        kind: 'read',
        format: c.format,
        crs: c.crs,
        features: c.features.length,
        fields: c.fields,
        proposal: proposeBoundaryFields(c.features, c.fields),
        samples,
      };
    } catch (error) {
      if (error instanceof BoundaryFileError) return { kind: 'refused', message: error.detail };
      throw error;
    }
  },

  async build(
    bytes: Uint8Array,
    fileName: string,
    mapping: BoundaryFieldMapping,
    crs: string | undefined,
    kabupaten: string[] | undefined,
    reference: Record<string, [number, number, number, number]>,
  ): Promise<BoundaryBuild> {
    const rows = await loadGazetteer();
    try {
      const r = buildUserSet({
        bytes,
        fileName,
        gazetteer: rows,
        mapping,
        ...(crs ? { crs } : {}),
        ...(kabupaten && kabupaten.length > 0 ? { kabupaten } : {}),
        reference: (kab) => reference[kab] ?? null,
        now: new Date(),
      });
      if (r.kind === 'needs_crs')
        return {
          kind: 'needs_crs',
          choices: r.choices,
          looksProjected: r.looksProjected,
          message: r.question,
        };
      const s = r.set;
      return {
        kind: 'set',
        kode: s.kode,
        nama: s.nama,
        sha256: s.sha256,
        manifest: s.manifest,
        report: s.report,
        mapping: s.mapping,
        files: Object.fromEntries(s.files.map((f) => [f.name, f.text])),
      };
    } catch (error) {
      if (error instanceof BoundaryFileError) return { kind: 'refused', message: error.detail };
      throw error;
    }
  },
};

export type BoundaryWorkerApi = typeof api;
Comlink.expose(api);
