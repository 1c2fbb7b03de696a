/** Messages of periods and the Pemantauan (monitoring) mode (Bahasa Indonesia, the source of the keys). */
export const monitorUiId = {
  'periods.confirm.add': 'Tambahkan sebagai periode {periods} ke data "{name}"?',
  'periods.confirm.addYes': 'Tambahkan periode',
  'periods.confirm.separate': 'Simpan sebagai data terpisah',
  'periods.confirm.replace':
    'Periode {periods} sudah ada di data "{name}". Ganti periode itu dengan berkas baru, atau batal?',
  'periods.confirm.replaceYes': 'Ganti periode',
  'periods.confirm.alsoAdded': 'Periode baru {periods} ikut ditambahkan.',
  'periods.confirm.cancel': 'Batal',
  'periods.label': 'Periode dalam data ini',
  'periods.remove': 'Hapus periode {periode}',
  'periods.removeConfirm': 'Hapus periode {periode} dari data ini?',
  'periods.removeYes': 'Ya, hapus periode',
  'periods.removeNo': 'Jangan',
  'periods.base': 'Periode dasar',
  'periods.comparison': 'Periode pembanding',
  'periods.baseAfter': 'Periode dasar harus sebelum periode pembanding.',
} as const;
