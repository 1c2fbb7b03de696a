/**
 * Messages of the pocket core (`src/lib/pockets`): why a run found no pocket, why its pockets are only
 * indicative, which settings were used, and how stable a pocket is. "Wilayah" / "units" stands for desa or
 * hexagons alike (each surface names the level beside the message).
 */
export const pocketsId = {
  'pockets.none.noData': 'tidak ada kantong: tidak ada wilayah dengan sedikitnya {k} keluarga',
  'pockets.none.tooFewUnits':
    'tidak ada kantong: hanya {count} wilayah dengan sedikitnya {k} keluarga yang dapat dianalisis, sedangkan uji spasial memerlukan sedikitnya {min}',
  'pockets.none.noVariance':
    'tidak ada kantong: semua {count} wilayah bernilai sama ({value}%), tidak ada pola untuk dicari',
  'pockets.none.noVarianceEb':
    'tidak ada kantong: setelah penghalusan empirical Bayes semua {count} wilayah sama dengan persentase kabupaten ({value}%); perbedaan antarwilayah tidak lebih besar dari kebetulan',
  'pockets.none.noNeighbours':
    'tidak ada kantong: hanya {connected} dari {count} wilayah punya tetangga, sedangkan uji spasial memerlukan sedikitnya {min} (coba toleransi jarak yang lebih besar)',
  'pockets.none.global':
    "tidak ada kantong: uji global tidak menunjukkan pengelompokan (Moran's I = {I}, p = {p}, α = {alpha})",
  'pockets.none.globalCandidates':
    "tidak ada kantong: uji global tidak menunjukkan pengelompokan (Moran's I = {I}, p = {p}, α = {alpha}); {count} kelompok hanya dapat ditampilkan sebagai indikatif",
  'pockets.none.noSignificant':
    'tidak ada kantong: tidak ada wilayah yang signifikan ({criterion}, α = {alpha}, {adjust})',
  'pockets.none.tooSmall':
    'tidak ada kantong: {count} kelompok signifikan, tetapi semuanya di bawah ukuran minimum ({minUnits} wilayah dan {minHouseholds} keluarga)',
  'pockets.indicative':
    "indikatif: uji global tidak menunjukkan pengelompokan (Moran's I = {I}, p = {p}, α = {alpha}); kantong ini bukan temuan yang pasti",
  'pockets.global.supported': "uji global mendukung pengelompokan (Moran's I = {I}, p = {p}, α = {alpha})",
  'pockets.pointsUsed':
    'statistik heksagon hanya dari keluarga berkoordinat: {used} dari {total} keluarga ({share}%) dipakai',
  'pockets.criterion.lisa': 'LISA Tinggi–Tinggi',
  'pockets.criterion.gi': 'titik panas Gi* {confidence}%',
  'pockets.criterion.giHigh': 'titik panas Gi* {confidence}% yang nilainya sendiri di atas rata-rata',
  'pockets.adjust.none': 'tanpa koreksi uji berganda',
  'pockets.adjust.fdr': 'koreksi FDR (Benjamini–Hochberg)',
  'pockets.adjust.bonferroni': 'koreksi Bonferroni',
  'pockets.rate.eb': 'persentase desil 1 yang dihaluskan (empirical Bayes)',
  'pockets.rate.raw': 'persentase desil 1 mentah',
  'pockets.gate.require': 'kantong hanya bila uji global signifikan',
  'pockets.gate.indicative': 'kantong ditampilkan sebagai indikatif bila uji global tidak signifikan',
  'pockets.settings':
    '{criterion}, α = {alpha}, {adjust}; kantong sedikitnya {minUnits} wilayah dan {minHouseholds} keluarga; {gate}; {rate}; {permutations} permutasi, seed {seed}; kestabilan dari {runs} ulangan',
  'pockets.stability.stable': 'stabil: ada di {share}% dari {runs} ulangan',
  'pockets.stability.unstable': 'kurang stabil: ada di {share}% dari {runs} ulangan',
} as const;

export const pocketsEn: Record<keyof typeof pocketsId, string> = {
  'pockets.none.noData': 'no pockets: no unit has at least {k} households',
  'pockets.none.tooFewUnits':
    'no pockets: only {count} units with at least {k} households can be analysed, and spatial tests need at least {min}',
  'pockets.none.noVariance':
    'no pockets: all {count} units have the same value ({value}%), there is no pattern to find',
  'pockets.none.noVarianceEb':
    "no pockets: after empirical-Bayes smoothing all {count} units equal the kabupaten's share ({value}%); the differences between units are no larger than chance",
  'pockets.none.noNeighbours':
    'no pockets: only {connected} of {count} units have neighbours, and spatial tests need at least {min} (try a larger distance tolerance)',
  'pockets.none.global':
    "no pockets: the global test shows no clustering (Moran's I = {I}, p = {p}, α = {alpha})",
  'pockets.none.globalCandidates':
    "no pockets: the global test shows no clustering (Moran's I = {I}, p = {p}, α = {alpha}); {count} group(s) can only be shown as indicative",
  'pockets.none.noSignificant': 'no pockets: no unit is significant ({criterion}, α = {alpha}, {adjust})',
  'pockets.none.tooSmall':
    'no pockets: {count} significant group(s), all below the minimum size ({minUnits} units and {minHouseholds} households)',
  'pockets.indicative':
    "indicative: the global test shows no clustering (Moran's I = {I}, p = {p}, α = {alpha}); these pockets are not an established finding",
  'pockets.global.supported': "the global test supports clustering (Moran's I = {I}, p = {p}, α = {alpha})",
  'pockets.pointsUsed':
    'hexagon statistics from geotagged households only: {used} of {total} households ({share}%) used',
  'pockets.criterion.lisa': 'LISA High–High',
  'pockets.criterion.gi': 'Gi* hot spot {confidence}%',
  'pockets.criterion.giHigh': 'Gi* hot spot {confidence}% whose own value is above the mean',
  'pockets.adjust.none': 'no multiple-testing correction',
  'pockets.adjust.fdr': 'FDR correction (Benjamini–Hochberg)',
  'pockets.adjust.bonferroni': 'Bonferroni correction',
  'pockets.rate.eb': 'desil-1 share smoothed by empirical Bayes',
  'pockets.rate.raw': 'raw desil-1 share',
  'pockets.gate.require': 'pockets only where the global test is significant',
  'pockets.gate.indicative': 'pockets shown as indicative where the global test is not significant',
  'pockets.settings':
    '{criterion}, α = {alpha}, {adjust}; pockets of at least {minUnits} units and {minHouseholds} households; {gate}; {rate}; {permutations} permutations, seed {seed}; stability from {runs} reruns',
  'pockets.stability.stable': 'stable: in {share}% of {runs} reruns',
  'pockets.stability.unstable': 'less stable: in {share}% of {runs} reruns',
};
