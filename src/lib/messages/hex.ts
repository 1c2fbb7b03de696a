/**
 * Messages of the hexbin core (`src/lib/hex`): where households went that a hexagon count could not place
 * from their own coordinates. Counts are parameters, so each surface formats them in its language.
 */
export const hexId = {
  'hex.estimate.allocation':
    'jumlah per heksagon adalah perkiraan: keluarga tiap desa dibagi ke heksagonnya menurut luas tumpang-tindih',
  'hex.estimate.fromDesa':
    '{allocated} dari {total} keluarga ({share}%) ditempatkan di heksagon menurut desanya, bukan menurut koordinatnya sendiri: jumlah itu perkiraan',
  'hex.outside.allocation':
    '{count} keluarga jatuh di heksagon di luar batas kabupaten (poligon desa yang melewati batas): tidak dihitung',
  'hex.outside.fromDesa':
    '{count} keluarga yang ditempatkan menurut desanya jatuh di heksagon di luar batas kabupaten: tidak dihitung',
  'hex.outside.points':
    '{count} dari {geotagged} keluarga berkoordinat berada di luar kabupaten (di heksagon yang tidak menyentuhnya): {what}; periksa koordinatnya',
  'hex.swapped.detected':
    'lintang dan bujur tampak tertukar: {count} dari {geotagged} keluarga berkoordinat baru jatuh di dalam kabupaten bila keduanya dibalik, jadi keduanya dibalik (periksa kolom LINTANG/BUJUR)',
  'hex.swapped.fixed': '{count} keluarga memiliki lintang dan bujur yang tertukar dan sudah dibalik',
  'hex.noCoordinates.drop':
    'tidak ada keluarga dengan koordinat yang dapat dipakai: tidak ada jumlah per heksagon (pakai pembagian dari desa)',
  'hex.noCoordinates.allocate':
    'tidak ada keluarga dengan koordinat yang dapat dipakai: jumlah per heksagon dibagi dari desa menurut luas (perkiraan)',
  'hex.noCoordinates.input':
    'data tidak memuat koordinat keluarga: jumlah per heksagon dibagi dari desa menurut luas (perkiraan)',
  'hex.missingCoordinates':
    '{count} dari {total} keluarga tidak punya koordinat yang dapat dipakai{invalid}: {what}',
  'hex.invalidNote': ' ({count} tidak sah)',
  'hex.leftOut': 'tidak dimasukkan ke heksagon',
  'hex.placedFromDesa': 'ditempatkan di heksagon menurut desanya (perkiraan)',
  'hex.notCounted': 'tidak dihitung',
  'hex.placedFromDesaInstead': 'ditempatkan menurut desanya',
  'hex.nearBorder':
    '{count} keluarga berkoordinat berada sedikit di luar batas kabupaten, di dalam heksagon tepi: dihitung di heksagon itu',
  'hex.invalidDesil': '{count} keluarga tidak punya desil 1–10: tidak dihitung di heksagon',
  'hex.unknownDesa':
    '{count} keluarga tanpa koordinat yang dapat dipakai juga tidak punya desa: tidak dihitung di heksagon',
  'hex.noStatistics.estimated':
    'jumlah per heksagon adalah perkiraan yang dibagi dari desa (data tidak berkoordinat): LISA, Gi* dan kantong tidak dihitung pada heksagon; pakai tingkat desa',
  'hex.noStatistics.noPointCounts':
    'data tersimpan ini tidak memisahkan keluarga berkoordinat di tiap heksagon: impor ulang file rumah tangganya untuk statistik heksagon, atau pakai tingkat desa',
} as const;

export const hexEn: Record<keyof typeof hexId, string> = {
  'hex.estimate.allocation':
    "hexagon counts are an estimate: each desa's households were spread over its hexagons by overlapping area",
  'hex.estimate.fromDesa':
    '{allocated} of {total} households ({share}%) were placed in hexagons from their desa, not from their own coordinates: those counts are an estimate',
  'hex.outside.allocation':
    '{count} households fell in hexagons outside the kabupaten outline (desa polygons reaching beyond it): not counted',
  'hex.outside.fromDesa':
    '{count} households placed from their desa fell in hexagons outside the kabupaten outline: not counted',
  'hex.outside.points':
    '{count} of {geotagged} geotagged households lie outside the kabupaten (in hexagons that do not touch it): {what}; check their coordinates',
  'hex.swapped.detected':
    'latitude and longitude look exchanged: {count} of {geotagged} geotagged households fall inside the kabupaten only with the two swapped back, so they were swapped back (check the LINTANG/BUJUR columns)',
  'hex.swapped.fixed': '{count} households had latitude and longitude exchanged and were swapped back',
  'hex.noCoordinates.drop':
    'no household has usable coordinates: no hexagon counts (use allocation from desa instead)',
  'hex.noCoordinates.allocate':
    'no household has usable coordinates: hexagon counts allocated from desa by area (estimate)',
  'hex.noCoordinates.input':
    'no household coordinates in the input: hexagon counts allocated from desa by area (estimate)',
  'hex.missingCoordinates': '{count} of {total} households have no usable coordinates{invalid}: {what}',
  'hex.invalidNote': ' ({count} invalid)',
  'hex.leftOut': 'left out of the hexagons',
  'hex.placedFromDesa': 'placed in hexagons from their desa (estimate)',
  'hex.notCounted': 'not counted',
  'hex.placedFromDesaInstead': 'placed from their desa instead',
  'hex.nearBorder':
    '{count} geotagged households lie just outside the kabupaten outline, inside a border hexagon: counted in that hexagon',
  'hex.invalidDesil': '{count} households have no desil 1–10: not counted in hexagons',
  'hex.unknownDesa':
    '{count} households without usable coordinates have no desa either: not counted in hexagons',
  'hex.noStatistics.estimated':
    'hexagon counts are an estimate spread from the desa (the data has no coordinates): LISA, Gi* and pockets are not computed on hexagons; use the desa level',
  'hex.noStatistics.noPointCounts':
    'this stored dataset does not keep the geotagged households of each hexagon apart: import its household file again for hexagon statistics, or use the desa level',
};
