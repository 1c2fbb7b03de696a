/**
 * Messages of the spatial statistics core (`src/lib/stats`): the guardrails beside a LISA / Gi* result, in
 * words a planner can act on. `{count}` is a number of units (desa, kecamatan or hexagons).
 */
export const statsId = {
  'guardrail.tooFewUnits': '{count} wilayah: autokorelasi spasial memerlukan paling sedikit {min} wilayah',
  'guardrail.fewUnits': 'hanya {count} wilayah: nilai p permutasi dan FDR kurang kuat di bawah {min} wilayah',
  'guardrail.noVariance':
    'semua nilai sama dengan {value}: tidak ada variasi, tidak ada pola spasial untuk dicari',
  'guardrail.islands':
    "{count} wilayah tanpa tetangga: tidak ada statistik lokal untuknya; uji global memakai n' = {effective}",
  'guardrail.singleNeighbour':
    '{count} wilayah hanya punya satu tetangga: nilai p permutasinya kurang dapat diandalkan',
  'guardrail.disconnected':
    'jaringan tetangga terpecah menjadi {groups} kelompok terpisah (ditambah {islands} wilayah tanpa tetangga)',
  'guardrail.countsAsRate':
    'nilainya tampak berupa jumlah (bilangan bulat, sebagian di atas 1), padahal yang diharapkan persentase: bagi dengan jumlah keluarga, atau pakai persentase yang dihaluskan (EB)',
  'guardrail.undefinedGlobal':
    'ragam acak {statistic} tidak positif di sini: tanpa z dan p (nilai terlalu sedikit atau terlalu ekstrem)',
  'guardrail.undefinedLocal':
    '{count} wilayah tidak punya z Moran lokal (nilainya sama dengan rata-rata, atau semua wilayah lain tetangganya)',
  'guardrail.casesExceedPopulation':
    '{count} wilayah mencatat kasus lebih banyak dari populasinya: periksa data',
  'guardrail.smallDenominators':
    '{count} wilayah punya penyebut kurang dari {min}: persentase mentahnya tidak stabil, pakai persentase yang dihaluskan (EB)',
  'stats.moran': "Moran's I",
  'stats.geary': "Geary's C",
  'stats.moranAndGeary': "Moran's I dan Geary's C",
} as const;

export const statsEn: Record<keyof typeof statsId, string> = {
  'guardrail.tooFewUnits': '{count} units: spatial autocorrelation needs at least {min}',
  'guardrail.fewUnits': 'only {count} units: permutation p-values and FDR are weak below {min}',
  'guardrail.noVariance': 'every value equals {value}: no variance, no spatial autocorrelation',
  'guardrail.islands':
    "{count} unit(s) without neighbours: no local statistic for them; global tests use n' = {effective}",
  'guardrail.singleNeighbour':
    '{count} unit(s) with a single neighbour: their permutation pseudo-p is unreliable',
  'guardrail.disconnected':
    'the neighbour graph falls into {groups} separate groups (plus {islands} island(s))',
  'guardrail.countsAsRate':
    'the values look like counts (whole numbers, some above 1) where a rate is expected: divide by the number of households, or use EB-smoothed rates',
  'guardrail.undefinedGlobal':
    'the randomisation variance of {statistic} is not positive here: no z or p (too few or too extreme values)',
  'guardrail.undefinedLocal':
    '{count} unit(s) have no local Moran z (value equal to the mean, or every other unit as neighbour)',
  'guardrail.casesExceedPopulation': '{count} unit(s) count more cases than their population: check the data',
  'guardrail.smallDenominators':
    '{count} unit(s) have fewer than {min} in the denominator: their raw rates are unstable, prefer EB-smoothed rates',
  'stats.moran': "Moran's I",
  'stats.geary': "Geary's C",
  'stats.moranAndGeary': "Moran's I and Geary's C",
};
