/** Messages of the exports (map images, the A4 brief, the project file), Bahasa Indonesia. Merged into `id.ts`. */
export const exportUiId = {
  'export.section': 'Unduh dan cetak',
  'export.png.screen': 'PNG (layar)',
  'export.png.poster': 'PNG (poster {width} px)',
  'export.png.screenLabel': 'Unduh peta sebagai gambar PNG selebar layar',
  'export.png.posterLabel': 'Unduh peta sebagai gambar PNG selebar {width} piksel untuk poster',
  'export.png.busy': 'Membuat gambar peta…',
  'export.png.done': 'Gambar peta diunduh: {file} ({width} × {height} px)',
  'export.png.failed': 'Gambar peta tidak dapat dibuat: {reason}',
  'export.print': 'Cetak ringkasan A4',
  'export.print.map': 'Cetak peta A4',
  'export.print.of': 'Ringkasan untuk',
  'export.print.shortlist': 'daftar pendek (seluruh kabupaten)',
  'export.print.kecamatan': 'Kecamatan {name}',
  'export.print.busy': 'Menyiapkan ringkasan untuk dicetak…',
  'export.print.explain': 'Ctrl+P juga mencetak ringkasan ini, bukan tampilan aplikasi.',
  'export.print.mapAlt': 'Peta: {title}',
  'export.project.save': 'Simpan proyek',
  'export.project.open': 'Buka proyek',
  'export.project.explain':
    'Berkas proyek (.json) menyimpan data agregat, tampilan, skenario, daftar pendek dan catatan. Angkanya persis: berkas kerja internal, jangan disebarkan.',
  'export.project.saved': 'Proyek disimpan: {file}',
  'export.project.opened':
    'Proyek {file} dibuka: data "{dataset}", {saved} skenario tersimpan, skenario yang sedang dikerjakan dipulihkan.',
  'export.project.notStored':
    'Data proyek ditampilkan, tetapi tidak dapat disimpan di peramban ini (penyimpanan penuh atau dimatikan): hanya untuk kunjungan ini.',
  'export.project.failed': 'Proyek tidak dapat disimpan: {reason}',
  'export.map.date': 'Tanggal: {date}',
  'export.map.made': 'Dibuat dengan Kantong',
  'export.map.north': 'U',
  'export.sheet.title': 'Peta {title}',
} as const;
