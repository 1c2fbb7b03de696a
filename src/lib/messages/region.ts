/**
 * Messages of `--kab` sets on every command (`src/lib/region`, `src/cli/region.ts`): a value that names no
 * kabupaten, boundaries not built, aggregate rows outside the set, and which input a command needs and why.
 */
export const regionId = {
  'region.kabInvalid':
    '--kab "{kab}" bukan kode kabupaten/kota (33.24), daftar (33.24,33.25), provinsi (33) atau all; tidak ada yang ditulis',
  'region.kabUnknown':
    '--kab {kab}: kabupaten/kota {codes} tidak ada di gazetteer (idn-area-data); tidak ada yang ditulis',
  'region.setNotBuilt':
    '--kab {kab}: batas wilayah {set} belum dibangun di {geo}; bangun dulu dengan "{command}"; tidak ada yang ditulis',
  'region.countryNotBuilt':
    '--kab all: batas wilayah seluruh Indonesia tidak dibangun oleh npm run geo; pakai satu provinsi (--kab 33) atau daftar (--kab 33.24,33.25), atau kantong aggregate --kab all untuk tabel per desa; tidak ada yang ditulis',
  'region.aggregatesNone':
    '{file}: tidak ada baris desa dari --kab {kab} ({other} baris dari kabupaten/kota lain: {kabupaten}); tidak ada yang ditulis',
  'region.aggregatesOther':
    '{file}: {count} baris desa dari kabupaten/kota di luar --kab {kab} tidak dipakai ({kabupaten})',
  'region.graduationKeyNeedsRows':
    'graduation --aggregates dengan --key: transisi dan angka kelulusan menautkan keluarga antar periode, sedangkan desa.csv hanya memuat jumlah per desa; berikan --households FILE_T0 --households FILE_T1 (atau tanpa --key: perubahan per desa, desa stagnan dan kantong antar periode dari --aggregates)',
  'region.needsNeedsRows':
    'needs --aggregates: ketepatan sasaran dan kebutuhan per dinas perlu program dan kondisi per desil, dan daftar verifikasi perlu baris keluarga (geotag, kunci ganda, nomor baris); desa.csv hanya memuat jumlah per desa; berikan --households FILE',
  'region.rankKeyNeedsRows':
    'rank --aggregates dengan --key: angka kelulusan dan kantong stagnan menautkan keluarga antar periode, sedangkan desa.csv hanya memuat jumlah per desa; berikan --households untuk kedua periode',
  'region.rankGraduationNeedsKey':
    'indikator {indicators} perlu dua periode yang keluarganya ditautkan: berikan --households untuk kedua periode dengan --key KOLOM --salt-file FILE (periode {periode}, sebelumnya: {previous})',
} as const;

export const regionEn: Record<keyof typeof regionId, string> = {
  'region.kabInvalid':
    '--kab "{kab}" is not a kabupaten/kota code (33.24), a list (33.24,33.25), a province (33) or all; nothing written',
  'region.kabUnknown':
    '--kab {kab}: kabupaten/kota {codes} not in the gazetteer (idn-area-data); nothing written',
  'region.setNotBuilt':
    '--kab {kab}: the boundaries of {set} are not built under {geo}; build them first with "{command}"; nothing written',
  'region.countryNotBuilt':
    '--kab all: npm run geo does not build boundaries of the whole country; use a province (--kab 33) or a list (--kab 33.24,33.25), or kantong aggregate --kab all for desa tables; nothing written',
  'region.aggregatesNone':
    '{file}: no desa rows of --kab {kab} ({other} rows of other kabupaten/kota: {kabupaten}); nothing written',
  'region.aggregatesOther':
    '{file}: {count} desa rows of kabupaten/kota outside --kab {kab} not used ({kabupaten})',
  'region.graduationKeyNeedsRows':
    'graduation --aggregates with --key: transitions and graduation rates link households between periods, and desa.csv holds counts per desa only; give --households FILE_T0 --households FILE_T1 (or, without --key, the change per desa, stuck desa and pockets over time come from --aggregates)',
  'region.needsNeedsRows':
    'needs --aggregates: targeting accuracy and needs per agency need programmes and conditions per desil, and the verification worklist needs household rows (geotags, duplicate keys, row numbers); desa.csv holds counts per desa only; give --households FILE',
  'region.rankKeyNeedsRows':
    'rank --aggregates with --key: graduation rates and stagnant pockets link households between periods, and desa.csv holds counts per desa only; give --households for both periods',
  'region.rankGraduationNeedsKey':
    'the indicators {indicators} need two periods whose households are linked: give --households for both periods with --key COLUMN --salt-file FILE (period {periode}, the one before: {previous})',
};
