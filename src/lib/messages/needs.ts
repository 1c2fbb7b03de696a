/**
 * Messages of the needs and verification views (`src/lib/needs`): names of programmes, needs and issues,
 * plain-language definitions for legends and file notes, and what the views need when the data lacks it.
 */
export const needsId = {
  'needs.programme.pkh': 'PKH',
  'needs.programme.bpnt': 'BPNT/Sembako',
  'needs.programme.pbi_jk': 'PBI-JK',
  'needs.programme.pbi_apbd': 'PBI APBD',
  'needs.programme.blt': 'BLT',
  'needs.programme.blt_dd': 'BLT Dana Desa',
  'needs.programme.bst': 'BST',
  'needs.programme.pip': 'PIP',
  'needs.need.rtlh': 'Rumah tidak layak huni',
  'needs.need.lantai_tanah': 'Lantai tanah',
  'needs.need.dinding_tidak_layak': 'Dinding tidak layak',
  'needs.need.atap_tidak_layak': 'Atap tidak layak',
  'needs.need.air_tidak_layak': 'Air minum tidak layak',
  'needs.need.sanitasi_tidak_layak': 'Sanitasi tidak layak',
  'needs.need.tanpa_listrik': 'Tanpa listrik',
  'needs.need.tanpa_bansos': 'Tidak menerima bantuan sosial apa pun',
  'needs.need.gap': 'Layak {programme} tetapi tidak menerima',
  'needs.issue.geotag_outside_desa': 'Titik koordinat di luar desanya sendiri',
  'needs.issue.duplicate_key': 'Kunci keluarga ganda (keluarga tercatat dua kali?)',
  'needs.issue.desil_missing': 'Desil kosong',
  'needs.issue.desil_out_of_range': 'Desil bukan bilangan bulat 1–10',
  'needs.issue.size_outlier': 'Jumlah anggota keluarga tidak wajar',
  'needs.issue.extreme_outside_desil_1_2': 'Ditandai miskin ekstrem tetapi desil 3 atau lebih',
  'needs.issue.households_jump': 'Jumlah keluarga berubah tajam dari periode sebelumnya',
  'needs.issue.desil1_share_jump': 'Persentase desil 1 berubah tajam dari periode sebelumnya',
  'needs.define.exclusion':
    'Eksklusi: keluarga pada desil layak ({from}–{to}) yang tidak menerima {programme}, dibagi semua keluarga pada desil itu.',
  'needs.define.inclusion':
    'Inklusi: penerima {programme} di luar desil layak, dibagi semua penerima; desil 6 ke atas adalah salah sasaran yang jelas.',
  'needs.define.need':
    'Kebutuhan: keluarga desil 1–4 yang memiliki kondisi ini, dibagi semua keluarga desil 1–4 di desa.',
  'needs.define.rows':
    'Nomor baris menunjuk baris pada berkas sumber milik kantor sendiri; tidak ada nama atau nomor identitas.',
  'needs.define.rowsWithheld':
    'Bila jumlahnya "< {k}", nomor barisnya tidak dicantumkan (banyaknya nomor akan membuka jumlah itu); jalankan pemeriksaan yang sama pada berkas sumber di kantor.',
  'needs.rowsWithheld': 'tidak dicantumkan (< {k})',
  'needs.define.suppressed':
    'Angka 1–{k1} keluarga ditulis "< {k}"; angka yang dapat membuka angka kecil lewat pengurangan dikosongkan.',
  'needs.define.tolerance':
    'Titik koordinat baru dihitung di luar desanya bila lebih dari {metres} m dari batas desa (batas wilayah digambar sederhana).',
  'needs.title.targeting': 'Ketepatan sasaran {programme}, {district}, periode {periode}',
  'needs.title.needs': 'Kebutuhan per desa (keluarga desil 1–4), {district}, periode {periode}',
  'needs.title.verification': 'Daftar verifikasi lapangan, {district}',
  'needs.synthetic': 'DATA SINTETIS - bukan data DT-SEN asli.',
  'needs.exported': 'Diekspor {date}. Sumber data: {source}. Batas wilayah: {boundaries}.',
  'needs.noColumns':
    'Data ini tidak punya kolom program (PKH, BPNT/Sembako, PBI-JK, BLT…) atau kondisi tempat tinggal (lantai, dinding, atap, air minum, sanitasi, listrik, RTLH). Tampilan ketepatan sasaran dan kebutuhan memerlukan berkas keluarga dengan kolom YA/TIDAK seperti itu; pemeriksaan data lapangan memerlukan berkas keluarga (bukan tabel agregat desa). Peta dan peringkat lain tetap dapat dipakai.',
  'needs.noHouseholds':
    'Tampilan kebutuhan dan verifikasi memerlukan berkas data keluarga (satu baris per keluarga). Data yang terbuka adalah tabel agregat desa.',
  'needs.noProgramme': 'Data ini tidak punya kolom program bantuan: ketepatan sasaran tidak dapat dihitung.',
  'needs.noCondition':
    'Data ini tidak punya kolom kondisi tempat tinggal: profil kebutuhan hanya berisi kesenjangan bantuan.',
  'needs.notChecked': 'Tidak diperiksa (kolomnya tidak ada): {checks}',
  'needs.badBounds': '--eligible: "{part}" bukan program=desil-desil seperti pkh=1-4 (desil 1–10)',
  'needs.badAgencies': '--agencies {file}: bukan peta kebutuhan → instansi dalam JSON ({detail})',
  'needs.keyColumnMissing': '--key {column}: kolom ini tidak ada di {file}',
  'needs.cli.nothing':
    '{file}: tidak ada kolom program atau kondisi; targeting.csv dan needs.csv kosong, verification.csv tetap ditulis',
} as const;

export const needsEn: Record<keyof typeof needsId, string> = {
  'needs.programme.pkh': 'PKH',
  'needs.programme.bpnt': 'BPNT/Sembako',
  'needs.programme.pbi_jk': 'PBI-JK',
  'needs.programme.pbi_apbd': 'PBI APBD',
  'needs.programme.blt': 'BLT',
  'needs.programme.blt_dd': 'BLT Dana Desa',
  'needs.programme.bst': 'BST',
  'needs.programme.pip': 'PIP',
  'needs.need.rtlh': 'Housing unfit for habitation',
  'needs.need.lantai_tanah': 'Earth floor',
  'needs.need.dinding_tidak_layak': 'Unfit walls',
  'needs.need.atap_tidak_layak': 'Unfit roof',
  'needs.need.air_tidak_layak': 'Unsafe drinking water',
  'needs.need.sanitasi_tidak_layak': 'No proper sanitation',
  'needs.need.tanpa_listrik': 'No electricity',
  'needs.need.tanpa_bansos': 'Receiving no social assistance at all',
  'needs.need.gap': 'Eligible for {programme} but not receiving it',
  'needs.issue.geotag_outside_desa': 'Geotag outside its own desa',
  'needs.issue.duplicate_key': 'Duplicate household key (family recorded twice?)',
  'needs.issue.desil_missing': 'Desil empty',
  'needs.issue.desil_out_of_range': 'Desil not a whole number 1–10',
  'needs.issue.size_outlier': 'Implausible household size',
  'needs.issue.extreme_outside_desil_1_2': 'Flagged extremely poor but in desil 3 or above',
  'needs.issue.households_jump': 'Household count changed sharply since the previous period',
  'needs.issue.desil1_share_jump': 'Desil-1 share changed sharply since the previous period',
  'needs.define.exclusion':
    'Exclusion: households in the eligible deciles ({from}–{to}) not receiving {programme}, over all households in those deciles.',
  'needs.define.inclusion':
    'Inclusion: {programme} recipients outside the eligible deciles, over all recipients; desil 6 and above are clear inclusion errors.',
  'needs.define.need':
    'Need: desil 1–4 households with this condition, over all desil 1–4 households of the desa.',
  'needs.define.rows':
    "Row numbers point to rows of the office's own source file; no names or identity numbers.",
  'needs.define.rowsWithheld':
    'Where the count is "< {k}", its row numbers are not listed (their number would reveal the count); run the same check on the source file in the office.',
  'needs.rowsWithheld': 'not listed (< {k})',
  'needs.define.suppressed':
    'Counts of 1–{k1} households are written "< {k}"; figures that would reveal a small count by subtraction are left empty.',
  'needs.define.tolerance':
    'A geotag counts as outside its desa only when more than {metres} m from the desa boundary (boundaries are simplified drawings).',
  'needs.title.targeting': 'Targeting accuracy of {programme}, {district}, period {periode}',
  'needs.title.needs': 'Needs per desa (desil 1–4 households), {district}, period {periode}',
  'needs.title.verification': 'Field verification worklist, {district}',
  'needs.synthetic': 'DATA SINTETIS (synthetic data) - not real DT-SEN data.',
  'needs.exported': 'Exported {date}. Data source: {source}. Boundaries: {boundaries}.',
  'needs.noColumns':
    'This data has no programme columns (PKH, BPNT/Sembako, PBI-JK, BLT…) and no living-condition columns (floor, walls, roof, drinking water, sanitation, electricity, RTLH). The targeting and needs views need a household file with such YES/NO columns; the field checks need a household file (not a desa aggregate table). The other maps and rankings still work.',
  'needs.noHouseholds':
    'The needs and verification views need a household file (one row per family). The open data is a desa aggregate table.',
  'needs.noProgramme':
    'This data has no assistance programme columns: targeting accuracy cannot be computed.',
  'needs.noCondition':
    'This data has no living-condition columns: the needs profile holds only assistance gaps.',
  'needs.notChecked': 'Not checked (the columns are absent): {checks}',
  'needs.badBounds': '--eligible: "{part}" is not programme=from-to like pkh=1-4 (desil 1–10)',
  'needs.badAgencies': '--agencies {file}: not a JSON map of need → agency ({detail})',
  'needs.keyColumnMissing': '--key {column}: no such column in {file}',
  'needs.cli.nothing':
    '{file}: no programme or condition columns; targeting.csv and needs.csv are empty, verification.csv is still written',
};
