/**
 * Step 6a: why a row was not joined. Each reason has a stable machine code (used as a key in the join report and
 * in tests) and an Indonesian label for the join review screen and the CLI.
 */

/** Machine codes of rejected rows. */
export type RejectReason =
  | 'empty_row'
  | 'column_count'
  | 'kode_empty'
  | 'kode_invalid'
  | 'kode_excel_mangled'
  | 'kode_bps'
  | 'kode_other_kabupaten'
  | 'kode_unknown'
  | 'nama_empty'
  | 'nama_not_found'
  | 'nama_ambiguous'
  | 'kecamatan_not_found'
  | 'desil_missing'
  | 'desil_not_number'
  | 'desil_not_integer'
  | 'desil_out_of_range'
  | 'periode_missing'
  | 'periode_invalid'
  | 'count_invalid'
  | 'desil_sum_mismatch'
  | 'duplicate_desa_periode';

/** Indonesian label of each reason. */
export const REASON_LABELS: Record<RejectReason, string> = {
  empty_row: 'baris kosong (semua sel kosong)',
  column_count: 'jumlah kolom tidak sama dengan baris judul (pemisah atau tanda kutip di dalam sel?)',
  kode_empty: 'kode desa kosong',
  kode_invalid: 'kode desa tidak berbentuk kode Kemendagri',
  kode_excel_mangled:
    'kode desa rusak oleh Excel (notasi ilmiah seperti 3,32401E+09 atau digit hilang); format kolom sebagai teks lalu ekspor ulang',
  kode_bps: 'kode tampak seperti kode BPS, bukan kode Kemendagri (perlu tabel padanan)',
  kode_other_kabupaten: 'kode desa milik kabupaten/kota lain',
  kode_unknown: 'kode desa tidak ada dalam daftar desa kabupaten ini',
  nama_empty: 'nama desa kosong',
  nama_not_found: 'nama desa tidak ditemukan',
  nama_ambiguous: 'nama desa dipakai lebih dari satu desa (isi kecamatan atau kode desa)',
  kecamatan_not_found: 'kecamatan tidak ditemukan',
  desil_missing: 'desil kosong',
  desil_not_number: 'desil bukan angka',
  desil_not_integer: 'desil bukan bilangan bulat',
  desil_out_of_range: 'desil di luar 1–10',
  periode_missing: 'periode kosong',
  periode_invalid: 'periode tidak dikenali (contoh: 2025-Q1, 2025-S1, 2025-07, 2025)',
  count_invalid: 'jumlah keluarga atau jumlah per desil bukan bilangan bulat ≥ 0',
  desil_sum_mismatch: 'jumlah desil 1–10 tidak sama dengan jumlah keluarga',
  duplicate_desa_periode: 'desa dan periode yang sama sudah ada di baris sebelumnya',
};

/** Which mapped field a reason is about (for naming the column in messages). */
export const REASON_FIELD: Partial<Record<RejectReason, string>> = {
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
  desil_missing: 'desil',
  desil_not_number: 'desil',
  desil_not_integer: 'desil',
  desil_out_of_range: 'desil',
  periode_missing: 'periode',
  periode_invalid: 'periode',
  count_invalid: 'jumlah_kk',
  desil_sum_mismatch: 'jumlah_kk',
};
