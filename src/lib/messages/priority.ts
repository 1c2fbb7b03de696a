/** Messages of the priority workflow (`src/lib/priority`): scenarios, selection rules, project files. */
export const priorityId = {
  'priority.scenario.notJson': '{file}: bukan JSON yang sah ({detail})',
  'priority.scenario.notObject': '{file}: harus berupa objek JSON dengan daftar "indicators"',
  'priority.scenario.noIndicators': '{file}: "indicators" harus berisi paling sedikit satu indikator',
  'priority.scenario.unknownIndicator':
    '{file}: indikator ke-{index} "{id}" tidak dikenal (contoh: share_d1, eb_share_d1, count_d1, share_d1_4, pocket, gap_pkh)',
  'priority.scenario.duplicateIndicator': '{file}: indikator "{id}" disebut dua kali',
  'priority.scenario.badWeight': '{file}: bobot indikator "{id}" harus angka ≥ 0, bukan "{value}"',
  'priority.scenario.badDirection': '{file}: arah indikator "{id}" harus higher atau lower, bukan "{value}"',
  'priority.scenario.badNormalise':
    '{file}: normalisasi indikator "{id}" harus minmax atau percentile, bukan "{value}"',
  'priority.scenario.allZero':
    'semua bobot 0: indeks tidak dapat dihitung; beri bobot pada paling sedikit satu indikator',
  'priority.scenario.badSelection': '{file}: aturan pemilihan tidak sah ({detail})',
  'priority.scenario.newerVersion':
    '{file}: dibuat oleh versi Kantong yang lebih baru (format {version}); versi ini membaca sampai format {supported}',
  'priority.select.reachNotMet':
    'tidak dapat menjangkau {wanted} keluarga sasaran dengan aturan ini: {desa} desa terpilih hanya menjangkau {reached}',
  'priority.select.minTooMany':
    'aturan "paling sedikit per kecamatan" memerlukan {needed} desa, lebih dari {allowed} desa yang diminta',
  'priority.select.minAboveMax':
    'paling sedikit {min} desa per kecamatan melebihi paling banyak {max}: longgarkan salah satu',
  'priority.select.badRule':
    'aturan pemilihan tidak sah: jumlah desa, persentase atau kuota harus angka positif',
  'priority.select.unknownDesa': '{count} desa pada daftar pendek tidak ada di wilayah ini dan diabaikan',
  'priority.unknownDesa': 'desa {kode} tidak ada di wilayah ini',
  'priority.storageFailed':
    'Skenario tidak dapat disimpan di peramban ini (penyimpanan penuh atau dimatikan).',
  'priority.noData': 'Belum ada data keluarga untuk diperingkat pada periode ini.',
  'project.notJson': '{file}: bukan berkas proyek Kantong (JSON tidak sah)',
  'project.notProject': '{file}: bukan berkas proyek Kantong (tidak ada penanda "kantong-project")',
  'project.newerVersion':
    '{file}: dibuat oleh versi Kantong yang lebih baru (format {version}); versi ini membaca sampai format {supported}',
  'project.otherDistrict':
    '{file}: proyek untuk {other} ({otherKode}), bukan wilayah yang terbuka ({kode}); buka wilayah itu dulu',
  'project.boundaryChanged':
    '{file}: batas wilayah berbeda dari saat proyek disimpan (checksum lain): hasil dapat berbeda',
  'project.corrupt': '{file}: berkas proyek rusak ({detail}); tidak ada yang diubah',
  'project.hasIdentifiers': '{file}: berisi kolom data pribadi ({columns}); tidak dibuka',
  'priority.method.title': 'Daftar desa prioritas: {district}',
  'priority.method.index':
    'Indeks prioritas = rata-rata berbobot indikator yang dinormalisasi ke 0–1 (1 = paling membutuhkan), di antara {count} desa dalam cakupan.',
  'priority.method.indicator': '{name}: bobot {weight}%, {direction}, normalisasi {normalise}',
  'priority.method.higher': 'makin tinggi makin prioritas',
  'priority.method.lower': 'makin rendah makin prioritas',
  'priority.method.minmax': 'min–maks',
  'priority.method.percentile': 'peringkat persentil',
  'priority.method.top': 'Aturan: {n} desa teratas',
  'priority.method.reach': 'Aturan: desa teratas sampai menjangkau {share} keluarga sasaran',
  'priority.method.quota': 'Aturan: desa teratas dalam kuota {households} keluarga sasaran',
  'priority.method.max': 'paling banyak {m} desa per kecamatan',
  'priority.method.min': 'paling sedikit {m} desa per kecamatan',
  'priority.method.targetD1': 'Keluarga sasaran: desil 1',
  'priority.method.targetD14': 'Keluarga sasaran: desil 1–4',
  'priority.method.reached':
    'Daftar pendek: {desa} desa, menjangkau {reached} dari {total} keluarga sasaran ({share}).',
  'priority.method.robustness':
    'Ketahanan: bobot diubah acak {draws} kali di sekitar bobot terpilih (Dirichlet, seed {seed}); "masuk daftar pada X% variasi bobot" menunjukkan seberapa kuat posisi desa.',
  'priority.method.suppression': 'Angka < {k} keluarga disamarkan (ditulis "< {k}" atau dikosongkan).',
  'priority.method.date': 'Tanggal: {date}',
  'priority.method.source': 'Sumber data: {source}',
  'priority.method.boundaries': 'Batas wilayah: {source}',
  'priority.method.period': 'Periode: {periode}',
  'priority.method.synthetic': 'DATA SINTETIS: data keluarga buatan, bukan DT-SEN asli.',
  'priority.robust.in': 'masuk daftar pada {share} variasi bobot',
  'priority.robust.dependsIn': 'masuk hanya karena bobot persis ini (masuk pada {share} variasi)',
  'priority.robust.dependsOut': 'di luar daftar hanya karena bobot persis ini (masuk pada {share} variasi)',
  'export.rank': 'peringkat',
  'export.index': 'indeks',
  'export.households': 'jumlah keluarga',
  'export.target1': 'keluarga desil 1',
  'export.target14': 'keluarga desil 1–4',
  'export.robustness': 'masuk daftar pada variasi bobot',
  'export.note': 'catatan',
  'export.sheet.shortlist': 'Daftar pendek',
  'export.sheet.method': 'Metode',
  'export.sheet.ranking': 'Peringkat',
} as const;

export const priorityEn: Record<keyof typeof priorityId, string> = {
  'priority.scenario.notJson': '{file}: not valid JSON ({detail})',
  'priority.scenario.notObject': '{file}: must be a JSON object with an "indicators" list',
  'priority.scenario.noIndicators': '{file}: "indicators" must hold at least one indicator',
  'priority.scenario.unknownIndicator':
    '{file}: indicator {index} "{id}" is unknown (e.g. share_d1, eb_share_d1, count_d1, share_d1_4, pocket, gap_pkh)',
  'priority.scenario.duplicateIndicator': '{file}: indicator "{id}" is listed twice',
  'priority.scenario.badWeight': '{file}: the weight of indicator "{id}" must be a number ≥ 0, not "{value}"',
  'priority.scenario.badDirection':
    '{file}: the direction of indicator "{id}" must be higher or lower, not "{value}"',
  'priority.scenario.badNormalise':
    '{file}: the normalisation of indicator "{id}" must be minmax or percentile, not "{value}"',
  'priority.scenario.allZero':
    'every weight is 0: no index can be computed; give at least one indicator a weight',
  'priority.scenario.badSelection': '{file}: the selection rule is not valid ({detail})',
  'priority.scenario.newerVersion':
    '{file}: made by a newer version of Kantong (format {version}); this version reads up to format {supported}',
  'priority.select.reachNotMet':
    'cannot reach {wanted} of the target families with this rule: the {desa} desa chosen reach only {reached}',
  'priority.select.minTooMany':
    'the "at least per kecamatan" rule needs {needed} desa, more than the {allowed} desa asked for',
  'priority.select.minAboveMax':
    'at least {min} desa per kecamatan is more than at most {max}: relax one of them',
  'priority.select.badRule':
    'the selection rule is not valid: the number of desa, the share or the quota must be positive',
  'priority.select.unknownDesa': '{count} desa of the shortlist are not in this district and were ignored',
  'priority.unknownDesa': 'desa {kode} is not in this district',
  'priority.storageFailed': 'The scenario could not be saved in this browser (storage full or turned off).',
  'priority.noData': 'No household data to rank for this period yet.',
  'project.notJson': '{file}: not a Kantong project file (not valid JSON)',
  'project.notProject': '{file}: not a Kantong project file (no "kantong-project" mark)',
  'project.newerVersion':
    '{file}: made by a newer version of Kantong (format {version}); this version reads up to format {supported}',
  'project.otherDistrict':
    '{file}: a project for {other} ({otherKode}), not the district open ({kode}); open that district first',
  'project.boundaryChanged':
    '{file}: the boundaries differ from those the project was saved with (another checksum): results may differ',
  'project.corrupt': '{file}: the project file is damaged ({detail}); nothing was changed',
  'project.hasIdentifiers': '{file}: holds personal-data columns ({columns}); not opened',
  'priority.method.title': 'Priority desa list: {district}',
  'priority.method.index':
    'Priority index = weighted mean of indicators normalised to 0–1 (1 = most in need), among the {count} desa in scope.',
  'priority.method.indicator': '{name}: weight {weight}%, {direction}, normalisation {normalise}',
  'priority.method.higher': 'higher means more priority',
  'priority.method.lower': 'lower means more priority',
  'priority.method.minmax': 'min–max',
  'priority.method.percentile': 'percentile rank',
  'priority.method.top': 'Rule: the top {n} desa',
  'priority.method.reach': 'Rule: the top desa until {share} of the target families are reached',
  'priority.method.quota': 'Rule: the top desa within a quota of {households} target families',
  'priority.method.max': 'at most {m} desa per kecamatan',
  'priority.method.min': 'at least {m} desa per kecamatan',
  'priority.method.targetD1': 'Target families: desil 1',
  'priority.method.targetD14': 'Target families: desil 1–4',
  'priority.method.reached':
    'Shortlist: {desa} desa, reaching {reached} of {total} target families ({share}).',
  'priority.method.robustness':
    'Robustness: the weights were varied at random {draws} times around the chosen ones (Dirichlet, seed {seed}); "in the list in X% of weight variations" shows how firm a desa\'s place is.',
  'priority.method.suppression': 'Counts < {k} families are withheld (written "< {k}" or left empty).',
  'priority.method.date': 'Date: {date}',
  'priority.method.source': 'Data source: {source}',
  'priority.method.boundaries': 'Boundaries: {source}',
  'priority.method.period': 'Period: {periode}',
  'priority.method.synthetic': 'SYNTHETIC DATA: made-up households, not real DT-SEN.',
  'priority.robust.in': 'in the list in {share} of weight variations',
  'priority.robust.dependsIn': 'in only because of these exact weights (in for {share} of variations)',
  'priority.robust.dependsOut': 'out only because of these exact weights (in for {share} of variations)',
  'export.rank': 'rank',
  'export.index': 'index',
  'export.households': 'families',
  'export.target1': 'desil-1 families',
  'export.target14': 'desil 1–4 families',
  'export.robustness': 'in the list across weight variations',
  'export.note': 'note',
  'export.sheet.shortlist': 'Shortlist',
  'export.sheet.method': 'Method',
  'export.sheet.ranking': 'Ranking',
};
