/**
 * Step 6a: why a row was not joined. Each reason has a stable machine code (used as a key in the join report and
 * in tests) and a label in the message dictionaries, which the join review screen and the CLI render in their
 * language.
 */
import { msg, type Message } from '../messages/message.ts';
import { renderMessage } from '../messages/render.ts';

/** Machine codes of rejected rows, in the order the review lists reasons of equal count. */
export const REJECT_REASONS = [
  'empty_row',
  'column_count',
  'kode_empty',
  'kode_invalid',
  'kode_excel_mangled',
  'kode_bps',
  'kode_other_kabupaten',
  'kode_unknown',
  'nama_empty',
  'nama_not_found',
  'nama_ambiguous',
  'kecamatan_not_found',
  'provinsi_other',
  'kabupaten_other',
  'kode_nama_conflict',
  'desil_missing',
  'desil_not_number',
  'desil_not_integer',
  'desil_out_of_range',
  'periode_missing',
  'periode_invalid',
  'count_invalid',
  'desil_sum_mismatch',
  'duplicate_desa_periode',
] as const;

/** One of {@link REJECT_REASONS}. */
export type RejectReason = (typeof REJECT_REASONS)[number];

/** The label of a reason as a message (`import.reason.<code>` in `src/lib/messages/import.ts`). */
export function reasonLabel(reason: RejectReason): Message {
  return msg(`import.reason.${reason}`);
}

/** The Indonesian label of a reason, for readers of the join report file (surfaces render {@link reasonLabel}). */
export function reasonLabelId(reason: RejectReason): string {
  return renderMessage(reasonLabel(reason), 'id');
}

/** Which mapped field a reason is about (for naming the column in messages; the first one mapped is named). */
export const REASON_FIELD: Partial<Record<RejectReason, string | readonly string[]>> = {
  kode_empty: 'kode_desa',
  kode_invalid: 'kode_desa',
  kode_excel_mangled: 'kode_desa',
  kode_bps: 'kode_desa',
  kode_other_kabupaten: 'kode_desa',
  kode_unknown: 'kode_desa',
  nama_empty: 'nama_desa',
  nama_not_found: 'nama_desa',
  nama_ambiguous: 'nama_desa',
  kecamatan_not_found: 'nama_kec',
  provinsi_other: ['nama_prov', 'kode_prov'],
  kabupaten_other: ['nama_kab', 'kode_kab'],
  kode_nama_conflict: ['nama_desa', 'nama_kec', 'kode_kec'],
  desil_missing: 'desil',
  desil_not_number: 'desil',
  desil_not_integer: 'desil',
  desil_out_of_range: 'desil',
  periode_missing: 'periode',
  periode_invalid: 'periode',
  count_invalid: 'jumlah_kk',
  desil_sum_mismatch: 'jumlah_kk',
};
