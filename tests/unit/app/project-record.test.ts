/**
 * A project read back becomes a stored dataset the store reads again like an import's (rows with names,
 * hexagon counts as typed arrays), with the saving app's id, so that opening a project twice replaces its
 * record; the bundled aggregate gets names from the boundaries and an id from its rows.
 */
import { describe, expect, it } from 'vitest';
import type { HexBins } from '../../../src/lib/hex/types.ts';
import { DEFAULT_VIEW } from '../../../src/lib/params/view.ts';
import { scenarioFromPreset } from '../../../src/lib/priority/scenario.ts';
import {
  parseProjectFile,
  projectFileText,
  type ProjectContent,
} from '../../../src/lib/project/project-file.ts';
import { readStoredDataset } from '../../../src/state/dataset-record.ts';
import type { ExploreState } from '../../../src/state/explore.svelte.ts';
import { storedDatasetOf } from '../../../src/state/project.ts';

const DESA = new Map([
  [
    '33.24.01.2001',
    { kode_desa: '33.24.01.2001', nama_desa: 'Gempolsewu', kode_kec: '33.24.01', nama_kec: 'Rowosari' },
  ],
  [
    '33.24.01.2002',
    { kode_desa: '33.24.01.2002', nama_desa: 'Sendangsikucing', kode_kec: '33.24.01', nama_kec: 'Rowosari' },
  ],
]);
const explore = { district: { desaByKode: DESA } } as unknown as ExploreState;

const bins: HexBins = {
  resolution: 7,
  source: 'allocation',
  estimate: true,
  cells: ['87658e1a1ffffff'],
  households: Uint32Array.from([40]),
  desil: Uint32Array.from([4, 4, 4, 4, 4, 4, 4, 4, 4, 4]),
  areaKm2: Float64Array.from([5.16]),
  border: Uint8Array.from([1]),
  total: 40,
  allocated: 40,
  messages: [],
};

function content(origin: 'bundled' | 'imported'): ProjectContent {
  return {
    boundary: {
      kode_kab: '33.24',
      nama_kab: 'Kabupaten Kendal',
      folder: '33.24',
      source: 'uji',
      desa_sha256: null,
    },
    dataset: {
      origin,
      id: origin === 'imported' ? 'impor-1' : null,
      name: origin === 'imported' ? 'dtsen.csv' : 'sintetis-agregat-desa-33.24.csv',
      files: [origin === 'imported' ? 'dtsen.csv' : 'sintetis-agregat-desa-33.24.csv'],
      periods: ['2025-Q3'],
      synthetic: true,
      imported_at: origin === 'imported' ? '2026-01-02T03:04:05.000Z' : null,
      rows_read: origin === 'imported' ? 45 : null,
      rows_joined: origin === 'imported' ? 40 : null,
      rows: [...DESA.keys()].map((kode, i) => ({
        periode: '2025-Q3',
        kode_desa: kode,
        jumlah_kk: 20,
        kk_desil: [2 + i, 2, 2, 2, 2, 2, 2, 2, 2, 2 - i],
        jumlah_jiwa: null,
        programmes: {},
      })),
      hexbins: origin === 'imported' ? { '2025-Q3': { 7: bins } } : null,
    },
    view: DEFAULT_VIEW,
    scenarios: { current: scenarioFromPreset('ekstrem'), saved: [] },
  };
}

function read(c: ProjectContent) {
  const r = parseProjectFile(projectFileText(c, '2026-03-02T08:15:00.000Z'), 'p.json', {
    kodeKab: '33.24',
    namaKab: 'Kabupaten Kendal',
    desaSha256: null,
  });
  if (!r.ok) throw new Error(r.error.code);
  return r.project;
}

describe('project → stored dataset', () => {
  it('an imported dataset keeps its id, counts and typed hexagon counts, and the store reads it back', () => {
    const stored = storedDatasetOf(read(content('imported')), explore);
    expect(stored.meta).toMatchObject({
      id: 'impor-1',
      kode_kab: '33.24',
      name: 'dtsen.csv',
      imported_at: '2026-01-02T03:04:05.000Z',
      rows_read: 45,
      rows_joined: 40,
      desa_rows: 2,
      has_hexbins: true,
    });
    expect(stored.report.rows_rejected).toBe(5);
    // structured clone is what IndexedDB keeps
    const back = readStoredDataset(structuredClone(stored));
    expect(back).not.toBeNull();
    expect(back!.hexbins!['2025-Q3'][7]).toEqual(bins);
    expect(back!.rows.map((r) => r.kk_desil)).toEqual(
      content('imported').dataset.rows.map((r) => r.kk_desil),
    );
  });

  it('the bundled aggregate gets names from the boundaries, shares from its counts and an id from its rows', () => {
    const stored = storedDatasetOf(read(content('bundled')), explore);
    expect(stored.meta.id).toMatch(/^proyek-[0-9a-f]{16}$/);
    expect(storedDatasetOf(read(content('bundled')), explore).meta.id).toBe(stored.meta.id);
    expect(stored.meta.imported_at).toBe('2026-03-02T08:15:00.000Z');
    expect(stored.meta.rows_joined).toBe(40);
    expect(stored.rows[1]).toMatchObject({
      nama_desa: 'Sendangsikucing',
      kode_kec: '33.24.01',
      nama_kec: 'Rowosari',
      share_desil_1: 3 / 20,
      share_desil_1_4: 9 / 20,
    });
    expect(readStoredDataset(structuredClone(stored))).not.toBeNull();
  });
});
