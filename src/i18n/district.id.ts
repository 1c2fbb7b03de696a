/** Messages of the district picker (boundary sets), Bahasa Indonesia. Merged into `id.ts`. */
export const districtUiId = {
  'district.pick': 'Ganti wilayah',
  'district.pickLabel': 'Pilih kabupaten/kota atau provinsi (sekarang: {name})',
  'district.title': 'Pilih wilayah',
  'district.search': 'Cari nama atau kode',
  'district.searchHint': 'mis. Brebes, 33.29, atau 33 untuk satu provinsi',
  'district.none': 'Tidak ada wilayah tersedia yang cocok dengan "{query}".',
  'district.size': '{desa} desa/kelurahan',
  'district.members': '{count} kabupaten/kota · {desa} desa/kelurahan',
  'district.holds': 'memuat {name}',
  'district.current': 'sedang dibuka',
  'district.close': 'Tutup',
  'district.buildHint': 'Wilayah lain dibangun dengan perintah: npm run geo -- --kab KODE',
} as const;
