/**
 * Messages of the import core (`src/lib/import`): why a file cannot be imported, notes on an import, why a row
 * was rejected, and why a column was proposed for a field. `{file}` is the file name as the person picked it;
 * no message carries a cell of the file other than a column name, a code-shaped key or a period.
 */
export const importId = {
  'import.error.empty_file': '{file}: file kosong (0 byte).',
  'import.error.binary_file': '{file}: bukan file teks atau XLSX (berisi data biner).',
  'import.error.not_a_table': '{file}: berisi JSON/GeoJSON, bukan tabel rumah tangga (CSV atau XLSX).',
  'import.error.xls_unsupported':
    '{file}: format Excel lama (.xls) tidak didukung; simpan ulang sebagai .xlsx atau CSV.',
  'import.error.xlsx_unreadable': '{file}: file XLSX tidak dapat dibaca ({reason}).',
  'import.error.no_header':
    '{file}: baris judul kolom tidak ditemukan (tidak ada nama kolom yang dikenali di {rows} baris pertama).',
  'import.error.no_header_data':
    '{file}: baris pertama berisi data, bukan judul kolom; tambahkan baris judul kolom (mis. KODE_DESA;DESIL) lalu impor lagi.',
  'import.error.xlsx_too_large':
    '{file}: bagian {part} terlalu besar setelah diekstrak (lebih dari {mb} MB dan lebih dari {ratio} kali ukuran terkompresinya): file rusak atau "bom" kompresi; tidak dibaca.',
  'import.error.sheet_not_found': '{file}: lembar "{sheet}" tidak ada (lembar: {sheets}).',
  'import.error.no_visible_sheet':
    '{file}: tidak ada lembar yang terlihat; sebutkan lembar yang akan dibaca.',
  'import.error.no_records': '{file}: file tidak berisi baris data.',
  'import.error.no_data_rows': '{file}: tidak ada baris data setelah baris judul (baris {row}).',
  'import.error.no_desil_column':
    '{file}: kolom desil tidak ditemukan (kolom: {columns}); petakan kolom desil.',
  'import.error.no_desa_key_column':
    '{file}: tidak ada kolom kode desa atau nama desa yang dikenali; petakan salah satunya.',
  'import.error.mapping_invalid': '{file}: pemetaan kolom tidak valid: {why}.',
  'import.error.mapping_uses_identifier':
    '{file}: kolom "{column}" berisi data pribadi ({kind}) dan dibuang; tidak dapat dipakai sebagai {field}.',
  'import.error.mapping_uses_identifier_flag':
    '{file}: kolom "{column}" berisi data pribadi dan dibuang; tidak dapat dipakai sebagai penanda {flag}.',
  'import.error.salt_required':
    '{file}: kolom kunci keluarga "{column}" dipetakan, tetapi tidak ada salt rahasia untuk menyamarkannya.',
  'import.error.salt_short': '{file}: salt rahasia terlalu pendek (minimal {min} byte).',
  'import.error.unknown_kabupaten':
    '{file}: kabupaten/kota "{kab}" tidak dikenal atau tidak punya daftar desa.',
  'import.error.nothing_joined':
    '{file}: tidak ada baris yang dapat digabungkan ke desa {kab}: {count} dari {rows} baris — {reason}{column}, mulai baris {first}{other}.',
  'import.error.otherKabupaten': '; file ini untuk kabupaten/kota lain, bukan {kab}',
  'import.error.internal': '{file}: kesalahan di dalam aplikasi ({reason}).',

  'import.mapping.notObject': 'bukan objek JSON',
  'import.mapping.unknownVersion': 'versi {version} tidak dikenal',
  'import.mapping.unknownKind': 'jenis tabel "{kind}" tidak dikenal',
  'import.mapping.notColumnName': '{what} harus nama kolom',
  'import.mapping.columnMissing': 'kolom "{column}" untuk {what} tidak ada di file',
  'import.mapping.fieldsNotObject': '"fields" harus objek',
  'import.mapping.unknownField': 'field "{field}" tidak dikenal',
  'import.mapping.desilCountsTen': '"desil_counts" harus 10 nama kolom',
  'import.mapping.aggregateNeedsDesilCounts': 'tabel agregat memerlukan "desil_counts" (10 kolom)',
  'import.mapping.flagsNotObject': '"flags" harus objek',
  'import.mapping.badFlagKey': 'nama penanda "{flag}" harus huruf kecil, angka atau _',
  'import.mapping.flag': 'penanda {flag}',
  'import.mapping.nameMatchesNotList': '"name_matches" harus daftar',
  'import.mapping.nameMatchFields': 'setiap "name_matches" memerlukan nama_desa dan kode_desa',
  'import.mapping.nameMatchKecamatan': '"nama_kec" di name_matches harus teks',
  'import.mapping.nameFallbackBoolean': '"name_fallback" harus true/false',
  'import.mapping.periodeText': '"periode" harus teks',
  'import.mapping.onConflict': '"on_conflict" "{value}" tidak dikenal (pilihan: {choices})',

  'import.warning.unknownAcceptedCode':
    '{file}: pasangan nama yang diterima menunjuk kode {kode} yang tidak ada di kabupaten ini; diabaikan.',
  'import.warning.noHouseholdSize': '{file}: tidak ada kolom jumlah ART; jumlah jiwa tidak dihitung.',
  'import.warning.conflictsByCode':
    '{file}: {count} baris dengan kode desa dan nama yang bertentangan digabung menurut kodenya (sesuai pilihan).',
  'import.warning.conflictsByName':
    '{file}: {count} baris dengan kode desa dan nama yang bertentangan digabung menurut namanya (sesuai pilihan).',
  'import.warning.periodeFromFileName':
    '{file}: {count} baris tanpa periode diberi periode {periode} dari nama file.',
  'import.warning.periodeGiven': '{file}: {count} baris tanpa periode diberi periode {periode}.',
  'import.warning.periodeGivenNotUsed':
    '{file}: periode {periode} diambil dari nama file; periode {given} yang diberikan tidak dipakai.',
  'import.warning.strayQuotes':
    '{file}: tanda kutip yang tidak menutup sel menelan baris berikutnya; file dibaca ulang per baris, tanda kutip di {count} baris dibaca sebagai huruf biasa (baris {rows}).',
  'import.warning.sheetsNotRead':
    '{file}: {count} lembar tidak dibaca: {sheets}. Pilih lembar lain atau semua lembar dengan kolom yang sama bila datanya juga perlu.',
  'import.warning.overlapping':
    '{count} pasangan desa dan periode ada di lebih dari satu file; jumlahnya ditambahkan (file yang sama diimpor dua kali?).',

  'import.rejectedRows': '{file}: {count} baris ditolak — {reason}{column}; baris {rows}{more}',
  'import.column': ' (kolom {column})',

  'import.reason.empty_row': 'baris kosong (semua sel kosong)',
  'import.reason.column_count':
    'jumlah kolom tidak sama dengan baris judul (pemisah atau tanda kutip di dalam sel?)',
  'import.reason.kode_empty': 'kode desa kosong',
  'import.reason.kode_invalid': 'kode desa tidak berbentuk kode Kemendagri',
  'import.reason.kode_excel_mangled':
    'kode desa rusak oleh Excel (notasi ilmiah seperti 3,32401E+09 atau digit hilang); format kolom sebagai teks lalu ekspor ulang',
  'import.reason.kode_bps': 'kode tampak seperti kode BPS, bukan kode Kemendagri (perlu tabel padanan)',
  'import.reason.kode_other_kabupaten': 'kode desa milik kabupaten/kota lain',
  'import.reason.kode_unknown': 'kode desa tidak ada dalam daftar desa kabupaten ini',
  'import.reason.nama_empty': 'nama desa kosong',
  'import.reason.nama_not_found': 'nama desa tidak ditemukan',
  'import.reason.nama_ambiguous': 'nama desa dipakai lebih dari satu desa (isi kecamatan atau kode desa)',
  'import.reason.kecamatan_not_found': 'kecamatan tidak ditemukan',
  'import.reason.provinsi_other': 'kolom provinsi menyebut provinsi lain',
  'import.reason.kabupaten_other': 'kolom kabupaten/kota menyebut kabupaten/kota lain',
  'import.reason.kode_nama_conflict':
    'kode desa dan nama desa/kecamatan di baris yang sama menunjuk desa yang berbeda (pilih: kode yang benar, nama yang benar, atau tolak)',
  'import.reason.desil_missing': 'desil kosong',
  'import.reason.desil_not_number': 'desil bukan angka',
  'import.reason.desil_not_integer': 'desil bukan bilangan bulat',
  'import.reason.desil_out_of_range': 'desil di luar 1–10',
  'import.reason.periode_missing': 'periode kosong',
  'import.reason.periode_invalid': 'periode tidak dikenali (contoh: 2025-Q1, 2025-S1, 2025-07, 2025)',
  'import.reason.count_invalid': 'jumlah keluarga atau jumlah per desil bukan bilangan bulat ≥ 0',
  'import.reason.desil_sum_mismatch': 'jumlah desil 1–10 tidak sama dengan jumlah keluarga',
  'import.reason.duplicate_desa_periode': 'desa dan periode yang sama sudah ada di baris sebelumnya',

  'import.proposal.byName': 'nama kolom "{column}" dikenali sebagai {field}',
  'import.proposal.byContent': 'isi kolom "{column}" berbentuk kode desa',
  'import.proposal.byGazetteer':
    'kolom "{column}": {pct}% nilai di baris pertama cocok dengan daftar desa kabupaten ini (kolom lain: {others})',
  'import.proposal.none': 'tidak ada kolom yang cocok',
  'import.proposal.desilDoubt': '{reason}; tetapi kurang dari separuh isinya angka 1–10',
  'import.proposal.countDoubt': '{reason}; tetapi isinya bukan bilangan bulat',
  'import.proposal.alsoMatches': '{reason}; juga cocok: {columns}',
  'import.proposal.desilCount': 'nama kolom "{column}" dikenali sebagai jumlah keluarga desil {d}',
  'import.proposal.flag': 'nama kolom "{column}" dikenali sebagai penanda {flag}',
  'import.proposal.flagCount': 'nama kolom "{column}" dikenali sebagai jumlah keluarga {flag}',
} as const;

export const importEn: Record<keyof typeof importId, string> = {
  'import.error.empty_file': '{file}: empty file (0 bytes).',
  'import.error.binary_file': '{file}: not a text or XLSX file (it holds binary data).',
  'import.error.not_a_table': '{file}: holds JSON/GeoJSON, not a household table (CSV or XLSX).',
  'import.error.xls_unsupported':
    '{file}: the old Excel format (.xls) is not supported; save it again as .xlsx or CSV.',
  'import.error.xlsx_unreadable': '{file}: the XLSX file cannot be read ({reason}).',
  'import.error.no_header': '{file}: no header row found (no known column name in the first {rows} rows).',
  'import.error.no_header_data':
    '{file}: the first row holds data, not column names; add a header row (e.g. KODE_DESA;DESIL) and import again.',
  'import.error.xlsx_too_large':
    '{file}: part {part} is too large once extracted (more than {mb} MB and more than {ratio} times its compressed size): a damaged file or a compression "bomb"; not read.',
  'import.error.sheet_not_found': '{file}: there is no sheet "{sheet}" (sheets: {sheets}).',
  'import.error.no_visible_sheet': '{file}: no sheet is visible; name the sheet to read.',
  'import.error.no_records': '{file}: the file has no data rows.',
  'import.error.no_data_rows': '{file}: no data rows after the header row (row {row}).',
  'import.error.no_desil_column': '{file}: no desil column found (columns: {columns}); map the desil column.',
  'import.error.no_desa_key_column': '{file}: no desa code or desa name column recognised; map one of them.',
  'import.error.mapping_invalid': '{file}: invalid column mapping: {why}.',
  'import.error.mapping_uses_identifier':
    '{file}: column "{column}" holds personal data ({kind}) and is dropped; it cannot be used as {field}.',
  'import.error.mapping_uses_identifier_flag':
    '{file}: column "{column}" holds personal data and is dropped; it cannot be used as flag {flag}.',
  'import.error.salt_required':
    '{file}: the household key column "{column}" is mapped, but there is no secret salt to hash it with.',
  'import.error.salt_short': '{file}: the secret salt is too short (at least {min} bytes).',
  'import.error.unknown_kabupaten': '{file}: kabupaten/kota "{kab}" is unknown or has no list of desa.',
  'import.error.nothing_joined':
    '{file}: no row could be joined to a desa of {kab}: {count} of {rows} rows — {reason}{column}, from row {first}{other}.',
  'import.error.otherKabupaten': '; this file is for another kabupaten/kota, not {kab}',
  'import.error.internal': '{file}: an error inside the app ({reason}).',

  'import.mapping.notObject': 'not a JSON object',
  'import.mapping.unknownVersion': 'unknown version {version}',
  'import.mapping.unknownKind': 'unknown table kind "{kind}"',
  'import.mapping.notColumnName': '{what} must be a column name',
  'import.mapping.columnMissing': 'column "{column}" for {what} is not in the file',
  'import.mapping.fieldsNotObject': '"fields" must be an object',
  'import.mapping.unknownField': 'unknown field "{field}"',
  'import.mapping.desilCountsTen': '"desil_counts" must be 10 column names',
  'import.mapping.aggregateNeedsDesilCounts': 'an aggregate table needs "desil_counts" (10 columns)',
  'import.mapping.flagsNotObject': '"flags" must be an object',
  'import.mapping.badFlagKey': 'flag name "{flag}" must be lower-case letters, digits or _',
  'import.mapping.flag': 'flag {flag}',
  'import.mapping.nameMatchesNotList': '"name_matches" must be a list',
  'import.mapping.nameMatchFields': 'every "name_matches" entry needs nama_desa and kode_desa',
  'import.mapping.nameMatchKecamatan': '"nama_kec" in name_matches must be text',
  'import.mapping.nameFallbackBoolean': '"name_fallback" must be true/false',
  'import.mapping.periodeText': '"periode" must be text',
  'import.mapping.onConflict': 'unknown "on_conflict" "{value}" (choices: {choices})',

  'import.warning.unknownAcceptedCode':
    '{file}: an accepted name pair points to code {kode}, which is not in this kabupaten; ignored.',
  'import.warning.noHouseholdSize': '{file}: no household size (ART) column; persons are not counted.',
  'import.warning.conflictsByCode':
    '{file}: {count} rows whose desa code and names disagree were joined by their code (as chosen).',
  'import.warning.conflictsByName':
    '{file}: {count} rows whose desa code and names disagree were joined by their names (as chosen).',
  'import.warning.periodeFromFileName':
    '{file}: {count} rows without a period were given period {periode} from the file name.',
  'import.warning.periodeGiven': '{file}: {count} rows without a period were given period {periode}.',
  'import.warning.periodeGivenNotUsed':
    '{file}: period {periode} was taken from the file name; the period {given} given was not used.',
  'import.warning.strayQuotes':
    '{file}: a quote that does not close a cell swallowed the following lines; the file was read again line by line, and the quotes of {count} rows were read as ordinary characters (rows {rows}).',
  'import.warning.sheetsNotRead':
    '{file}: {count} sheets were not read: {sheets}. Choose another sheet, or all sheets with the same columns, if their data is needed too.',
  'import.warning.overlapping':
    '{count} desa and period pairs are in more than one file; their counts were added (the same file imported twice?).',

  'import.rejectedRows': '{file}: {count} rows rejected — {reason}{column}; rows {rows}{more}',
  'import.column': ' (column {column})',

  'import.reason.empty_row': 'empty row (every cell empty)',
  'import.reason.column_count':
    'number of cells differs from the header row (a separator or quote inside a cell?)',
  'import.reason.kode_empty': 'desa code empty',
  'import.reason.kode_invalid': 'desa code is not shaped like a Kemendagri code',
  'import.reason.kode_excel_mangled':
    'desa code damaged by Excel (scientific notation such as 3,32401E+09, or lost digits); format the column as text and export again',
  'import.reason.kode_bps': 'the code looks like a BPS code, not a Kemendagri code (a crosswalk is needed)',
  'import.reason.kode_other_kabupaten': 'desa code of another kabupaten/kota',
  'import.reason.kode_unknown': 'desa code not in the list of desa of this kabupaten',
  'import.reason.nama_empty': 'desa name empty',
  'import.reason.nama_not_found': 'desa name not found',
  'import.reason.nama_ambiguous': 'desa name used by more than one desa (fill in the kecamatan or desa code)',
  'import.reason.kecamatan_not_found': 'kecamatan not found',
  'import.reason.provinsi_other': 'the province column names another province',
  'import.reason.kabupaten_other': 'the kabupaten/kota column names another kabupaten/kota',
  'import.reason.kode_nama_conflict':
    'the desa code and the desa/kecamatan name on the same row point to different desa (choose: the code is right, the name is right, or reject)',
  'import.reason.desil_missing': 'desil empty',
  'import.reason.desil_not_number': 'desil is not a number',
  'import.reason.desil_not_integer': 'desil is not a whole number',
  'import.reason.desil_out_of_range': 'desil outside 1–10',
  'import.reason.periode_missing': 'period empty',
  'import.reason.periode_invalid': 'period not recognised (e.g. 2025-Q1, 2025-S1, 2025-07, 2025)',
  'import.reason.count_invalid': 'household count or count per desil is not a whole number ≥ 0',
  'import.reason.desil_sum_mismatch': 'desil 1–10 counts do not add up to the household count',
  'import.reason.duplicate_desa_periode': 'the same desa and period are on an earlier row',

  'import.proposal.byName': 'column name "{column}" recognised as {field}',
  'import.proposal.byContent': 'the cells of column "{column}" look like desa codes',
  'import.proposal.byGazetteer':
    'column "{column}": {pct}% of the values in the first rows match the desa list of this kabupaten (other columns: {others})',
  'import.proposal.none': 'no matching column',
  'import.proposal.desilDoubt': '{reason}; but less than half of its cells are numbers 1–10',
  'import.proposal.countDoubt': '{reason}; but its cells are not whole numbers',
  'import.proposal.alsoMatches': '{reason}; also matches: {columns}',
  'import.proposal.desilCount': 'column name "{column}" recognised as the households in desil {d}',
  'import.proposal.flag': 'column name "{column}" recognised as flag {flag}',
  'import.proposal.flagCount': 'column name "{column}" recognised as the household count {flag}',
};
