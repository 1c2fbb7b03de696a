import { describe, expect, it } from 'vitest';
import type { ColumnMapping } from '../../../src/lib/import/index.ts';
import {
  fieldRequirement,
  flagKey,
  MAPPING_FIELDS,
  missingRequired,
  usesOfColumn,
} from '../../../src/state/mapping-fields.ts';

const base = (m: Partial<ColumnMapping>): ColumnMapping => ({
  version: 1,
  kind: 'households',
  fields: {},
  flags: {},
  ...m,
});

describe('column mapping screen', () => {
  it('marks desil required in household files and a desa code or name in both kinds', () => {
    expect(fieldRequirement('households', 'desil')).toBe('always');
    expect(fieldRequirement('desa_aggregate', 'periode')).toBeNull();
    expect(fieldRequirement('households', 'nama_desa')).toBe('desa_key');
    expect(MAPPING_FIELDS.desa_aggregate).not.toContain('desil');
    expect(missingRequired(base({}))).toEqual(['desa_key', 'desil']);
    expect(missingRequired(base({ fields: { nama_desa: 'DESA', desil: 'D' } }))).toEqual([]);
    expect(
      missingRequired(
        base({ kind: 'desa_aggregate', fields: { kode_desa: 'K' }, desil_counts: Array(10).fill('') }),
      ),
    ).toEqual(['desil_counts']);
  });

  it('names what reads a column, for the preview header', () => {
    const m = base({ fields: { kode_desa: 'KODE', desil: 'D' }, flags: { pkh: 'PKH', pkh_2: 'PKH' } });
    expect(usesOfColumn(m, 'PKH')).toEqual(['pkh', 'pkh_2']);
    expect(usesOfColumn(m, 'KODE')).toEqual(['kode_desa']);
    expect(usesOfColumn(m, 'X')).toEqual([]);
  });

  it('keys a new flag by its column name, in the form the mapping accepts, unique', () => {
    expect(flagKey('PKH Plus', [])).toBe('pkh_plus');
    expect(flagKey('Penerima BPNT (2025)', [])).toBe('penerima_bpnt_2025');
    expect(flagKey('PKH', ['pkh', 'pkh_2'])).toBe('pkh_3');
    expect(flagKey('—', [])).toBe('penanda');
    for (const k of [flagKey('Äir Bersih!', []), flagKey('x'.repeat(80), [])])
      expect(k).toMatch(/^[a-z0-9_]{1,40}$/);
  });
});
