import { describe, expect, it } from 'vitest';
import { combineImports, type ColumnMapping } from '../../../src/lib/import/index.ts';
import { prepareHexDistrict } from '../../../src/lib/hex/district.ts';
import { hexbinsFromHouseholds } from '../../../src/lib/hex/hexbins.ts';
import type { HexBins, HexMessage } from '../../../src/lib/hex/types.ts';
import { msg, type Message } from '../../../src/lib/messages/message.ts';
import { renderMessage } from '../../../src/lib/messages/render.ts';
import {
  buildStoredDataset,
  DATASET_FORMAT,
  readStoredDataset,
  readStoredMeta,
  rememberableMapping,
  summariseReport,
} from '../../../src/state/dataset-record.ts';
import { DESA, importFixture } from '../import/helpers.ts';

async function combined(...names: string[]) {
  const imports = await Promise.all(
    names.map((n) => importFixture(n, { periode: '2025-Q1', salt: 'rahasia-uji-123' })),
  );
  return { imports, summary: combineImports(imports, DESA, '33.24', 'Kabupaten Uji') };
}

describe('stored dataset record', () => {
  it('keeps counts, labels, column names and file facts, and nothing typed into a row', async () => {
    const { summary } = await combined('households-names.csv', 'households-problems.csv');
    const stored = buildStoredDataset({
      id: 'abc',
      kodeKab: '33.24',
      importedAt: new Date('2026-01-02T03:04:05Z'),
      report: summary.report,
      rows: summary.desa_rows,
      hexbins: null,
    });
    expect(stored.format).toBe(DATASET_FORMAT);
    expect(stored.meta).toEqual({
      id: 'abc',
      kode_kab: '33.24',
      name: 'households-names.csv, households-problems.csv',
      files: ['households-names.csv', 'households-problems.csv'],
      imported_at: '2026-01-02T03:04:05.000Z',
      periods: summary.report.periods,
      rows_read: summary.report.rows_read,
      rows_joined: summary.report.rows_joined,
      desa_rows: summary.desa_rows.length,
      synthetic: summary.report.synthetic,
      has_hexbins: false,
    });
    const r = stored.report;
    expect(r.rows_read).toBe(r.rows_joined + r.rows_rejected);
    expect(Object.values(r.rejected_by_reason).reduce((s, e) => s + (e?.count ?? 0), 0)).toBe(
      r.rows_rejected,
    );
    expect(r.files.map((f) => f.name)).toEqual(['households-names.csv', 'households-problems.csv']);
    expect(r.files[0].identifier_columns_dropped).toContain('NAMA_KRT');
    // The review's free text (unmatched names, suggestions, names from the file) is not in the record.
    const text = JSON.stringify(stored);
    expect(summary.report.name_suggestions.length).toBeGreaterThan(0);
    expect(text).not.toContain('PROTOMULYA');
    expect(text).not.toMatch(/WARGA UJI/);
    expect(text).not.toMatch(/first_rows|unmatched|suggestion/);
  });

  it('summariseReport adds up what the combined report says', async () => {
    const { summary } = await combined('households-problems.csv');
    const s = summariseReport(summary.report);
    expect(s.desa_without_rows).toBe(summary.report.desa_without_rows.length);
    for (const [reason, e] of Object.entries(summary.report.rejected_by_reason))
      expect(s.rejected_by_reason[reason as keyof typeof s.rejected_by_reason]).toEqual({
        label: e!.label,
        count: e!.count,
      });
  });

  it('reads back what it stored, typed arrays of the hexbins included (as IndexedDB clones them)', async () => {
    const { imports, summary } = await combined('households-comma-bom-lf.csv');
    const h = imports[0].households!;
    // A tiny outline around the fixture desa is enough for the record's shape.
    const square = {
      type: 'Polygon' as const,
      coordinates: [
        [
          [110, -7],
          [110.1, -7],
          [110.1, -6.9],
          [110, -6.9],
          [110, -7],
        ],
      ],
    };
    const district = prepareHexDistrict(
      square,
      DESA.map(() => square),
    );
    const bins = hexbinsFromHouseholds(
      district,
      {
        lon: new Float64Array(h.count).fill(110.05),
        lat: new Float64Array(h.count).fill(-6.95),
        desil: h.desil,
        desa: h.desa,
      },
      { res: 8 },
    );
    const stored = buildStoredDataset({
      id: 'x',
      kodeKab: '33.24',
      importedAt: new Date(0),
      report: summary.report,
      rows: summary.desa_rows,
      hexbins: { [summary.report.periods[0]]: { 8: bins } },
    });
    expect(stored.meta.has_hexbins).toBe(true);
    const back = readStoredDataset(structuredClone(stored));
    expect(back).not.toBeNull();
    expect(back!.rows).toEqual(stored.rows);
    expect(Array.from(back!.hexbins![summary.report.periods[0]][8]!.households)).toEqual(
      Array.from(bins.households),
    );
    expect(readStoredMeta(structuredClone(stored.meta))).toEqual(stored.meta);
  });

  it('refuses records of another format or shape instead of half-reading them', async () => {
    const { summary } = await combined('households-comma-bom-lf.csv');
    const stored = buildStoredDataset({
      id: 'x',
      kodeKab: '33.24',
      importedAt: new Date(0),
      report: summary.report,
      rows: summary.desa_rows,
      hexbins: null,
    });
    expect(readStoredDataset({ ...stored, format: 2 })).toBeNull();
    expect(readStoredDataset({ ...stored, rows: [{ ...stored.rows[0], kk_desil: [1, 2] }] })).toBeNull();
    expect(readStoredDataset({ ...stored, meta: { ...stored.meta, periods: 'x' } })).toBeNull();
    expect(readStoredDataset({ ...stored, hexbins: { p: { 8: { resolution: 8, cells: [] } } } })).toBeNull();
    expect(readStoredDataset(null)).toBeNull();
    expect(readStoredDataset('x')).toBeNull();
    expect(readStoredMeta({ id: 1 })).toBeNull();
  });
});

describe('remembered mapping', () => {
  const mapping: ColumnMapping = {
    version: 1,
    kind: 'households',
    fields: { kode_desa: 'KODE', desil: 'DESIL', periode: undefined },
    flags: { pkh: 'PKH' },
    name_matches: [{ nama_desa: 'PROTOMULYA', nama_kec: 'KALIWUNGU', kode_desa: '33.24.08.2003' }],
    periode: '2025-Q3',
  };

  it('keeps the columns, flags and accepted name pairs, but not the period of this file', () => {
    const kept = rememberableMapping(mapping);
    expect(kept).toEqual({
      version: 1,
      kind: 'households',
      fields: { kode_desa: 'KODE', desil: 'DESIL' },
      flags: { pkh: 'PKH' },
      name_matches: [{ nama_desa: 'PROTOMULYA', nama_kec: 'KALIWUNGU', kode_desa: '33.24.08.2003' }],
    });
    // A copy: editing the dialog's mapping later does not change what was remembered.
    kept.flags.bpnt = 'BPNT';
    kept.name_matches![0].kode_desa = 'x';
    expect(mapping.flags).toEqual({ pkh: 'PKH' });
    expect(mapping.name_matches![0].kode_desa).toBe('33.24.08.2003');
  });

  it('keeps the desil count columns of an aggregate table', () => {
    const counts = Array.from({ length: 10 }, (_, d) => `KK_D${d + 1}`);
    expect(
      rememberableMapping({
        version: 1,
        kind: 'desa_aggregate',
        fields: { kode_desa: 'K' },
        desil_counts: counts,
        flags: {},
      }).desil_counts,
    ).toEqual(counts);
  });

  it('keeps hexbin messages that are codes, and drops sentences stored by an older version', async () => {
    const { summary } = await combined('households-comma-bom-lf.csv');
    const coded: HexMessage = {
      code: 'estimate',
      severity: 'info',
      message: msg('hex.estimate.allocation'),
      count: 3,
    };
    const bins: HexBins = {
      resolution: 8,
      source: 'allocation',
      estimate: true,
      cells: [],
      households: new Uint32Array(0),
      desil: new Uint32Array(0),
      areaKm2: new Float64Array(0),
      border: new Uint8Array(0),
      total: 0,
      allocated: 0,
      messages: [coded, { ...coded, code: 'outside', message: 'an old sentence' as unknown as Message }],
    };
    const stored = buildStoredDataset({
      id: 'x',
      kodeKab: '33.24',
      importedAt: new Date(0),
      report: summary.report,
      rows: summary.desa_rows,
      hexbins: { '2025-Q1': { 8: bins } },
    });
    const back = readStoredDataset(structuredClone(stored));
    expect(back!.hexbins!['2025-Q1'][8]!.messages).toEqual([coded]);
    expect(renderMessage(back!.hexbins!['2025-Q1'][8]!.messages[0].message, 'en')).toMatch(/estimate/);
  });

  it('keeps the geotagged counts of partly estimated hexbins whole, or not at all', async () => {
    const { summary } = await combined('households-comma-bom-lf.csv');
    const bins: HexBins = {
      resolution: 8,
      source: 'points',
      estimate: true,
      cells: ['88658a7ba9fffff'],
      households: Uint32Array.of(30),
      desil: Uint32Array.of(10, 20, 0, 0, 0, 0, 0, 0, 0, 0),
      areaKm2: Float64Array.of(0.7),
      border: Uint8Array.of(0),
      total: 30,
      allocated: 12,
      points: { households: Uint32Array.of(18), desil: Uint32Array.of(6, 12, 0, 0, 0, 0, 0, 0, 0, 0) },
      messages: [],
    };
    const store = (b: HexBins) =>
      readStoredDataset(
        structuredClone(
          buildStoredDataset({
            id: 'x',
            kodeKab: '33.24',
            importedAt: new Date(0),
            report: summary.report,
            rows: summary.desa_rows,
            hexbins: { '2025-Q1': { 8: b } },
          }),
        ),
      )!.hexbins!['2025-Q1'][8]!;
    expect(Array.from(store(bins).points!.desil)).toEqual(Array.from(bins.points!.desil));
    // a damaged part is dropped (the statistics then ask for the file again), the counts are kept
    const damaged = store({ ...bins, points: { households: Uint32Array.of(18), desil: Uint32Array.of(6) } });
    expect(damaged.points).toBeUndefined();
    expect(Array.from(damaged.households)).toEqual([30]);
  });
});
