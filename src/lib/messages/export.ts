/**
 * Messages of the hand-over files built in the core: the printable brief (`src/lib/publish/brief.ts`) and the
 * project file (`src/lib/project/project-file.ts`; its first codes, `project.*`, live with the priority
 * messages in `priority.ts`).
 */
export const exportId = {
  'brief.title.shortlist': 'Ringkasan desa prioritas: {district}',
  'brief.title.kecamatan': 'Ringkasan desa prioritas Kecamatan {kecamatan}: {district}',
  'brief.scenario': 'Skenario: {name}',
  'brief.untitled': 'tanpa nama',
  'brief.table.shortlist': 'Daftar pendek: {count} desa',
  'brief.table.top': 'Desa teratas menurut indeks: {count} desa',
  'brief.table.kecamatan':
    'Desa di Kecamatan {kecamatan} menurut peringkat: {count} desa, {listed} di daftar pendek',
  'brief.col.rank': 'Peringkat',
  'brief.col.code': 'Kode',
  'brief.col.desa': 'Nama desa/kelurahan',
  'brief.col.kecamatan': 'Kecamatan',
  'brief.col.index': 'Indeks',
  'brief.col.households': 'Keluarga',
  'brief.col.target1': 'Keluarga desil 1',
  'brief.col.target14': 'Keluarga desil 1–4',
  'brief.col.robustness': 'Ketahanan',
  'brief.col.shortlist': 'Daftar pendek',
  'brief.col.note': 'Catatan',
  'brief.listed': 'ya',
  'brief.robustnessPending': 'belum dihitung',
  'brief.method': 'Metode',
  'brief.robustness': 'Ketahanan terhadap bobot',
  'brief.robustnessNote':
    '{firm} dari {listed} desa daftar pendek tetap masuk pada paling sedikit 80% variasi bobot; {shaky} desa masuk atau keluar hanya karena bobot persis ini (tanda ⚠). Desa bertanda ⚠ perlu dibahas sebelum diputuskan.',
  'brief.robustnessNotRun':
    'Ketahanan terhadap bobot belum dihitung saat ringkasan ini dibuat: kolom Ketahanan kosong.',
  'brief.marks':
    '× = disamarkan untuk melindungi angka kecil; "< {k}" = kurang dari {k} keluarga; – = tidak ada data.',
  'brief.noRows': 'Tidak ada desa untuk ditampilkan.',
  'project.detail.truncated': 'terpotong: berkas berhenti di tengah',
  'project.detail.checksum': 'isinya tidak cocok dengan checksum yang tertulis di dalamnya',
  'project.detail.field': 'bagian "{field}" tidak sah',
  'project.detail.version': 'nomor format "{version}" tidak sah',
  'project.detail.desa': 'baris data untuk desa {kode} di luar kabupaten {kode_kab}',
  'project.detail.nested': 'bagian "{field}": {reason}',
  'project.unknownDesa':
    '{file}: {count} desa pada daftar pendek tidak ada di batas wilayah ini dan diabaikan',
} as const;

export const exportEn: Record<keyof typeof exportId, string> = {
  'brief.title.shortlist': 'Priority desa brief: {district}',
  'brief.title.kecamatan': 'Priority desa brief, kecamatan {kecamatan}: {district}',
  'brief.scenario': 'Scenario: {name}',
  'brief.untitled': 'untitled',
  'brief.table.shortlist': 'Shortlist: {count} desa',
  'brief.table.top': 'Top desa by the index: {count} desa',
  'brief.table.kecamatan': 'Desa of kecamatan {kecamatan} by rank: {count} desa, {listed} on the shortlist',
  'brief.col.rank': 'Rank',
  'brief.col.code': 'Code',
  'brief.col.desa': 'Desa/kelurahan name',
  'brief.col.kecamatan': 'In kecamatan',
  'brief.col.index': 'Index',
  'brief.col.households': 'Families',
  'brief.col.target1': 'Desil-1 families',
  'brief.col.target14': 'Desil 1–4 families',
  'brief.col.robustness': 'Robustness',
  'brief.col.shortlist': 'Shortlist',
  'brief.col.note': 'Note',
  'brief.listed': 'yes',
  'brief.robustnessPending': 'not computed',
  'brief.method': 'Method',
  'brief.robustness': 'Robustness to the weights',
  'brief.robustnessNote':
    '{firm} of the {listed} shortlisted desa stay in for at least 80% of weight variations; {shaky} desa are in or out only because of these exact weights (marked ⚠). Desa marked ⚠ need discussion before a decision.',
  'brief.robustnessNotRun':
    'Robustness to the weights had not been computed when this brief was made: the Robustness column is empty.',
  'brief.marks': '× = withheld to protect small counts; "< {k}" = fewer than {k} families; – = no data.',
  'brief.noRows': 'No desa to show.',
  'project.detail.truncated': 'truncated: the file stops midway',
  'project.detail.checksum': 'its contents do not match the checksum written in it',
  'project.detail.field': 'the "{field}" part is not valid',
  'project.detail.version': 'format number "{version}" is not valid',
  'project.detail.desa': 'a data row for desa {kode}, outside kabupaten {kode_kab}',
  'project.detail.nested': 'the "{field}" part: {reason}',
  'project.unknownDesa': '{file}: {count} shortlisted desa are not in these boundaries and were ignored',
};
