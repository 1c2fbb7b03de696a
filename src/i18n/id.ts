/**
 * Bahasa Indonesia: the app's primary language and the source of the message keys. `{name}` marks a
 * parameter filled by `Locale.t`.
 */
export const id = {
  'app.name': 'Kantong',
  'app.tagline': 'Peta kantong kemiskinan dari data DT-SEN',
  'app.loading': 'Memuat peta…',
  'app.loadError': 'Peta tidak dapat dimuat: {reason}',
  'lang.switch': 'English',
  'lang.switchLabel': 'Ganti bahasa ke English',
  'title.desil1Share': 'Persentase keluarga di desil 1',
  'title.perDesa': 'per desa/kelurahan',
  'title.period': 'Periode {periode}',
  'synthetic.mark': 'DATA SINTETIS',
  'synthetic.explain': 'Data rumah tangga ini buatan (sintetis), bukan data DT-SEN asli.',
  'demo.mark': 'WILAYAH CONTOH',
  'demo.explain': 'Batas wilayah asli belum tersedia (tanpa internet). Ini wilayah contoh buatan.',
  'source.boundaries': 'Batas wilayah: {source}',
  'source.demoBoundaries': 'wilayah contoh buatan Kantong (bukan tempat nyata)',
  'source.data': 'Data: {source}',
  'source.syntheticData': 'generator data sintetis Kantong',
  'source.gazetteer': 'kode & nama: idn-area-data (ODbL)',
  'legend.title': 'Keluarga desil 1',
  'legend.noData': 'Tidak ada data',
  'legend.units': '{count} desa',
  'legend.method.natural': 'Kelas: natural breaks (ckmeans)',
  'legend.desilNote':
    'Desil = peringkat kesejahteraan nasional (1 = 10% termiskin), bukan garis kemiskinan BPS.',
  'card.close': 'Tutup',
  'card.kecamatan': 'Kecamatan {name}',
  'card.households': 'Jumlah keluarga',
  'card.desil1': 'Keluarga desil 1',
  'card.share': 'Persentase desil 1',
  'card.kabAverage': 'Rata-rata kabupaten: {value}',
  'card.desil14': 'Persentase desil 1–4',
  'card.noData': 'Belum ada data keluarga untuk desa ini.',
  'kind.desa': 'Desa',
  'kind.kelurahan': 'Kelurahan',
  'tooltip.value': '{value} keluarga desil 1',
  'map.label': 'Peta persentase keluarga desil 1 per desa',
} as const;

export type MessageKey = keyof typeof id;
export type Dictionary = Record<MessageKey, string>;
