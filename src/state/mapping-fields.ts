/**
 * What the column-mapping screen offers per table kind: the fields in display order, which are required, and
 * how a new programme flag is keyed. Pure, so the dialog and the tests share it.
 */
import type { ColumnMapping, FieldName, TableKind } from '../lib/import/index.ts';
import { MAPPING_FIELDS } from '../lib/import/mapping.ts';

export { MAPPING_FIELDS };

/**
 * How a field is required: `always` (desil in a household file), `desa_key` (a desa code or a desa name: one of
 * the two), or not at all.
 */
export function fieldRequirement(kind: TableKind, field: FieldName): 'always' | 'desa_key' | null {
  if (field === 'kode_desa' || field === 'nama_desa') return 'desa_key';
  if (kind === 'households' && field === 'desil') return 'always';
  return null;
}

/** Required parts of a mapping that have no column yet: `desil`, `desa_key`, `desil_counts`. */
export function missingRequired(mapping: ColumnMapping): ('desil' | 'desa_key' | 'desil_counts')[] {
  const out: ('desil' | 'desa_key' | 'desil_counts')[] = [];
  if (!mapping.fields.kode_desa && !mapping.fields.nama_desa) out.push('desa_key');
  if (mapping.kind === 'households' && !mapping.fields.desil) out.push('desil');
  if (
    mapping.kind === 'desa_aggregate' &&
    (mapping.desil_counts?.length !== 10 || mapping.desil_counts.some((c) => !c))
  )
    out.push('desil_counts');
  return out;
}

/** Fields, desil counts and flags that read `column` (for the preview's header). */
export function usesOfColumn(mapping: ColumnMapping, column: string): string[] {
  const out: string[] = [];
  for (const [field, c] of Object.entries(mapping.fields)) if (c === column) out.push(field);
  mapping.desil_counts?.forEach((c, d) => {
    if (c === column) out.push(`desil_${d + 1}`);
  });
  for (const [key, c] of Object.entries(mapping.flags)) if (c === column) out.push(key);
  return out;
}

/** A flag key for a column name: lower case, `[a-z0-9_]`, unique among `taken` (`PKH Plus` → `pkh_plus`). */
export function flagKey(column: string, taken: readonly string[]): string {
  const base =
    column
      .normalize('NFKD')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '_')
      .replace(/^_+|_+$/g, '')
      .slice(0, 36) || 'penanda';
  let key = base;
  for (let n = 2; taken.includes(key); n++) key = `${base}_${n}`;
  return key;
}
